using System.IO.Compression;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Benchmarks.Fuzzing;

/// <summary>The file readers the fuzz harness attacks, each with seed files from the repository.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["fasta", "pdb", "mmcif", "jsonl", "toml"];

    /// <param name="root">The repository root (seeds come from datasets/, experiments/ and the test fixtures).</param>
    public static FileFuzzer.Target For(string name, string root)
    {
        string Fixture(string file) => Path.Combine(root, "tests", "BioTransformer.Tests", "Fixtures", file);
        return name switch
        {
            "fasta" => new("fasta", ".fasta", FastaSeeds(Path.Combine(root, "datasets", "uniprot", "uniprot_2k.fasta.gz")), p => FastaReader.Read(p)),
            "pdb" => new("pdb", ".pdb", [File.ReadAllText(Fixture("proteins/fixture.pdb")), File.ReadAllText(Fixture("proteins/hetatm_only.pdb"))],
                p => PdbReader.Read(p)),
            "mmcif" => new("mmcif", ".cif", [File.ReadAllText(Fixture("proteins/fixture.cif"))], p => MmcifReader.Read(p)),
            "jsonl" => new("jsonl", ".jsonl", Chunks(File.ReadAllLines(Fixture("proteins/tiny_structures.jsonl")), 3), p => StructureJsonLines.Read(p)),
            "toml" => new("toml", ".toml", ManifestSeeds(root), p => ManifestLoader.Load(p)),
            _ => throw new ArgumentException($"unknown fuzz target '{name}' (known: {string.Join(", ", Names)})"),
        };
    }

    /// <summary>Groups of 1–4 consecutive UniProt records.</summary>
    private static List<string> FastaSeeds(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var records = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var line = reader.ReadLine(); line is not null && records.Count < 200; line = reader.ReadLine())
        {
            if (line.StartsWith('>') && current.Length > 0)
            {
                records.Add(current.ToString());
                current.Clear();
            }
            current.Append(line).Append('\n');
        }
        return [.. Enumerable.Range(0, records.Count / 4).Select(i => string.Concat(records.Skip(i * 4).Take(1 + i % 4)))];
    }

    private static List<string> Chunks(string[] lines, int size) =>
        [.. Enumerable.Range(0, lines.Length / size).Select(i => string.Join('\n', lines.Skip(i * size).Take(size)))];

    /// <summary>The shipped manifests with their data paths made absolute, so mutated copies reach the deeper checks.</summary>
    private static List<string> ManifestSeeds(string root) =>
        [.. Directory.GetFiles(Path.Combine(root, "experiments"), "*.toml").Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f).Replace("\"../", $"\"{root}/"))];
}
