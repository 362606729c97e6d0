namespace BioTransformer.Molecules.Smarts;

/// <summary>
/// A SMARTS substructure query (Daylight syntax): atom primitives *, a, A, element symbols (aromatic
/// lower case, aliphatic upper case), #n, isotope, H/h (total/implicit hydrogens), D (explicit
/// connections), X (total connections), v (total valence), R/r/x (ring membership count, smallest
/// ring size, ring connectivity), charge, recursive $(...); bond primitives - = # : ~ @ / \ and the
/// logical operators ! &amp; , ; with Daylight precedence. Chirality and atom maps are accepted and
/// ignored. Used by the descriptors, whose published atom typings are written in SMARTS.
/// </summary>
public sealed class SmartsPattern
{
    private readonly SmartsQuery query;

    private SmartsPattern(string text, SmartsQuery query)
    {
        Text = text;
        this.query = query;
    }

    public string Text { get; }

    public int AtomCount => query.Atoms.Count;

    internal static SmartsPattern FromQuery(string text, SmartsQuery query) => new(text, query);

    /// <exception cref="FormatException">The SMARTS is malformed (names the position).</exception>
    public static SmartsPattern Parse(string smarts) => new(smarts, SmartsParser.Parse(smarts));

    /// <summary>Whether the pattern occurs in the molecule (prepared: hydrogens folded, aromaticity perceived).</summary>
    public bool IsMatch(MatchTarget target) => new Matcher(query, target).FindAll(firstAtom: -1, stopAfterFirst: true).Count > 0;

    /// <summary>Whether the pattern matches with its first atom on <paramref name="atom"/>.</summary>
    public bool MatchesAt(MatchTarget target, int atom) => new Matcher(query, target).FindAll(atom, stopAfterFirst: true).Count > 0;

    /// <summary>
    /// All matches as target atom indices per query atom. With <paramref name="unique"/>, matches that
    /// cover the same set of atoms are reported once (RDKit's default for substructure counts).
    /// </summary>
    public IReadOnlyList<int[]> Matches(MatchTarget target, bool unique = true)
    {
        var all = new Matcher(query, target).FindAll(firstAtom: -1, stopAfterFirst: false);
        if (!unique) return all;
        var seen = new HashSet<string>();
        var result = new List<int[]>();
        foreach (var m in all)
            if (seen.Add(string.Join(',', m.Order()))) result.Add(m);
        return result;
    }

    /// <summary>Backtracking subgraph matcher (query atoms in parse order, which is connected order).</summary>
    private sealed class Matcher(SmartsQuery query, MatchTarget target)
    {
        private readonly List<int[]> results = [];
        private int[] map = [];
        private bool[] used = [];
        private bool stop;

        public List<int[]> FindAll(int firstAtom, bool stopAfterFirst)
        {
            int n = query.Atoms.Count;
            if (n == 0) return results;
            map = new int[n];
            Array.Fill(map, -1);
            used = new bool[target.Molecule.AtomCount];
            stop = false;
            if (firstAtom >= 0)
            {
                if (query.Atoms[0].Matches(target, firstAtom)) Place(0, firstAtom, stopAfterFirst);
            }
            else
                for (int a = 0; a < target.Molecule.AtomCount && !stop; a++)
                    if (query.Atoms[0].Matches(target, a)) Place(0, a, stopAfterFirst);
            return results;
        }

        private void Place(int q, int a, bool stopAfterFirst)
        {
            map[q] = a;
            used[a] = true;
            // bonds from q to earlier query atoms must exist and match
            bool ok = true;
            foreach (var (other, bond) in query.Neighbors[q])
            {
                if (other > q || map[other] < 0) continue;
                int b = target.Molecule.BondIndexBetween(a, map[other]);
                if (b < 0 || !bond.Matches(target, b)) { ok = false; break; }
            }
            if (ok)
            {
                if (q == query.Atoms.Count - 1)
                {
                    results.Add((int[])map.Clone());
                    if (stopAfterFirst) stop = true;
                }
                else Extend(q + 1, stopAfterFirst);
            }
            used[a] = false;
            map[q] = -1;
        }

        private void Extend(int q, bool stopAfterFirst)
        {
            // Candidates: neighbours of an already-placed query neighbour, else every atom (new component).
            int anchor = -1;
            foreach (var (other, _) in query.Neighbors[q])
                if (other < q && map[other] >= 0) { anchor = map[other]; break; }
            var mol = target.Molecule;
            if (anchor >= 0)
            {
                foreach (var b in mol.BondsOf(anchor))
                {
                    if (stop) return;
                    int a = mol.Bonds[b].Other(anchor);
                    if (!used[a] && query.Atoms[q].Matches(target, a)) Place(q, a, stopAfterFirst);
                }
            }
            else
                for (int a = 0; a < mol.AtomCount && !stop; a++)
                    if (!used[a] && query.Atoms[q].Matches(target, a)) Place(q, a, stopAfterFirst);
        }
    }
}
