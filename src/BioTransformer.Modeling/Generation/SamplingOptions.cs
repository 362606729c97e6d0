namespace BioTransformer.Modeling.Generation;

/// <summary>How the next token is drawn.</summary>
/// <param name="Temperature">Logits are divided by it: below 1 sharpens (more conservative), above 1 flattens. Must be positive.</param>
/// <param name="TopK">Keep only the k most likely tokens; 0 keeps all.</param>
/// <param name="TopP">Nucleus sampling: keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all.</param>
/// <param name="MaxLength">Longest sequence in tokens, special tokens and prompt included; 0 = the model's max_length.</param>
/// <param name="UseCache">Decode with the key/value cache (one position per step) or recompute the prefix every step.</param>
public sealed record SamplingOptions(double Temperature = 1.0, int TopK = 0, double TopP = 1.0, int MaxLength = 0, bool UseCache = true)
{
    public void Validate()
    {
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new ArgumentException($"temperature must be positive, got {Temperature}");
        if (TopK < 0) throw new ArgumentException($"top-k must be 0 (off) or positive, got {TopK}");
        if (!(TopP > 0 && TopP <= 1)) throw new ArgumentException($"top-p must be in (0, 1], got {TopP}");
        if (MaxLength < 0) throw new ArgumentException($"max length must be 0 (the model's) or positive, got {MaxLength}");
    }
}
