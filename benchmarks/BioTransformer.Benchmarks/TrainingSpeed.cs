using System.Diagnostics;
using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using static TorchSharp.torch;

namespace BioTransformer.Benchmarks;

/// <summary>
/// Training throughput of the shared backbone as a causal language model, through the real training loop
/// (AdamW, schedule, clipping, one dispose scope per step): random token sequences of exactly
/// <c>seq</c> tokens (no padding), tokens/s over the steps after a warm-up. Also measures the machine's
/// matmul FLOP/s in the same process, to state the model's share of it. scripts/bench/torch_backbone.py
/// is the same model and loop in PyTorch.
/// </summary>
public static class TrainingSpeed
{
    public sealed record Result(long Parameters, double TokensPerSecond, double ModelFlopsPerSecond, double MatmulFlopsPerSecond, double PeakMiB);

    public static Result Run(int dim, int layers, int heads, int feedForward, int seq, int batch, int vocab, int warmup, int steps, int threads)
    {
        TorchRuntime.SetThreads(threads);
        manual_seed(0);
        var backbone = new BackboneConfig(vocab, dim, layers, heads, feedForward, Dropout: 0.1, MaxLength: seq + 1, Positional: PositionalEncoding.Learned);
        using var model = new LanguageModel(new LanguageModelConfig(backbone, Domain.Smiles, [], [], [], false));
        long parameters = model.parameters().Sum(p => p.numel());
        var random = new Random(0);
        int count = (warmup + steps) * batch;
        var ids = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, seq).Select(_ => random.Next(8, vocab)).ToArray()).ToList();
        var data = new LanguageModelDataset(ids, Enumerable.Repeat(1, count).ToList(), null);
        var options = new TrainingOptions(1, batch, 5e-4, 0.01, 0.05, 0.05, 1.0, 0, 0, BucketByLength: false);
        var trainer = new LanguageModelTrainer(model, options, CPU);
        var stamps = new List<double>();
        var clock = Stopwatch.StartNew();
        trainer.Loop.Progress += _ => stamps.Add(clock.Elapsed.TotalSeconds);
        trainer.Fit(_ => data, null);
        double seconds = stamps[^1] - stamps[warmup - 1];
        double tokensPerSecond = (double)steps * batch * seq / seconds;
        // Kaplan et al.: 6 N FLOPs per token (forward + backward) over the non-embedding weights, counting
        // the tied output projection once; PaLM's 12 L T d per token for the attention scores and values.
        long positional = (long)(seq + 1) * dim;
        double perToken = 6.0 * (parameters - positional) + 12.0 * layers * seq * dim;
        return new Result(parameters, tokensPerSecond, perToken * tokensPerSecond, MatmulFlops(2048, 5), PeakMemory.MiB());
    }

    /// <summary>Median FLOP/s of an n × n by n × n float32 matrix product (2 n³ FLOPs), after one warm-up.</summary>
    public static double MatmulFlops(int n, int repeats)
    {
        using var a = randn(n, n);
        using var b = randn(n, n);
        using (var warm = mm(a, b)) { }
        var times = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            using var c = mm(a, b);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return 2.0 * n * n * n / times[times.Count / 2];
    }
}
