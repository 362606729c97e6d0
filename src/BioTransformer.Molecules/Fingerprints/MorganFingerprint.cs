using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Fingerprints;

/// <summary>
/// Morgan circular fingerprints (ECFP-like; Rogers &amp; Hahn 2010) with RDKit's connectivity
/// invariants and hashing, so bits match RDKit's GetMorganFingerprintAsBitVect: radius 2 and 2048
/// bits is ECFP4. Each atom starts from a hash of (atomic number, degree including H, hydrogens
/// including H-atom neighbours, charge, isotope mass shift, ring membership); each round hashes in the sorted (bond type,
/// neighbour identifier) pairs; an environment already seen (same bond set) is not counted again.
/// </summary>
public static class MorganFingerprint
{
    /// <summary>Identifier → number of occurrences (the "count" fingerprint).</summary>
    public static Dictionary<uint, int> Counts(Molecule molecule, int radius)
    {
        var mol = Prepared(molecule);
        var counts = new Dictionary<uint, int>();
        foreach (var id in Identifiers(mol, radius)) counts[id] = counts.GetValueOrDefault(id) + 1;
        return counts;
    }

    /// <summary>Folded bit vector: identifier modulo <paramref name="bits"/>, as sorted on-bit indices.</summary>
    public static BitFingerprint Bits(Molecule molecule, int radius = 2, int bits = 2048)
    {
        if (bits < 1) throw new ArgumentOutOfRangeException(nameof(bits));
        var mol = Prepared(molecule);
        var on = new SortedSet<int>();
        foreach (var id in Identifiers(mol, radius)) on.Add((int)(id % (uint)bits));
        return new BitFingerprint([.. on], bits);
    }

    /// <summary>Folded counts: identifier modulo <paramref name="bits"/> → occurrences.</summary>
    public static int[] FoldedCounts(Molecule molecule, int radius = 2, int bits = 2048)
    {
        var mol = Prepared(molecule);
        var counts = new int[bits];
        foreach (var id in Identifiers(mol, radius)) counts[id % (uint)bits]++;
        return counts;
    }

    private static Molecule Prepared(Molecule molecule)
    {
        var mol = Hydrogens.Remove(molecule);
        if (ReferenceEquals(mol, molecule) && !molecule.AromaticityPerceived) mol = molecule.Clone();
        Aromaticity.Perceive(mol);
        return mol;
    }

    /// <summary>Every identifier counted, round 0 first; duplicates are repeated occurrences.</summary>
    private static List<uint> Identifiers(Molecule mol, int radius)
    {
        int n = mol.AtomCount, nb = mol.Bonds.Count;
        var result = new List<uint>(n * (radius + 1));
        var invariants = new uint[n];
        var info = mol.Rings;
        for (int a = 0; a < n; a++)
        {
            var atom = mol.Atoms[a];
            int hydrogenNeighbors = 0;
            foreach (var b in mol.BondsOf(a))
                if (mol.Atoms[mol.Bonds[b].Other(a)].Element == 1) hydrogenNeighbors++;
            uint seed = 0;
            Combine(ref seed, (uint)atom.Element);
            Combine(ref seed, (uint)(mol.Degree(a) + atom.TotalHydrogens));
            Combine(ref seed, (uint)(atom.TotalHydrogens + hydrogenNeighbors)); // H atoms count as hydrogens too
            Combine(ref seed, unchecked((uint)atom.Charge));
            double mass = atom.Isotope > 0 && atom.Element > 0 ? Elements.IsotopeMass(atom.Element, atom.Isotope) : Elements.AtomicWeight(atom.Element);
            Combine(ref seed, unchecked((uint)(int)(mass - Elements.AtomicWeight(atom.Element))));
            if (info.IsRingAtom(a)) Combine(ref seed, 1u);
            invariants[a] = seed;
            result.Add(seed);
        }

        var seen = new HashSet<string>();
        var neighborhoods = new bool[n][];
        for (int a = 0; a < n; a++) neighborhoods[a] = new bool[nb];
        var dead = new bool[n];
        for (int layer = 0; layer < radius; layer++)
        {
            var roundInvariants = new uint[n];
            var roundNeighborhoods = neighborhoods.Select(x => (bool[])x.Clone()).ToArray();
            var thisRound = new List<(string Key, uint Invariant, int Atom)>();
            for (int a = 0; a < n; a++)
            {
                if (dead[a]) continue;
                if (mol.Degree(a) == 0)
                {
                    dead[a] = true; // an isolated atom has no environment beyond itself
                    continue;
                }
                var pairs = new List<(int BondType, uint Neighbor)>();
                foreach (var b in mol.BondsOf(a))
                {
                    var bond = mol.Bonds[b];
                    roundNeighborhoods[a][b] = true;
                    int o = bond.Other(a);
                    for (int k = 0; k < nb; k++) if (neighborhoods[o][k]) roundNeighborhoods[a][k] = true;
                    pairs.Add((BondTypeCode(bond), invariants[o]));
                }
                pairs.Sort();
                uint invariant = (uint)layer;
                Combine(ref invariant, invariants[a]);
                foreach (var (bondType, neighbor) in pairs)
                {
                    uint pairHash = 0;
                    Combine(ref pairHash, unchecked((uint)bondType));
                    Combine(ref pairHash, neighbor);
                    CombineHashed(ref invariant, pairHash);
                }
                roundInvariants[a] = invariant;
                var key = Key(roundNeighborhoods[a]);
                thisRound.Add((key, invariant, a));
                if (seen.Contains(key)) dead[a] = true;
            }
            foreach (var (key, invariant, atom) in thisRound.OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Invariant).ThenBy(t => t.Atom))
            {
                if (seen.Add(key)) result.Add(invariant);
                else dead[atom] = true;
            }
            invariants = roundInvariants;
            neighborhoods = roundNeighborhoods;
        }
        return result;
    }

    /// <summary>RDKit's bond type numbers: single 1, double 2, triple 3, quadruple 4, aromatic 12.</summary>
    private static int BondTypeCode(Bond bond) => bond.Aromatic || bond.Type == BondType.Aromatic ? 12 : (int)bond.Type;

    private static string Key(bool[] bonds) => string.Create(bonds.Length, bonds, (span, b) =>
    {
        for (int i = 0; i < b.Length; i++) span[i] = b[i] ? '1' : '0';
    });

    /// <summary>boost::hash_combine on 32 bits with an integer's hash (the integer itself).</summary>
    private static void Combine(ref uint seed, uint value) => CombineHashed(ref seed, value);

    private static void CombineHashed(ref uint seed, uint hash) =>
        seed ^= unchecked(hash + 0x9e3779b9u + (seed << 6) + (seed >> 2));
}
