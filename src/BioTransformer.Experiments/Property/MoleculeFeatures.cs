using BioTransformer.Core;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Modeling.Heads;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Descriptors.Rdkit2D;
using BioTransformer.Molecules.Fingerprints;

namespace BioTransformer.Experiments.Property;

/// <summary>Per-molecule feature sets a property model can read beside the sequence (property.features).</summary>
public enum MoleculeFeatureSet
{
    /// <summary>RDKit's 208 2D descriptors (chemprop's rdkit_2d idea).</summary>
    Rdkit2d,

    /// <summary>ECFP4 counts: Morgan radius 2 folded to 2,048 features.</summary>
    Ecfp4,
}

/// <summary>
/// Computes the extra features of molecules (chemprop's --features_generator): the raw values here, their
/// scaling (fitted on the training split only) in <see cref="FeatureScaling"/>, which the model saves.
/// </summary>
public static class MoleculeFeatures
{
    private const int EcfpRadius = 2;
    private const int EcfpDimension = 2048;

    public static IReadOnlyList<MoleculeFeatureSet> Parse(IReadOnlyList<string> sets) =>
        [.. sets.Select(ManifestEnums.Parse<MoleculeFeatureSet>)];

    public static IReadOnlyList<string> Names(IReadOnlyList<MoleculeFeatureSet> sets) =>
        [.. sets.SelectMany(set => set switch
        {
            MoleculeFeatureSet.Rdkit2d => Rdkit2DDescriptors.Names,
            MoleculeFeatureSet.Ecfp4 => Enumerable.Range(0, EcfpDimension).Select(j => $"ecfp4_{j}"),
            _ => throw new ArgumentOutOfRangeException(nameof(sets), set, "unknown feature set"),
        })];

    /// <summary>Raw features of every molecule (in parallel; each molecule's values do not depend on the others or on threads).</summary>
    public static double[][] Compute(IReadOnlyList<Molecule> molecules, IReadOnlyList<MoleculeFeatureSet> sets)
    {
        var rows = new double[molecules.Count][];
        Parallel.For(0, molecules.Count, i =>
        {
            var row = new List<double>();
            foreach (var set in sets)
            {
                if (set == MoleculeFeatureSet.Rdkit2d) row.AddRange(Rdkit2DDescriptors.Compute(molecules[i]));
                else row.AddRange(MorganFingerprint.FoldedCounts(molecules[i], EcfpRadius, EcfpDimension).Select(c => (double)c));
            }
            rows[i] = [.. row];
        });
        return rows;
    }

    /// <summary>The scaled features a saved model reads, from SMILES (each must parse: callers have validated them).</summary>
    public static float[,] ForModel(FeatureScaling scaling, IReadOnlyList<string> smiles)
    {
        var molecules = smiles.Select(s => Smiles.TryParse(s, out var m, out var error) ? m! : throw new InputException($"'{s}' is not a valid SMILES: {error!.Message}")).ToList();
        return scaling.Apply(Compute(molecules, Parse(scaling.Sets)));
    }
}
