using BioTransformer.Core;

namespace BioTransformer.Proteins.Structures;

/// <summary>
/// Turns the atom records of a coordinate file into one <see cref="ProteinChain"/>: the first model,
/// the requested (or first protein) chain, one conformer per residue (highest occupancy among
/// alternate locations), residues in file order (insertion codes kept), modified residues mapped to
/// their parent amino acid, ligands and water dropped, and — when the file lists the full sequence —
/// residues without coordinates put back with NaN coordinates so their contacts are masked. Every
/// such decision is recorded in the chain's notes.
/// </summary>
public static class ChainAssembler
{
    private sealed class Residue(string name, int number, char insertion, char code, bool standard)
    {
        public string Name { get; } = name;
        public int Number { get; } = number;
        public char Insertion { get; } = insertion;
        public char Code { get; } = code;
        public bool Standard { get; } = standard;
        public Dictionary<string, AtomRecord> Atoms { get; } = new(StringComparer.Ordinal);
        public bool HadAltLocs { get; set; }
    }

    /// <param name="fullSequence">Residue names of the chain's full sequence (SEQRES or the poly-seq scheme), or null.</param>
    public static ProteinChain Assemble(string path, string id, IReadOnlyList<AtomRecord> atoms, string? chain,
        Func<string, IReadOnlyList<string>?> fullSequence)
    {
        var notes = new List<string>();
        if (atoms.Count == 0) throw InputException.At(path, null, "no atom records (ATOM/HETATM or _atom_site)", "is this a coordinate file?");
        int firstModel = atoms[0].Model;
        int models = atoms.Select(a => a.Model).Distinct().Count();
        if (models > 1) notes.Add($"{models} models; the first (model {firstModel}) is used");
        var model = atoms.Where(a => a.Model == firstModel).ToList();

        var proteinChains = model.Where(a => Residues.Lookup(a.ResidueName) is not null && a.Atom == "CA").Select(a => a.Chain).Distinct().ToList();
        if (proteinChains.Count == 0)
            throw InputException.At(path, null, model.All(a => a.Hetero)
                ? "only HETATM records (ligands, water), no protein residues"
                : "no amino-acid residues with a CA atom", "contacts need a protein chain");
        string selected = chain ?? proteinChains[0];
        if (!proteinChains.Contains(selected))
            throw InputException.At(path, null, $"chain '{selected}' has no protein residues", $"chains with protein residues: {string.Join(", ", proteinChains)}");
        if (chain is null && proteinChains.Count > 1) notes.Add($"chains {string.Join(", ", proteinChains)}; the first ({selected}) is used (choose with --chain)");

        // Residues in file order, keyed by number and insertion code.
        var residues = new List<Residue>();
        var byKey = new Dictionary<(int, char), Residue>();
        int skippedHetero = 0, unknown = 0;
        var modified = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in model.Where(a => a.Chain == selected))
        {
            if (!byKey.TryGetValue((a.ResidueNumber, a.InsertionCode), out var residue))
            {
                var code = Residues.Lookup(a.ResidueName);
                if (code is null)
                {
                    if (a.Hetero) skippedHetero++;
                    else unknown++;
                    if (a.Hetero) continue;
                    code = ('X', false);
                }
                residue = new Residue(a.ResidueName, a.ResidueNumber, a.InsertionCode, code.Value.Code, code.Value.Standard);
                byKey[(a.ResidueNumber, a.InsertionCode)] = residue;
                residues.Add(residue);
                if (!code.Value.Standard && code.Value.Code != 'X') modified[a.ResidueName] = modified.GetValueOrDefault(a.ResidueName) + 1;
            }
            if (residue.Atoms.TryGetValue(a.Atom, out var existing))
            {
                residue.HadAltLocs = true;
                if (a.Occupancy > existing.Occupancy) residue.Atoms[a.Atom] = a;
            }
            else residue.Atoms[a.Atom] = a;
        }
        var alt = residues.Count(r => r.HadAltLocs);
        if (alt > 0) notes.Add($"{alt} residues have alternate locations; the highest-occupancy one is used");
        var insertions = residues.Count(r => r.Insertion != ' ');
        if (insertions > 0) notes.Add($"{insertions} residues carry insertion codes; kept in file order");
        if (modified.Count > 0) notes.Add("modified residues mapped to their parent: " + string.Join(", ", modified.Select(kv => $"{kv.Key} x{kv.Value}")));
        if (unknown > 0) notes.Add($"{residues.Count(r => r.Code == 'X' && !r.Standard)} residues of unknown type read as X");
        if (skippedHetero > 0) notes.Add("ligands and water (HETATM, not amino acids) are left out");

