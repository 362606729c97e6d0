using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>
/// Graph-theoretical indices of the hydrogen-suppressed graph: Kier–Hall connectivity (χ) indices, Kier's κ
/// shape indices with Hall–Kier α, Balaban's J, and the information content of the characteristic polynomial.
/// </summary>
public static class Topology
{
    /// <summary>
    /// χ of order <paramref name="order"/> from per-atom weights w (1/√δ, or 0): Σ w over atoms (order 0), Σ w·w over
    /// bonds (order 1), else Σ over RDKit's paths of order bonds of the product of w over the path's atoms, the
    /// last atom left out when it closes a ring onto the first (so a ring atom counts once; a "lollipop" that
    /// returns to an inner atom counts that atom twice, as RDKit does).
    /// </summary>
    public static double Chi(MoleculeGraph graph, double[] weights, int order)
    {
        var mol = graph.Molecule;
        if (order == 0) return weights.Sum();
        if (order == 1) return mol.Bonds.Sum(b => weights[b.Begin] * weights[b.End]);
        double sum = 0;
        foreach (var path in graph.Paths(order + 1))
        {
            double product = 1;
            for (int i = 0; i < order; i++) product *= weights[path[i]];
            if (path[order] != path[0]) product *= weights[path[order]];
            sum += product;
        }
        return sum;
    }

    /// <summary>Chi0 and Chi1 (RDKit's Python versions): weights 1/√(heavy degree), bonds between two atoms of degree 0 left out.</summary>
    public static (double Chi0, double Chi1) SimpleChi(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        double chi0 = Enumerable.Range(0, graph.AtomCount).Select(mol.Degree).Where(d => d > 0).Sum(d => 1 / Math.Sqrt(d));
        double chi1 = mol.Bonds.Select(b => mol.Degree(b.Begin) * mol.Degree(b.End)).Where(p => p > 0).Sum(p => 1 / Math.Sqrt(p));
        return (chi0, chi1);
    }

    /// <summary>
    /// Per-atom weights 1/√δ of the χn (<paramref name="scaled"/> false) and χv (true) indices, δ = valence
    /// electrons − hydrogens; for χv hydrogens and dummy atoms get 0 and atoms beyond the first row divide δ by
    /// Z − Zv − 1. RDKit subtracts unsigned numbers, so a negative δ (BH₄⁻) wraps to 2³² + δ; kept for agreement.
    /// </summary>
    public static double[] ChiWeights(MoleculeGraph graph, bool scaled)
    {
        var mol = graph.Molecule;
        var weights = new double[graph.AtomCount];
        for (int a = 0; a < graph.AtomCount; a++)
        {
            int z = mol.Atoms[a].Element;
            if (scaled && z <= 1) continue;
            int outer = Elements.OuterShellElectrons(z);
            double delta = (uint)(outer - mol.Atoms[a].TotalHydrogens);
            if (scaled && z > 10) delta /= z - outer - 1;
            weights[a] = delta == 0 ? 0 : 1 / Math.Sqrt(delta);
        }
        return weights;
    }

    private static readonly Dictionary<int, double?[]> HallKierAlphas = new()
    {
        [35] = [null, null, 0.48],
        [6] = [-0.22, -0.13, 0.0],
        [17] = [null, null, 0.29],
        [9] = [null, null, -0.07],
        [1] = [0.0, 0.0, 0.0],
        [53] = [null, null, 0.73],
        [7] = [-0.29, -0.2, -0.04],
        [8] = [null, -0.2, -0.04],
        [15] = [null, 0.3, 0.43],
        [16] = [null, 0.22, 0.35],
    };

    /// <summary>Hall–Kier α: Σ of each heavy atom's size relative to sp3 carbon (Hall &amp; Kier's values by hybridization; else Rb0/Rb0(C) − 1).</summary>
    public static double HallKierAlpha(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        var hybridization = graph.Hybridization;
        double rC = AtomicData.CovalentRadius(6);
        double sum = 0;
        for (int a = 0; a < graph.AtomCount; a++)
        {
            int z = mol.Atoms[a].Element;
            if (z == 0) continue;
            if (HallKierAlphas.TryGetValue(z, out var values))
            {
                // sp → 0, sp2 → 1, sp3 → 2; anything else takes the last value.
                int index = hybridization[a] switch { Hybridization.SP => 0, Hybridization.SP2 => 1, Hybridization.SP3 => 2, _ => values.Length - 1 };
                sum += values[index] ?? values[^1]!.Value;
            }
            else sum += AtomicData.CovalentRadius(z) / rC - 1;
        }
        return sum;
    }

