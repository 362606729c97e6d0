namespace BioTransformer.Modeling.Training;

/// <summary>Source and target sequences for an encoder–decoder model.</summary>
/// <param name="Sources">Encoder input ids per example: &lt;cls&gt; tag [class token] tokens &lt;eos&gt;.</param>
/// <param name="Targets">Decoder ids per example: &lt;cls&gt; tag tokens &lt;eos&gt;; the loss counts the tokens after the two-id prompt, and &lt;eos&gt;.</param>
public sealed record TranslationDataset(IReadOnlyList<int[]> Sources, IReadOnlyList<int[]> Targets)
{
    public int Count => Sources.Count;

    /// <summary>Ids given to the decoder rather than predicted: &lt;cls&gt; and the domain tag.</summary>
    public const int PromptLength = 2;
}
