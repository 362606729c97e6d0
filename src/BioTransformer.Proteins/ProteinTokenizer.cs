using BioTransformer.Core.Tokenization;

namespace BioTransformer.Proteins;

/// <summary>
/// One token per residue: the 20 standard amino acids plus X (unknown), B (D or N), Z (E or Q),
/// U (selenocysteine) and O (pyrrolysine). Lower case is accepted and upper-cased; anything else
/// (gaps, digits, '*', whitespace) is an <see cref="InvalidSequenceException"/>.
/// </summary>
public sealed class ProteinTokenizer : ITokenizer
{
    /// <summary>Standard residues in the conventional order, then the ambiguity and rare codes.</summary>
    public const string Alphabet = "ARNDCQEGHILKMFPSTWYVXBZUO";

    private static readonly string[] Tokens = Alphabet.Select(c => c.ToString()).ToArray();
    private static readonly string?[] TokenOfChar = BuildLookup();

    public Domain Domain => Domain.Protein;

    public IReadOnlyList<string> BaseTokens => Tokens;

    public IReadOnlyList<string> Tokenize(string sequence)
    {
        if (sequence.Length == 0) throw new InvalidSequenceException(sequence, 0, "empty protein sequence");
        var tokens = new string[sequence.Length];
        var table = TokenOfChar;
        for (int i = 0; i < sequence.Length; i++)
        {
            char c = sequence[i];
            string? token = c < 128 ? table[c] : null;
            if (token is null) throw NotALetter(sequence, i);
            tokens[i] = token;
        }
        return tokens;
    }

    public string Detokenize(IEnumerable<string> tokens) => string.Concat(tokens);

    private static InvalidSequenceException NotALetter(string sequence, int i) =>
        new(sequence, i, $"'{Printable(sequence[i])}' is not an amino-acid letter ({Alphabet})");

    private static string?[] BuildLookup()
    {
        var table = new string?[128];
        foreach (var token in Tokens)
        {
            table[token[0]] = token;
            table[char.ToLowerInvariant(token[0])] = token;
        }
        return table;
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
