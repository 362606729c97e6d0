namespace BioTransformer.Modeling.Training;

/// <summary>
/// Sequences for causal language modelling.
/// </summary>
/// <param name="Ids">Token ids per sequence: &lt;cls&gt; &lt;smiles&gt; [scaffold tokens &lt;sep&gt;] tokens &lt;eos&gt;.</param>
/// <param name="PromptLengths">Per sequence, how many leading ids are given rather than predicted (2, or more with a scaffold prompt);
/// the loss counts the following tokens and &lt;eos&gt;.</param>
/// <param name="Conditions">(N, K) standardised condition values, or null for an unconditional model.</param>
public sealed record LanguageModelDataset(IReadOnlyList<int[]> Ids, IReadOnlyList<int> PromptLengths, float[,]? Conditions)
{
    public int Count => Ids.Count;
}
