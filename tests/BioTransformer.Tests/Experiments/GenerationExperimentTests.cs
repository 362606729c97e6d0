using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Generation;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Experiments;

public class GenerationExperimentTests
{
    private static Manifest Tiny(string outputDir, params string[] overrides) =>
        ManifestLoader.Load(Repo.Fixture("tiny_generation.toml"), [.. overrides, $"output.dir=\"{outputDir}\""]);

    [Fact]
    public void Run_TinyGeneration_WritesModelSamplesMetricsAndFigures_Deterministically()
    {
        var output = Repo.TempDirectory();
        var first = ExperimentRunner.Run(Tiny(output), SilentReporter.Instance);
        var dir = first.Directory;
        foreach (var file in new[]
                 {
                     "manifest.toml", "environment.json", "data.json", "metrics.json", "metrics_epochs.csv", "generated.csv", "status.json", "timing.json",
                     "model/weights.bin", "model/model.json", "model/vocab.json", $"model/{TrainingSetFile.FileName}",
                     "figures/learning_curve.png", "figures/property_logp.png", "figures/property_qed.png",
                 })
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} missing");

        var samples = first.Metrics["samples"]!;
        Assert.Equal(100, (int)samples["count"]!);
        foreach (var key in new[] { "validity", "unique@1k", "unique@10k", "novelty", "intdiv1", "intdiv2", "snn", "scaf", "wasserstein_to_train" })
            Assert.True(samples.AsObject().ContainsKey(key), $"metrics.samples.{key} missing");
        Assert.InRange((double)samples["validity"]!, 0, 1);
        Assert.True((double)first.Metrics["perplexity"]!["valid"]! > 1);

        var lines = File.ReadAllLines(Path.Combine(dir, "generated.csv"));
        Assert.Equal("index,smiles,valid,canonical_smiles,novel,finished,condition,molecular_weight,logp,tpsa,qed", lines[0]);
        Assert.Equal(101, lines.Length);
        Assert.Equal(160, TrainingSetFile.Read(Path.Combine(dir, "model")).Count);

        var second = ExperimentRunner.Run(Tiny(output), SilentReporter.Instance);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "generated.csv")), File.ReadAllText(Path.Combine(second.Directory, "generated.csv")));
        Assert.Equal(first.Metrics["perplexity"]!.ToJsonString(), second.Metrics["perplexity"]!.ToJsonString());
    }

    [Fact]
    public void Run_ConditionedOnLogP_SamplesAtEachRequestedValue()
    {
        var result = ExperimentRunner.Run(Tiny(Repo.TempDirectory(), "generation.condition=\"logp\"", "generation.condition_values=[1.0, 4.0]",
            "generation.samples=50", "train.epochs=1"), SilentReporter.Instance);
        var conditioning = result.Metrics["conditioning"]!;
        Assert.Equal("logp", (string?)conditioning["property"]);
        Assert.Equal(2, conditioning["per_value"]!.AsArray().Count);
        var rows = File.ReadAllLines(Path.Combine(result.Directory, GenerationTask.ConditioningFile));
        Assert.Equal("requested,samples,valid,achieved_mean,achieved_sd", rows[0]);
        Assert.Equal(3, rows.Length);
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(result.Directory, "model", "model.json")))!["config"]!;
        Assert.Equal("logp", (string?)model["conditions"]![0]);
        // Samples of a conditioned model carry the (training-distribution) condition they were drawn at.
        Assert.All(File.ReadLines(Path.Combine(result.Directory, "generated.csv")).Skip(1), l => Assert.NotEqual("", l.Split(',')[6]));
    }

    [Fact]
    public void Run_ScaffoldPrompt_RecordsAdherence()
    {
        var result = ExperimentRunner.Run(Tiny(Repo.TempDirectory(), "generation.scaffold_prompt=true", "generation.scaffold=\"c1ccccc1\"",
            "generation.samples=50", "train.epochs=1"), SilentReporter.Instance);
        var adherence = result.Metrics["scaffold_prompt"]!;
        Assert.Equal("c1ccccc1", (string?)adherence["scaffold"]);
        Assert.True(adherence.AsObject().ContainsKey("contains_scaffold"));
    }

    [Fact]
    public void Evaluate_Generation_ReportsThePerplexityOfAFile()
    {
        var run = ExperimentRunner.Run(Tiny(Repo.TempDirectory(), "train.epochs=1", "generation.samples=0"), SilentReporter.Instance);
        var metrics = EvaluateJob.Run(new EvaluateJob.Request(run.Directory, Repo.Fixture("tiny_chembl.csv"), Repo.TempDirectory(), null, "cpu", 2, 32),
            SilentReporter.Instance);
        Assert.Equal(200, (int)metrics["molecules"]!);
        // Between a perfect model (1) and the run's untrained-vocabulary ceiling; close to the run's own perplexities.
        double perplexity = (double)metrics["perplexity"]!;
        Assert.InRange(perplexity, 1, (double)run.Metrics["perplexity"]!["train"]! * 1.5);
    }

    [Fact]
    public void ScaffoldTokens_OfAnAcyclicMolecule_AreEmpty_NotAnError()
    {
        // ChEMBL holds acyclic molecules (e.g. amino acids); their Murcko scaffold is the empty string.
        Assert.Empty(GenerationPrompt.ScaffoldTokens(BioTransformer.Molecules.Smiles.Parse("NCC(=O)O")));
        Assert.Equal(["c", "1", "c", "c", "c", "c", "c", "1"], GenerationPrompt.ScaffoldTokens(BioTransformer.Molecules.Smiles.Parse("CCc1ccccc1")));
    }

    [Fact]
    public void Manifest_GenerationMistakes_AreOneLineErrors()
    {
        var dir = Repo.TempDirectory();
        File.Copy(Repo.Fixture("tiny_chembl.csv"), Path.Combine(dir, "tiny_chembl.csv"));
        var path = Path.Combine(dir, "m.toml");
        File.WriteAllText(path, File.ReadAllText(Repo.Fixture("tiny_generation.toml")));
        Assert.Contains("generation.condition", Assert.Throws<InputException>(() => ManifestLoader.Load(path, ["generation.condition=\"solubility\""])).Message);
        Assert.Contains("scaffold_prompt", Assert.Throws<InputException>(() => ManifestLoader.Load(path, ["generation.scaffold=\"c1ccccc1\""])).Message);
        Assert.Contains("data.validate_smiles", Assert.Throws<InputException>(() => ManifestLoader.Load(path, ["data.validate_smiles=false"])).Message);
        Assert.Contains("generation.prefix", Assert.Throws<InputException>(() => ManifestLoader.Load(path, ["generation.prefix=\"C[C\""])).Message);
    }
}
