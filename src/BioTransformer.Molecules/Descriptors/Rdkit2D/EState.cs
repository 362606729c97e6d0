using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>
/// Kier–Hall electrotopological state indices (Kier &amp; Hall, Pharm. Res. 1990): each atom's intrinsic state
/// I = ((2/N)² δv + 1)/δ (N the principal quantum number, δv its valence electrons minus hydrogens, δ its
/// neighbours) plus the perturbation Σ (I_i − I_j)/r_ij² from every other atom at topological distance r − 1.
/// </summary>
public static class EState
{
    public static double[] Indices(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        int n = graph.AtomCount;
        var intrinsic = new double[n];
        for (int a = 0; a < n; a++)
        {
            int degree = mol.Degree(a);
            if (degree == 0) continue;
            var atom = mol.Atoms[a];
            double dv = Elements.OuterShellElectrons(atom.Element) - atom.TotalHydrogens;
            int shell = PrincipalQuantumNumber(atom.Element);
            intrinsic[a] = (4.0 / (shell * shell) * dv + 1) / degree;
        }
        var d = graph.Distances;
        var perturbation = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                if (d[i, j] == MoleculeGraph.Unreachable) continue;
                double r = d[i, j] + 1;
                double shift = (intrinsic[i] - intrinsic[j]) / (r * r);
                perturbation[i] += shift;
                perturbation[j] -= shift;
            }
        var result = new double[n];
        for (int a = 0; a < n; a++) result[a] = intrinsic[a] + perturbation[a];
        return result;
    }

    public static int PrincipalQuantumNumber(int z) => z switch
    {
        <= 2 => 1,
        <= 10 => 2,
        <= 18 => 3,
        <= 36 => 4,
        <= 54 => 5,
        <= 86 => 6,
        _ => 7,
    };
}
