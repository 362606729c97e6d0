namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>Gasteiger charges of a molecule's atoms, with the total charge of each atom's implicit hydrogens.</summary>
/// <param name="Atoms">Charge of each atom; non-finite where an atom without parameters is bonded to others.</param>
/// <param name="Hydrogens">Summed charge of each atom's hydrogens that are counts, not atoms.</param>
/// <param name="Parameterised">Whether every atom had parameters for its element and hybridization; RDKit's BCUT
/// descriptors are NaN when one did not, its charge descriptors treat such an atom as holding its formal charge.</param>
public sealed record GasteigerResult(double[] Atoms, double[] Hydrogens, bool Parameterised);

/// <summary>
/// Partial equalization of orbital electronegativity (Gasteiger &amp; Marsili, Tetrahedron 1980, 36, 3219) as RDKit
/// computes it: each atom's electronegativity is χ = a + bq + cq²; in each of 12 iterations every bond moves
/// charge Δχ/χ⁺ from the less to the more electronegative atom (χ⁺ = a + b + c of the donor, 20.02 for hydrogen),
/// damped by ½, ¼, …; hydrogens that are counts take part through one shared charge per heavy atom. A formal
/// charge starts spread evenly over the same-element atoms two conjugated bonds apart (both oxygens of a
/// carboxylate). Parameters by element and hybridization: the paper's, with the extension RDKit takes from
/// PyBabel (P sp2, Si, B, Be, Mg, Al); sulfur whose hybridization is none of sp, sp2, sp3 is typed by its oxygens.
/// An atom without parameters gets all three zero (RDKit's "X"), so it keeps its starting charge when alone.
/// </summary>
public static class GasteigerCharges
{
    public const int Iterations = 12;
    private const double Damping = 0.5;
    private const double HydrogenHardness = 20.02;

    private static readonly Dictionary<(int Element, string Mode), (double A, double B, double C)> Parameters = new()
    {
        [(1, "*")] = (7.17, 6.24, -0.56),
        [(6, "sp3")] = (7.98, 9.18, 1.88), [(6, "sp2")] = (8.79, 9.32, 1.51), [(6, "sp")] = (10.39, 9.45, 0.73),
        [(7, "sp3")] = (11.54, 10.82, 1.36), [(7, "sp2")] = (12.87, 11.15, 0.85), [(7, "sp")] = (15.68, 11.7, -0.27),
        [(8, "sp3")] = (14.18, 12.92, 1.39), [(8, "sp2")] = (17.07, 13.79, 0.47),
        [(9, "sp3")] = (14.66, 13.85, 2.31), [(17, "sp3")] = (11.0, 9.69, 1.35),
        [(35, "sp3")] = (10.08, 8.47, 1.16), [(53, "sp3")] = (9.9, 7.96, 0.96),
        [(16, "sp3")] = (10.14, 9.13, 1.38), [(16, "so")] = (10.14, 9.13, 1.38),
        [(16, "so2")] = (12.0, 10.81, 1.2), [(16, "sp2")] = (10.88, 9.49, 1.33),
        [(15, "sp3")] = (8.9, 8.24, 0.96), [(15, "sp2")] = (9.665, 8.53, 0.735),
        [(14, "sp3")] = (7.3, 6.567, 0.657), [(14, "sp2")] = (7.905, 6.748, 0.443), [(14, "sp")] = (9.065, 7.027, -0.002),
        [(5, "sp3")] = (5.98, 6.82, 1.605), [(5, "sp2")] = (6.42, 6.807, 1.322),
        [(4, "sp3")] = (3.845, 6.755, 3.165), [(4, "sp2")] = (4.005, 6.725, 3.035),
        [(12, "sp2")] = (3.565, 5.572, 2.197), [(12, "sp3")] = (3.3, 5.587, 2.447), [(12, "sp")] = (4.04, 5.472, 1.823),
        [(13, "sp3")] = (5.375, 4.953, 0.867), [(13, "sp2")] = (5.795, 5.02, 0.695),
    };

    public static GasteigerResult Compute(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        int n = graph.AtomCount;
        var p = new (double A, double B, double C)[n];
        var hardness = new double[n];
        bool complete = true;
        for (int i = 0; i < n; i++)
        {
            if (!Parameters.TryGetValue((mol.Atoms[i].Element, Mode(graph, i)), out p[i])) complete = false;
            hardness[i] = mol.Atoms[i].Element == 1 ? HydrogenHardness : p[i].A + p[i].B + p[i].C;
        }
        var (ha, hb, hc) = Parameters[(1, "*")];
        var charges = StartingCharges(graph);
        var hydrogens = new double[n];
        var chi = new double[n];
        double damping = Damping;
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            for (int i = 0; i < n; i++) chi[i] = p[i].A + charges[i] * (p[i].B + p[i].C * charges[i]);
            for (int i = 0; i < n; i++)
            {
                double dq = 0;
                foreach (var j in graph.Neighbors[i])
                {
                    double dx = chi[j] - chi[i];
                    dq += dx / (dx < 0 ? hardness[j] : hardness[i]);
                }
                int hs = mol.Atoms[i].TotalHydrogens;
                if (hs > 0)
                {
                    double qh = hydrogens[i] / hs;
                    double dx = ha + qh * (hb + hc * qh) - chi[i];
                    double dqH = dx / (dx < 0 ? HydrogenHardness : hardness[i]);
                    dq += hs * dqH;
                    hydrogens[i] -= hs * dqH * damping;
                }
                charges[i] += damping * dq;
            }
            damping *= Damping;
        }
        return new GasteigerResult(charges, hydrogens, complete);
    }

    /// <summary>RDKit's parameter mode: by hybridization; hydrogen "*"; other sulfur by its oxygen neighbours; otherwise none.</summary>
    private static string Mode(MoleculeGraph graph, int a)
    {
        var element = graph.Molecule.Atoms[a].Element;
        return graph.Hybridization[a] switch
        {
            Hybridization.SP3 => "sp3",
            Hybridization.SP2 => "sp2",
            Hybridization.SP => "sp",
            _ when element == 1 => "*",
            _ when element == 16 => graph.Neighbors[a].Count(o => graph.Molecule.Atoms[o].Element == 8) switch { 2 => "so2", 1 => "so", _ => "sp3" },
            _ => "",
        };
    }

    /// <summary>
    /// Formal charges, each spread over its atom and the same-element atoms reached through two conjugated bonds
    /// (counted once per path, as RDKit does); an atom already given a share keeps it.
    /// </summary>
    private static double[] StartingCharges(MoleculeGraph graph)
    {
        var mol = graph.Molecule;
        var conjugated = graph.ConjugatedBonds;
        var charges = new double[graph.AtomCount];
        var shared = new List<int>();
        for (int a = 0; a < graph.AtomCount; a++)
        {
            double formal = mol.Atoms[a].Charge;
            if (formal == 0 || charges[a] != 0) continue;
            shared.Clear();
            shared.Add(a);
            foreach (var b1 in mol.BondsOf(a))
            {
                if (!conjugated[b1]) continue;
                int middle = mol.Bonds[b1].Other(a);
                foreach (var b2 in mol.BondsOf(middle))
                {
                    if (b2 == b1 || !conjugated[b2]) continue;
                    int far = mol.Bonds[b2].Other(middle);
                    if (mol.Atoms[far].Element != mol.Atoms[a].Element) continue;
                    formal += mol.Atoms[far].Charge;
                    shared.Add(far);
                }
            }
            foreach (var s in shared) charges[s] = formal / shared.Count;
        }
        return charges;
    }
}
