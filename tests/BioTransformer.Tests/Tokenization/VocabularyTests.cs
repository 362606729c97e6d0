using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments;

namespace BioTransformer.Tests.Tokenization;

/// <summary>Token ids are part of every saved model: these tests pin them.</summary>
public class VocabularyTests
{
    private readonly Vocabulary vocabulary = Tokenizers.StandardVocabulary();

    [Fact]
    public void SpecialTokens_HavePinnedIds()
    {
        Assert.Equal(["<pad>", "<cls>", "<eos>", "<mask>", "<unk>", "<sep>", "<smiles>", "<protein>"],
            Enumerable.Range(0, 8).Select(vocabulary.TextOf));
        Assert.Equal((0, 1, 2, 3, 4, 5, 6, 7), (Vocabulary.PadId, Vocabulary.ClsId, Vocabulary.EosId, Vocabulary.MaskId,
            Vocabulary.UnkId, Vocabulary.SepId, Vocabulary.SmilesTagId, Vocabulary.ProteinTagId));
    }

    [Theory]
    [InlineData(Domain.Protein, "A", 8)]
    [InlineData(Domain.Protein, "V", 27)]
    [InlineData(Domain.Protein, "O", 32)]
    [InlineData(Domain.Smiles, "B", 33)]
    [InlineData(Domain.Smiles, "C", 34)]
    [InlineData(Domain.Smiles, "Cl", 40)]
    [InlineData(Domain.Smiles, "c", 44)]
    [InlineData(Domain.Smiles, "*", 49)]
    [InlineData(Domain.Smiles, "-", 50)]
    [InlineData(Domain.Smiles, "1", 60)]
    [InlineData(Domain.Smiles, "0", 69)]
    [InlineData(Domain.Smiles, "%10", 70)]
    [InlineData(Domain.Smiles, "%99", 159)]
    [InlineData(Domain.Smiles, "[C@H]", 160)]
    [InlineData(Domain.Smiles, "[nH]", 161)]
    public void Tokens_HavePinnedIds(Domain domain, string token, int id)
    {
        Assert.Equal(id, vocabulary.IdOf(domain, token));
    }

    [Fact]
    public void StandardVocabulary_HasPinnedSize()
    {
        Assert.Equal(207, vocabulary.Count);
    }

    [Fact]
    public void SameLetter_InTwoDomains_HasTwoIds()
    {
        Assert.NotEqual(vocabulary.IdOf(Domain.Smiles, "C"), vocabulary.IdOf(Domain.Protein, "C"));
    }

    [Fact]
    public void Encode_AddsClsTagAndEos_AndMapsUnknownToUnk()
    {
        var ids = vocabulary.Encode(Domain.Smiles, ["C", "[Xe]", "O"]);
        Assert.Equal([Vocabulary.ClsId, Vocabulary.SmilesTagId, 34, Vocabulary.UnkId, 36, Vocabulary.EosId], ids);
        Assert.Equal(1, vocabulary.CountUnknown(Domain.Smiles, ["C", "[Xe]", "O"]));
        Assert.Equal(Vocabulary.ProteinTagId, vocabulary.Encode(Domain.Protein, ["M"])[1]);
    }

    [Fact]
    public void Extend_AppendsOnlyNewTokens_AtTheEnd()
    {
        var extended = vocabulary.Extend(Domain.Smiles, ["C", "[Xe]", "[Kr]", "[Xe]"]);
        Assert.Equal(vocabulary.Count + 2, extended.Count);
        Assert.Equal(vocabulary.Count, extended.IdOf(Domain.Smiles, "[Xe]"));
        Assert.Equal(vocabulary.Count + 1, extended.IdOf(Domain.Smiles, "[Kr]"));
        Assert.Equal(34, extended.IdOf(Domain.Smiles, "C"));
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryId()
    {
        var extended = vocabulary.Extend(Domain.Smiles, ["[Xe]"]);
        var loaded = Vocabulary.FromJson(extended.ToJson(), "vocab.json");
        Assert.Equal(extended.Count, loaded.Count);
        for (int id = 0; id < extended.Count; id++) Assert.Equal(extended.TextOf(id), loaded.TextOf(id));
        Assert.Equal(extended.IdOf(Domain.Smiles, "[Xe]"), loaded.IdOf(Domain.Smiles, "[Xe]"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format\":\"something-else\",\"version\":1,\"tokens\":[]}")]
    [InlineData("{\"format\":\"biotransformer-vocabulary\",\"version\":9,\"tokens\":[]}")]
    [InlineData("{\"format\":\"biotransformer-vocabulary\",\"version\":1,\"tokens\":[{\"id\":0,\"kind\":\"special\",\"text\":\"<cls>\"}]}")]
    public void FromJson_DamagedFile_IsAnInputError(string json)
    {
        var error = Assert.Throws<InputException>(() => Vocabulary.FromJson(json, "model/vocab.json"));
        Assert.StartsWith("model/vocab.json: invalid vocabulary", error.Message);
    }
}
