using BioTransformer.Molecules.Chemistry;
using MathNet.Numerics.LinearAlgebra;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>
/// BCUT descriptors (Pearlman &amp; Smith 1998, after Burden 1989) as RDKit's BCUT2D computes them: the highest
/// and lowest eigenvalues of a Burden matrix with an atom property on the diagonal, 1/√(bond order) for bonded
/// pairs (aromatic 1.5) and 0.001 for every other pair; properties are the atom's mass without its hydrogens,
/// its Gasteiger charge, and its own Crippen log P and molar refractivity.
/// </summary>
public static class Bcut
{
    private const double Unbonded = 0.001;

    /// <summary>What RDKit gives when an atom has no Gasteiger parameters: NaN for all eight.</summary>
    public static IReadOnlyList<double> Unavailable { get; } = [.. Enumerable.Repeat(double.NaN, 8)];

    /// <summary>High and low eigenvalues for mass, charge, log P and molar refractivity, in RDKit's order.</summary>
    public static IReadOnlyList<double> Compute(MoleculeGraph graph, params IReadOnlyList<double>[] properties)
    {
        var result = new List<double>(2 * properties.Length);
        foreach (var property in properties)
        {
            var (high, low) = EigenvalueRange(graph, property);
            result.Add(high);
            result.Add(low);
        }
        return result;
    }

    private static (double High, double Low) EigenvalueRange(MoleculeGraph graph, IReadOnlyList<double> property)
    {
        var mol = graph.Molecule;
        int n = graph.AtomCount;
        if (n == 0 || property.Any(v => !double.IsFinite(v))) return (double.NaN, double.NaN);
        var burden = Matrix<double>.Build.Dense(n, n, Unbonded);
        for (int i = 0; i < n; i++) burden[i, i] = property[i];
        foreach (var bond in mol.Bonds)
        {
            double order = bond.Aromatic || bond.Type == BondType.Aromatic ? 1.5 : bond.Type.Valence();
            burden[bond.Begin, bond.End] = burden[bond.End, bond.Begin] = 1 / Math.Sqrt(order);
        }
        var eigenvalues = burden.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        return (eigenvalues.Max(), eigenvalues.Min());
    }
}
