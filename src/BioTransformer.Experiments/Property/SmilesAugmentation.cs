using BioTransformer.Core.Tokenization;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Experiments.Property;

/// <summary>
/// Randomized SMILES (random start atom and traversal; same molecule) encoded for the model, for
/// training augmentation and test-time averaging. A variant the model cannot take — longer than
/// max_length, or holding a token outside the vocabulary — falls back to the SMILES as written, and
/// is counted so the run can report it. Deterministic for a given <see cref="Random"/> state.
/// </summary>
public sealed class SmilesAugmentation
{
    private readonly IReadOnlyList<Molecule> molecules;
    private readonly IReadOnlyList<int[]> originals;
    private readonly Vocabulary vocabulary;
    private readonly int maxLength;
    private readonly List<string> tokens = [];

    public SmilesAugmentation(IReadOnlyList<Molecule> molecules, IReadOnlyList<int[]> originals, Vocabulary vocabulary, int maxLength)
    {
        this.molecules = molecules;
        this.originals = originals;
        this.vocabulary = vocabulary;
        this.maxLength = maxLength;
    }

    /// <summary>Variants that fell back to the SMILES as written.</summary>
    public int Fallbacks { get; private set; }

    /// <summary>Variants produced in all.</summary>
    public int Produced { get; private set; }

    /// <summary>Token ids of one randomized SMILES of row <paramref name="index"/>.</summary>
    public int[] Variant(int index, Random random)
    {
        Produced++;
        tokens.Clear();
        SmilesTokenizer.Tokenize(Smiles.Randomized(molecules[index], random), tokens);
        if (tokens.Count + 3 > maxLength || vocabulary.CountUnknown(Domain.Smiles, tokens) > 0)
        {
            Fallbacks++;
            return originals[index];
        }
        return vocabulary.Encode(Domain.Smiles, tokens);
    }

    /// <summary>
    /// One epoch's augmented rows: each of <paramref name="rows"/> repeated <paramref name="copies"/> times
    /// (Rows[r] is the data row whose label goes with Ids[r]), each copy a fresh randomized SMILES.
    /// </summary>
    public (List<int> Rows, List<int[]> Ids) Epoch(IReadOnlyList<int> rows, int copies, Random random)
    {
        var repeated = new List<int>(rows.Count * copies);
        var ids = new List<int[]>(rows.Count * copies);
        foreach (var i in rows)
            for (int c = 0; c < copies; c++)
            {
                repeated.Add(i);
                ids.Add(Variant(i, random));
            }
        return (repeated, ids);
    }

    /// <summary>Tokens of randomized SMILES of the given rows (<paramref name="copies"/> each), for building a vocabulary that covers them.</summary>
    public static IEnumerable<IReadOnlyList<string>> VariantTokens(IReadOnlyList<Molecule> molecules, IEnumerable<int> rows, int copies, int seed)
    {
        var random = new Random(seed);
        foreach (var i in rows)
            for (int c = 0; c < copies; c++)
            {
                var list = new List<string>();
                SmilesTokenizer.Tokenize(Smiles.Randomized(molecules[i], random), list);
                yield return list;
            }
    }

    /// <summary>A seed for epoch or pass <paramref name="pass"/> of a run seeded with <paramref name="seed"/>, stable across .NET versions.</summary>
    public static int SeedFor(int seed, int pass) => unchecked(seed * 1_000_003 + pass * 7919 + 17);
}
