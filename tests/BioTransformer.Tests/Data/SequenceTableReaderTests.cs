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
    public void Read_MissingColumn_ListsTheColumnsAndTheSettingToChange()
    {
        var path = Write("t.csv", "smi,y\nCCO,1\n");
        var error = Assert.Throws<InputException>(() => SequenceTableReader.Read(path, Schema()));
        Assert.Contains("no column 'smiles'", error.Message);
        Assert.Contains("'smi', 'y'", error.Message);
        Assert.Contains("data.sequence_column names the column to use", error.Message);
        var cli = Assert.Throws<InputException>(() => SequenceTableReader.Read(path, Schema() with { SequenceSetting = "--column" }));
        Assert.Contains("--column names the column to use", cli.Message);
    }

    [Fact]
    public void Open_ColumnDifferingOnlyInCase_IsUsedWithANotice()
    {
        var path = Write("t.csv", "SMILES,y\nCCO,1\n");
        using var reader = TableReader.Open(path, Schema());
        Assert.Equal("CCO", reader.Rows().Single().Sequence);
        Assert.Contains("column 'SMILES' used for 'smiles' (matched ignoring case)", Assert.Single(reader.Notices));
    }

    [Fact]
    public void Open_KeepsEveryInputFieldOfEveryRow()
    {
        var path = Write("t.csv", "id,smiles,y,note\nm1,CCO,1,\"a, b\"\nm2,CCN,2\n");
        using var reader = TableReader.Open(path, Schema());
        Assert.Equal(["id", "smiles", "y", "note"], reader.Columns);
        var rows = reader.Rows().ToList();
        Assert.Equal(["m1", "CCO", "1", "a, b"], rows[0].Fields);
        Assert.Equal(["m2", "CCN", "2"], rows[1].Fields);
    }

    [Fact]
    public void Open_SmiFile_NamesComments_HeaderOptionAndBlankLines()
    {
        var path = Write("t.smi", "SMILES Name\n# a comment\nCCO ethanol absolute\n\nc1ccccc1\n");
        using (var plain = TableReader.Open(path, new TableSchema("smiles", [], _ => null, RequireLabel: false)))
        {
            Assert.Equal(["smiles", "name"], plain.Columns);
            var rows = plain.Rows().ToList();
            Assert.Equal("SMILES", rows[0].Sequence);   // without --smi-header the first line is a (bad) molecule row
            Assert.Equal(["CCO", "ethanol absolute"], rows[1].Fields);
            Assert.Equal((4, "blank line"), (rows[2].Line, rows[2].Problem));
            Assert.Equal(["c1ccccc1", ""], rows[3].Fields);
            Assert.Equal(1, plain.CommentLines);
        }
        using var headed = TableReader.Open(path, new TableSchema("smiles", [], _ => null, RequireLabel: false) { SmiHeader = true });
        Assert.Equal(["SMILES", "Name"], headed.Columns);
        Assert.Equal([3, 4, 5], headed.Rows().Select(r => r.Line));
    }

    [Fact]
    public void Open_LineLongerThanTheLimit_IsAnErrorNamingIt()
    {
        var smi = Write("t.smi", "CCO\n" + new string('C', 5000) + "\n");
        var error = Assert.Throws<InputException>(() => TableReader.Open(smi, new TableSchema("smiles", [], _ => null, RequireLabel: false) { MaxLineLength = 1000 }).Rows().ToList());
        Assert.Contains(":2: line is longer than 1,000 characters", error.Message);
        var csv = Write("t.csv", "smiles,y\nCCO,1\n" + new string('C', 5000) + ",2\n");
        error = Assert.Throws<InputException>(() => TableReader.Open(csv, Schema() with { MaxLineLength = 1000 }).Rows().ToList());
        Assert.Contains("longer than 1,000 characters", error.Message);
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
        Assert.Equal([(3, "blank line"), (5, "has an X")], table.Rejected.Select(r => (r.Line, r.Reason)));
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
