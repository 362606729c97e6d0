using System.Diagnostics;
using BioTransformer.Experiments.Generation;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Generation;
using static TorchSharp.torch;

namespace BioTransformer.Benchmarks;

/// <summary>
/// Molecules per second of a trained generation model, sampling with and without the key/value cache,
/// runs interleaved (cache, no cache, cache, ...) so machine noise hits both alike; medians reported.
/// </summary>
public static class GenerationSpeed
{
    public sealed record Measurement(bool Cache, int Molecules, double MedianPerSecond, double MinPerSecond, double MaxPerSecond, double ValidFraction);

    public static IReadOnlyList<Measurement> Run(string modelDirectory, int molecules, int batchSize, int repeats, int threads)
    {
        TorchRuntime.SetThreads(threads);
        var directory = Directory.Exists(Path.Combine(modelDirectory, "model")) ? Path.Combine(modelDirectory, "model") : modelDirectory;
        var (model, vocabulary) = BioTransformer.Experiments.Generation.GenerationTask.LoadModel(directory, CPU);
        using var _ = model;
        var generator = new MoleculeGenerator(model, vocabulary, CPU);
        var prompt = GenerationPrompt.Build(vocabulary, model.Config.ScaffoldPrefix, "", "");
        Func<int, double>? condition = model.Config.Conditions.Count > 0 ? _ => model.Config.ConditionMeans[0] : null;
        generator.Generate(Math.Min(batchSize, molecules), prompt, new SamplingOptions(), batchSize, 99, condition).ToList(); // warm-up

        var rates = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var valid = new Dictionary<bool, double>();
        for (int r = 0; r < repeats; r++)
            foreach (var cache in new[] { true, false })
            {
                var clock = Stopwatch.StartNew();
                var samples = generator.Generate(molecules, prompt, new SamplingOptions(UseCache: cache), batchSize, r, condition).ToList();
                rates[cache].Add(molecules / clock.Elapsed.TotalSeconds);
                valid[cache] = samples.Count(s => s.Valid) / (double)samples.Count;
            }
        return [.. new[] { true, false }.Select(cache =>
        {
            var sorted = rates[cache].Order().ToList();
            double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            return new Measurement(cache, molecules, median, sorted[0], sorted[^1], valid[cache]);
        })];
    }
}
