namespace BioTransformer.Modeling.Training;

/// <summary>
/// Encoded sequences with their training targets.
/// </summary>
/// <param name="Ids">Token ids per sequence (&lt;cls&gt; tag ... &lt;eos&gt;).</param>
/// <param name="Targets">(N, K) targets in model units (standardised for regression, 0/1 for classification); 0 where missing.</param>
/// <param name="Mask">(N, K) true where the target is present. Missing targets are masked out of the loss, not dropped.</param>
/// <param name="Features">(N, F) scaled extra features per sequence, when the model reads them; else null.</param>
public sealed record PropertyDataset(IReadOnlyList<int[]> Ids, float[,] Targets, bool[,] Mask, float[,]? Features = null)
{
    public int Count => Ids.Count;

    public int TargetCount => Targets.GetLength(1);
}