        // Full sequence: align the observed residues to it so unobserved ones come back, masked.
        var full = fullSequence(selected);
        var observed = residues.Select(r => r.Code).ToArray();
        int[] slot;
        string sequence;
        if (full is { Count: > 0 } && Align(observed, full.Select(n => Residues.Lookup(n)?.Code ?? 'X').ToArray()) is { } mapping)
        {
            slot = mapping;
            sequence = new string(full.Select(n => Residues.Lookup(n)?.Code ?? 'X').ToArray());
            int missing = full.Count - residues.Count;
            if (missing > 0) notes.Add($"{missing} residues of the full sequence have no coordinates; their contacts are masked");
        }
        else
        {
            slot = Enumerable.Range(0, residues.Count).ToArray();
            sequence = new string(observed);
            if (full is { Count: > 0 }) notes.Add("the file's full sequence does not match the observed residues; only observed residues are used");
            for (int k = 1; k < residues.Count; k++)
            {
                int gap = residues[k].Number - residues[k - 1].Number - 1;
                if (gap > 0 && residues[k].Insertion == ' ' && residues[k - 1].Insertion == ' ')
                    notes.Add($"residues {residues[k - 1].Number + 1}-{residues[k].Number - 1} are missing (numbering gap; not in the sequence)");
            }
        }

        int length = sequence.Length;
        var ca = new float[length, 3];
        var cb = new float[length, 3];
        for (int i = 0; i < length; i++)
            for (int d = 0; d < 3; d++) ca[i, d] = cb[i, d] = float.NaN;
        int noCa = 0, virtualCb = 0;
        for (int k = 0; k < residues.Count; k++)
        {
            var r = residues[k];
            int i = slot[k];
            if (!r.Atoms.TryGetValue("CA", out var caAtom))
            {
                noCa++;
                continue;
            }
            Set(ca, i, (caAtom.X, caAtom.Y, caAtom.Z));
            if (r.Atoms.TryGetValue("CB", out var cbAtom)) Set(cb, i, (cbAtom.X, cbAtom.Y, cbAtom.Z));
            else if (r.Code == 'G') Set(cb, i, (caAtom.X, caAtom.Y, caAtom.Z));
            else if (r.Atoms.TryGetValue("N", out var n) && r.Atoms.TryGetValue("C", out var c))
            {
                Set(cb, i, Residues.VirtualCb((n.X, n.Y, n.Z), (caAtom.X, caAtom.Y, caAtom.Z), (c.X, c.Y, c.Z)));
                virtualCb++;
            }
        }
        if (noCa > 0) notes.Add($"{noCa} residues have no CA atom; their contacts are masked");
        if (virtualCb > 0) notes.Add($"{virtualCb} residues lack a CB atom; a virtual CB from N, CA, C is used");
        return new ProteinChain(id, selected, sequence, ca, cb, "", notes);
    }

    private static void Set(float[,] m, int i, (float X, float Y, float Z) p)
    {
        m[i, 0] = p.X;
        m[i, 1] = p.Y;
        m[i, 2] = p.Z;
    }

    /// <summary>
    /// Places each observed residue on a position of the full sequence, in order, maximising identical
    /// pairs (gaps allowed in the observed residues only). Null when more than a tenth of the observed
    /// residues would be mismatched: then the two do not describe the same chain.
    /// </summary>
    internal static int[]? Align(char[] observed, char[] full)
    {
        int n = observed.Length, m = full.Length;
        if (n == 0 || n > m || (long)n * m > 25_000_000) return null;
        // score[i, j]: best matches placing observed[0..i) within full[0..j).
        var score = new int[n + 1, m + 1];
        for (int i = 1; i <= n; i++)
        {
            score[i, i - 1] = int.MinValue / 2;
            for (int j = i; j <= m; j++)
            {
                int place = score[i - 1, j - 1] + (observed[i - 1] == full[j - 1] ? 1 : 0);
                int skip = j - 1 >= i ? score[i, j - 1] : int.MinValue / 2;
                score[i, j] = Math.Max(place, skip);
            }
        }
        if (n - score[n, m] > n / 10) return null;
        var slot = new int[n];
        for (int i = n, j = m; i > 0; j--)
        {
            int place = score[i - 1, j - 1] + (observed[i - 1] == full[j - 1] ? 1 : 0);
            if (score[i, j] == place) slot[--i] = j - 1;
        }
        return slot;
    }
}
