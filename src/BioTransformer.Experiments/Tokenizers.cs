using BioTransformer.Core.Tokenization;
using BioTransformer.Molecules;
using BioTransformer.Proteins;

namespace BioTransformer.Experiments;

/// <summary>The tokenizers of both domains and the standard vocabulary built from them.</summary>
public static class Tokenizers
{
    private static readonly ITokenizer[] All = [new ProteinTokenizer(), new SmilesTokenizer()];

    public static ITokenizer For(Domain domain) => All.First(t => t.Domain == domain);

    /// <summary>Special tokens, the protein alphabet and the base SMILES tokens, with pinned ids.</summary>
    public static Vocabulary StandardVocabulary() => Vocabulary.Create(All);

    /// <summary>
    /// The standard vocabulary extended with the tokens of <paramref name="tokenized"/> it lacks, most
    /// frequent first (ties in ordinal order), so the result depends only on the data.
    /// </summary>
    public static Vocabulary BuildVocabulary(Domain domain, IEnumerable<IReadOnlyList<string>> tokenized)
    {
        var standard = StandardVocabulary();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tokens in tokenized)
            foreach (var token in tokens)
                if (!standard.Contains(domain, token))
                    counts[token] = counts.GetValueOrDefault(token) + 1;
        var extra = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key);
        return standard.Extend(domain, extra);
    }
}
