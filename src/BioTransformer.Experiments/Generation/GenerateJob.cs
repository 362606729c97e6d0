using System.Diagnostics;
using System.IO.Hashing;
using System.Text;
using BioTransformer.Core;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Generation;
using BioTransformer.Molecules.Generation;

namespace BioTransformer.Experiments.Generation;

/// <summary>What `generate` is asked to do.</summary>
/// <param name="ModelPath">A generation run directory or its model/ folder.</param>
/// <param name="Count">Rows to write: samples drawn, or with filters the samples that pass them.</param>
/// <param name="Condition">Value of the property a conditioned model is conditioned on; null for unconditional models.</param>
public sealed record GenerateRequest(
    string ModelPath,
    int Count,
    string OutputPath,
    string Device = "auto",
    int Threads = 0,
    SamplingOptions? Sampling = null,
    int Seed = 0,
    int BatchSize = 250,
    double? Condition = null,
    string Prefix = "",
    string Scaffold = "",
    bool ValidOnly = false,
    bool UniqueOnly = false,
    bool NovelOnly = false,
    Shard? Shard = null,
    bool Overwrite = false);

/// <summary>What `generate` did.</summary>
public sealed record GenerateSummary(int Sampled, int Written, int Valid, int Unique, int Novel, double Seconds, bool HitSampleLimit, string OutputPath)
{
    public double MoleculesPerSecond => Sampled / Math.Max(Seconds, 1e-9);
}

/// <summary>
/// Samples molecules from a trained generation model straight to a CSV (index, SMILES, validity, canonical
/// SMILES, novelty, descriptors), in constant memory: batches are written as they come, duplicates are
/// tracked by 64-bit hashes of canonical SMILES, and the file appears only when complete.
/// </summary>
public static class GenerateJob
{
    public static GenerateSummary Run(GenerateRequest request, Action<int, int>? progress = null)
    {
        if (request.Count < 1) throw new InputException($"-n must be at least 1, got {request.Count}");
        if (request.BatchSize < 1) throw new InputException($"--batch-size must be at least 1, got {request.BatchSize}");
        OutputFile.Check(request.OutputPath, [], request.Overwrite);
        var sampling = request.Sampling ?? new SamplingOptions();
        try
        {
            sampling.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
        var device = TorchRuntime.ResolveDevice(request.Device);
        TorchRuntime.SetThreads(request.Threads);
        var directory = Directory.Exists(Path.Combine(request.ModelPath, "model")) ? Path.Combine(request.ModelPath, "model") : request.ModelPath;
        if (Directory.Exists(directory) && ModelFiles.KindOf(directory) is var kind && kind != GenerationTask.Kind)
            throw InputException.At(directory, null, $"this is a '{kind}' model; generate needs a model trained with task = \"generation\"");
        var (model, vocabulary) = GenerationTask.LoadModel(directory, device);
        using var _ = model;
        var training = TrainingSetFile.Read(directory);
        bool conditioned = model.Config.Conditions.Count > 0;
        if (conditioned && request.Condition is null)
            throw new InputException($"this model is conditioned on {model.Config.Conditions[0]}: pass --condition VALUE");
        if (!conditioned && request.Condition is not null)
            throw new InputException("this model is not conditioned on a property: drop --condition");
        var prompt = GenerationPrompt.Build(vocabulary, model.Config.ScaffoldPrefix, request.Scaffold, request.Prefix);

        // Shard i of N: its share of the rows, its own seed, and indices i-1, i-1+N, ... so the shards' files
        // merge (merge-predictions, on the index column) into one deterministic file. Filters hold within a shard.
        var shard = request.Shard;
        int count = shard is null ? request.Count : request.Count / shard.Count + (shard.Index <= request.Count % shard.Count ? 1 : 0);
        int seed = shard is null || shard.Count == 1 ? request.Seed : unchecked(request.Seed * 1_000_003 + shard.Index);
        if (count == 0) throw new InputException($"--shard {shard}: -n {request.Count} leaves this shard no molecule; use fewer shards");
        bool filtering = request.ValidOnly || request.UniqueOnly || request.NovelOnly;
        // With filters, sampling goes on until Count rows pass, up to a limit so a model that never passes stops.
        int limit = filtering ? (int)Math.Min(int.MaxValue, Math.Max(10L * count, count + 100_000L)) : count;
        var generator = new MoleculeGenerator(model, vocabulary, device);
        var seen = new HashSet<ulong>();
        int sampled = 0, written = 0, valid = 0, unique = 0, novel = 0;
        var clock = Stopwatch.StartNew();
        string[] header = ["index", "smiles", "valid", "canonical_smiles", "novel", "finished", "condition", .. GenerationMetrics.PropertyNames];

        CsvOutput.Write(request.OutputPath, header, Rows());
        return new GenerateSummary(sampled, written, valid, unique, novel, clock.Elapsed.TotalSeconds, written < count, request.OutputPath);

        IEnumerable<IReadOnlyList<string>> Rows()
        {
            var stream = generator.Generate(limit, prompt, sampling, request.BatchSize, seed,
                conditioned ? _ => request.Condition!.Value : null, n => progress?.Invoke(n, written));
            foreach (var m in stream)
            {
                sampled++;
                bool isNew = false, isNovel = false;
                if (m.Valid)
                {
                    valid++;
                    isNew = seen.Add(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(m.Canonical!)));
                    if (isNew) unique++;
                    isNovel = !training.Contains(m.Canonical!);
                    if (isNew && isNovel) novel++;
                }
                if ((request.ValidOnly && !m.Valid) || (request.UniqueOnly && !isNew) || (request.NovelOnly && !isNovel)) continue;
                written++;
                int index = shard is null ? written - 1 : (written - 1) * shard.Count + shard.Index - 1;
                yield return GenerationTask.SampleRow(m with { Index = index }, training);
                if (written == count) yield break;
            }
        }
    }
}
