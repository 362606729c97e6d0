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
        if (VocabSize > MaxVocabulary || Dim > MaxWidth || FeedForward > 4 * MaxWidth || Layers > MaxLayers || Heads > MaxWidth || MaxLength > MaxSequence)
            throw new ArgumentException($"sizes beyond any model this toolkit trains (vocabulary ≤ {MaxVocabulary:N0}, width ≤ {MaxWidth:N0}, layers ≤ {MaxLayers}, max length ≤ {MaxSequence:N0})");
    }

    private const int MaxVocabulary = 1_000_000, MaxWidth = 65_536, MaxLayers = 1_024, MaxSequence = 1_000_000;

    /// <summary>
    /// Number of parameters: token (and learned position) embeddings, per layer attention (4 C² + 4 C),
    /// feed-forward (2 C F + C + F) and two LayerNorms (4 C), and the final LayerNorm. For checking that a
    /// shape fits in memory before anything is allocated.
    /// </summary>
    public long ParameterCount()
    {
        long c = Dim, f = FeedForward;
        long perLayer = 4 * c * c + 4 * c + 2 * c * f + c + f + 4 * c;
        long positions = Positional == PositionalEncoding.Learned ? (long)MaxLength * c : 0;
        return (long)VocabSize * c + positions + Layers * perLayer + 2 * c;
    }
}
