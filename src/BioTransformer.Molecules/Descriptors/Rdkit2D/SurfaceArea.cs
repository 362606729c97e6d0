using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>
/// Labute's approximate surface area (J. Mol. Graph. Model. 2000, 18, 464) as RDKit computes it: each atom's
/// sphere less what its bonded neighbours cut off, neighbours at the sum of bond radii shortened 0.1 Å for
/// aromatic, 0.2 for double and 0.3 for triple bonds; and the MOE-type VSA descriptors, which bin these areas
/// by a per-atom property.
/// </summary>
public static class SurfaceArea
{
    public static (double[] Atoms, double Hydrogens) LabuteContributions(MoleculeGraph graph)
    {
        // RDKit's reading of Labute: every sphere has the atom's bond radius Rb0, a neighbour at the (shortened)
        // bond length cuts Rj² − (Ri − dij)²/dij from it, and the hydrogens are one sphere of radius Rb0(H)
        // touching every heavy atom once, whatever the number of hydrogens.
        var mol = graph.Molecule;
        int n = graph.AtomCount;
        var overlap = new double[n];
        double hydrogenOverlap = 0;
        double rH = AtomicData.CovalentRadius(1);
        foreach (var bond in mol.Bonds)
        {
            double ri = AtomicData.CovalentRadius(mol.Atoms[bond.Begin].Element), rj = AtomicData.CovalentRadius(mol.Atoms[bond.End].Element);
            double dij = Math.Min(Math.Max(Math.Abs(ri - rj), ri + rj - BondShortening(bond)), ri + rj);
            overlap[bond.Begin] += rj * rj - (ri - dij) * (ri - dij) / dij;
            overlap[bond.End] += ri * ri - (rj - dij) * (rj - dij) / dij;
        }
        for (int i = 0; i < n; i++)
        {
            double ri = AtomicData.CovalentRadius(mol.Atoms[i].Element);
            double dih = Math.Min(Math.Max(Math.Abs(ri - rH), ri + rH), ri + rH);
            overlap[i] += rH * rH - (ri - dih) * (ri - dih) / dih;
            hydrogenOverlap += ri * ri - (rH - dih) * (rH - dih) / dih;
        }
        var contributions = new double[n];
        for (int i = 0; i < n; i++)
        {
            double ri = AtomicData.CovalentRadius(mol.Atoms[i].Element);
            contributions[i] = 4 * Math.PI * ri * ri - Math.PI * ri * overlap[i];
        }
        return (contributions, 4 * Math.PI * rH * rH - Math.PI * rH * hydrogenOverlap);
    }

    private static double BondShortening(Bond bond) =>
        bond.Aromatic || bond.Type == BondType.Aromatic ? 0.1 : bond.Type switch
        {
            BondType.Double => 0.2,
            BondType.Triple => 0.3,
            _ => 0.0,
        };

    /// <summary>
    /// Sums each atom's <paramref name="areas"/> into the bin of its <paramref name="property"/> (bin i holds values
    /// below edge i and at or above edge i − 1); a NaN property falls in the last bin, as in RDKit.
    /// </summary>
    public static double[] Binned(IReadOnlyList<double> property, IReadOnlyList<double> areas, IReadOnlyList<double> edges)
    {
        var bins = new double[edges.Count + 1];
        for (int i = 0; i < property.Count; i++)
        {
            int bin = 0;
            while (bin < edges.Count && !(property[i] < edges[bin])) bin++;
            bins[bin] += areas[i];
        }
        return bins;
    }

    public static readonly double[] SlogPEdges = [-0.4, -0.2, 0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6];
    public static readonly double[] SmrEdges = [1.29, 1.82, 2.24, 2.45, 2.75, 3.05, 3.63, 3.8, 4.0];
    public static readonly double[] PeoeEdges = [-0.3, -0.25, -0.2, -0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
    public static readonly double[] EStateEdges = [-0.39, 0.29, 0.717, 1.165, 1.54, 1.807, 2.05, 4.69, 9.17, 15.0];
    public static readonly double[] VsaEdges = [4.78, 5.0, 5.41, 5.74, 6.0, 6.07, 6.45, 7.0, 11.0];
}
