namespace BioTransformer.Molecules.Generation;

/// <summary>MOSES-style metrics of one set of generated molecules (see <see cref="GenerationMetrics"/>).</summary>
/// <param name="Samples">Strings sampled, valid or not.</param>
/// <param name="Valid">How many are valid molecules.</param>
/// <param name="PropertyDistances">Wasserstein-1 distance to the training set per property (weight in g/mol, logP, TPSA in Å², QED).</param>
public sealed record GenerationReport(
    int Samples,
    int Valid,
    double Validity,
    double Unique1k,
    double Unique10k,
    double Novelty,
    double IntDiv1,
    double IntDiv2,
    double Snn,
    double Scaf,
    IReadOnlyDictionary<string, double> PropertyDistances);
