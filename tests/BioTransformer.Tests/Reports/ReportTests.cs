using System.Text.RegularExpressions;
using BioTransformer.Core;
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Runs;
using BioTransformer.Plotting;
using SkiaSharp;

namespace BioTransformer.Tests.Reports;

/// <summary>`plot` and `report` on saved run directories (Fixtures/runs: real tiny runs without their model weights).</summary>
public class ReportTests
{
    private const string EsolSeed1 = "tiny-esol-20261130-193946";
    private const string EsolSeed2 = "tiny-esol-20261130-193947";
    private const string Bbbp = "tiny-bbbp-20261130-193948";
    private const string Generation = "tiny-generation-logp-20261130-193949";
    private const string Contacts = "tiny-contacts-20261130-193953";
    private const string Mlm = "tiny-mlm-protein-20261130-193954";

    private static readonly FigureOutput Print = new(FigureOutput.SingleColumnInches, 300, Png: true, Svg: true);

    private static string Run(string name) => Repo.Fixture(Path.Combine("runs", name));

    public static TheoryData<string, string[]> FiguresByTask() => new()
    {
        { EsolSeed1, ["learning_curve", "validation_metric", "parity_test"] },
        { Bbbp, ["learning_curve", "validation_metric", "roc_test", "precision_recall_test"] },
        { Generation, ["learning_curve", "property_molecular_weight", "property_logp", "property_tpsa", "property_qed", "conditioning"] },
        { Contacts, ["learning_curve", "precision_by_range", "contact_map_1GU4_A", "contact_map_1H32_B", "contact_map_1PKO_A"] },
        { Mlm, ["learning_curve"] },
    };

    [Theory]
    [MemberData(nameof(FiguresByTask))]
    public void Plot_RedrawsEveryFigureOfTheTask_FromTheSavedFilesAlone(string run, string[] expected)
    {
        var output = Repo.TempDirectory();
        var figures = PlotJob.Run(new PlotJob.Request([Run(run)], output, Print, LogLoss: true, Metrics: []), SilentReporter.Instance);

        Assert.Equal(expected, figures.Select(f => Path.GetFileNameWithoutExtension(f.Image)));
        foreach (var figure in figures)
        {
            Assert.Equal([".png", ".svg"], figure.Files.Select(Path.GetExtension));
            Assert.All(figure.Files, f => Assert.Equal(Path.Combine(output, run), Path.GetDirectoryName(f)));
            Assert.False(string.IsNullOrWhiteSpace(figure.Caption));
            using var bitmap = SKBitmap.Decode(figure.Image);
            Assert.Equal(1050, bitmap.Width);
            Assert.Equal(300, PngDensity.Read(figure.Image));
        }
        Assert.Empty(Directory.GetFiles(Run(run), "*.png", SearchOption.AllDirectories));   // nothing written into the run itself
    }

