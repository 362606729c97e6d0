using BioTransformer.Experiments.Property;
using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BioTransformer.Tests.Modeling;

public class TrainerTests
{
    public TrainerTests() => TorchRuntime.SetThreads(2);

    /// <summary>Sequences whose target is the number of 'C' tokens: learnable in a few epochs.</summary>
    private static (PropertyDataset Data, Vocabulary Vocabulary) CountingTask(int n, int seed)
    {
        var vocabulary = Tokenizers.StandardVocabulary();
        var rng = new Random(seed);
        var ids = new List<int[]>();
        var targets = new float[n, 1];
        var mask = new bool[n, 1];
        for (int i = 0; i < n; i++)
        {
            var tokens = Enumerable.Range(0, rng.Next(3, 12)).Select(_ => rng.Next(3) == 0 ? "C" : "O").ToList();
            ids.Add(vocabulary.Encode(Domain.Smiles, tokens));
            targets[i, 0] = (tokens.Count(t => t == "C") - 2.5f) / 2f;
            mask[i, 0] = true;
        }
        return (new PropertyDataset(ids, targets, mask), vocabulary);
    }

    private static PropertyModelConfig Config(int vocab) => new(
        new BackboneConfig(vocab, Dim: 32, Layers: 2, Heads: 2, FeedForward: 64, Dropout: 0.0, MaxLength: 16),
        Domain.Smiles, PropertyTask.Regression, Pooling.Mean, ["c_count"], [2.5], [2.0]);

    private static TrainingOptions Options(int epochs, int patience = 0) =>
        new(epochs, BatchSize: 16, LearningRate: 2e-3, WeightDecay: 0.0, WarmupFraction: 0.05, MinLearningRateRatio: 0.1,
            GradientClip: 1.0, Patience: patience, Seed: 0);

    private static double Rmse(float[,] raw, PropertyDataset data) =>
        Math.Sqrt(Enumerable.Range(0, data.Count).Average(i => Math.Pow(raw[i, 0] - data.Targets[i, 0], 2)));

