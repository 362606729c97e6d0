namespace BioTransformer.Core.Data;

/// <summary>
/// Assigns rows to train, validation and test. Implementations must be deterministic for a given
/// input and seed. The items are the rows' sequences (SMILES or residues), so
/// content-aware splits (Bemis-Murcko scaffolds, sequence clusters) can group them.
/// </summary>
public interface ISplitter
{
    SplitIndices Split(IReadOnlyList<string> items, SplitFractions fractions, int seed);
}