    [Fact]
    public void Plot_OneRunWithoutOutput_WritesIntoItsFiguresPrintFolder()
    {
        var copy = Path.Combine(Repo.TempDirectory(), EsolSeed1);
        CopyDirectory(Run(EsolSeed1), copy);
        PlotJob.Run(new PlotJob.Request([copy], null, Print with { Svg = false }, false, []), SilentReporter.Instance);
        Assert.Equal(["learning_curve.png", "parity_test.png", "validation_metric.png"],
            Directory.GetFiles(Path.Combine(copy, "figures", PlotJob.PrintFolder)).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Plot_SeveralRuns_ComparesTheHeadlineMetric_WithMeanAndSdOverSeeds()
    {
        var output = Repo.TempDirectory();
        var figures = PlotJob.Run(new PlotJob.Request([Run(EsolSeed1), Run(EsolSeed2), Run(Bbbp)], output, Print, false, []), SilentReporter.Instance);

        var rmse = figures.Single(f => Path.GetFileName(f.Image) == "compare_splits_test_mean_rmse.png");
        var values = new[] { EsolSeed1, EsolSeed2 }.Select(r => RunComparison.Value(SavedRun.Load(Run(r)), "splits.test.mean.rmse")).ToArray();
        double mean = values.Average(), sd = Math.Abs(values[0] - values[1]) / Math.Sqrt(2);   // sample sd of two values
        Assert.Contains($"tiny-esol: {RunComparison.Number(mean)} ± {RunComparison.Number(sd)} (n = 2)", rmse.Caption);
        Assert.Contains(figures, f => Path.GetFileName(f.Image) == "compare_splits_test_mean_roc_auc.png");
        Assert.True(File.Exists(Path.Combine(output, "compare_splits_test_mean_rmse.svg")));
    }

    [Fact]
    public void Plot_SeveralRunsWithoutOutput_IsAOneLineError()
    {
        var e = Assert.Throws<InputException>(() => PlotJob.Run(new PlotJob.Request([Run(EsolSeed1), Run(Bbbp)], null, Print, false, []), SilentReporter.Instance));
        Assert.Contains("--output", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Group_ReplicatesTogether_DifferentSettingsApart_EvenUnderOneName()
    {
        var changed = Path.Combine(Repo.TempDirectory(), "tiny-esol-changed");
        CopyDirectory(Run(EsolSeed1), changed);
        var manifest = Path.Combine(changed, "manifest.toml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("layers = 2", "layers = 3"));

        var groups = RunSet.Group(RunSet.Load([Run(EsolSeed2), Run(EsolSeed1), Run(Bbbp), changed]));

        // Experiments that share a name say in which settings they differ.
        Assert.Equal(["tiny-esol (model.layers = 2)", "tiny-bbbp", "tiny-esol (model.layers = 3)"], groups.Select(g => g.Label));
        Assert.Equal([1, 2], groups[0].Seeds);   // by seed, whatever the order given
        Assert.Single(groups[2].Runs);
    }

    [Fact]
    public void Group_SameSeedTwice_IsADuplicateNotAReplicate()
    {
        var again = Path.Combine(Repo.TempDirectory(), "tiny-esol-again");
        CopyDirectory(Run(EsolSeed1), again);

        var groups = RunSet.Group(RunSet.Load([Run(EsolSeed1), Run(EsolSeed2), again]));

        var group = Assert.Single(groups);
        Assert.Equal([1, 2], group.Seeds);
        Assert.Single(group.DuplicateRuns);
    }

    [Fact]
    public void Load_AReplicateSummaryDirectory_ReadsItsRuns()
    {
        var summary = Repo.TempDirectory();
        CsvOutput.Write(Path.Combine(summary, "replicates.csv"), ["seed", "run_directory"], [["1", Run(EsolSeed1)], ["2", Run(EsolSeed2)]]);
        var runs = RunSet.Load([summary, Run(EsolSeed1)]);   // a run named twice is read once
        Assert.Equal([EsolSeed1, EsolSeed2], runs.Select(r => r.Id));
    }

    [Fact]
    public void Load_NotARunDirectory_IsAOneLineError()
    {
        var e = Assert.Throws<InputException>(() => SavedRun.Load(Repo.Fixture("proteins")));
        Assert.Contains("not a run directory", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<InputException>(() => SavedRun.Load(Path.Combine(Repo.TempDirectory(), "missing")));
    }

    [Fact]
    public void ContactMapFile_Truncated_IsAOneLineErrorNamingTheFile()
    {
        var copy = Path.Combine(Repo.TempDirectory(), Contacts);
        CopyDirectory(Run(Contacts), copy);
        var map = Path.Combine(copy, "contact_maps", "1GU4_A.csv");
        var lines = File.ReadAllLines(map);
        File.WriteAllLines(map, lines.Take(lines.Length / 2));
        var e = Assert.Throws<InputException>(() => RunFigures.Draw(SavedRun.Load(copy), Repo.TempDirectory(), Print));
        Assert.Contains("1GU4_A.csv", e.Message);
        Assert.Contains("upper triangle", e.Message);
    }

    [Fact]
    public void ContactMapFile_RoundTrips_TheFixtureMapIsSymmetric()
    {
        var (length, probabilities, truth) = BioTransformer.Experiments.Contacts.ContactMapFile.Read(Path.Combine(Run(Contacts), "contact_maps", "1PKO_A.csv"));
        Assert.Equal(82, length);
        Assert.Equal(length * length, truth.Length);
        for (int i = 0; i < length; i++)
            for (int j = 0; j < length; j++)
            {
                Assert.Equal(probabilities[i * length + j], probabilities[j * length + i]);
                Assert.Equal(truth[i * length + j], truth[j * length + i]);
            }
        Assert.Contains(truth, t => t == 1);
    }

    [Fact]
    public void Report_MarkdownAndSelfContainedHtml_HaveMetricsWithSd_Hashes_Environment_Manifest_AndEveryFigure()
    {
        var output = Repo.TempDirectory();
        var (markdownPath, htmlPath) = ReportJob.Run(new ReportJob.Request([Run(EsolSeed1), Run(EsolSeed2), Run(Bbbp)], output, Print, false, []), SilentReporter.Instance);
        var markdown = File.ReadAllText(markdownPath);
        var html = File.ReadAllText(htmlPath);

        foreach (var heading in new[] { "## Summary", "## tiny-esol (property)", "## tiny-bbbp (property)", "### Metrics", "### Figures", "### Data", "### Environment", "### Manifest" })
            Assert.Contains(heading, markdown);
        // Metrics: mean ± sd over the two seeds, and each seed's value.
        var esol = new[] { EsolSeed1, EsolSeed2 }.Select(r => RunComparison.Value(SavedRun.Load(Run(r)), "splits.test.mean.rmse")).ToArray();
        Assert.Contains($"| `splits.test.mean.rmse` | {RunComparison.Format(esol.Average(), Math.Abs(esol[0] - esol[1]) / Math.Sqrt(2), 2)} | {RunComparison.Number(esol[0])} | {RunComparison.Number(esol[1])} |", markdown);
        // Single target: the per-target copies of the mean are left out.
        Assert.DoesNotContain(".targets.", markdown);
        Assert.Contains(FileHash.Sha256(Repo.Fixture("tiny_esol.csv")), markdown);
        Assert.Contains("| torchsharp |", markdown);
        Assert.Contains("name = \"tiny-esol\"", markdown);

        // Every figure the Markdown links exists; the HTML embeds each one and loads nothing from elsewhere.
        var links = Regex.Matches(markdown, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.True(links.Count >= 2 + 3 * 2 + 4, $"only {links.Count} figures");
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(output, l)), $"{l} missing"));
        Assert.Equal(links.Count, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.DoesNotMatch("(src|href)=\"(http|//|file:)", html);
        Assert.Equal(Regex.Matches(html, "<table>").Count, Regex.Matches(html, "</table>").Count);
        Assert.Equal(Regex.Matches(html, "<details>").Count, Regex.Matches(html, "</details>").Count);
        Assert.Contains("&lt;", html.Substring(html.IndexOf("<pre>", StringComparison.Ordinal)));   // the manifest's comments escaped, not parsed as HTML
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }
}
