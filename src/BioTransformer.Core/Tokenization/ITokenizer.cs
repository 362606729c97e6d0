namespace BioTransformer.Core.Tokenization;

/// <summary>
/// Splits one sequence into tokens, losslessly: concatenating the tokens gives back the input, except
/// for case normalisation where a domain defines it (protein letters are upper-cased).
/// </summary>
public interface ITokenizer
{
    Domain Domain { get; }

    /// <summary>Tokens of <paramref name="sequence"/>.</summary>
    /// <exception cref="InvalidSequenceException">A character that is not part of the domain's alphabet.</exception>
    IReadOnlyList<string> Tokenize(string sequence);

    /// <summary>
    /// Tokens every vocabulary holds for this domain, in a fixed order: their ids are pinned, so the
    /// list only ever grows at its end.
    /// </summary>
    IReadOnlyList<string> BaseTokens { get; }

    /// <summary>The sequence the tokens spell.</summary>
    string Detokenize(IEnumerable<string> tokens);
}
