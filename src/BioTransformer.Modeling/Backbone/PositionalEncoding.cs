namespace BioTransformer.Modeling.Backbone;

/// <summary>How the backbone knows token order.</summary>
public enum PositionalEncoding
{
    /// <summary>
    /// Rotary embeddings (RoPE, Su et al. 2021; as in ESM-2): queries and keys are rotated by an angle
    /// proportional to position, so attention scores depend on relative offsets. No parameters.
    /// </summary>
    Rotary,

    /// <summary>A learned embedding per absolute position, added to the token embedding (as in BERT/GPT-2).</summary>
    Learned,
}
