using System.Text;

namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// Writes a molecule as SMILES by depth-first traversal. Where to start and which neighbour to visit
/// first come from a priority per atom (lower first): canonical ranks give canonical SMILES, random
/// priorities give randomized SMILES. Aromatic atoms are written in lower case; atoms go in brackets
/// only when the organic-subset form would read back differently; tetrahedral stereo is rewritten
/// for the output neighbour order and cis/trans bonds get '/' and '\' that reproduce their configuration.
/// </summary>
internal sealed class SmilesWriter
{
    private static readonly HashSet<int> OrganicSubset = [5, 6, 7, 8, 9, 15, 16, 17, 35, 53];
    private static readonly HashSet<int> AromaticOrganic = [5, 6, 7, 8, 15, 16];

    private readonly Molecule mol;
    private readonly int[] priority;
    private readonly bool[] writeChirality;
    private readonly bool[] writeDoubleBond; // per DoubleBondStereo entry
    private readonly int n;

    // Traversal, from pass 1.
    private readonly int[] preorder;
    private readonly int[] parentBond;
    private readonly List<int>[] children;
    private readonly List<int>[] closuresAt; // ring-closure bond indices at each atom, in written order
    private readonly int[] ringOpener;       // per bond: opener atom of a ring-closure bond, -1 otherwise
    private readonly List<int> roots = [];
    private readonly BondDirection[] symbolDirection; // per bond: '/' or '\' to write (read from the written-first atom)

