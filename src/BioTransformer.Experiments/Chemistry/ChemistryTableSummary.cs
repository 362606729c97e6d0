namespace BioTransformer.Experiments.Chemistry;

/// <summary>What a chemistry table command read and wrote.</summary>
public sealed record ChemistryTableSummary(int Rows, int Valid, IReadOnlyList<InvalidSmiles> Invalid, string? OutputPath)
{
    public int InvalidCount => Invalid.Count;
}
