using System.Globalization;
using BioTransformer.Core;

namespace BioTransformer.Proteins.Structures;

/// <summary>
/// Reads one protein chain from a PDB-format file (fixed columns: ATOM/HETATM, MODEL, SEQRES);
/// see <see cref="ChainAssembler"/> for what is decided and reported. Bad records are an error
/// naming the line.
/// </summary>
public static class PdbReader
{
    public static ProteinChain Read(string path, string? chain = null)
    {
        var lines = CoordinateFiles.ReadLines(path);
        var atoms = new List<AtomRecord>();
        var seqres = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // Residue numbers have 4 columns: writers of large structures wrap them (9999 → 0) or switch to
        // hybrid-36 (A000 = 10000). A big drop within a chain is a wrap: later residues get +10,000.
        var numbering = new Dictionary<(int Model, string Chain), (int Last, int Offset)>();
        int model = 1;
        bool sawModel = false;
        string id = Path.GetFileNameWithoutExtension(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path);
        for (int k = 0; k < lines.Count; k++)
        {
            var line = lines[k];
            int lineNumber = k + 1;
            if (line.StartsWith("HEADER", StringComparison.Ordinal) && line.Length >= 66 && line.Substring(62, 4).Trim() is { Length: 4 } code) id = code;
            else if (line.StartsWith("MODEL", StringComparison.Ordinal))
            {
                var text = line.Length > 10 ? line[10..].Trim() : "";
                model = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : model + (sawModel ? 1 : 0);
                sawModel = true;
            }
            else if (line.StartsWith("SEQRES", StringComparison.Ordinal) && line.Length > 19)
            {
                var chainId = line.Length > 11 ? line[11].ToString().Trim() : "";
                if (!seqres.TryGetValue(chainId, out var names)) seqres[chainId] = names = [];
                names.AddRange(line[19..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (line.StartsWith("ATOM  ", StringComparison.Ordinal) || line.StartsWith("HETATM", StringComparison.Ordinal))
            {
                var atom = ParseAtom(path, lineNumber, line, model);
                var key = (model, atom.Chain);
                var (last, offset) = numbering.TryGetValue(key, out var n) ? n : (int.MinValue, 0);
                if (last != int.MinValue && atom.ResidueNumber < last - 5000) offset += 10_000;
                numbering[key] = (atom.ResidueNumber, offset);
                atoms.Add(offset == 0 ? atom : atom with { ResidueNumber = atom.ResidueNumber + offset });
            }
        }
        return ChainAssembler.Assemble(path, id, atoms, chain, c => seqres.TryGetValue(c, out var names) ? names : null);
    }

    private static AtomRecord ParseAtom(string path, int line, string text, int model)
    {
        if (text.Length < 54)
            throw InputException.At(path, line, $"ATOM/HETATM record is {text.Length} characters, too short for coordinates (columns 31-54)", "the file may be truncated");
        string Field(int start, int length) => start >= text.Length ? "" : text.Substring(start, Math.Min(length, text.Length - start));
        float Coordinate(int start, string axis)
        {
            var f = Field(start, 8).Trim();
            if (!float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                throw InputException.At(path, line, $"{axis} coordinate '{f}' (columns {start + 1}-{start + 8}) is not a number");
            return v;
        }
        var resSeq = Field(22, 4).Trim();
        int number;
        if (int.TryParse(resSeq, NumberStyles.Integer, CultureInfo.InvariantCulture, out var plain)) number = plain;
        else if (Hybrid36(resSeq) is { } decoded) number = decoded;
        else throw InputException.At(path, line, $"residue number '{resSeq}' (columns 23-26) is not an integer");
        var occupancyText = Field(54, 6).Trim();
        float occupancy = float.TryParse(occupancyText, NumberStyles.Float, CultureInfo.InvariantCulture, out var o) ? o : 1f;
        char alt = Field(16, 1) is { Length: 1 } a ? a[0] : ' ';
        char ins = Field(26, 1) is { Length: 1 } i ? i[0] : ' ';
        return new AtomRecord(line, model, Field(21, 1).Trim(), Field(17, 3).Trim(), number, ins, alt, Field(12, 4).Trim(),
            Coordinate(30, "x"), Coordinate(38, "y"), Coordinate(46, "z"), occupancy, text.StartsWith("HETATM", StringComparison.Ordinal));
    }

    /// <summary>
    /// A 4-character hybrid-36 residue number (Grosse-Kunstleve's scheme, used past 9999): A000–ZZZZ are
    /// 10,000 onwards, a000–zzzz follow; null when the text is not one.
    /// </summary>
    public static int? Hybrid36(string text)
    {
        if (text.Length != 4 || !char.IsAsciiLetter(text[0])) return null;
        bool upper = char.IsAsciiLetterUpper(text[0]);
        long value = 0;
        foreach (var c in text)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' when upper => c - 'A' + 10,
                >= 'a' and <= 'z' when !upper => c - 'a' + 10,
                _ => -1,
            };
            if (digit < 0) return null;
            value = value * 36 + digit;
        }
        const long blockStart = 10 * 36 * 36 * 36;   // "A000" in base 36
        long number = value - blockStart + 10_000 + (upper ? 0 : 26 * 36 * 36 * 36);
        return number is >= 10_000 and <= int.MaxValue ? (int)number : null;
    }
}
