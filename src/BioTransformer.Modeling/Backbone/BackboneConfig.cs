namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// Shape of the shared transformer: the only input needed to build it, stored beside its weights.
/// </summary>
/// <param name="VocabSize">Rows of the token embedding (the vocabulary's size).</param>
/// <param name="Dim">Width d_model of every token's hidden state.</param>
/// <param name="Layers">Number of pre-LayerNorm transformer blocks.</param>
/// <param name="Heads">Attention heads per block; must divide <paramref name="Dim"/>.</param>
/// <param name="FeedForward">Hidden width of each block's feed-forward network (usually 4 × Dim).</param>
/// <param name="Dropout">Dropout probability on attention weights and residual branches while training.</param>
/// <param name="MaxLength">Longest token sequence the model accepts, special tokens included.</param>
/// <param name="Positional">Positional encoding; see <see cref="PositionalEncoding"/>.</param>
public sealed record BackboneConfig(
    int VocabSize,
    int Dim = 256,
    int Layers = 4,
    int Heads = 8,
    int FeedForward = 1024,
    double Dropout = 0.1,
    int MaxLength = 256,
    PositionalEncoding Positional = PositionalEncoding.Rotary)
{
    public int HeadDim => Dim / Heads;

    /// <summary>Throws when the shape is inconsistent.</summary>
    public void Validate()
    {
        if (VocabSize < 1) throw new ArgumentException("VocabSize must be positive");
        if (Dim < 1 || Layers < 1 || Heads < 1 || FeedForward < 1 || MaxLength < 3)
            throw new ArgumentException("Dim, Layers, Heads and FeedForward must be positive and MaxLength at least 3");
        if (Dim % Heads != 0) throw new ArgumentException($"Dim ({Dim}) must be divisible by Heads ({Heads})");
        if (Positional == PositionalEncoding.Rotary && HeadDim % 2 != 0)
            throw new ArgumentException($"rotary embeddings need an even head width (Dim/Heads = {HeadDim})");
        if (Dropout is < 0 or >= 1) throw new ArgumentException("Dropout must be in [0, 1)");
    }
}
