using BioTransformer.Core.Tokenization;
using BioTransformer.Proteins;

namespace BioTransformer.Tests.Tokenization;

public class ProteinTokenizerTests
{
    private readonly ProteinTokenizer tokenizer = new();

    [Fact]
    public void Tokenize_LowerCase_IsUpperCased()
    {
        Assert.Equal(["M", "K", "T", "A", "Y"], tokenizer.Tokenize("mkTaY"));
    }

    [Fact]
    public void Tokenize_AllTwentyFiveLetters_Accepted()
    {
        var tokens = tokenizer.Tokenize(ProteinTokenizer.Alphabet);
        Assert.Equal(ProteinTokenizer.Alphabet, string.Concat(tokens));
        Assert.Equal(25, tokens.Count);
    }

    [Theory]
    [InlineData("MK-TA", 2, "'-'")]
    [InlineData("MKT1", 3, "'1'")]
    [InlineData("MKJ", 2, "'J'")]
    [InlineData("MK*", 2, "'*'")]
    [InlineData("MK T", 2, "\\u0020")]
    [InlineData("", 0, "empty")]
    public void Tokenize_NonAminoAcid_ThrowsNamingPosition(string sequence, int position, string reason)
    {
        var error = Assert.Throws<InvalidSequenceException>(() => tokenizer.Tokenize(sequence));
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Message);
    }
}
