using BioTransformer.Experiments;
using BioTransformer.Experiments.Property;
using BioTransformer.Molecules;
using BioTransformer.Core.Tokenization;

namespace BioTransformer.Tests.Chemistry;

public class SmilesAugmentationTests
{
    private static readonly string[] Written = ["CC(=O)Oc1ccccc1C(=O)O", "c1ccc2ccccc2c1", "CCN(CC)CC", "OC[C@H]1OC(O)[C@H](O)[C@@H](O)[C@@H]1O"];

    private static (SmilesAugmentation Augmentation, Vocabulary Vocabulary) Build(int maxLength = 128)
    {
        var molecules = Written.Select(Smiles.Parse).ToList();
        var tokens = Written.Select(s => Tokenizers.For(Domain.Smiles).Tokenize(s)).ToList();
        var vocabulary = Tokenizers.BuildVocabulary(Domain.Smiles,
            tokens.Concat(SmilesAugmentation.VariantTokens(molecules, Enumerable.Range(0, Written.Length), 20, seed: 0)));
        var ids = tokens.Select(t => vocabulary.Encode(Domain.Smiles, t)).ToList();
        return (new SmilesAugmentation(molecules, ids, vocabulary, maxLength), vocabulary);
    }

    private static string Decode(Vocabulary vocabulary, int[] ids) =>
        string.Concat(vocabulary.DecodeTokens(ids.Where(id => !Vocabulary.IsSpecial(id))));

    [Fact]
    public void Epoch_EachRowRepeated_EveryVariantIsThatRowsMolecule()
    {
        var (augmentation, vocabulary) = Build();
        var (rows, ids) = augmentation.Epoch([3, 0, 2], copies: 4, new Random(1));
        Assert.Equal([3, 3, 3, 3, 0, 0, 0, 0, 2, 2, 2, 2], rows);
        for (int r = 0; r < rows.Count; r++)
            Assert.Equal(Smiles.Canonical(Written[rows[r]]), Smiles.Canonical(Decode(vocabulary, ids[r])));
        Assert.True(ids.Take(4).Select(x => string.Join(',', x)).Distinct().Count() > 1, "the four copies of one molecule are all the same string");
        Assert.Equal(0, augmentation.Fallbacks);
    }

    [Fact]
    public void Epoch_SameSeed_SameVariants()
    {
        var (a, _) = Build();
        var (b, _) = Build();
        Assert.Equal(a.Epoch([0, 1, 2, 3], 3, new Random(7)).Ids, b.Epoch([0, 1, 2, 3], 3, new Random(7)).Ids);
    }

    [Fact]
    public void Variant_TooLong_FallsBackToTheWrittenSmiles_AndIsCounted()
    {
        // No randomized SMILES of glucose fits in 5 tokens (the reader would have rejected the written one too;
        // here the limit only forces the fallback).
        var (augmentation, vocabulary) = Build(maxLength: 5);
        var random = new Random(3);
        var variant = augmentation.Variant(3, random);
        Assert.Equal(1, augmentation.Fallbacks);
        Assert.Equal(Written[3], Decode(vocabulary, variant));
    }
}
