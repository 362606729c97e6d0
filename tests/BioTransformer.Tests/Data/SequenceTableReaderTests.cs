using BioTransformer.Core;
using BioTransformer.Core.Data;

namespace BioTransformer.Tests.Data;

public class SequenceTableReaderTests
{
    private static TableSchema Schema(bool strict = false) =>
        new("smiles", ["y"], s => s.Contains('X') ? "has an X" : null, Strict: strict);

    private static string Write(string name, string text)
    {
        var path = Path.Combine(Repo.TempDirectory(), name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Read_QuotedNewlineBomCrlfAndBlankLines_KeepsLineNumbers()
    {
        var path = Write("t.csv", "\uFEFFname,smiles,y\r\n\"two\nlines\",CCO,1.5\r\n\r\nb,CCN,\r\nc,  CCC  ,NaN\r\n");
        var table = SequenceTableReader.Read(path, Schema() with { RequireLabel = false });
        Assert.Equal(3, table.Records.Count);
        Assert.Equal((2, "CCO", 1.5), (table.Records[0].Line, table.Records[0].Sequence, table.Records[0].Labels[0]));
        Assert.Equal(5, table.Records[1].Line);
        Assert.Null(table.Records[1].Labels[0]);
        Assert.Equal("CCC", table.Records[2].Sequence);
        Assert.Null(table.Records[2].Labels[0]);
    }

    [Fact]
    public void Read_BadRows_AreSkippedWithLineAndReason()
    {
        var path = Write("t.csv", "smiles,y\nCCO,1\nCXC,2\nCCN,abc\n,3\nCCC,\nCC,4\n");
        var table = SequenceTableReader.Read(path, Schema());
        Assert.Equal(["CCO", "CC"], table.Records.Select(r => r.Sequence));
        Assert.Equal([3, 4, 5, 6], table.Rejected.Select(r => r.Line));
        Assert.Equal("has an X", table.Rejected[0].Reason);
        Assert.Contains("label 'abc' in column 'y' is not a number", table.Rejected[1].Reason);
        Assert.Contains("empty smiles", table.Rejected[2].Reason);
        Assert.Contains("every label is missing", table.Rejected[3].Reason);
        Assert.Equal(6, table.RowCount);
    }

    [Fact]
    public void Read_Strict_FirstBadRowIsAnErrorWithFileAndLine()
    {
        var path = Write("t.csv", "smiles,y\nCCO,1\nCXC,2\n");
        var error = Assert.Throws<InputException>(() => SequenceTableReader.Read(path, Schema(strict: true)));
        Assert.StartsWith($"{path}:3: has an X", error.Message);
    }

    [Fact]
    public void Read_MissingColumn_ListsTheColumns()
    {
        var path = Write("t.csv", "SMILES,y\nCCO,1\n");
        var error = Assert.Throws<InputException>(() => SequenceTableReader.Read(path, Schema()));
        Assert.Contains("no column 'smiles'", error.Message);
        Assert.Contains("'SMILES', 'y'", error.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("smiles,y\n", "no data rows")]
    [InlineData("smiles,y\nCXC,1\n", "all 1 rows were rejected")]
    public void Read_NothingUsable_IsAnError(string text, string message)
    {
        var path = Write("t.csv", text);
        var error = Assert.Throws<InputException>(() => SequenceTableReader.Read(path, Schema()));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Read_MissingFile_IsAnError()
    {
        var error = Assert.Throws<InputException>(() => SequenceTableReader.Read("/nonexistent/x.csv", Schema()));
        Assert.Contains("data file not found", error.Message);
    }

    [Fact]
    public void Read_SmiFile_TakesFirstFieldAndSkipsComments()
    {
        var path = Write("t.smi", "# library\nCCO ethanol\n\nc1ccccc1\tbenzene\nCXC bad\n");
        var table = SequenceTableReader.Read(path, new TableSchema("smiles", [], s => s.Contains('X') ? "has an X" : null, RequireLabel: false));
        Assert.Equal(["CCO", "c1ccccc1"], table.Records.Select(r => r.Sequence));
        Assert.Equal([2, 4], table.Records.Select(r => r.Line));
        Assert.Equal(5, table.Rejected.Single().Line);
    }

    [Fact]
    public void Read_GzipCsv_IsDecompressed()
    {
        var path = Path.Combine(Repo.TempDirectory(), "t.csv.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
            w.Write("smiles,y\nCCO,1\n");
        Assert.Single(SequenceTableReader.Read(path, Schema()).Records);
    }
}