    private SmilesWriter(Molecule mol, int[] priority, bool[] writeChirality, bool[] writeDoubleBond)
    {
        this.mol = mol;
        this.priority = priority;
        this.writeChirality = writeChirality;
        this.writeDoubleBond = writeDoubleBond;
        n = mol.AtomCount;
        preorder = new int[n];
        Array.Fill(preorder, -1);
        parentBond = new int[n];
        Array.Fill(parentBond, -1);
        children = new List<int>[n];
        closuresAt = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            children[i] = [];
            closuresAt[i] = [];
        }
        ringOpener = new int[mol.Bonds.Count];
        Array.Fill(ringOpener, -1);
        symbolDirection = new BondDirection[mol.Bonds.Count];
    }

    public static string Write(Molecule mol, int[] priority, bool[] writeChirality, bool[] writeDoubleBond)
    {
        var writer = new SmilesWriter(mol, priority, writeChirality, writeDoubleBond);
        writer.Traverse();
        writer.AssignDoubleBondDirections();
        return writer.Emit();
    }

    private void Traverse()
    {
        var byPriority = Enumerable.Range(0, n).OrderBy(a => priority[a]).ToArray();
        int counter = 0;
        var bondUsed = new bool[mol.Bonds.Count];
        var openings = new List<int>[n];
        for (int i = 0; i < n; i++) openings[i] = [];
        var closings = new List<int>[n];
        for (int i = 0; i < n; i++) closings[i] = [];

        foreach (var root in byPriority)
        {
            if (preorder[root] >= 0) continue;
            roots.Add(root);
            var stack = new Stack<(int Atom, int[] Neighbors, int Next)>();
            preorder[root] = counter++;
            stack.Push((root, SortedBonds(root), 0));
            while (stack.Count > 0)
            {
                var (v, bonds, next) = stack.Pop();
                if (next >= bonds.Length) continue;
                stack.Push((v, bonds, next + 1));
                int b = bonds[next];
                if (bondUsed[b]) continue;
                bondUsed[b] = true;
                int w = mol.Bonds[b].Other(v);
                if (preorder[w] >= 0)
                {
                    ringOpener[b] = w; // w was written first: it opens, v closes
                    openings[w].Add(b);
                    closings[v].Add(b);
                    continue;
                }
                parentBond[w] = b;
                children[v].Add(w);
                preorder[w] = counter++;
                stack.Push((w, SortedBonds(w), 0));
            }
        }

        for (int a = 0; a < n; a++)
        {
            // closings first, in the order their rings were opened; then openings by partner priority
            closings[a].Sort((x, y) => preorder[ringOpener[x]].CompareTo(preorder[ringOpener[y]]));
            openings[a].Sort((x, y) => priority[mol.Bonds[x].Other(a)].CompareTo(priority[mol.Bonds[y].Other(a)]));
            closuresAt[a].AddRange(closings[a]);
            closuresAt[a].AddRange(openings[a]);
        }
    }

    private int[] SortedBonds(int atom)
    {
        var bonds = mol.BondsOf(atom).ToArray();
        Array.Sort(bonds, (x, y) => priority[mol.Bonds[x].Other(atom)].CompareTo(priority[mol.Bonds[y].Other(atom)]));
        return bonds;
    }

    /// <summary>The atom written first on a bond: the parent of a tree bond or the opener of a ring bond.</summary>
    private int WrittenFrom(int bond)
    {
        if (ringOpener[bond] >= 0) return ringOpener[bond];
        var b = mol.Bonds[bond];
        return parentBond[b.End] == bond ? b.Begin : b.End;
    }

    /// <summary>
    /// Gives every stereo double bond '/' or '\' on one side bond at each end. Conjugated double bonds share
    /// side bonds, and in rings the shared bonds can close a loop of constraints, so a greedy choice can paint
    /// itself into a corner: the choices are searched with backtracking (bounded), and only if no complete
    /// assignment is found is the configuration of a double bond that cannot be written dropped.
    /// </summary>
    private void AssignDoubleBondDirections()
    {
        var entries = Enumerable.Range(0, mol.DoubleBondStereo.Count).Where(i => writeDoubleBond[i])
            .OrderBy(i => Math.Min(preorder[mol.Bonds[mol.DoubleBondStereo[i].Bond].Begin], preorder[mol.Bonds[mol.DoubleBondStereo[i].Bond].End]))
            .ToList();
        if (entries.Count == 0) return;
        var done = new List<int>();
        int budget = 10_000;
        if (Search(0)) return;

        Array.Clear(symbolDirection);
        done.Clear();
        foreach (var i in entries)
        {
            done.Add(i);
            if (!Options(i, done).Any())
            {
                writeDoubleBond[i] = false;
                done.RemoveAt(done.Count - 1);
            }
        }

        bool Search(int k)
        {
            if (k == entries.Count) return true;
            if (--budget < 0) return false;
            done.Add(entries[k]);
            foreach (var _ in Options(entries[k], done))
                if (Search(k + 1)) return true;
            done.RemoveAt(done.Count - 1);
            return false;
        }
    }

    /// <summary>
    /// Whether every pair of directed side bonds of stereo double bond <paramref name="entry"/> (one on each
    /// end) gives its configuration. A single bond between two double bonds serves both, so a direction
    /// chosen for one must not contradict the other.
    /// </summary>
    private bool Consistent(int entry)
    {
        var s = mol.DoubleBondStereo[entry];
        var bond = mol.Bonds[s.Bond];
        foreach (var bondA in SideBonds(bond.Begin, s.Bond))
        {
            if (symbolDirection[bondA] == BondDirection.None) continue;
            int nA = mol.Bonds[bondA].Other(bond.Begin);
            foreach (var bondB in SideBonds(bond.End, s.Bond))
            {
                if (symbolDirection[bondB] == BondDirection.None) continue;
                int nB = mol.Bonds[bondB].Other(bond.End);
                bool cis = s.Cis ^ (nA != s.BeginNeighbor) ^ (nB != s.EndNeighbor);
                if ((Up(bondA, bond.Begin) == Up(bondB, bond.End)) != cis) return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Each way of giving double bond <paramref name="entry"/> its directions: one side bond at each end,
    /// bonds already directed for a neighbouring double bond kept, consistent with every double bond in
    /// <paramref name="done"/>. The directions are set while an option is current and undone before the next.
    /// </summary>
    private IEnumerable<bool> Options(int entry, List<int> done)
    {
        var s = mol.DoubleBondStereo[entry];
        var bond = mol.Bonds[s.Bond];
        bool beginFirst = preorder[bond.Begin] < preorder[bond.End];
        int a = beginFirst ? bond.Begin : bond.End, b = beginFirst ? bond.End : bond.Begin;
        int refA = beginFirst ? s.BeginNeighbor : s.EndNeighbor, refB = beginFirst ? s.EndNeighbor : s.BeginNeighbor;
        bool refCis = s.Cis;
        int doubleBond = s.Bond;
        foreach (var bondA in SideBonds(a, doubleBond))
        {
            int nA = mol.Bonds[bondA].Other(a);
            bool assignedA = symbolDirection[bondA] != BondDirection.None;
            foreach (var bondB in SideBonds(b, doubleBond))
            {
                int nB = mol.Bonds[bondB].Other(b);
                bool assignedB = symbolDirection[bondB] != BondDirection.None;
                bool cis = refCis ^ (nA != refA) ^ (nB != refB);
                if (assignedA && assignedB)
                {
                    if ((Up(bondA, a) == Up(bondB, b)) == cis && done.All(Consistent)) yield return true;
                    continue;
                }
                // With neither bond directed yet, both orientations give the configuration; a bond shared with a
                // neighbouring double bond may only fit one of them.
                foreach (int flip in assignedA || assignedB ? [1] : new[] { 1, -1 })
                {
                    int upA, upB;
                    if (assignedA)
                    {
                        upA = Up(bondA, a);
                        upB = cis ? upA : -upA;
                    }
                    else if (assignedB)
                    {
                        upB = Up(bondB, b);
                        upA = cis ? upB : -upB;
                    }
                    else
                    {
                        upA = flip;
                        upB = cis ? flip : -flip;
                    }
                    if (!assignedA) symbolDirection[bondA] = (BondDirection)(WrittenFrom(bondA) == a ? upA : -upA);
                    if (!assignedB) symbolDirection[bondB] = (BondDirection)(WrittenFrom(bondB) == b ? upB : -upB);
                    if (done.All(Consistent)) yield return true;
                    if (!assignedA) symbolDirection[bondA] = BondDirection.None;
                    if (!assignedB) symbolDirection[bondB] = BondDirection.None;
                }
            }
        }
    }

    /// <summary>
    /// Whether '/' or '\' may be written on a bond: a single bond, or a ring bond of an aromatic system
    /// (read back as aromatic). A ':' bond outside a ring may not: the direction symbol would replace it.
    /// </summary>
    internal static bool CanCarryDirection(Bond bond) => bond.Type == BondType.Single || bond.Aromatic;

    /// <summary>Bonds at an atom, other than the double bond, that may carry a direction; already-directed ones and tree bonds first.</summary>
    private IEnumerable<int> SideBonds(int atom, int doubleBond) =>
        mol.BondsOf(atom)
            .Where(b => b != doubleBond && CanCarryDirection(mol.Bonds[b]))
            .OrderBy(b => symbolDirection[b] != BondDirection.None ? 0 : 1)
            .ThenBy(b => ringOpener[b] >= 0 ? 1 : 0)
            .ThenBy(b => preorder[mol.Bonds[b].Other(atom)]);

    /// <summary>Direction read from <paramref name="from"/> along a bond whose symbol is already chosen.</summary>
    private int Up(int bond, int from) => WrittenFrom(bond) == from ? (int)symbolDirection[bond] : -(int)symbolDirection[bond];

    private string Emit()
    {
        var text = new StringBuilder(n * 2);
        var digitOfBond = new Dictionary<int, int>();
        var digitInUse = new List<bool> { true }; // index 0 unused: ring digits start at 1
        // Work items: an atom to write (Atom >= 0) or a parenthesis (Atom < 0, Paren).
        var stack = new Stack<(int Atom, char Paren)>();
        for (int r = 0; r < roots.Count; r++)
        {
            if (r > 0) text.Append('.');
            stack.Push((roots[r], ' '));
            while (stack.Count > 0)
            {
                var (v, paren) = stack.Pop();
                if (v < 0)
                {
                    text.Append(paren);
                    continue;
                }
                if (parentBond[v] >= 0) text.Append(BondSymbol(parentBond[v]));
                text.Append(AtomText(v));
                var freedHere = new List<int>();
                foreach (var b in closuresAt[v])
                {
                    if (ringOpener[b] == v)
                    {
                        int digit = 1;
                        while (digit < digitInUse.Count && digitInUse[digit]) digit++;
                        if (digit == digitInUse.Count) digitInUse.Add(true);
                        else digitInUse[digit] = true;
                        digitOfBond[b] = digit;
                        text.Append(BondSymbol(b)).Append(DigitText(digit));
                    }
                    else
                    {
                        int digit = digitOfBond[b];
                        text.Append(DigitText(digit));
                        freedHere.Add(digit); // not reused at this same atom, which would read ambiguously
                    }
                }
                foreach (var d in freedHere) digitInUse[d] = false;
                // Children: all but the last in parentheses, in order (pushed in reverse).
                var kids = children[v];
                if (kids.Count == 0) continue;
                stack.Push((kids[^1], ' '));
                for (int k = kids.Count - 2; k >= 0; k--)
                {
                    stack.Push((-1, ')'));
                    stack.Push((kids[k], ' '));
                    stack.Push((-1, '('));
                }
            }
        }
        return text.ToString();
    }

    private static string DigitText(int digit) =>
        digit < 10 ? ((char)('0' + digit)).ToString() : digit < 100 ? $"%{digit}" : $"%({digit})";

    private string BondSymbol(int b)
    {
        var bond = mol.Bonds[b];
        if (symbolDirection[b] != BondDirection.None) return symbolDirection[b] == BondDirection.Up ? "/" : "\\";
        if (bond.Aromatic) return "";
        bool bothAromatic = mol.Atoms[bond.Begin].Aromatic && mol.Atoms[bond.End].Aromatic;
        return bond.Type switch
        {
            BondType.Single => bothAromatic ? "-" : "",
            BondType.Double => "=",
            BondType.Triple => "#",
            BondType.Quadruple => "$",
            BondType.Aromatic => bothAromatic ? "" : ":",
            _ => "",
        };
    }

    private string AtomText(int v)
    {
        var atom = mol.Atoms[v];
        string? chirality = writeChirality[v] ? OutputChirality(v) : null;
        string symbol = atom.Element == 0 ? "*" : Elements.Symbol(atom.Element);
        if (atom.Aromatic) symbol = symbol.ToLowerInvariant();

        bool organic = chirality is null && atom.Charge == 0 && atom.Isotope == 0 && atom.AtomClass == 0 && atom.RadicalElectrons == 0
            && (atom.Element == 0 || (atom.Aromatic ? AromaticOrganic.Contains(atom.Element) : OrganicSubset.Contains(atom.Element)))
            && (atom.Element == 0 ? atom.TotalHydrogens == 0 : InferredHydrogens(v) == atom.TotalHydrogens);
        if (organic) return symbol;

        var text = new StringBuilder("[");
        if (atom.Isotope > 0) text.Append(atom.Isotope);
        text.Append(symbol);
        if (chirality is not null) text.Append(chirality);
        int h = atom.TotalHydrogens;
        if (h == 1) text.Append('H');
        else if (h > 1) text.Append('H').Append(h);
        if (atom.Charge > 0) text.Append('+');
        else if (atom.Charge < 0) text.Append('-');
        if (Math.Abs(atom.Charge) > 1) text.Append(Math.Abs(atom.Charge));
        if (atom.AtomClass > 0) text.Append(':').Append(atom.AtomClass);
        return text.Append(']').ToString();
    }

    /// <summary>Hydrogens a reader would give the atom if it were written without brackets.</summary>
    private int InferredHydrogens(int v)
    {
        var atom = mol.Atoms[v];
        int explicitH = atom.ExplicitHydrogens, implicitH = atom.ImplicitHydrogens;
        bool noImplicit = atom.NoImplicit;
        atom.ExplicitHydrogens = 0;
        atom.NoImplicit = false;
        try
        {
            int ev = Valence.Explicit(mol, v, check: false);
            return Valence.ImplicitHydrogens(mol, v, ev, check: false);
        }
        finally
        {
            atom.ExplicitHydrogens = explicitH;
            atom.ImplicitHydrogens = implicitH;
            atom.NoImplicit = noImplicit;
        }
    }

    /// <summary>"@" or "@@" for the neighbour order in which this atom's neighbours are written.</summary>
    private string? OutputChirality(int v)
    {
        var atom = mol.Atoms[v];
        if (atom.Chirality is not (Chirality.Clockwise or Chirality.CounterClockwise) || atom.StereoNeighbors is not { } stored) return null;
        var output = new List<int>(4);
        if (parentBond[v] >= 0) output.Add(mol.Bonds[parentBond[v]].Other(v));
        foreach (var b in closuresAt[v]) output.Add(mol.Bonds[b].Other(v));
        foreach (var c in children[v]) output.Add(c);
        if (output.Count == 3) output.Insert(parentBond[v] >= 0 ? 1 : 0, -1);
        if (output.Count != stored.Count || output.Count != 4) return null;
        bool odd = PermutationIsOdd(stored, output);
        bool counterClockwise = (atom.Chirality == Chirality.CounterClockwise) ^ odd;
        return counterClockwise ? "@" : "@@";
    }

    /// <summary>Whether reordering <paramref name="from"/> into <paramref name="to"/> takes an odd number of swaps.</summary>
    internal static bool PermutationIsOdd(IReadOnlyList<int> from, IReadOnlyList<int> to)
    {
        var positions = to.Select(x => IndexOf(from, x)).ToArray();
        if (positions.Any(p => p < 0)) return false;
        int inversions = 0;
        for (int i = 0; i < positions.Length; i++)
            for (int j = i + 1; j < positions.Length; j++)
                if (positions[i] > positions[j]) inversions++;
        return inversions % 2 == 1;
    }

    private static int IndexOf(IReadOnlyList<int> list, int value)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
