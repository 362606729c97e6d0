using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Smarts;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>
/// A molecule as the 2D descriptors read it: hydrogens folded into counts, aromaticity perceived, with its
/// neighbour lists, topological distances, hybridizations, Crippen contributions and Gasteiger charges
/// computed once and shared by every descriptor family.
/// </summary>
public sealed class MoleculeGraph
{
    public MoleculeGraph(Molecule molecule)
    {
        Target = MatchTarget.For(molecule);
        Molecule = Target.Molecule;
        int n = Molecule.AtomCount;
        Neighbors = new int[n][];
        for (int a = 0; a < n; a++) Neighbors[a] = [.. Molecule.BondsOf(a).Select(b => Molecule.Bonds[b].Other(a))];
        distances = new Lazy<int[,]>(ComputeDistances);
        perception = new Lazy<(Hybridization[], bool[])>(() => Hybridizations.Perceive(Molecule));
        crippen = new Lazy<(double[] LogP, double[] Mr)>(ComputeCrippen);
        gasteiger = new Lazy<GasteigerResult>(() => GasteigerCharges.Compute(this));
        labute = new Lazy<(double[] Atoms, double Hydrogens)>(() => SurfaceArea.LabuteContributions(this));
        estate = new Lazy<double[]>(() => EState.Indices(this));
    }

    /// <summary>The prepared molecule with its SMARTS matching state.</summary>
    public MatchTarget Target { get; }

    public Molecule Molecule { get; }

    public int AtomCount => Molecule.AtomCount;

    /// <summary>Neighbouring atoms of each atom (the hydrogen-suppressed graph).</summary>
    public int[][] Neighbors { get; }

    private readonly Lazy<int[,]> distances;
    private readonly Lazy<(Hybridization[] Atoms, bool[] ConjugatedBonds)> perception;
    private readonly Lazy<(double[] LogP, double[] Mr)> crippen;
    private readonly Lazy<GasteigerResult> gasteiger;
    private readonly Lazy<(double[] Atoms, double Hydrogens)> labute;
    private readonly Lazy<double[]> estate;

    /// <summary>Bonds on the shortest path between two atoms; <see cref="Unreachable"/> between components.</summary>
    public int[,] Distances => distances.Value;

    public const int Unreachable = int.MaxValue;

    /// <summary>Each atom's hybridization as RDKit assigns it.</summary>
    public Hybridization[] Hybridization => perception.Value.Atoms;

    /// <summary>Per bond, whether RDKit calls it conjugated.</summary>
    public bool[] ConjugatedBonds => perception.Value.ConjugatedBonds;

    /// <summary>Per atom, its own Wildman–Crippen log P and molar refractivity, without its hydrogens' (RDKit's getCrippenAtomContribs).</summary>
    public (double[] LogP, double[] Mr) Crippen => crippen.Value;

    /// <summary>Gasteiger–Marsili charges as RDKit computes them.</summary>
    public GasteigerResult Gasteiger => gasteiger.Value;

    /// <summary>Labute's approximate surface area of each atom, and of all hydrogens together, Å².</summary>
    public (double[] Atoms, double Hydrogens) Labute => labute.Value;

    /// <summary>Kier–Hall electrotopological state of each atom.</summary>
    public double[] EStateIndices => estate.Value;

    private int[,] ComputeDistances()
    {
        int n = AtomCount;
        var d = new int[n, n];
        var queue = new Queue<int>();
        for (int s = 0; s < n; s++)
        {
            for (int t = 0; t < n; t++) d[s, t] = Unreachable;
            d[s, s] = 0;
            queue.Enqueue(s);
            while (queue.Count > 0)
            {
                int a = queue.Dequeue();
                foreach (var b in Neighbors[a])
                    if (d[s, b] == Unreachable)
                    {
                        d[s, b] = d[s, a] + 1;
                        queue.Enqueue(b);
                    }
            }
        }
        return d;
    }

    private (double[], double[]) ComputeCrippen()
    {
        // Crippen types the atoms of the hydrogen-added molecule, heavy atoms first in their order; the
        // hydrogens' own contributions are left out, as RDKit leaves them out of its per-atom contributions.
        var types = Descriptors.Crippen.AtomTypes(Molecule);
        int n = AtomCount;
        var logP = new double[n];
        var mr = new double[n];
        for (int a = 0; a < n && a < types.Count; a++) (logP[a], mr[a]) = (types[a].LogP, types[a].MolarRefractivity);
        return (logP, mr);
    }

    /// <summary>
    /// RDKit's paths of <paramref name="atoms"/> atoms (findAllPathsOfLengthN), bonds to hydrogen atoms left out:
    /// walks that never revisit an atom, except that the last step may return to any atom of the walk but the one
    /// it came from (closing a ring, or a "lollipop"), when the walk has more than two atoms; one walk per set of
    /// bonds, the first found starting from the lowest atom and stepping to neighbours in index order.
    /// </summary>
    public List<int[]> Paths(int atoms)
    {
        var paths = new List<int[]>();
        if (atoms < 1) return paths;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var path = new int[atoms];
        var onPath = new bool[AtomCount];
        var ordered = new int[AtomCount][];
        for (int a = 0; a < AtomCount; a++)
            ordered[a] = Molecule.Atoms[a].Element == 1 ? [] : [.. Neighbors[a].Where(b => Molecule.Atoms[b].Element != 1).Order()];
        for (int start = 0; start < AtomCount; start++)
        {
            path[0] = start;
            onPath[start] = true;
            Extend(1);
            onPath[start] = false;
        }
        return paths;

        void Extend(int length)
        {
            if (length == atoms)
            {
                var bonds = new int[atoms - 1];
                for (int i = 0; i + 1 < atoms; i++) bonds[i] = Molecule.BondIndexBetween(path[i], path[i + 1]);
                Array.Sort(bonds);
                if (atoms == 1 || seen.Add(string.Join(',', bonds))) paths.Add((int[])path.Clone());
                return;
            }
            foreach (var next in ordered[path[length - 1]])
            {
                if (onPath[next])
                {
                    bool closesAtEnd = atoms > 2 && length == atoms - 1 && next != path[length - 2];
                    if (!closesAtEnd) continue;
                    path[length] = next;
                    Extend(length + 1);
                    continue;
                }
                path[length] = next;
                onPath[next] = true;
                Extend(length + 1);
                onPath[next] = false;
            }
        }
    }
}
