using System.Globalization;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Fingerprints;
using BioTransformer.Molecules.Smarts;

namespace BioTransformer.Molecules.Descriptors.Rdkit2D;

/// <summary>
/// The 2D descriptor set of RDKit 2022.09 (<c>rdkit.Chem.Descriptors.descList</c>, 208 descriptors) under
/// RDKit's names and in its order, computed by this toolkit's own chemistry and checked against RDKit on
/// golden files (docs/results.md, "Chemistry module", lists the agreement per descriptor). A value that
/// cannot be computed (an atom without Gasteiger parameters, say) is NaN, as in RDKit.
/// </summary>
public static class Rdkit2DDescriptors
{
    private static readonly (string Name, SmartsPattern Pattern)[] Fragments = LoadFragments();

    /// <summary>Descriptor names in RDKit's order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "MaxEStateIndex", "MinEStateIndex", "MaxAbsEStateIndex", "MinAbsEStateIndex", "qed", "MolWt", "HeavyAtomMolWt", "ExactMolWt",
        "NumValenceElectrons", "NumRadicalElectrons", "MaxPartialCharge", "MinPartialCharge", "MaxAbsPartialCharge", "MinAbsPartialCharge",
        "FpDensityMorgan1", "FpDensityMorgan2", "FpDensityMorgan3", "BCUT2D_MWHI", "BCUT2D_MWLOW", "BCUT2D_CHGHI", "BCUT2D_CHGLO",
        "BCUT2D_LOGPHI", "BCUT2D_LOGPLOW", "BCUT2D_MRHI", "BCUT2D_MRLOW", "BalabanJ", "BertzCT", "Chi0", "Chi0n", "Chi0v", "Chi1",
        "Chi1n", "Chi1v", "Chi2n", "Chi2v", "Chi3n", "Chi3v", "Chi4n", "Chi4v", "HallKierAlpha", "Ipc", "Kappa1", "Kappa2", "Kappa3",
        "LabuteASA", .. Numbered("PEOE_VSA", 14), .. Numbered("SMR_VSA", 10), .. Numbered("SlogP_VSA", 12), "TPSA",
        .. Numbered("EState_VSA", 11), .. Numbered("VSA_EState", 10), "FractionCSP3", "HeavyAtomCount", "NHOHCount", "NOCount",
        "NumAliphaticCarbocycles", "NumAliphaticHeterocycles", "NumAliphaticRings", "NumAromaticCarbocycles", "NumAromaticHeterocycles",
        "NumAromaticRings", "NumHAcceptors", "NumHDonors", "NumHeteroatoms", "NumRotatableBonds", "NumSaturatedCarbocycles",
        "NumSaturatedHeterocycles", "NumSaturatedRings", "RingCount", "MolLogP", "MolMR", .. Fragments.Select(f => f.Name),
    ];

    /// <summary>RDKit's names in string order for the numbered families (PEOE_VSA1, PEOE_VSA10, PEOE_VSA11, …, PEOE_VSA2, …).</summary>
    private static IEnumerable<string> Numbered(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal);

    /// <summary>Every descriptor of <see cref="Names"/> for one molecule, in that order.</summary>
    public static double[] Compute(Molecule molecule)
    {
        var graph = new MoleculeGraph(molecule);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var mol = graph.Molecule;
        var basic = MolecularDescriptors.Compute(molecule);

        var estate = graph.EStateIndices;
        values["MaxEStateIndex"] = estate.DefaultIfEmpty(double.NaN).Max();
        values["MinEStateIndex"] = estate.DefaultIfEmpty(double.NaN).Min();
        values["MaxAbsEStateIndex"] = estate.Select(Math.Abs).DefaultIfEmpty(double.NaN).Max();
        values["MinAbsEStateIndex"] = estate.Select(Math.Abs).DefaultIfEmpty(double.NaN).Min();
        values["qed"] = basic.Qed;
        values["MolWt"] = basic.MolecularWeight;
        values["HeavyAtomMolWt"] = mol.Atoms.Where(a => a.Element > 1)
            .Sum(a => a.Isotope > 0 ? Elements.IsotopeMass(a.Element, a.Isotope) : Elements.AtomicWeight(a.Element));
        values["ExactMolWt"] = mol.Atoms.Sum(a => (a.Isotope > 0 && a.Element > 0 ? Elements.IsotopeMass(a.Element, a.Isotope) : AtomicData.MostCommonIsotopeMass(a.Element))
                                                  + a.TotalHydrogens * AtomicData.MostCommonIsotopeMass(1));
        values["NumValenceElectrons"] = mol.Atoms.Sum(a => Elements.OuterShellElectrons(a.Element) - a.Charge + a.TotalHydrogens);
        values["NumRadicalElectrons"] = mol.Atoms.Sum(a => a.RadicalElectrons);

        // RDKit folds the charges with Python's min and max from ±500, so a NaN charge propagates only where
        // Python's comparison lets it; the same folding here keeps such molecules identical.
        var charges = graph.Gasteiger;
        double minCharge = 500, maxCharge = -500;
        foreach (var q in charges.Atoms)
        {
            minCharge = minCharge < q ? minCharge : q;
            maxCharge = maxCharge > q ? maxCharge : q;
        }
        values["MaxPartialCharge"] = maxCharge;
        values["MinPartialCharge"] = minCharge;
        values["MaxAbsPartialCharge"] = Math.Abs(maxCharge) > Math.Abs(minCharge) ? Math.Abs(maxCharge) : Math.Abs(minCharge);
        values["MinAbsPartialCharge"] = Math.Abs(maxCharge) < Math.Abs(minCharge) ? Math.Abs(maxCharge) : Math.Abs(minCharge);

        int heavy = mol.Atoms.Count(a => a.Element > 1);
        for (int r = 1; r <= 3; r++)
            values[$"FpDensityMorgan{r}"] = heavy == 0 ? 0 : MorganFingerprint.Counts(molecule, r).Count / (double)heavy;

        var (logP, mr) = graph.Crippen;
        var bcut = charges.Parameterised ? Bcut.Compute(graph, [.. mol.Atoms.Select(AtomMass)], charges.Atoms, logP, mr) : Bcut.Unavailable;
        string[] bcutNames = ["BCUT2D_MWHI", "BCUT2D_MWLOW", "BCUT2D_CHGHI", "BCUT2D_CHGLO", "BCUT2D_LOGPHI", "BCUT2D_LOGPLOW", "BCUT2D_MRHI", "BCUT2D_MRLOW"];
        for (int i = 0; i < bcutNames.Length; i++) values[bcutNames[i]] = bcut[i];

        values["BalabanJ"] = Topology.BalabanJ(graph);
        values["BertzCT"] = BertzComplexity.Compute(graph);
        (values["Chi0"], values["Chi1"]) = Topology.SimpleChi(graph);
        var valenceN = Topology.ChiWeights(graph, scaled: false);
        var valenceV = Topology.ChiWeights(graph, scaled: true);
        for (int order = 0; order <= 4; order++)
        {
            values[$"Chi{order}n"] = Topology.Chi(graph, valenceN, order);
            values[$"Chi{order}v"] = Topology.Chi(graph, valenceV, order);
        }
        values["HallKierAlpha"] = Topology.HallKierAlpha(graph);
        values["Ipc"] = Topology.InformationContent(graph).Ipc;
        (values["Kappa1"], values["Kappa2"], values["Kappa3"]) = Topology.Kappas(graph);

        var (areas, hydrogenArea) = graph.Labute;
        values["LabuteASA"] = areas.Sum() + hydrogenArea;
        Family(values, "PEOE_VSA", SurfaceArea.Binned(charges.Atoms, areas, SurfaceArea.PeoeEdges));
        Family(values, "SMR_VSA", SurfaceArea.Binned(mr, areas, SurfaceArea.SmrEdges));
        Family(values, "SlogP_VSA", SurfaceArea.Binned(logP, areas, SurfaceArea.SlogPEdges));
        values["TPSA"] = basic.Tpsa;
        Family(values, "EState_VSA", SurfaceArea.Binned(estate, areas, SurfaceArea.EStateEdges));
        Family(values, "VSA_EState", SurfaceArea.Binned(areas, estate, SurfaceArea.VsaEdges));

        int carbons = mol.Atoms.Count(a => a.Element == 6);
        values["FractionCSP3"] = carbons == 0 ? 0 : Enumerable.Range(0, mol.AtomCount).Count(a => mol.Atoms[a].Element == 6 && mol.Degree(a) + mol.Atoms[a].TotalHydrogens == 4) / (double)carbons;
        values["HeavyAtomCount"] = heavy;
        values["NHOHCount"] = mol.Atoms.Where(a => a.Element is 7 or 8).Sum(a => a.TotalHydrogens);
        values["NOCount"] = mol.Atoms.Count(a => a.Element is 7 or 8);
        RingCounts(mol, values);
        values["NumHAcceptors"] = basic.HBondAcceptors;
        values["NumHDonors"] = basic.HBondDonors;
        values["NumHeteroatoms"] = mol.Atoms.Count(a => a.Element is not (1 or 6));
        values["NumRotatableBonds"] = basic.RotatableBonds;
        values["MolLogP"] = basic.LogP;
        values["MolMR"] = Crippen.MolarRefractivity(molecule);
        foreach (var (name, pattern) in Fragments) values[name] = pattern.Matches(graph.Target).Count;
        return [.. Names.Select(name => values[name])];
    }

    private static double AtomMass(Atom atom) =>
        atom.Isotope > 0 && atom.Element > 0 ? Elements.IsotopeMass(atom.Element, atom.Isotope) : Elements.AtomicWeight(atom.Element);

    private static void Family(Dictionary<string, double> values, string prefix, double[] bins)
    {
        for (int i = 0; i < bins.Length; i++) values[prefix + (i + 1).ToString(CultureInfo.InvariantCulture)] = bins[i];
    }

    /// <summary>RDKit's ring counts: aromatic (every bond aromatic), aliphatic (some bond not), saturated (every bond single and not aromatic); carbo- or heterocycles by their atoms.</summary>
    private static void RingCounts(Molecule mol, Dictionary<string, double> values)
    {
        var rings = mol.Rings;
        int aromaticCarbo = 0, aromaticHetero = 0, aliphaticCarbo = 0, aliphaticHetero = 0, saturatedCarbo = 0, saturatedHetero = 0;
        for (int r = 0; r < rings.BondRings.Count; r++)
        {
            var bonds = rings.BondRings[r];
            bool carbocycle = rings.AtomRings[r].All(a => mol.Atoms[a].Element == 6);
            bool aromatic = bonds.All(b => mol.Bonds[b].Aromatic || mol.Bonds[b].Type == BondType.Aromatic);
            bool saturated = bonds.All(b => !mol.Bonds[b].Aromatic && mol.Bonds[b].Type == BondType.Single);
            if (aromatic) { if (carbocycle) aromaticCarbo++; else aromaticHetero++; }
            else { if (carbocycle) aliphaticCarbo++; else aliphaticHetero++; }
            if (saturated) { if (carbocycle) saturatedCarbo++; else saturatedHetero++; }
        }
        values["NumAliphaticCarbocycles"] = aliphaticCarbo;
        values["NumAliphaticHeterocycles"] = aliphaticHetero;
        values["NumAliphaticRings"] = aliphaticCarbo + aliphaticHetero;
        values["NumAromaticCarbocycles"] = aromaticCarbo;
        values["NumAromaticHeterocycles"] = aromaticHetero;
        values["NumAromaticRings"] = aromaticCarbo + aromaticHetero;
        values["NumSaturatedCarbocycles"] = saturatedCarbo;
        values["NumSaturatedHeterocycles"] = saturatedHetero;
        values["NumSaturatedRings"] = saturatedCarbo + saturatedHetero;
        values["RingCount"] = rings.AtomRings.Count;
    }

    /// <summary>RDKit's fragment descriptors (Chemistry/Data/fragments.tsv), named as RDKit's descList names them ('=' and '-' read as '_').</summary>
    private static (string, SmartsPattern)[] LoadFragments()
    {
        using var stream = typeof(Rdkit2DDescriptors).Assembly.GetManifestResourceStream("fragments.tsv")
            ?? throw new InvalidOperationException("embedded resource fragments.tsv is missing");
        using var reader = new StreamReader(stream);
        var fragments = new List<(string, SmartsPattern)>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            var name = f[0].Replace('=', '_').Replace('-', '_');
            if (fragments.All(x => x.Item1 != name)) fragments.Add((name, SmartsPattern.Parse(f[1])));   // RDKit's file lists fr_sulfone twice
        }
        return [.. fragments.OrderBy(x => x.Item1, StringComparer.Ordinal)];
    }
}
