using BioTransformer.Core.Tokenization;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Experiments.Property;

/// <summary>Why a sequence cannot be used by a model: it does not tokenize, is too long, or (SMILES) is not a valid molecule.</summary>
public static class SequenceValidation
{
    /// <param name="trainedModel">True when a trained model reads the sequence (predict, evaluate): its window is fixed,
    /// so the advice names no manifest key; false while preparing training data.</param>
    /// <returns>Null when the sequence is usable; otherwise the reason, with what to do.</returns>
    public static string? Problem(ITokenizer tokenizer, string sequence, Domain domain, int maxLength, bool parseSmiles,
        out IReadOnlyList<string>? tokens, out Molecule? molecule, bool trainedModel = false)
    {
        molecule = null;
        try
        {
            tokens = tokenizer.Tokenize(sequence);
        }
        catch (InvalidSequenceException e)
        {
            tokens = null;
            return $"{(domain == Domain.Smiles ? "SMILES" : "sequence")} does not tokenize: {e.Message}";
        }
        if (tokens.Count + 3 > maxLength)
            return trainedModel
                ? $"{tokens.Count} tokens is longer than this model's window of {maxLength - 3} (+ 3 special tokens), which was fixed when it was trained; train a model with a larger model.max_length to read it"
                : $"{tokens.Count} tokens is longer than max_length {maxLength} allows ({maxLength - 3} + 3 special tokens); raise model.max_length to keep it";
        if (parseSmiles && domain == Domain.Smiles && !Smiles.TryParse(sequence, out molecule, out var error))
            return trainedModel ? $"not a valid molecule: {error!.Message}" : $"not a valid molecule: {error!.Message} (data.validate_smiles = false keeps it)";
        return null;
    }
}
