using System.Globalization;
using System.Text;
using BioTransformer.Core;

namespace BioTransformer.Proteins.Structures;

/// <summary>
/// Reads one protein chain from an mmCIF file: the _atom_site loop (author chain ids and residue
/// numbers, as PDB files use) and, when present, _pdbx_poly_seq_scheme for the full sequence. See
/// <see cref="ChainAssembler"/> for the decisions made and reported.
/// </summary>
public static class MmcifReader
{
    public static ProteinChain Read(string path, string? chain = null)
    {
        var lines = CoordinateFiles.ReadLines(path);
        var (items, loops) = Parse(path, lines);
        var id = items.TryGetValue("_entry.id", out var entry) ? entry.Value : Path.GetFileNameWithoutExtension(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path);

        var sites = loops.FirstOrDefault(l => l.Category == "_atom_site")
            ?? throw InputException.At(path, null, "no _atom_site loop", "is this an mmCIF coordinate file?");
        int Column(params string[] names)
        {
            foreach (var name in names)
            {
                int i = sites.Tags.IndexOf("_atom_site." + name);
                if (i >= 0) return i;
            }
            return -1;
        }
        int group = Column("group_PDB"), atom = Column("auth_atom_id", "label_atom_id"), alt = Column("label_alt_id"),
            residue = Column("auth_comp_id", "label_comp_id"), chainColumn = Column("auth_asym_id", "label_asym_id"),
            number = Column("auth_seq_id", "label_seq_id"), insertion = Column("pdbx_PDB_ins_code"), x = Column("Cartn_x"), y = Column("Cartn_y"),
            z = Column("Cartn_z"), occupancy = Column("occupancy"), model = Column("pdbx_PDB_model_num");
        foreach (var (name, index) in new[] { ("atom name", atom), ("residue name", residue), ("chain id", chainColumn), ("residue number", number), ("Cartn_x", x), ("Cartn_y", y), ("Cartn_z", z) })
            if (index < 0) throw InputException.At(path, sites.Line, $"_atom_site lacks the {name} column");

        var atoms = new List<AtomRecord>(sites.Rows.Count);
        foreach (var (row, line) in sites.Rows)
        {
            float Number(int column, string what)
            {
                if (!float.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                    throw InputException.At(path, line, $"{what} '{row[column]}' is not a number");
                return v;
            }
            var numberText = row[number];
            if (!int.TryParse(numberText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var residueNumber))
            {
                if (numberText is "." or "?") continue; // non-polymer without a sequence number
                throw InputException.At(path, line, $"residue number '{numberText}' is not an integer");
            }
            static char Char(string s) => s is "." or "?" || s.Length == 0 ? ' ' : s[0];
            atoms.Add(new AtomRecord(line,
                model >= 0 && int.TryParse(row[model], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : 1,
                row[chainColumn], row[residue], residueNumber, insertion >= 0 ? Char(row[insertion]) : ' ', alt >= 0 ? Char(row[alt]) : ' ',
                row[atom].Trim('"'), Number(x, "Cartn_x"), Number(y, "Cartn_y"), Number(z, "Cartn_z"),
                occupancy >= 0 && float.TryParse(row[occupancy], NumberStyles.Float, CultureInfo.InvariantCulture, out var o) ? o : 1f,
                group >= 0 && row[group] == "HETATM"));
        }

        var scheme = loops.FirstOrDefault(l => l.Category == "_pdbx_poly_seq_scheme");
        IReadOnlyList<string>? FullSequence(string chainId)
        {
            if (scheme is null) return null;
            int strand = scheme.Tags.IndexOf("_pdbx_poly_seq_scheme.pdb_strand_id"), mon = scheme.Tags.IndexOf("_pdbx_poly_seq_scheme.mon_id");
            if (strand < 0 || mon < 0) return null;
            return scheme.Rows.Where(r => r.Values[strand] == chainId).Select(r => r.Values[mon]).ToList();
        }
        return ChainAssembler.Assemble(path, id, atoms, chain, FullSequence);
    }

    /// <summary>A loop: its category, tags and rows (each with the line of its first value).</summary>
    internal sealed record Loop(string Category, List<string> Tags, List<(string[] Values, int Line)> Rows, int Line);

    /// <summary>Single items (tag → value, line) and loops of a CIF file (the first data block).</summary>
    internal static (Dictionary<string, (string Value, int Line)> Items, List<Loop> Loops) Parse(string path, IReadOnlyList<string> lines)
    {
        var tokens = Tokenize(path, lines);
        var items = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var loops = new List<Loop>();
        int k = 0;
        while (k < tokens.Count)
        {
            var (text, line, quoted) = tokens[k];
            if (!quoted && text.StartsWith("data_", StringComparison.OrdinalIgnoreCase))
            {
                if (items.Count > 0 || loops.Count > 0) break; // only the first data block
                k++;
            }
            else if (!quoted && text.Equals("loop_", StringComparison.OrdinalIgnoreCase))
            {
                k++;
                var tags = new List<string>();
                while (k < tokens.Count && !tokens[k].Quoted && tokens[k].Text.StartsWith('_')) tags.Add(tokens[k++].Text);
                if (tags.Count == 0) throw InputException.At(path, line, "loop_ without tags");
                var values = new List<(string Text, int Line)>();
                while (k < tokens.Count && (tokens[k].Quoted || !(tokens[k].Text.StartsWith('_') || tokens[k].Text.Equals("loop_", StringComparison.OrdinalIgnoreCase)
                                                                 || tokens[k].Text.StartsWith("data_", StringComparison.OrdinalIgnoreCase))))
                    values.Add((tokens[k].Text, tokens[k++].Line));
                if (values.Count % tags.Count != 0)
                    throw InputException.At(path, values.Count > 0 ? values[^1].Line : line,
                        $"loop of {tags[0].Split('.')[0]} has {values.Count} values, not a multiple of its {tags.Count} columns", "the file may be truncated");
                var rows = new List<(string[], int)>(values.Count / tags.Count);
                for (int r = 0; r < values.Count; r += tags.Count)
                    rows.Add((values.Skip(r).Take(tags.Count).Select(v => v.Text).ToArray(), values[r].Line));
                loops.Add(new Loop(tags[0].Split('.')[0], tags, rows, line));
            }
            else if (!quoted && text.StartsWith('_'))
            {
                if (k + 1 >= tokens.Count) throw InputException.At(path, line, $"tag {text} has no value", "the file may be truncated");
                items[text] = (tokens[k + 1].Text, tokens[k + 1].Line);
                k += 2;
            }
            else throw InputException.At(path, line, $"unexpected value '{Abbreviate(text)}' outside a loop");
        }
        return (items, loops);
    }

    private static List<(string Text, int Line, bool Quoted)> Tokenize(string path, IReadOnlyList<string> lines)
    {
        var tokens = new List<(string, int, bool)>();
        for (int n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (line.StartsWith(';'))
            {
                // Text field: from after ';' to a line that starts with ';'.
                var text = new StringBuilder(line[1..]);
                int start = n;
                while (++n < lines.Count && !lines[n].StartsWith(';')) text.Append('\n').Append(lines[n]);
                if (n >= lines.Count) throw InputException.At(path, start + 1, "text field (';') is never closed", "the file may be truncated");
                tokens.Add((text.ToString(), start + 1, true));
                continue;
            }
            int i = 0;
            while (i < line.Length)
            {
                char c = line[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c == '#') break;
                if (c is '\'' or '"')
                {
                    int end = i + 1;
                    while (end < line.Length && !(line[end] == c && (end + 1 == line.Length || char.IsWhiteSpace(line[end + 1])))) end++;
                    if (end >= line.Length) throw InputException.At(path, n + 1, $"quoted value starting at column {i + 1} is never closed");
                    tokens.Add((line[(i + 1)..end], n + 1, true));
                    i = end + 1;
                    continue;
                }
                int stop = i;
                while (stop < line.Length && !char.IsWhiteSpace(line[stop])) stop++;
                tokens.Add((line[i..stop], n + 1, false));
                i = stop;
            }
        }
        return tokens;
    }

    private static string Abbreviate(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
