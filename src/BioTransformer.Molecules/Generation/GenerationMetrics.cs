using BioTransformer.Core.Metrics;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Descriptors;

namespace BioTransformer.Molecules.Generation;

/// <summary>
/// The metrics of generated molecules with MOSES's definitions (Polykovskiy et al. 2020, molecularsets/moses):
/// validity over all samples; unique@k over the first k valid; novelty of the unique valid molecules
/// against the training set; internal diversity IntDiv_p = 1 − (mean over all ordered pairs, self-pairs
/// included, of Tanimoto^p)^(1/p) per molecule, averaged; SNN = mean over generated of the highest
/// Tanimoto to the reference set; Scaf = cosine similarity of Bemis–Murcko scaffold counts (scaffolds of
/// at least two rings) with the reference; and per-property Wasserstein-1 distances. Fingerprints are
/// Morgan radius 2, 1,024 bits, as in MOSES.
/// </summary>
public static class GenerationMetrics
{
    public static IReadOnlyList<string> PropertyNames { get; } = ["molecular_weight", "logp", "tpsa", "qed"];

    /// <summary>The per-property values MOSES-style distances compare.</summary>
    public static double[] Properties(Molecule molecule)
    {
        var d = MolecularDescriptors.Compute(molecule);
        return [d.MolecularWeight, d.LogP, d.Tpsa, d.Qed];
    }

    /// <param name="generated">Every sampled string, valid or not, in sampling order.</param>
    /// <param name="training">Canonical SMILES of the training set (for novelty).</param>
    /// <param name="reference">Reference molecules (the held-out test split) for SNN and Scaf.</param>
    /// <param name="trainingProperties">Property values of the training molecules, one array per molecule, in <see cref="PropertyNames"/> order.</param>
    public static GenerationReport Compute(IReadOnlyList<string> generated, IReadOnlySet<string> training, IReadOnlyList<Molecule> reference,
        IReadOnlyList<double[]> trainingProperties)
    {
        var parsed = generated.AsParallel().AsOrdered().Select(s => s.Length > 0 && Smiles.TryParse(s, out var m, out _) ? m : null).ToList();
        var valid = parsed.Where(m => m is not null).Select(m => m!).ToList();
        var canonical = valid.AsParallel().AsOrdered().Select(Smiles.Canonical).ToList();
        double validity = generated.Count == 0 ? double.NaN : (double)valid.Count / generated.Count;

        var unique = canonical.ToHashSet(StringComparer.Ordinal);
        double novelty = unique.Count == 0 ? double.NaN : (double)unique.Count(s => !training.Contains(s)) / unique.Count;

        var fingerprints = PackedFingerprints.Morgan(valid);
        var referenceFingerprints = PackedFingerprints.Morgan(reference);
        var generatedProperties = valid.AsParallel().AsOrdered().Select(Properties).ToList();
        var distances = new Dictionary<string, double>();
        for (int p = 0; p < PropertyNames.Count; p++)
            distances[PropertyNames[p]] = Wasserstein.Distance(generatedProperties.Select(v => v[p]).ToList(), trainingProperties.Select(v => v[p]).ToList());

        return new GenerationReport(
            Samples: generated.Count,
            Valid: valid.Count,
            Validity: validity,
            Unique1k: UniqueAt(canonical, 1_000),
            Unique10k: UniqueAt(canonical, 10_000),
            Novelty: novelty,
            IntDiv1: InternalDiversity(fingerprints, 1),
            IntDiv2: InternalDiversity(fingerprints, 2),
            Snn: NearestNeighbourSimilarity(fingerprints, referenceFingerprints),
            Scaf: ScaffoldSimilarity(valid, reference),
            PropertyDistances: distances);
    }

    /// <summary>Unique canonical SMILES among the first k valid ones, divided by how many were looked at (fewer than k if fewer exist).</summary>
    public static double UniqueAt(IReadOnlyList<string> canonicalValid, int k)
    {
        int n = Math.Min(k, canonicalValid.Count);
        return n == 0 ? double.NaN : (double)canonicalValid.Take(n).Distinct(StringComparer.Ordinal).Count() / n;
    }

    /// <summary>1 − mean over molecules of (mean over all molecules, itself included, of Tanimoto^p)^(1/p).</summary>
    public static double InternalDiversity(PackedFingerprints fingerprints, int p)
    {
        int n = fingerprints.Count;
        if (n == 0) return double.NaN;
        var perMolecule = new double[n];
        Parallel.For(0, n, i =>
        {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += Math.Pow(fingerprints.Tanimoto(i, fingerprints, j), p);
            perMolecule[i] = Math.Pow(sum / n, 1.0 / p);
        });
        return 1 - perMolecule.Average();
    }

    /// <summary>Mean over generated molecules of the highest Tanimoto similarity to any reference molecule.</summary>
    public static double NearestNeighbourSimilarity(PackedFingerprints generated, PackedFingerprints reference)
    {
        if (generated.Count == 0 || reference.Count == 0) return double.NaN;
        var best = new double[generated.Count];
        Parallel.For(0, generated.Count, i =>
        {
            double max = 0;
            for (int j = 0; j < reference.Count; j++) max = Math.Max(max, generated.Tanimoto(i, reference, j));
            best[i] = max;
        });
        return best.Average();
    }

    /// <summary>Cosine similarity of the scaffold count vectors (scaffolds with at least <paramref name="minRings"/> rings).</summary>
    public static double ScaffoldSimilarity(IReadOnlyList<Molecule> generated, IReadOnlyList<Molecule> reference, int minRings = 2)
    {
        var a = ScaffoldCounts(generated, minRings);
        var b = ScaffoldCounts(reference, minRings);
        if (a.Count == 0 || b.Count == 0) return double.NaN;
        double dot = 0, na = 0, nb = 0;
        foreach (var (key, count) in a)
        {
            na += (double)count * count;
            if (b.TryGetValue(key, out var other)) dot += (double)count * other;
        }
        foreach (var count in b.Values) nb += (double)count * count;
        return dot / Math.Sqrt(na * nb);
    }

    private static Dictionary<string, int> ScaffoldCounts(IReadOnlyList<Molecule> molecules, int minRings)
    {
        var scaffolds = molecules.AsParallel().Select(m =>
        {
            var scaffold = Scaffolds.MurckoScaffold(m);
            return scaffold.AtomCount == 0 || scaffold.Rings.AtomRings.Count < minRings ? null : Smiles.Canonical(scaffold);
        }).Where(s => s is not null).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in scaffolds) counts[s!] = counts.GetValueOrDefault(s!) + 1;
        return counts;
    }
}
