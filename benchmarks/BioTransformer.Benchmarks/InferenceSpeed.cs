using System.Diagnostics;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using static TorchSharp.torch;

namespace BioTransformer.Benchmarks;

/// <summary>
/// Inference throughput with the inference code the commands use (eval mode, no autograd, batched):
/// property prediction molecules/s with and without length bucketing, on real SMILES and the ESOL
/// example's model shape; contact prediction proteins/s at L residues with the contacts example's shape.
/// Weights are freshly initialised: speed does not depend on their values.
/// </summary>
public static class InferenceSpeed
{
    public sealed record Result(string Task, string Variant, double PerSecond, double PeakMiB);

    public static IReadOnlyList<Result> Property(IReadOnlyList<string> smiles, int batch, int repeats, int threads)
    {
        TorchRuntime.SetThreads(threads);
        manual_seed(0);
        var tokenizer = Tokenizers.For(Domain.Smiles);
        var tokens = smiles.Select(s => tokenizer.Tokenize(s)).Where(t => t.Count <= 125).ToList();
        var vocabulary = Tokenizers.BuildVocabulary(Domain.Smiles, tokens);
        var ids = tokens.Select(t => vocabulary.Encode(Domain.Smiles, t)).ToList();
        var config = new PropertyModelConfig(new BackboneConfig(vocabulary.Count, 128, 4, 4, 512, 0.1, 128), Domain.Smiles, PropertyTask.Regression,
            Pooling.Mean, ["y"], [0.0], [1.0]);
        using var model = new PropertyModel(config);
        PropertyPredictor.PredictRaw(model, ids.Take(batch * 4).ToList(), batch, CPU);   // warm-up
        var results = new List<Result>();
        var rates = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        for (int r = 0; r < repeats; r++)
            foreach (var bucket in new[] { true, false })   // interleaved, so drift hits both alike
            {
                var clock = Stopwatch.StartNew();
                PropertyPredictor.PredictRaw(model, ids, batch, CPU, bucket);
                rates[bucket].Add(ids.Count / clock.Elapsed.TotalSeconds);
            }
        foreach (var bucket in new[] { true, false })
            results.Add(new Result("property prediction (molecules/s)", bucket ? "length bucketing" : "input order", Median(rates[bucket]), PeakMemory.MiB()));
        return results;
    }

    public static Result Contacts(int length, int proteins, int repeats, int threads)
    {
        TorchRuntime.SetThreads(threads);
        manual_seed(0);
        var config = new ContactModelConfig(new BackboneConfig(33, 64, 2, 4, 256, 0.1, length + 3), ContactHeadKind.Pair, 32, 32, 4);
        using var model = new ContactModel(config);
        var random = new Random(0);
        var sequences = Enumerable.Range(0, proteins).Select(_ => Enumerable.Range(0, length).Select(_ => random.Next(8, 33)).ToArray()).ToList();
        ContactPredictor.Predict(model, sequences[0], CPU);   // warm-up
        var rates = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var s in sequences) ContactPredictor.Predict(model, s, CPU);
            rates.Add(proteins / clock.Elapsed.TotalSeconds);
        }
        return new Result($"contact prediction at L = {length} (proteins/s)", "pair head on the whole chain", Median(rates), PeakMemory.MiB());
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
