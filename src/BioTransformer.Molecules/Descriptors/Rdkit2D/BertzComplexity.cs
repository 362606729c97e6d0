using System.Globalization;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>
/// Bertz's molecular complexity (J. Am. Chem. Soc. 1981, 103, 3599) as RDKit computes it: the information
/// content of the atoms' elements plus that of the "connections" — pairs of adjacent bonds (weighted by the
/// product of their orders) and multiple bonds — classified by the symmetry classes of the atoms involved
/// (atoms whose sorted bond-order-weighted distance rows agree to four decimals).
/// </summary>
public static class BertzComplexity
{
    public static double Compute(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        int n = graph.AtomCount;
        if (n < 2) return 0;
        var classes = SymmetryClasses(graph);
        var atomTypes = new Dictionary<int, double>();
        var connections = new Dictionary<(int, int, int), double>();
        for (int a = 0; a < n; a++)
        {
            atomTypes[mol.Atoms[a].Element] = atomTypes.GetValueOrDefault(mol.Atoms[a].Element) + 1;
            var neighbors = graph.Neighbors[a].Distinct().Order().ToArray();
            for (int i = 0; i < neighbors.Length; i++)
            {
                int ni = neighbors[i];
                double orderI = Order(mol.BondBetween(a, ni)!);
                if (orderI > 1 && ni > a)
                {
                    var key = (Math.Min(classes[a], classes[ni]), Math.Max(classes[a], classes[ni]), -1);
                    connections[key] = connections.GetValueOrDefault(key) + orderI * (orderI - 1) / 2;
                }
                for (int j = i + 1; j < neighbors.Length; j++)
                {
                    int nj = neighbors[j];
                    double orderJ = Order(mol.BondBetween(a, nj)!);
                    var key = (Math.Min(classes[ni], classes[nj]), classes[a], Math.Max(classes[ni], classes[nj]));
                    connections[key] = connections.GetValueOrDefault(key) + orderI * orderJ;
                }
            }
        }
        var counts = connections.Count == 0 ? [1.0] : connections.Values.ToArray();
        double total = counts.Sum();
        double connectionInformation = total * (Entropy(counts) + Math.Log2(total));
        double atomInformation = n * Entropy([.. atomTypes.Values]);
        return atomInformation + connectionInformation;
    }

    private static double Order(Bond bond) => bond.Aromatic || bond.Type == BondType.Aromatic ? 1.5 : bond.Type.Valence();

    /// <summary>Shannon entropy, bits, of counts.</summary>
    private static double Entropy(double[] counts)
    {
        double total = counts.Sum();
        if (total == 0) return 0;
        double h = 0;
        foreach (var c in counts)
            if (c != 0)
            {
                double p = c / total;
                h -= p * Math.Log2(p);
            }
        return h;
    }

    /// <summary>Atoms are in one class when their sorted rows of the bond-order-weighted distance matrix agree to four decimals; classes numbered by first appearance.</summary>
    private static int[] SymmetryClasses(MoleculeGraph graph)
    {
        var d = Topology.WeightedDistances(graph);
        int n = graph.AtomCount;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var classes = new int[n];
        for (int i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, n).Select(j => d[i, j]).Order().Take(100);
            var key = string.Join(",", row.Select(x => x.ToString("F4", CultureInfo.InvariantCulture)));
            if (!seen.TryGetValue(key, out var c)) seen[key] = c = seen.Count + 1;
            classes[i] = c;
        }
        return classes;
    }
}
