using System.IO.Hashing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BioTransformer.Core;

/// <summary>
/// checksums.json in a folder: the XxHash64 of files written there (a model's weights, config and
/// vocabulary), verified before they are read, so a flipped byte or a file swapped from another run is
/// a one-line error naming the file rather than a silently different model.
/// </summary>
public static class FileChecksums
{
    public const string FileName = "checksums.json";

    /// <summary>Hashes <paramref name="files"/> (names inside <paramref name="folder"/>) and adds them to the folder's checksums.json.</summary>
    public static void Record(string folder, IEnumerable<string> files)
    {
        var record = Read(folder) ?? new JsonObject { ["algorithm"] = "xxhash64", ["files"] = new JsonObject() };
        var entries = record["files"]!.AsObject();
        foreach (var file in files) entries[file] = Hash(Path.Combine(folder, file));
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// Checks every file the folder's checksums.json lists. A folder without one (written before checksums
    /// existed) passes; a listed file that is missing or differs is an <see cref="InputException"/>.
    /// </summary>
    public static void Verify(string folder)
    {
        var record = Read(folder);
        if (record?["files"] is not JsonObject entries) return;
        foreach (var (file, expected) in entries)
        {
            var path = Path.Combine(folder, file);
            if (file.Contains('/') || file.Contains('\\') || file.Contains(".."))
                throw InputException.At(Path.Combine(folder, FileName), null, $"lists '{InputException.Abbreviate(file)}', which is not a file of this folder", "the folder was altered; use the folder a run wrote");
            if (!File.Exists(path))
                throw InputException.At(path, null, $"missing (listed in {FileName})", "copy the whole folder the run wrote");
            if (Hash(path) != (string?)expected)
                throw InputException.At(path, null, "checksum mismatch: the file is damaged or was changed after it was written",
                    "copy it again from the run that wrote it, or run again");
        }
    }

    /// <summary>XxHash64 of a file, as 16 hex digits.</summary>
    public static string Hash(string path)
    {
        var hash = new XxHash64();
        using var stream = File.OpenRead(path);
        hash.Append(stream);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private static JsonObject? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                   ?? throw InputException.At(path, null, "not a checksum record");
        }
        catch (JsonException e)
        {
            throw InputException.At(path, null, $"damaged checksum record: {e.Message}", "copy the whole folder the run wrote again");
        }
    }
}
