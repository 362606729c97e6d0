using System.IO.Compression;
using BioTransformer.Core;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Experiments.Manifests;

namespace BioTransformer.Tests.Robustness;

/// <summary>
/// Data files as they arrive from elsewhere — empty, cut short, corrupt, binary, oddly written — each read
/// through the manifest path `run` and `validate` use: a one-line error naming the file (and the line
/// where there is one), or, for rows that are merely bad, the row skipped with its reason; never a
/// stack trace, never part of a file taken for the whole.
/// </summary>
public class HostileInputTests
{
    private static readonly string Header = File.ReadLines(Repo.Fixture("tiny_esol.csv")).First();

    /// <summary>A manifest of the tiny ESOL run over <paramref name="data"/> written as <paramref name="fileName"/>.</summary>
    private static string WriteRun(string fileName, byte[] data, string extra = "")
    {
        var dir = Repo.TempDirectory();
        File.WriteAllBytes(Path.Combine(dir, fileName), data);
        var manifest = Path.Combine(dir, "run.toml");
        File.WriteAllText(manifest, File.ReadAllText(Repo.Fixture("tiny_esol.toml")).Replace("tiny_esol.csv", fileName).Replace("[data]", "[data]\n" + extra));
        return manifest;
    }

    private static DataCheckReport Check(string manifest)
    {
        var loaded = ManifestLoader.Load(manifest);
        return TaskRegistry.For(loaded.Task).CheckData(loaded);
    }

