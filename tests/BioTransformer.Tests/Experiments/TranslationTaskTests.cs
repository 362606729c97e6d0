using System.Text.Json.Nodes;
using BioTransformer.Cli;
using BioTransformer.Core;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Experiments.Translation;
using BioTransformer.Molecules;
using Spectre.Console;

namespace BioTransformer.Tests.Experiments;

/// <summary>The translation task: reaction SMILES, reading pairs, the metrics, a tiny run, `translate` and `evaluate`.</summary>
public class TranslationTaskTests
{
    private static readonly Lazy<string> TinyRun = new(() =>
    {
        var manifest = ManifestLoader.Load(Repo.Fixture("tiny_translation.toml"), [$"output.dir=\"{Repo.TempDirectory()}\""]);
        return ExperimentRunner.Run(manifest, SilentReporter.Instance).Directory;
    });

    private static (int Exit, string Output) Invoke(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No });
        console.Profile.Width = 400;
        int exit = BioTransformerCli.Invoke(args, console, console);
        return (exit, writer.ToString());
    }

    [Theory]
    [InlineData("CC(=O)O.OCC>>CC(=O)OCC", "CC(=O)O.OCC", "", "CC(=O)OCC")]
    [InlineData("CC(=O)Cl.NC>[Na+].[OH-]>CC(=O)NC", "CC(=O)Cl.NC", "[Na+].[OH-]", "CC(=O)NC")]
    public void ReactionSmiles_ReadsReactantsAgentsAndProducts(string text, string reactants, string agents, string products)
    {
        var reaction = ReactionSmiles.TryParse(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(reactants, reaction!.ReactantSide());
        Assert.Equal(agents, string.Join('.', reaction.Agents));
        Assert.Equal(products, reaction.ProductSide);
    }

    [Theory]
    [InlineData("CCO", "no '>>'")]
    [InlineData("CC>>", "no products")]
    [InlineData(">>CC", "no reactants")]
    [InlineData("CC..O>>CCO", "empty molecule among its reactants")]
    [InlineData("CC>>CO.", "empty molecule among its products")]
    [InlineData("A>B>C>D", "3 '>'")]
    public void ReactionSmiles_BadText_SaysWhy(string text, string expected)
    {
        Assert.Null(ReactionSmiles.TryParse(text, out var problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void CanonicalSet_IgnoresOrderAndSpelling_AndRejectsInvalidOrEmpty()
    {
        Assert.Equal(ReactionSmiles.CanonicalSet("CC(=O)O.OCC"), ReactionSmiles.CanonicalSet("CCO.OC(C)=O"));
        Assert.NotEqual(ReactionSmiles.CanonicalSet("CCO.CCO"), ReactionSmiles.CanonicalSet("CCO"));
        Assert.Null(ReactionSmiles.CanonicalSet("CC(C"));
        Assert.Null(ReactionSmiles.CanonicalSet("CCO."));
        Assert.Null(ReactionSmiles.CanonicalSet(""));
    }

    [Fact]
    public void Metrics_OnHandMadeCases()
    {
        var target = ReactionSmiles.CanonicalSet("CC(=O)O.OCC")!;
        DecodedInput[] inputs =
        [
            new(target, "1", [ReactionSmiles.CanonicalSet("OCC.CC(O)=O"), null]),       // right at rank 1, spelled and ordered differently
            new(target, "1", [null, ReactionSmiles.CanonicalSet("CCO"), ReactionSmiles.CanonicalSet("CCO.CC(=O)O")]),   // invalid top-1, right at rank 3
            new(target, "2", [ReactionSmiles.CanonicalSet("CCO")]),                       // a subset is wrong
            new(target, "2", []),                                                         // nothing decoded: wrong, and an invalid top-1
        ];
        var scores = TranslationMetrics.Score(inputs, 3);
        Assert.Equal(4, scores.Count);
        Assert.Equal([0.25, 0.25, 0.5], scores.TopK);
        Assert.Equal(0.5, scores.InvalidTop1);
        Assert.Equal((2, 0.5), scores.PerClass["1"]);
        Assert.Equal((2, 0.0), scores.PerClass["2"]);
        Assert.Equal(3, TranslationMetrics.CorrectRank(target, inputs[1].Candidates));
        Assert.Equal(0, TranslationMetrics.CorrectRank(target, inputs[2].Candidates));
    }

    [Fact]
    public void ReadingPairs_RejectsBadRowsWithTheirReasons_AndStrictNamesTheLine()
    {
        var path = Path.Combine(Repo.TempDirectory(), "pairs.csv");
        File.WriteAllText(path, string.Join('\n',
            "split,reaction_class,product,reactants",
            "train,1,CC(=O)OC,CC(=O)O.CO",
            "train,1,CC(C,CC",                 // invalid source
            "train,1,CCO,CC..O",               // empty component
            "valid,,CCO,CC=O",                 // no class
            "holdout,2,CCO,CC=O",              // unknown split
            "test,3,CCN,CC#N") + "\n");
        var section = new TranslationSection { ClassColumn = "reaction_class" };
        var table = ReactionTable.Read(path, section, 64, strict: false, splitColumn: "split");
        Assert.Equal(2, table.Records.Count);
        Assert.Equal(["train", "test"], table.Records.Select(r => r.Split));
        Assert.Equal([3, 4, 5, 6], table.Rejected.Select(r => r.Line));
        Assert.Contains("source is not a valid molecule", table.Rejected[0].Reason);
        Assert.Contains("target has an empty molecule", table.Rejected[1].Reason);
        Assert.Equal("no reaction class", table.Rejected[2].Reason);
        Assert.Contains("split 'holdout' is not train, valid or test", table.Rejected[3].Reason);

        var error = Assert.Throws<InputException>(() => ReactionTable.Read(path, section, 64, strict: true, splitColumn: "split"));
        Assert.StartsWith($"{path}:3: source is not a valid molecule", error.Message);
        var reactions = Path.Combine(Repo.TempDirectory(), "reactions.csv");
        File.WriteAllText(reactions, "rxn\nCC(=O)O.CO>>CC(=O)OC\nCCO\n");
        var fromReactions = ReactionTable.Read(reactions, new TranslationSection { ReactionColumn = "rxn" }, 64, false, null);
        Assert.Equal("CC(=O)OC", fromReactions.Records.Single().Source);
        Assert.Equal("CC(=O)O.CO", fromReactions.Records.Single().Target);
        Assert.Contains("no '>>'", fromReactions.Rejected.Single().Reason);
        var missing = Assert.Throws<InputException>(() => ReactionTable.Read(path, new TranslationSection { TargetColumn = "precursors" }, 64, false, null));
        Assert.Contains("no column 'precursors' (translation.target_column)", missing.Message);
    }

    [Fact]
    public void Manifest_ChecksTheTranslationTable()
    {
        var dir = Repo.TempDirectory();
        var error = Assert.Throws<InputException>(() => ManifestLoader.Load(Repo.Fixture("tiny_translation.toml"), ["translation.top_n=5", $"output.dir=\"{dir}\""]));
        Assert.Contains("translation.top_n = 5 exceeds beam_size = 3", error.Message);
        error = Assert.Throws<InputException>(() => ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), ["data.split=\"predefined\""]));
        Assert.Contains("data.split = \"predefined\" does not apply to task = \"property\"", error.Message);
    }

    [Fact]
    public void TinyRun_WritesCandidatesMetricsAndFigures()
    {
        var run = TinyRun.Value;
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(run, ExperimentRunner.MetricsFile)))!;
        Assert.Equal("translation", (string?)metrics["task"]);
        Assert.Equal(4, (int)metrics["accuracy"]!["test"]!["count"]!);
        Assert.Equal(3, metrics["accuracy"]!["test"]!["top_k"]!.AsArray().Count);
        Assert.NotNull(metrics["accuracy"]!["test"]!["top1_per_class"]);
        var candidates = File.ReadAllLines(Path.Combine(run, TranslationTask.CandidatesFile));
        Assert.Equal("line,source,target,class,rank,candidate,log_probability,valid,canonical,correct", candidates[0]);
        Assert.Equal(4 * 3, candidates.Length - 1);
        foreach (var figure in new[] { "top_k_accuracy.png", "top1_by_class.png", "cross_attention.png", "learning_curve.png" })
            Assert.True(File.Exists(Path.Combine(run, "figures", figure)), figure);
        Assert.True(File.Exists(Path.Combine(run, "model", TranslationModelInfo.FileName)));
    }

    [Fact]
    public void Translate_WritesTopCandidatesPerRow_MarksTheRightOne_AndRejectsBadRows()
    {
        var dir = Repo.TempDirectory();
        var input = Path.Combine(dir, "in.csv");
        File.WriteAllText(input, "id,rxn,reaction_class\na,CC(=O)O.CO>>CC(=O)OC,1\nb,CCO,2\nc,CC(C,1\nd,CC>>,1\ne,CCN,\n");
        var output = Path.Combine(dir, "out.csv");
        var (exit, text) = Invoke("translate", "-m", TinyRun.Value, "-i", input, "-o", output, "--column", "rxn", "--class-column", "reaction_class",
            "--beam", "3", "--top", "2", "--device", "cpu", "--quiet");
        Assert.True(exit == 0, text);
        var lines = File.ReadAllLines(output);
        Assert.Equal("line,id,rxn,reaction_class,rank,candidate,log_probability,valid,canonical,correct,error", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["2", "2", "3", "3", "4", "5", "6"], rows.Select(r => r[0]));
        Assert.Equal(["1", "2"], rows.Where(r => r[1] == "a").Select(r => r[4]));
        Assert.All(rows.Where(r => r[1] == "a"), r => Assert.Contains(r[9], new[] { "0", "1" }));   // a reaction: correctness is known
        Assert.All(rows.Where(r => r[1] == "b"), r => Assert.Equal("", r[9]));                      // a molecule: it is not
        Assert.Contains("not a valid molecule", rows.Single(r => r[1] == "c")[^1]);
        Assert.Contains("reaction SMILES has no products", rows.Single(r => r[1] == "d")[^1]);
        Assert.Equal("no reaction class", rows.Single(r => r[1] == "e")[^1]);

        // Without the class column the model cannot read its inputs: a one-line error.
        (exit, text) = Invoke("translate", "-m", TinyRun.Value, "-i", input, "-o", Path.Combine(dir, "x.csv"), "--column", "rxn", "--device", "cpu");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("--class-column", text);
    }

    [Fact]
    public void Translate_Sharded_MergesToTheUnshardedOutput()
    {
        var dir = Repo.TempDirectory();
        var input = Path.Combine(dir, "in.csv");
        var products = File.ReadLines(Repo.Fixture("tiny_uspto.csv")).Skip(1).Select(l => l.Split(',')).Select(f => $"{f[2]},{f[1]}");
        // 300 rows: two blocks of 256 rows, so both shards get work.
        File.WriteAllLines(input, ["product,reaction_class", .. Enumerable.Range(0, 300).Select(i => products.ElementAt(i % 32))]);
        string[] common = ["-m", TinyRun.Value, "-i", input, "--column", "product", "--class-column", "reaction_class", "--beam", "2", "--top", "1", "--device", "cpu", "--quiet"];
        Assert.Equal(0, Invoke(["translate", .. common, "-o", Path.Combine(dir, "all.csv")]).Exit);
        Assert.Equal(0, Invoke(["translate", .. common, "-o", Path.Combine(dir, "s1.csv"), "--shard", "1/2"]).Exit);
        Assert.Equal(0, Invoke(["translate", .. common, "-o", Path.Combine(dir, "s2.csv"), "--shard", "2/2"]).Exit);
        Assert.Equal(0, Invoke("merge-predictions", "-o", Path.Combine(dir, "merged.csv"), Path.Combine(dir, "s2.csv"), Path.Combine(dir, "s1.csv")).Exit);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "all.csv")), File.ReadAllText(Path.Combine(dir, "merged.csv")));
    }

    [Fact]
    public void Evaluate_ScoresALabelledFileWithTheRunsColumns()
    {
        var output = Repo.TempDirectory();
        var (exit, text) = Invoke("evaluate", "-m", TinyRun.Value, "-d", Repo.Fixture("tiny_uspto.csv"), "-o", output, "--device", "cpu");
        Assert.True(exit == 0, text);
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(output, EvaluationOutput.JsonFile)))!;
        Assert.Equal(32, (int)metrics["count"]!);
        Assert.InRange((double)metrics["top1"]!, 0, 1);
        Assert.Equal(32 * 3, File.ReadAllLines(Path.Combine(output, "candidates.csv")).Length - 1);
    }
}
