using System.Globalization;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Smarts;

namespace BioTransformer.Molecules.Descriptors;

/// <summary>
/// Wildman–Crippen log P: the sum of per-atom contributions (hydrogens included) of the first
/// matching atom type in Chemistry/Data/crippen.tsv.
/// </summary>
public static class Crippen
{
    private static readonly (string Type, SmartsPattern Pattern, double LogP, double MolarRefractivity)[] Types = Load();

    /// <summary>log P of a molecule: every atom, hydrogens as explicit atoms, takes its first matching type.</summary>
    public static double LogP(Molecule molecule) => AtomTypes(molecule).Sum(t => t.LogP);

    /// <summary>Wildman–Crippen molar refractivity of the molecule with its hydrogens (RDKit's MolMR).</summary>
    public static double MolarRefractivity(Molecule molecule) => AtomTypes(molecule).Sum(t => t.MolarRefractivity);

    /// <summary>The Crippen type and contributions of every atom, hydrogens appended after the heavy atoms.</summary>
    public static IReadOnlyList<(int Element, string Type, double LogP, double MolarRefractivity)> AtomTypes(Molecule molecule)
    {
        var folded = Hydrogens.Remove(molecule);
        if (ReferenceEquals(folded, molecule)) folded = molecule.Clone();
        Aromaticity.Perceive(folded);
        var target = MatchTarget.ForExplicitHydrogens(Hydrogens.Add(folded));
        var result = new List<(int, string, double, double)>(target.Molecule.AtomCount);
        for (int a = 0; a < target.Molecule.AtomCount; a++)
        {
            var typed = (target.Molecule.Atoms[a].Element, "", 0.0, 0.0);
            foreach (var (type, pattern, logP, mr) in Types)
                if (pattern.MatchesAt(target, a))
                {
                    typed = (target.Molecule.Atoms[a].Element, type, logP, mr);
                    break;
                }
            result.Add(typed);
        }
        return result;
    }

    private static (string, SmartsPattern, double, double)[] Load()
    {
        using var stream = typeof(Crippen).Assembly.GetManifestResourceStream("crippen.tsv")
            ?? throw new InvalidOperationException("embedded resource crippen.tsv is missing");
        using var reader = new StreamReader(stream);
        var types = new List<(string, SmartsPattern, double, double)>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            types.Add((f[0], SmartsPattern.Parse(f[1]), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)));
        }
        return [.. types];
    }
}