    private static InputException Refused(string manifest, string expected, string file, int? line = null)
    {
        var e = Assert.Throws<InputException>(() => Check(manifest));
        Assert.Contains(expected, e.Message);
        Assert.Contains(line is null ? file : $"{file}:{line}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal)) gzip.Write(data);
        return buffer.ToArray();
    }

    private static byte[] Esol => File.ReadAllBytes(Repo.Fixture("tiny_esol.csv"));

    [Fact]
    public void EmptyFile() => Refused(WriteRun("d.csv", []), "the file is empty", "d.csv");

    [Fact]
    public void HeaderOnly() => Refused(WriteRun("d.csv", System.Text.Encoding.UTF8.GetBytes(Header + "\n")), "no data rows", "d.csv");

    [Fact]
    public void TruncatedGzip_IsAnError_NotHalfTheData()
    {
        var whole = Gzip(Esol);
        Refused(WriteRun("d.csv.gz", whole[..(whole.Length / 2)]), "end early or are damaged", "d.csv.gz");
    }

    [Fact]
    public void GzipWithAFlippedByte_FailsItsChecksum()
    {
        var whole = Gzip(Esol);
        whole[^6] ^= 0x40;   // inside the stored size: the data decompress, the trailer no longer matches
        Refused(WriteRun("d.csv.gz", whole), "cannot read the file", "d.csv.gz");
    }

    [Fact]
    public void NotGzipAtAll() => Refused(WriteRun("d.csv.gz", "plain text, named .gz\n"u8.ToArray()), "cannot read the file", "d.csv.gz");

    [Fact]
    public void ConcatenatedGzipMembers_AreReadWhole()
    {
        var lines = File.ReadAllLines(Repo.Fixture("tiny_esol.csv"));
        var first = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines[..41]) + "\n");
        var second = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines[41..]) + "\n");
        Assert.Equal(80, Check(WriteRun("d.csv.gz", [.. Gzip(first), .. Gzip(second)])).Usable);
    }

    [Fact]
    public void BinaryFile()
    {
        Refused(WriteRun("d.csv", [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7919 % 251))]), "binary data, not a text table", "d.csv");
        Refused(WriteRun("d.csv.gz", Gzip([.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 7))])), "binary data", "d.csv.gz");
    }

    [Fact]
    public void BomCrlfBlankLinesAndQuotedNewlines_AreReadWithTheirLineNumbers()
    {
        var rows = File.ReadAllLines(Repo.Fixture("tiny_esol.csv"));
        var text = "\uFEFF" + rows[0] + "\r\n\r\n" + string.Join("\r\n", rows[1..]) + "\r\n" + "\"quoted\nname\",,,,,,,,1.5,CCO\r\n";
        var report = Check(WriteRun("d.csv", System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(81, report.Usable);
        // The blank line after the header is a rejected row with its line number, never silently missing.
        Assert.Equal(1, report.Rejected);
        Assert.Contains("line 2: blank line", report.FirstRejections[0]);
    }

    [Fact]
    public void MissingLabel_SkipsTheRowWithItsReason_OrIsAnErrorWhenStrict()
    {
        var data = System.Text.Encoding.UTF8.GetBytes(Header + "\n,,,,,,,,,CCO\n,,,,,,,,-0.77,CCO\n");
        var report = Check(WriteRun("d.csv", data));
        Assert.Equal((1, 1), (report.Usable, report.Rejected));
        Assert.Contains("line 2", report.FirstRejections[0]);
        Refused(WriteRun("d.csv", data, "strict = true"), "every label is missing", "d.csv", 2);
    }

    [Fact]
    public void SmilesWithAnUnknownSymbol_NamesLineAndPosition()
    {
        var data = System.Text.Encoding.UTF8.GetBytes(Header + "\n,,,,,,,,1.0,CCO\n,,,,,,,,1.0,C[Xx]C\n");
        Assert.Contains("'Xx' is not an element symbol at position 3", Check(WriteRun("d.csv", data)).FirstRejections.Single());
        Refused(WriteRun("d.csv", data, "strict = true"), "'Xx' is not an element symbol", "d.csv", 3);
    }

    [Fact]
    public void TenThousandCharacterSmiles_IsRejectedForItsLength_NotTruncated()
    {
        var data = System.Text.Encoding.UTF8.GetBytes(Header + "\n,,,,,,,,1.0,CCO\n,,,,,,,,1.0," + new string('C', 10_000) + "\n");
        var report = Check(WriteRun("d.csv", data));
        Assert.Equal((1, 1), (report.Usable, report.Rejected));
        Assert.Contains("10000 tokens is longer than max_length 128", report.FirstRejections.Single());
    }

    [Fact]
    public void ProteinWithLettersOutsideTheAlphabet_NamesTheLetter()
    {
        var dir = Repo.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "p.csv"), "sequence,y\nMKTAYIAKQR,1\nMKXBZUO,2\nMKJ,3\nMK1TA,4\n");
        var manifest = Path.Combine(dir, "p.toml");
        File.WriteAllText(manifest, "schema = 1\nname = \"p\"\ntask = \"property\"\n[data]\npath = \"p.csv\"\ndomain = \"protein\"\nsequence_column = \"sequence\"\ntargets = [\"y\"]\n");
        var report = Check(manifest);
        Assert.Equal((2, 2), (report.Usable, report.Rejected));   // X, B, Z, U, O are amino-acid codes; J and digits are not
        Assert.Contains("'J' is not an amino-acid letter", report.FirstRejections[0]);
        Assert.Contains("'1' is not an amino-acid letter", report.FirstRejections[1]);
    }

    [Fact]
    public void TruncatedFastaGz_IsAnError()
    {
        var whole = File.ReadAllBytes(Repo.Path("datasets", "uniprot", "uniprot_2k.fasta.gz"));
        var path = Path.Combine(Repo.TempDirectory(), "u.fasta.gz");
        File.WriteAllBytes(path, whole[..(whole.Length / 3)]);
        var e = Assert.Throws<InputException>(() => BioTransformer.Proteins.Structures.FastaReader.Read(path));
        Assert.Contains("u.fasta.gz", e.Message);
        Assert.Contains("end early or are damaged", e.Message);
    }

    [Fact]
    public void OutputFolderThatCannotBeWritten_IsRefusedBeforeAnyWork()
    {
        var file = Path.Combine(Repo.TempDirectory(), "a-file");
        File.WriteAllText(file, "");
        var e = Assert.Throws<InputException>(() => OutputFolder.Prepare(Path.Combine(file, "out")));
        Assert.Contains("cannot write here", e.Message);
        e = Assert.Throws<InputException>(() => OutputFolder.PrepareFor(Path.Combine(file, "x.csv")));
        Assert.Contains("is a file, not a folder", e.Message);
        e = Assert.Throws<InputException>(() => OutputFolder.PrepareFor(Repo.TempDirectory()));
        Assert.Contains("is a folder", e.Message);
    }
}