    [Fact]
    public void Fit_LearnsACountingTask()
    {
        var (train, vocabulary) = CountingTask(160, seed: 1);
        var (valid, _) = CountingTask(40, seed: 2);
        manual_seed(0);
        using var model = new PropertyModel(Config(vocabulary.Count));
        var before = Rmse(PropertyPredictor.PredictRaw(model, valid.Ids, 32, CPU), valid);
        var result = new PropertyTrainer(model, Options(epochs: 12), CPU).Fit(train, valid, raw => Rmse(raw, valid), higherIsBetter: false);
        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss / 3, $"train loss {result.Epochs[0].TrainLoss} -> {result.Epochs[^1].TrainLoss}");
        Assert.True(result.BestScore < before / 2, $"valid RMSE {before} -> {result.BestScore}");
    }

    [Fact]
    public void Fit_RestoresTheBestEpochsWeights()
    {
        var (train, vocabulary) = CountingTask(64, seed: 3);
        var (valid, _) = CountingTask(32, seed: 4);
        manual_seed(0);
        using var model = new PropertyModel(Config(vocabulary.Count));
        var result = new PropertyTrainer(model, Options(epochs: 6), CPU).Fit(train, valid, raw => Rmse(raw, valid), higherIsBetter: false);
        Assert.Equal(result.Epochs.Min(e => e.ValidScore), result.BestScore);
        Assert.Equal(result.BestScore, Rmse(PropertyPredictor.PredictRaw(model, valid.Ids, 32, CPU), valid), 5);
    }

    [Fact]
    public void Fit_WithPatience_StopsEarly()
    {
        var (train, vocabulary) = CountingTask(32, seed: 5);
        manual_seed(0);
        using var model = new PropertyModel(Config(vocabulary.Count));
        int calls = 0;
        // A score that never improves after the first epoch: training must stop after 1 + patience epochs.
        var result = new PropertyTrainer(model, Options(epochs: 50, patience: 2), CPU).Fit(train, train, _ => calls++ == 0 ? 0.0 : 1.0, higherIsBetter: false);
        Assert.True(result.StoppedEarly);
        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(1, result.BestEpoch);
    }

    [Fact]
    public void MissingLabels_AreMaskedOutOfTheLoss()
    {
        using var scope = NewDisposeScope();
        var outputs = tensor(new float[] { 1, 100, 3, 100 }, [2, 2]);
        var targets = tensor(new float[] { 0, 0, 1, 0 }, [2, 2]);
        var mask = tensor(new float[] { 1, 0, 1, 0 }, [2, 2]);
        // present: (1-0)² and (3-1)²: mean 2.5; the 100s are missing labels and must not count.
        Assert.Equal(2.5f, PropertyLoss.Compute(PropertyTask.Regression, outputs, targets, mask).item<float>(), 5);
    }

    [Fact]
    public void SaveAndLoad_GiveTheSameOutputs()
    {
        var (data, vocabulary) = CountingTask(8, seed: 6);
        manual_seed(0);
        using var model = new PropertyModel(Config(vocabulary.Count));
        var dir = Repo.TempDirectory();
        ModelFiles.Save(dir, PropertyPredictionTask.Kind, model.Config, model, vocabulary);
        var (loaded, loadedVocabulary) = PropertyPredictionTask.LoadModel(dir, CPU);
        using var _ = loaded;
        Assert.Equal(vocabulary.Count, loadedVocabulary.Count);
        Assert.Equal(model.Config.Targets, loaded.Config.Targets);
        var a = PropertyPredictor.PredictRaw(model, data.Ids, 4, CPU);
        var b = PropertyPredictor.PredictRaw(loaded, data.Ids, 4, CPU);
        Assert.Equal(a.Cast<float>(), b.Cast<float>());
    }

    [Fact]
    public void Load_VocabularyOfAnotherModel_IsAClearError()
    {
        var (_, vocabulary) = CountingTask(1, seed: 7);
        using var model = new PropertyModel(Config(vocabulary.Count));
        var dir = Repo.TempDirectory();
        ModelFiles.Save(dir, PropertyPredictionTask.Kind, model.Config, model, vocabulary);
        File.WriteAllText(Path.Combine(dir, ModelFiles.VocabularyFile), vocabulary.Extend(Domain.Smiles, ["[Xe]"]).ToJson());
        var error = Assert.Throws<InputException>(() => PropertyPredictionTask.LoadModel(dir, CPU));
        Assert.Contains("vocab.json: checksum mismatch", error.Message);
        // Without checksums (a model saved before they existed) the vocabulary check itself catches it.
        File.Delete(Path.Combine(dir, BioTransformer.Core.FileChecksums.FileName));
        error = Assert.Throws<InputException>(() => PropertyPredictionTask.LoadModel(dir, CPU));
        Assert.Contains("weights and vocabulary do not match", error.Message);
    }

    [Fact]
    public void Load_TruncatedWeights_IsAClearError()
    {
        var (_, vocabulary) = CountingTask(1, seed: 8);
        using var model = new PropertyModel(Config(vocabulary.Count));
        var dir = Repo.TempDirectory();
        ModelFiles.Save(dir, PropertyPredictionTask.Kind, model.Config, model, vocabulary);
        var weights = Path.Combine(dir, ModelFiles.WeightsFile);
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..1000]);
        var error = Assert.Throws<InputException>(() => PropertyPredictionTask.LoadModel(dir, CPU));
        Assert.Contains("weights", error.Message);
    }

    [NoCudaFact]
    public void Device_CudaWithoutGpu_IsAClearError()
    {
        var error = Assert.Throws<InputException>(() => TorchRuntime.ResolveDevice("cuda"));
        Assert.Contains("no CUDA device is available", error.Message);
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice("auto").type);
    }
}