    public static (double Kappa1, double Kappa2, double Kappa3) Kappas(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        double alpha = HallKierAlpha(graph);
        double a = mol.Atoms.Count(x => x.Element > 1);
        double p1 = mol.Bonds.Count;
        double p2 = graph.Paths(3).Count, p3 = graph.Paths(4).Count;
        double k1 = p1 + alpha == 0 ? 0 : (a + alpha) * Math.Pow(a + alpha - 1, 2) / Math.Pow(p1 + alpha, 2);
        double k2 = p2 + alpha == 0 ? 0 : (a + alpha - 1) * Math.Pow(a + alpha - 2, 2) / Math.Pow(p2 + alpha, 2);
        double k3 = p3 + alpha == 0 ? 0
            : a % 2 == 1 ? (a + alpha - 1) * Math.Pow(a + alpha - 3, 2) / Math.Pow(p3 + alpha, 2)
            : (a + alpha - 2) * Math.Pow(a + alpha - 3, 2) / Math.Pow(p3 + alpha, 2);   // RDKit's even case, not Kier's (A+α−3)(A+α−2)²
        return (k1, k2, k3);
    }

    /// <summary>
    /// Balaban's J = q/(μ + 1) Σ over bonds (s_i s_j)^−½, with s the row sums of the distance matrix whose bond
    /// lengths are inverse bond orders (aromatic 1/1.5), q the bonds and μ the cyclomatic number.
    /// </summary>
    public static double BalabanJ(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        int n = graph.AtomCount;
        if (n == 0) return 0;
        var d = WeightedDistances(graph);
        var s = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) s[i] += d[i, j];
        double q = mol.Bonds.Count;
        double mu = q - n + 1;
        double sum = 0;
        foreach (var bond in mol.Bonds) sum += 1 / Math.Sqrt(s[bond.Begin] * s[bond.End]);
        return mu + 1 != 0 ? q / (mu + 1) * sum : 0;
    }

    /// <summary>All-pairs shortest paths where a bond's length is the inverse of its order (Floyd–Warshall); 1e8 between components.</summary>
    internal static double[,] WeightedDistances(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        int n = graph.AtomCount;
        var d = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) d[i, j] = i == j ? 0 : 1e8;
        foreach (var bond in mol.Bonds)
        {
            double order = bond.Aromatic || bond.Type == BondType.Aromatic ? 1.5 : bond.Type.Valence();
            double w = order > 0 ? 1 / order : 1;
            d[bond.Begin, bond.End] = d[bond.End, bond.Begin] = Math.Min(d[bond.Begin, bond.End], w);
        }
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (d[i, k] + d[k, j] < d[i, j]) d[i, j] = d[i, k] + d[k, j];
        return d;
    }

    /// <summary>
    /// Bonchev–Trinajstić information content of the adjacency matrix's characteristic polynomial: with c the
    /// absolute coefficients (Faddeev–LeVerrier), Ipc = Σc · H(c/Σc) in bits, AvgIpc = H.
    /// </summary>
    public static (double Ipc, double AvgIpc) InformationContent(MoleculeGraph graph)
    {
        int n = graph.AtomCount;
        var a = new double[n, n];
        foreach (var bond in graph.Molecule.Bonds) a[bond.Begin, bond.End] = a[bond.End, bond.Begin] = 1;
        var coefficients = new double[n + 1];
        coefficients[0] = 1;
        var power = (double[,])a.Clone();
        for (int k = 1; k <= n; k++)
        {
            double trace = 0;
            for (int i = 0; i < n; i++) trace += power[i, i];
            coefficients[k] = trace / k;
            if (k == n) break;
            // B = A_k − c_k I; A_{k+1} = A · B
            var b = (double[,])power.Clone();
            for (int i = 0; i < n; i++) b[i, i] -= coefficients[k];
            power = Multiply(a, b);
        }
        var absolute = coefficients.Select((c, k) => Math.Abs(k == 0 ? c : -c)).ToArray();
        double total = absolute.Sum();
        double entropy = 0;
        foreach (var c in absolute)
            if (c > 0)
            {
                double p = c / total;
                entropy -= p * Math.Log2(p);
            }
        return (total * entropy, entropy);
    }

    private static double[,] Multiply(double[,] x, double[,] y)
    {
        int n = x.GetLength(0);
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
            {
                double xik = x[i, k];
                if (xik == 0) continue;
                for (int j = 0; j < n; j++) r[i, j] += xik * y[k, j];
            }
        return r;
    }
}
