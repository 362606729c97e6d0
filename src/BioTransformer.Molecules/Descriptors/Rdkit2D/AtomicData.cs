using System.Globalization;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>Covalent (Rb0) and van der Waals radii (Å) and the most common isotope's mass per element, from Chemistry/Data/radii.tsv.</summary>
public static class AtomicData
{
    private static readonly (double Covalent, double VanDerWaals, double Monoisotopic)[] Table = Load();

    public static double CovalentRadius(int z) => Table[z].Covalent;

    public static double VanDerWaalsRadius(int z) => Table[z].VanDerWaals;

    public static double MostCommonIsotopeMass(int z) => Table[z].Monoisotopic;

    private static (double, double, double)[] Load()
    {
        using var stream = typeof(AtomicData).Assembly.GetManifestResourceStream("radii.tsv")
            ?? throw new InvalidOperationException("embedded resource radii.tsv is missing");
        using var reader = new StreamReader(stream);
        var table = new (double, double, double)[Chemistry.Elements.MaxAtomicNumber + 1];
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            table[int.Parse(f[0], CultureInfo.InvariantCulture)] = (double.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
        }
        return table;
    }
}
