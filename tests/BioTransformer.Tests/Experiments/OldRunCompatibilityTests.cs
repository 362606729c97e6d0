using System.Globalization;
using BioTransformer.Cli;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using Spectre.Console;

namespace BioTransformer.Tests.Experiments;

/// <summary>
/// Models trained before the task registry (issue 16), before checksums.json and before manifest enums
/// still load and give the same answers. Fixtures/old_runs holds tiny runs written by commit 23203aa:
/// their model folders, metrics.json, and the predictions and per-protein precisions they wrote then.
/// </summary>
public class OldRunCompatibilityTests
{
    private static string OldRun(string prefix) => Directory.GetDirectories(Repo.Fixture("old_runs"), prefix + "-*").Single();

    private static int Invoke(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Ansi = AnsiSupport.No });
        return BioTransformerCli.Invoke(args, console);
    }

    private static List<string[]> Rows(string csv) => [.. File.ReadLines(csv).Skip(1).Select(l => l.Split(','))];

    private static int Column(string csv, string name) => Array.IndexOf(File.ReadLines(csv).First().Split(','), name);

    [Fact]
    public void Predict_OnAnOldPropertyRun_GivesTheTestPredictionsItWroteThen()
    {
        var run = OldRun("tiny-esol");
        var then = Path.Combine(run, "predictions_test.csv");
        var output = Path.Combine(Repo.TempDirectory(), "now.csv");

        Assert.Equal(0, Invoke("predict", "-m", run, "-i", then, "-o", output, "--device", "cpu", "--quiet"));

        const string target = "measured log solubility in mols per litre_pred";
        var expected = Rows(then).Select(r => double.Parse(r[Column(then, target)], CultureInfo.InvariantCulture)).ToList();
        var actual = Rows(output).Select(r => double.Parse(r[Column(output, "bt_" + target)], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(16, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }

    [Fact]
    public void Contacts_OnAnOldContactsRun_GiveThePerProteinPrecisionsItWroteThen()
    {
        var run = OldRun("tiny-contacts");
        var then = Path.Combine(run, "contacts_per_protein.csv");
        var output = Repo.TempDirectory();

        Assert.Equal(0, Invoke("contacts", "-m", run, "--input", Repo.Fixture(Path.Combine("proteins", "tiny_structures.jsonl")),
            "-o", output, "--device", "cpu", "--quiet", "--overwrite"));

        // The run scored its valid and test proteins; `contacts` scores every protein of the file, those among them.
        var now = Rows(Path.Combine(output, "contacts_per_protein.csv")).ToDictionary(r => r[1], r => r[4..]);
        var expected = Rows(then);
        Assert.NotEmpty(expected);
        foreach (var row in expected) Assert.Equal(row[4..], now[row[1]]);
    }

    [Fact]
    public void Generate_FromAnOldGenerationRun_SamplesTheRequestedMolecules()
    {
        var run = OldRun("tiny-generation");
        var output = Path.Combine(Repo.TempDirectory(), "samples.csv");

        Assert.Equal(0, Invoke("generate", "-m", run, "-n", "20", "--seed", "3", "-o", output, "--device", "cpu", "--quiet"));

        var rows = Rows(output);
        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.Contains(r[Column(output, "valid")], new[] { "0", "1" }));
        Assert.All(rows, r => Assert.NotEmpty(r[Column(output, "smiles")]));
    }

    [Fact]
    public void InitFrom_AnOldMlmRun_StartsAContactsRunFromItsBackbone()
    {
        var pretrained = OldRun("tiny-mlm-protein");
        var manifest = ManifestLoader.Load(Repo.Fixture("tiny_contacts.toml"),
            [$"output.dir=\"{Repo.TempDirectory()}\"", "contacts.head=\"attention\"", $"init_from=\"{pretrained}\"", "train.epochs=1"]);

        var result = ExperimentRunner.Run(manifest, SilentReporter.Instance);

        Assert.Equal("attention", (string?)result.Metrics["head"]);
        Assert.True(double.IsFinite((double)result.Metrics["precision"]!["test"]!["long"]!["L/5"]!));
    }
}
