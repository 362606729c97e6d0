using BioTransformer.Experiments.Pretraining;
using System.Globalization;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Contacts;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Proteins.Structures;
using static TorchSharp.torch;

namespace BioTransformer.Tests.Experiments;

public class ContactAndMlmExperimentTests
{
    private static Manifest Load(string fixture, string outputDir, params string[] overrides) =>
        ManifestLoader.Load(Repo.Fixture(fixture), [.. overrides, $"output.dir=\"{outputDir}\""]);

    private static readonly Lazy<RunResult> ProteinMlm = new(() =>
        ExperimentRunner.Run(Load("tiny_mlm_protein.toml", Repo.TempDirectory()), SilentReporter.Instance));

    private static readonly Lazy<RunResult> TinyContacts = new(() =>
        ExperimentRunner.Run(Load("tiny_contacts.toml", Repo.TempDirectory()), SilentReporter.Instance));

    [Fact]
    public void Mlm_Protein_WritesAReusableModel_AndPerplexityBelowUniform()
    {
        var result = ProteinMlm.Value;
        foreach (var file in new[] { "manifest.toml", "data.json", "metrics.json", "metrics_epochs.csv", "model/weights.bin", "figures/learning_curve.png" })
            Assert.True(File.Exists(Path.Combine(result.Directory, file)), $"{file} missing");
        Assert.Equal("mlm", ModelFiles.KindOf(Path.Combine(result.Directory, "model")));
        // Over the 25-letter protein alphabet a model that learned nothing scores 25; residue frequencies alone beat it.
        Assert.Equal(25, (int)result.Metrics["uniform_perplexity"]!);
        double valid = (double)result.Metrics["perplexity"]!["valid"]!;
        Assert.InRange(valid, 1, 25);
        // Chains longer than the 64-residue window are cut into pieces, not dropped.
        Assert.True((int)result.Metrics["pieces"]!["train"]! > (int)result.Metrics["sequences"]!["train"]!);

        var again = ExperimentRunner.Run(Load("tiny_mlm_protein.toml", Repo.TempDirectory()), SilentReporter.Instance);
        Assert.Equal(result.Metrics["perplexity"]!.ToJsonString(), again.Metrics["perplexity"]!.ToJsonString());
    }

    [Fact]
    public void Contacts_Tiny_WritesModelPrecisionsPerProteinAndFigures()
    {
        var result = TinyContacts.Value;
        var dir = result.Directory;
        foreach (var file in new[] { "metrics.json", "metrics_epochs.csv", ContactsTask.PerProteinFile, "model/weights.bin",
                     "figures/learning_curve.png", "figures/precision_by_range.png" })
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} missing");
        Assert.Equal(ContactsTask.MapFigures, Directory.GetFiles(Path.Combine(dir, "figures"), "contact_map_*.png").Length);

        var test = result.Metrics["precision"]!["test"]!;
        foreach (var range in new[] { "short", "medium", "long", "medium_long" })
            foreach (var depth in new[] { "L", "L/2", "L/5" })
                Assert.InRange((double)test[range]![depth]!, 0, 1);

