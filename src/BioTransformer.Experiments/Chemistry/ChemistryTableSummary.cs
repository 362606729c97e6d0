namespace BioTransformer.Experiments.Chemistry;

/// <summary>What a chemistry table command read and wrote.</summary>
/// <param name="FirstInvalid">The first <see cref="KeptInvalid"/> invalid rows (all are in the output file, and passed to the caller as they are found).</param>
public sealed record ChemistryTableSummary(int Rows, int Valid, int InvalidCount, IReadOnlyList<InvalidSmiles> FirstInvalid, string? OutputPath)
{
    /// <summary>How many invalid rows a summary keeps in memory.</summary>
    public const int KeptInvalid = 1000;
}
