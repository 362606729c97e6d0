using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;
using BioTransformer.Molecules;

namespace BioTransformer.Tests.Tokenization;

public class SmilesTokenizerTests
{
    private readonly SmilesTokenizer tokenizer = new();

    [Theory]
    [InlineData("CC(=O)O", new[] { "C", "C", "(", "=", "O", ")", "O" })]
    [InlineData("C[C@@H](Cl)Br", new[] { "C", "[C@@H]", "(", "Cl", ")", "Br" })]
    [InlineData("c1ccc2[nH]ccc2c1", new[] { "c", "1", "c", "c", "c", "2", "[nH]", "c", "c", "c", "2", "c", "1" })]
    [InlineData("C%12CC%12", new[] { "C", "%12", "C", "C", "%12" })]
    [InlineData("[Na+].[Cl-]", new[] { "[Na+]", ".", "[Cl-]" })]
    [InlineData("F/C=C\\F", new[] { "F", "/", "C", "=", "C", "\\", "F" })]
    [InlineData("[13CH3:7]C#N", new[] { "[13CH3:7]", "C", "#", "N" })]
    [InlineData("C%(123)CC%(123)", new[] { "C", "%(123)", "C", "C", "%(123)" })]
    [InlineData("*C$C", new[] { "*", "C", "$", "C" })]
    public void Tokenize_KnownSmiles_GivesAtomLevelTokens(string smiles, string[] expected)
    {
        Assert.Equal(expected, tokenizer.Tokenize(smiles));
    }

    [Theory]
    [InlineData("CCXC", 2, "'X'")]
    [InlineData("CC C", 2, "whitespace")]
    [InlineData("C[NH3+", 1, "not closed")]
    [InlineData("C[]C", 1, "empty bracket")]
    [InlineData("C[N[H]]", 3, "'[' inside")]
    [InlineData("C%1C", 1, "two digits")]
    [InlineData("Cl1ccccl1", 7, "'l'")]
    [InlineData("", 0, "empty SMILES")]
    [InlineData("CC\u00e9", 2, "U+00E9")]
    public void Tokenize_BadSymbol_ThrowsNamingPosition(string smiles, int position, string reason)
    {
        var error = Assert.Throws<InvalidSequenceException>(() => tokenizer.Tokenize(smiles));
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Message);
        Assert.Contains($"position {position + 1}", error.Message);
    }

    [Theory]
    [InlineData("esol/esol.csv", "smiles", 1128)]
    [InlineData("freesolv/freesolv.csv", "smiles", 642)]
    [InlineData("lipophilicity/lipophilicity.csv", "smiles", 4200)]
    [InlineData("bbbp/bbbp.csv", "smiles", 2050)]
    public void Detokenize_OfTokenize_IsIdentityForEveryShippedSmiles(string file, string column, int rows)
    {
        var table = SequenceTableReader.Read(Repo.Path("datasets", file), new TableSchema(column, [], _ => null, RequireLabel: false));
        Assert.Equal(rows, table.Records.Count);
        foreach (var record in table.Records)
            Assert.Equal(record.Sequence, tokenizer.Detokenize(tokenizer.Tokenize(record.Sequence)));
    }

    [Fact]
    public void BaseTokens_StartWithOrganicSubsetAndHaveNoDuplicates()
    {
        var tokens = tokenizer.BaseTokens;
        Assert.Equal(["B", "C", "N", "O", "P", "S", "F", "Cl", "Br", "I", "b", "c", "n", "o", "p", "s", "*"], tokens.Take(17));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.Contains("%99", tokens);
        Assert.Contains("[nH]", tokens);
    }
}
