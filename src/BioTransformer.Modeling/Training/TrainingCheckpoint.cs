using System.Text;
using System.Text.Json;
using BioTransformer.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// Everything a <see cref="TrainingLoop"/> needs to continue a run exactly where it stopped: the model's
/// and the best epoch's weights, AdamW's moments, the position in the schedule and in the epoch's batch
/// order, the early-stopping state, the epochs so far, and the torch random state (dropout). The
/// batch-order and masking generators (System.Random) are not stored: a resumed loop replays them, which
/// is cheap and exact. One file, written to a temporary name and renamed, so a kill at any moment leaves
/// either the previous checkpoint or the new one, never a mixture.
/// </summary>
public sealed class TrainingCheckpoint
{
    private const string Magic = "BioTransformer training checkpoint";

    /// <summary>2: a checksum trailer (XxHash64 of everything before it, then <see cref="TrailerMagic"/>) ends the file.</summary>
    private const int FormatVersion = 2;

    private static readonly byte[] TrailerMagic = "BTCKSUM1"u8.ToArray();

    /// <summary>The epoch in progress (1-based) and how many of its batches are done.</summary>
    public required int Epoch { get; init; }
    public required int BatchesDone { get; init; }
    /// <summary>Optimiser steps done over the whole run (the schedule's position).</summary>
    public required long Step { get; init; }
    /// <summary>Sum of this epoch's batch losses and its token count so far.</summary>
    public required double LossSum { get; init; }
    public required long Tokens { get; init; }
    public required double BestScore { get; init; }
    public required int BestEpoch { get; init; }
    public required int EpochsWithoutGain { get; init; }
    /// <summary>Training finished (the loop returned); a resume goes straight to what follows training.</summary>
    public required bool Completed { get; init; }
    public required bool StoppedEarly { get; init; }
    public required IReadOnlyList<EpochSummary> History { get; init; }
    /// <summary>Training seconds before this checkpoint (the estimate of time left keeps counting from them).</summary>
    public required double Seconds { get; init; }

    /// <summary>Writes the state with the model, best weights, optimiser and torch RNG state, atomically.</summary>
    public void Save(string path, nn.Module model, Dictionary<string, Tensor>? bestWeights, OptimizerHelper optimizer)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        AtomicFile.Write(path, temp =>
        {
            using var stream = File.Create(temp);
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(this, JsonOptions));
            model.save(writer);
            writer.Write(bestWeights is not null);
            if (bestWeights is not null)
            {
                writer.Write(bestWeights.Count);
                foreach (var (name, tensor) in bestWeights)
                {
                    writer.Write(name);
                    tensor.Save(writer);
                }
            }
            optimizer.save_state_dict(writer);
            using var rng = get_rng_state();
            rng.Save(writer);
            writer.Flush();
            // A flipped byte in the weights or the optimiser state must not resume silently into another run.
            stream.Position = 0;
            var hash = new System.IO.Hashing.XxHash64();
            hash.Append(stream);
            writer.Write(hash.GetCurrentHash());
            writer.Write(TrailerMagic);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// Reads a checkpoint into <paramref name="model"/> and <paramref name="optimizer"/> and restores the torch
    /// random state; returns the loop state and the best weights (null before the first epoch ended).
    /// A file of another model or a damaged file is a one-line <see cref="CheckpointException"/>.
    /// </summary>
    public static (TrainingCheckpoint State, Dictionary<string, Tensor>? BestWeights) Load(string path, nn.Module model, OptimizerHelper optimizer)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic) throw new CheckpointException(path, "not a training checkpoint");
            int version = reader.ReadInt32();
            if (version is not (1 or FormatVersion))
                throw new CheckpointException(path, $"checkpoint format {version}, this version reads {FormatVersion}", otherVersion: true);
            if (version >= 2) VerifyChecksum(path, stream);   // format 1 (before checksums) is read as it was
            var state = JsonSerializer.Deserialize<TrainingCheckpoint>(reader.ReadString(), JsonOptions)
                        ?? throw new CheckpointException(path, "the checkpoint's state is empty");
            model.load(reader);
            Dictionary<string, Tensor>? best = null;
            if (reader.ReadBoolean())
            {
                int count = reader.ReadInt32();
                best = new Dictionary<string, Tensor>(count);
                for (int i = 0; i < count; i++)
                {
                    var name = reader.ReadString();
                    Tensor? tensor = null;
                    TensorExtensionMethods.Load(ref tensor, reader);
                    best[name] = tensor!;
                }
            }
            optimizer.load_state_dict(reader);
            Tensor? rng = null;
            TensorExtensionMethods.Load(ref rng, reader);
            set_rng_state(rng!);
            rng!.Dispose();
            return (state, best);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or InvalidDataException or JsonException)
        {
            throw new CheckpointException(path, $"cannot read the checkpoint (it belongs to another model or is damaged): {e.Message}");
        }
    }

    /// <summary>Compares the trailer with the XxHash64 of everything before it; leaves the stream where it was.</summary>
    private static void VerifyChecksum(string path, FileStream stream)
    {
        long resume = stream.Position, length = stream.Length, body = length - 8 - TrailerMagic.Length;
        if (body <= 0) throw new CheckpointException(path, "the checkpoint is truncated");
        var trailer = new byte[8 + TrailerMagic.Length];
        stream.Position = body;
        stream.ReadExactly(trailer);
        if (!trailer.AsSpan(8).SequenceEqual(TrailerMagic))
            throw new CheckpointException(path, "the checkpoint has no checksum trailer: it is truncated or damaged");
        stream.Position = 0;
        var hash = new System.IO.Hashing.XxHash64();
        var buffer = new byte[1 << 20];
        for (long left = body; left > 0;)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n <= 0) throw new EndOfStreamException();
            hash.Append(buffer.AsSpan(0, n));
            left -= n;
        }
        if (!hash.GetCurrentHash().AsSpan().SequenceEqual(trailer.AsSpan(0, 8)))
            throw new CheckpointException(path, "checksum mismatch: the checkpoint is damaged (a byte of the weights or optimiser state changed); resuming from it would train a different model");
        stream.Position = resume;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // NaN scores (no validation set yet) must survive the round trip.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
