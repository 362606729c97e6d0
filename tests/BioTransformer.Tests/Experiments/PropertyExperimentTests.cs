using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Experiments;

public class PropertyExperimentTests
{
    private static Manifest Tiny(string fixture, string outputDir, params string[] overrides) =>
        ManifestLoader.Load(Repo.Fixture(fixture), [.. overrides, $"output.dir=\"{outputDir}\""]);

    private static bool IsPng(string path) =>
        File.Exists(path) && File.ReadAllBytes(path) is var b && b.Length > 1000 && b[0] == 0x89 && b[1] == (byte)'P' && b[2] == (byte)'N' && b[3] == (byte)'G';

    [Fact]
    public void Run_TinyRegression_WritesTheWholeRunDirectory()
    {
        var output = Repo.TempDirectory();
        var result = ExperimentRunner.Run(Tiny("tiny_esol.toml", output), SilentReporter.Instance);
        var dir = result.Directory;

        foreach (var file in new[]
                 {
                     "manifest.toml", "environment.json", "data.json", "metrics.json", "metrics_epochs.csv", "status.json", "rejected_rows.csv",
                     "predictions_train.csv", "predictions_valid.csv", "predictions_test.csv",
                     "model/weights.bin", "model/model.json", "model/vocab.json",
                 })
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} missing");
        Assert.True(IsPng(Path.Combine(dir, "figures", "learning_curve.png")));
        Assert.True(IsPng(Path.Combine(dir, "figures", "parity_test.png")));

