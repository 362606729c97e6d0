namespace BioTransformer.Experiments.Chemistry;

/// <summary>Fingerprint settings of <see cref="ChemistryTables.Fingerprints"/>.</summary>
/// <param name="Radius">Morgan radius: 2 is ECFP4, 3 is ECFP6.</param>
/// <param name="Bits">Folded length.</param>
/// <param name="Counts">Occurrence counts instead of 0/1 bits.</param>
/// <param name="Sparse">One column "features" of index:value pairs for non-zero entries instead of one column per bit.</param>
public sealed record FingerprintOptions(int Radius = 2, int Bits = 2048, bool Counts = false, bool Sparse = false);