        // Per-protein rows: every valid and test chain once; no cluster in both held-out splits or in training.
        var chains = (int)result.Metrics["chains"]!["valid"]! + (int)result.Metrics["chains"]!["test"]!;
        var rows = File.ReadAllLines(Path.Combine(dir, ContactsTask.PerProteinFile));
        Assert.Equal(chains + 1, rows.Length);
        Assert.StartsWith("split,protein,group,length,short_P@L,", rows[0]);
        var heldOut = rows.Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Empty(heldOut.Where(r => r[0] == "valid").Select(r => r[2]).Intersect(heldOut.Where(r => r[0] == "test").Select(r => r[2])));
        var all = StructureJsonLines.Read(Repo.Fixture("proteins/tiny_structures.jsonl"));
        var heldOutNames = heldOut.Select(r => r[1]).ToHashSet();
        var trainClusters = all.Where(c => !heldOutNames.Contains(c.Name)).Select(c => c.Group).ToHashSet();
        Assert.DoesNotContain(heldOut, r => trainClusters.Contains(r[2]));
    }

    [Fact]
    public void ContactsJob_OnAPdbFile_WritesMatrixTopPairsMapAndMetrics()
    {
        var output = Repo.TempDirectory();
        var summary = ContactsJob.Run(TinyContacts.Value.Directory, Repo.Fixture("proteins/fixture.pdb"), null, output, "cpu", 2, SilentReporter.Instance);
        Assert.Equal(1, summary.Proteins);
        var chain = StructureFiles.Read(Repo.Fixture("proteins/fixture.pdb"))[0];
        var stem = ContactsTask.Sanitize(chain.Name);
        var matrix = File.ReadAllLines(Path.Combine(output, $"{stem}_probabilities.csv"));
        Assert.Equal(chain.Length + 1, matrix.Length);
        Assert.Equal(chain.Length + 1, matrix[0].Split(',').Length);
        // Symmetric: row i, column j equals row j, column i.
        var cells = matrix.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(cells[0][chain.Length], cells[chain.Length - 1][1]);
        var top = File.ReadAllLines(Path.Combine(output, $"{stem}_top_pairs.csv"));
        Assert.Equal("rank,i,j,residue_i,residue_j,separation,range,probability,contact", top[0]);
        Assert.All(top.Skip(1), l => Assert.True(int.Parse(l.Split(',')[5], CultureInfo.InvariantCulture) >= 6));
        Assert.True(File.Exists(Path.Combine(output, $"{stem}_map.png")));
        Assert.True(File.Exists(Path.Combine(output, EvaluationOutput.JsonFile)));
    }

    [Fact]
    public void ContactsJob_Sharded_ThenMerged_HasEveryProteinOnce_WithTheSamePrecisions()
    {
        var input = Repo.Fixture("proteins/tiny_structures.jsonl");
        var whole = Repo.TempDirectory();
        ContactsJob.Run(TinyContacts.Value.Directory, input, null, whole, "cpu", 2, SilentReporter.Instance);
        var shards = new[] { Repo.TempDirectory(), Repo.TempDirectory(), Repo.TempDirectory() };
        for (int i = 0; i < 3; i++)
        {
            var summary = ContactsJob.Run(TinyContacts.Value.Directory, input, null, shards[i], "cpu", 2, SilentReporter.Instance, shard: new Shard(i + 1, 3));
            Assert.Equal(i == 0 ? 14 : 13, summary.Proteins);   // 40 proteins dealt in turn
        }
        var merged = Repo.TempDirectory();
        Assert.Equal(40, ContactsJob.MergeShards(merged, [shards[2], shards[0], shards[1]]));
        var perProtein = File.ReadAllLines(Path.Combine(merged, ContactsTask.PerProteinFile));
        Assert.Equal(File.ReadAllLines(Path.Combine(whole, ContactsTask.PerProteinFile)).Skip(1).Order(StringComparer.Ordinal),
            perProtein.Skip(1).Order(StringComparer.Ordinal));   // proteins are predicted independently of their shard
        var metrics = File.ReadAllLines(Path.Combine(merged, EvaluationOutput.CsvFile));
        Assert.Equal("proteins,40", metrics[1]);
        Assert.Throws<BioTransformer.Core.InputException>(() => ContactsJob.MergeShards(Repo.TempDirectory(), [shards[0], shards[0]]));
    }

    [Fact]
    public void ContactsJob_OnFasta_WritesMapsWithoutMetrics()
    {
        var input = Path.Combine(Repo.TempDirectory(), "two.fasta");
        File.WriteAllText(input, ">first protein\nMKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQ\n>second\nGSHMSLFDFFKNKGSAAATEEKQL\n");
        var output = Repo.TempDirectory();
        var summary = ContactsJob.Run(TinyContacts.Value.Directory, input, null, output, "cpu", 2, SilentReporter.Instance);
        Assert.Equal((2, 0), (summary.Proteins, summary.WithStructure));
        Assert.Null(summary.Precision);
        foreach (var name in new[] { "first", "second" })
            foreach (var suffix in new[] { "_probabilities.csv", "_top_pairs.csv", "_map.png" })
                Assert.True(File.Exists(Path.Combine(output, name + suffix)), name + suffix);
        Assert.False(File.Exists(Path.Combine(output, EvaluationOutput.JsonFile)));
        // The first protein (66 residues) is longer than the 64-residue window: it is read in windows starting at 0 and 2.
        // Pairs inside a window get probabilities; residues 1 and 66 share no window, so that pair stays 0 (as documented).
        var rows = File.ReadAllLines(Path.Combine(output, "first_probabilities.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(66, rows.Length);
        Assert.NotEqual("0", rows[0][64]);      // residues 1 and 64
        Assert.NotEqual("0", rows[2][66]);      // residues 3 and 66
        Assert.Equal("0", rows[0][66]);         // residues 1 and 66
    }

    [Fact]
    public void ContactsJob_WithAPropertyModel_SaysWhichKindItIs()
    {
        var e = Assert.Throws<InputException>(() =>
            ContactsJob.Run(ProteinMlm.Value.Directory, Repo.Fixture("proteins/fixture.pdb"), null, Repo.TempDirectory(), "cpu", 2, SilentReporter.Instance));
        Assert.Contains("'mlm' model, not a contacts model", e.Message);
    }

    [Fact]
    public void InitFrom_AttentionHead_StartsFromThePretrainedBackbone_AndKeepsItFrozen()
    {
        var pretrained = ProteinMlm.Value.Directory;
        var result = ExperimentRunner.Run(Load("tiny_contacts.toml", Repo.TempDirectory(), $"init_from=\"{pretrained}\"", "contacts.head=\"attention\""),
            SilentReporter.Instance);
        var (mlm, mlmVocabulary) = MaskedLanguageModelTask.LoadModel(Path.Combine(pretrained, "model"), CPU);
        var (contacts, contactsVocabulary) = ContactsTask.LoadModel(Path.Combine(result.Directory, "model"), CPU);
        using (mlm)
        using (contacts)
        {
            Assert.Equal(mlmVocabulary.ToJson(), contactsVocabulary.ToJson());
            var before = mlm.Backbone.state_dict();
            var after = contacts.Backbone.state_dict();
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            foreach (var key in before.Keys)
                Assert.True(before[key].allclose(after[key], rtol: 0, atol: 0), $"{key} changed: the attention route must train only its regression");
        }
        Assert.Equal(2 * 2 + 1, (long)result.Metrics["trained_parameters"]!);    // layers × heads weights + bias
    }

    [Fact]
    public void InitFrom_WithAnotherShape_IsOneClearError()
    {
        var manifest = ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), [$"init_from=\"{ProteinMlm.Value.Directory}\"", $"output.dir=\"{Repo.TempDirectory()}\""]);
        var e = Assert.Throws<InputException>(() => ExperimentRunner.Run(manifest, SilentReporter.Instance));
        Assert.Contains("model.max_length = 128 but the pretrained backbone has 67", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void InitFrom_APattern_PicksTheNewestFinishedRun()
    {
        var parent = Path.GetDirectoryName(ProteinMlm.Value.Directory)!;
        var manifest = Load("tiny_contacts.toml", Repo.TempDirectory(), $"init_from=\"{parent}/tiny-mlm-protein-*\"");
        Assert.Equal(ProteinMlm.Value.Directory, manifest.InitFrom);
        var missing = Assert.Throws<InputException>(() => Load("tiny_contacts.toml", Repo.TempDirectory(), $"init_from=\"{parent}/nothing-*\""));
        Assert.Contains("run the pretraining manifest first", missing.Message);
    }

    [Fact]
    public void AttentionHead_WithoutInitFrom_IsRejectedAtLoad()
    {
        var e = Assert.Throws<InputException>(() => Load("tiny_contacts.toml", Repo.TempDirectory(), "contacts.head=\"attention\""));
        Assert.Contains("set init_from to an mlm run", e.Message);
    }

    [Fact]
    public void Evaluate_Property_OnTheTestRows_ReproducesTheRunsTestRmse()
    {
        var run = ExperimentRunner.Run(ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), [$"output.dir=\"{Repo.TempDirectory()}\""]), SilentReporter.Instance);
        const string target = "measured log solubility in mols per litre";
        var output = Repo.TempDirectory();
        var metrics = EvaluateJob.Run(new EvaluateJob.Request(run.Directory, Path.Combine(run.Directory, "predictions_test.csv"), output, "smiles", "cpu", 2, 16),
            SilentReporter.Instance);
        double expected = (double)run.Metrics["splits"]!["test"]!["targets"]![target]!["rmse"]!;
        Assert.Equal(expected, (double)metrics[target]!["rmse"]!, 4);
        var csv = File.ReadAllLines(Path.Combine(output, EvaluationOutput.CsvFile));
        Assert.Equal("metric,value", csv[0]);
        Assert.Contains(csv, l => l.StartsWith($"{target} rmse,", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_Contacts_And_Mlm_WriteTheirMetrics()
    {
        var contacts = EvaluateJob.Run(new EvaluateJob.Request(TinyContacts.Value.Directory, Repo.Fixture("proteins/tiny_structures.jsonl"), Repo.TempDirectory(),
            null, "cpu", 2, 16), SilentReporter.Instance);
        Assert.Equal(40, (int)contacts["precision"]!["proteins"]!);
        var mlm = EvaluateJob.Run(new EvaluateJob.Request(ProteinMlm.Value.Directory, Repo.Fixture("proteins/tiny_structures.jsonl"), Repo.TempDirectory(),
            null, "cpu", 2, 16), SilentReporter.Instance);
        Assert.InRange((double)mlm["perplexity"]!, 1, 25);
    }

    [Fact]
    public void GroupSplitter_KeepsEveryGroupInOneSplit_AndIsSeeded()
    {
        var groups = Enumerable.Range(0, 300).Select(i => $"g{i % 97}").ToList();
        var split = new GroupSplitter().Split(groups, new SplitFractions(0.8, 0.1, 0.1), 5);
        var where = new Dictionary<string, string>();
        foreach (var name in SplitIndices.Names)
            foreach (var i in split[name])
            {
                Assert.True(!where.TryGetValue(groups[i], out var seen) || seen == name, $"group {groups[i]} in {seen} and {name}");
                where[groups[i]] = name;
            }
        Assert.Equal(300, split.Train.Count + split.Valid.Count + split.Test.Count);
        Assert.InRange(split.Train.Count, 220, 260);
        Assert.Equal(split.Test, new GroupSplitter().Split(groups, new SplitFractions(0.8, 0.1, 0.1), 5).Test);
    }
}