        Assert.Equal("finished", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "status.json")))!["status"]);
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "data.json")))!["files"]![0]!;
        Assert.Equal(FileHash.Sha256(Repo.Fixture("tiny_esol.csv")), (string?)data["sha256"]);
        Assert.Equal(80, (int)data["rows_used"]!);

        var test = result.Metrics["splits"]!["test"]!["mean"]!;
        Assert.Equal(16, (int)test["count"]!);
        Assert.True((double)test["rmse"]! > 0);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "metrics_epochs.csv")).Length - 1);
        Assert.Equal(17, File.ReadAllLines(Path.Combine(dir, "predictions_test.csv")).Length);

        // The run's figures are exactly what `plot` redraws from the saved files at the same settings.
        var redraw = Repo.TempDirectory();
        var redrawn = BioTransformer.Experiments.Reports.RunFigures.Draw(BioTransformer.Experiments.Reports.SavedRun.Load(dir), redraw, BioTransformer.Plotting.FigureOutput.Print);
        Assert.Equal(["learning_curve.png", "learning_curve.svg", "parity_test.png", "parity_test.svg", "validation_metric.png", "validation_metric.svg"],
            Directory.GetFiles(Path.Combine(dir, "figures")).Select(Path.GetFileName).Order());
        foreach (var file in redrawn.SelectMany(f => f.Files))
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "figures", Path.GetFileName(file))), File.ReadAllBytes(file));

        // The resolved manifest runs as is and lands next to the first run.
        var rerun = ManifestLoader.Load(Path.Combine(dir, "manifest.toml"));
        Assert.Equal(Path.GetFullPath(output), Path.GetFullPath(rerun.Output.Dir));
    }

    [Fact]
    public void Run_FiguresArePrintReady_WithTheLabelAndUnitsOfTheManifest()
    {
        var result = ExperimentRunner.Run(Tiny("tiny_esol.toml", Repo.TempDirectory(), "property.label=\"Log solubility\"", "property.units=\"log10(mol/L)\""),
            SilentReporter.Instance);
        Assert.Equal("Log solubility (log10(mol/L))", (string?)result.Metrics["axis_labels"]!["measured log solubility in mols per litre"]);
        var png = File.ReadAllBytes(Path.Combine(result.Directory, "figures", "parity_test.png"));
        // 300 dpi, one journal column (3.5 in = 1050 px), as `plot` draws it.
        Assert.Equal(1050, BinaryPrimitivesWidth(png));
        var svg = File.ReadAllText(Path.Combine(result.Directory, "figures", "parity_test.svg"));
        Assert.Contains("Measured log solubility (log10(mol/L))", System.Net.WebUtility.HtmlDecode(svg));
    }

    /// <summary>The width in a PNG's IHDR chunk.</summary>
    private static int BinaryPrimitivesWidth(byte[] png) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));

    [Fact]
    public void Run_SameManifestTwice_GivesIdenticalMetricsJson()
    {
        var output = Repo.TempDirectory();
        var first = ExperimentRunner.Run(Tiny("tiny_esol.toml", output), SilentReporter.Instance);
        var second = ExperimentRunner.Run(Tiny("tiny_esol.toml", output), SilentReporter.Instance);
        Assert.NotEqual(first.Directory, second.Directory);
        Assert.Equal(File.ReadAllText(Path.Combine(first.Directory, "metrics.json")), File.ReadAllText(Path.Combine(second.Directory, "metrics.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(first.Directory, "predictions_test.csv")), File.ReadAllText(Path.Combine(second.Directory, "predictions_test.csv")));
    }

    [Fact]
    public void Run_TinyClassification_WritesRocAndAucs()
    {
        var result = ExperimentRunner.Run(Tiny("tiny_bbbp.toml", Repo.TempDirectory()), SilentReporter.Instance);
        var test = result.Metrics["splits"]!["test"]!["mean"]!;
        Assert.InRange((double)test["roc_auc"]!, 0.0, 1.0);
        Assert.InRange((double)test["accuracy"]!, 0.0, 1.0);
        Assert.Equal("roc_auc", (string?)result.Metrics["selection_metric"]);
        Assert.True(IsPng(Path.Combine(result.Directory, "figures", "roc_test.png")));
        Assert.True(IsPng(Path.Combine(result.Directory, "figures", "precision_recall_test.png")));
        Assert.Contains("BBBP_prob", File.ReadLines(Path.Combine(result.Directory, "predictions_test.csv")).First());
    }

    [Fact]
    public void Run_MultiTargetWithMissingLabels_MasksThemAndScoresEachTarget()
    {
        var dir = Repo.TempDirectory();
        File.Copy(Repo.Fixture("tiny_tox21.csv"), Path.Combine(dir, "tox.csv"));
        var manifest = Path.Combine(dir, "m.toml");
        File.WriteAllText(manifest, File.ReadAllText(Repo.Fixture("tiny_bbbp.toml"))
            .Replace("tiny_bbbp.csv", "tox.csv").Replace("targets = [\"BBBP\"]", "targets = [\"NR-AR\", \"NR-AhR\", \"SR-ARE\"]"));
        var result = ExperimentRunner.Run(ManifestLoader.Load(manifest, [$"output.dir=\"{dir}\""]), SilentReporter.Instance);

        Assert.Equal(80, (int)result.Metrics["rows_used"]!);
        var train = result.Metrics["splits"]!["train"]!;
        // NR-AR has no positive among these molecules: its ROC-AUC is undefined (null), and the mean skips it.
        Assert.Null(train["targets"]!["NR-AR"]!["roc_auc"]);
        var perTarget = new[] { "NR-AhR", "SR-ARE" }.Select(t => (double)train["targets"]![t]!["roc_auc"]!).ToList();
        Assert.Equal(perTarget.Average(), (double)train["mean"]!["roc_auc"]!, 12);
        // Missing labels stay blank in the predictions; every row still gets a probability for every target.
        var lines = File.ReadAllLines(Path.Combine(result.Directory, "predictions_train.csv"));
        Assert.Equal("line,smiles,NR-AR,NR-AR_prob,NR-AhR,NR-AhR_prob,SR-ARE,SR-ARE_prob", lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Split(',') is var f && f[6] == "" && f[7] != "");
        int labelled = (int)train["targets"]!["SR-ARE"]!["count"]!;
        Assert.True(labelled < (int)train["mean"]!["count"]!);
    }

    [Fact]
    public void Run_AugmentationAndBaseline_AreRecordedAndDeterministic()
    {
        var output = Repo.TempDirectory();
        string[] settings = ["train.augment=2", "property.test_time_augment=2"];
        var first = ExperimentRunner.Run(Tiny("tiny_esol.toml", output, settings), SilentReporter.Instance);
        var second = ExperimentRunner.Run(Tiny("tiny_esol.toml", output, settings), SilentReporter.Instance);
        Assert.Equal(File.ReadAllText(Path.Combine(first.Directory, "metrics.json")), File.ReadAllText(Path.Combine(second.Directory, "metrics.json")));

        // 48 training molecules x 2 copies x 3 epochs, then 80 rows x 2 copies for test-time averaging.
        var augmentation = first.Metrics["augmentation"]!;
        Assert.Equal(48 * 2 * 3 + 80 * 2, (int)augmentation["variants"]!);
        Assert.Equal(2, (int)augmentation["test_time_copies"]!);
        // Each augmented epoch has twice the steps: 96 rows in batches of 16.
        var steps = File.ReadAllLines(Path.Combine(first.Directory, "metrics_epochs.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[1])).ToList();
        Assert.Equal([6, 12, 18], steps);

        var baseline = first.Metrics["baseline"]!;
        Assert.Contains("ECFP4", (string?)baseline["model"]);
        Assert.True((double)baseline["splits"]!["test"]!["mean"]!["rmse"]! > 0);
        Assert.Contains((double)baseline["alpha"]!["measured log solubility in mols per litre"]!, new[] { 0.1, 1, 10, 100, 1000 });
        Assert.Equal(17, File.ReadAllLines(Path.Combine(first.Directory, "predictions_test_baseline.csv")).Length);
    }

    [Fact]
    public void Run_ScaffoldSplit_NoTestScaffoldInTraining()
    {
        var result = ExperimentRunner.Run(Tiny("tiny_bbbp.toml", Repo.TempDirectory(), "data.split=\"scaffold\"", "train.epochs=1"), SilentReporter.Instance);
        string Scaffold(string smiles) => BioTransformer.Molecules.Scaffolds.MurckoSmiles(BioTransformer.Molecules.Smiles.Parse(smiles));
        List<string> Smiles(string split) => File.ReadLines(Path.Combine(result.Directory, $"predictions_{split}.csv")).Skip(1)
            .Select(l => l.Split(',')[1]).ToList();
        var train = Smiles("train").Select(Scaffold).ToHashSet();
        Assert.NotEmpty(Smiles("test"));
        Assert.DoesNotContain(Smiles("test").Concat(Smiles("valid")), s => train.Contains(Scaffold(s)));
        Assert.True(Smiles("train").Count >= Smiles("test").Count);
    }

    [Fact]
    public void Run_InvalidMolecules_AreRejectedWithTheReason_UnlessValidationIsOff()
    {
        var dir = Repo.TempDirectory();
        var lines = File.ReadAllLines(Repo.Fixture("tiny_esol.csv")).ToList();
        var header = lines[0].Split(',');
        int smilesColumn = Array.IndexOf(header, "smiles");
        string WithSmiles(string line, string smiles) => string.Join(',', line.Split(',').Select((f, i) => i == smilesColumn ? smiles : f));
        lines[1] = WithSmiles(lines[1], "c1cccc1");
        lines[2] = WithSmiles(lines[2], "CN(C)(C)(C)C");
        File.WriteAllLines(Path.Combine(dir, "d.csv"), lines);
        var manifest = Path.Combine(dir, "m.toml");
        File.WriteAllText(manifest, File.ReadAllText(Repo.Fixture("tiny_esol.toml")).Replace("tiny_esol.csv", "d.csv"));

        var result = ExperimentRunner.Run(ManifestLoader.Load(manifest, ["train.epochs=1", "property.baseline=\"none\""]), SilentReporter.Instance);
        Assert.Equal(2, (int)result.Metrics["rows_rejected"]!);
        Assert.Null(result.Metrics["baseline"]);
        var rejected = File.ReadAllLines(Path.Combine(result.Directory, "rejected_rows.csv"));
        Assert.StartsWith("2,c1cccc1,not a valid molecule: aromatic ring cannot be kekulized", rejected[1]);
        Assert.StartsWith("3,CN(C)(C)(C)C,\"not a valid molecule: N has valence 5", rejected[2]);   // quoted: the reason holds a comma

        var lenient = ExperimentRunner.Run(ManifestLoader.Load(manifest, ["train.epochs=1", "data.validate_smiles=false", "property.baseline=\"none\""]), SilentReporter.Instance);
        Assert.Equal(0, (int)lenient.Metrics["rows_rejected"]!);
    }

    [Fact]
    public void Run_BadRows_AreSkippedCountedAndListed()
    {
        var dir = Repo.TempDirectory();
        File.Copy(Repo.Fixture("bad_rows.csv"), Path.Combine(dir, "bad_rows.csv"));
        var manifest = Path.Combine(dir, "m.toml");
        File.WriteAllText(manifest, File.ReadAllText(Repo.Fixture("tiny_esol.toml"))
            .Replace("tiny_esol.csv", "bad_rows.csv").Replace("\"measured log solubility in mols per litre\"", "\"logS\"")
            .Replace("fractions = [0.6, 0.2, 0.2]", "fractions = [0.8, 0.2, 0.0]"));
        var result = ExperimentRunner.Run(ManifestLoader.Load(manifest, ["train.epochs=1"]), SilentReporter.Instance);

        Assert.Equal(5, (int)result.Metrics["rows_used"]!);
        Assert.Equal(5, (int)result.Metrics["rows_rejected"]!);
        var rejected = File.ReadAllLines(Path.Combine(result.Directory, "rejected_rows.csv"));
        Assert.Equal("line,sequence,reason", rejected[0]);
        Assert.StartsWith("4,CCXCC,SMILES does not tokenize: unexpected character 'X' at position 3", rejected[1]);
        Assert.StartsWith("5,c1ccccc1,label 'abc'", rejected[2]);
        Assert.StartsWith("6,CCN,every label is missing", rejected[3]);
        Assert.StartsWith("7,C[NH3+,SMILES does not tokenize: bracket atom is not closed", rejected[4]);
        Assert.StartsWith("9,CC C,SMILES does not tokenize: whitespace", rejected[5]);

        var strict = ManifestLoader.Load(manifest, ["data.strict=true"]);
        var error = Assert.Throws<InputException>(() => ExperimentRunner.Run(strict, SilentReporter.Instance));
        Assert.Contains("bad_rows.csv:4: SMILES does not tokenize", error.Message);
    }

    [Fact]
    public void Run_Failure_IsRecordedInStatus()
    {
        var output = Repo.TempDirectory();
        var dir = Repo.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "d.csv"), "smiles,y\nXX,1\nYY,2\n");
        var manifest = Path.Combine(dir, "m.toml");
        File.WriteAllText(manifest, "schema = 1\nname = \"f\"\ndevice = \"cpu\"\n[data]\npath = \"d.csv\"\ntargets = [\"y\"]\n");
        var error = Assert.Throws<InputException>(() => ExperimentRunner.Run(ManifestLoader.Load(manifest, [$"output.dir=\"{output}\""]), SilentReporter.Instance));
        Assert.Contains("no usable rows", error.Message);
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory.GetDirectories(output).Single(), "status.json")))!;
        Assert.Equal("failed", (string?)status["status"]);
        Assert.Equal(error.Message, (string?)status["error"]);
    }
}
