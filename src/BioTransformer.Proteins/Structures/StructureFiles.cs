using BioTransformer.Core;

namespace BioTransformer.Proteins.Structures;

/// <summary>Reads protein chains from any supported file, chosen by extension (.gz allowed).</summary>
public static class StructureFiles
{
    public static bool IsPdb(string path) => Stem(path).EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) || Stem(path).EndsWith(".ent", StringComparison.OrdinalIgnoreCase);

    public static bool IsMmcif(string path) => Stem(path).EndsWith(".cif", StringComparison.OrdinalIgnoreCase) || Stem(path).EndsWith(".mmcif", StringComparison.OrdinalIgnoreCase);

    public static bool IsJsonLines(string path) => Stem(path).EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    public static bool IsFasta(string path) => Stem(path) is var s && (s.EndsWith(".fasta", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".fa", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".faa", StringComparison.OrdinalIgnoreCase));

    /// <summary>Every chain of the file: one for PDB/mmCIF (the selected chain), all records for JSON lines and FASTA.</summary>
    public static IReadOnlyList<ProteinChain> Read(string path, string? chain = null)
    {
        if (IsPdb(path)) return [PdbReader.Read(path, chain)];
        if (IsMmcif(path)) return [MmcifReader.Read(path, chain)];
        if (IsJsonLines(path)) return StructureJsonLines.Read(path);
        if (IsFasta(path)) return FastaReader.Read(path);
        throw InputException.At(path, null, "unknown file type", "use .fasta/.fa, .jsonl (structures), .pdb/.ent or .cif (optionally .gz)");
    }

    private static string Stem(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
}
