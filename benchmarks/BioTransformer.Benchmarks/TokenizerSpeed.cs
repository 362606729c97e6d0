using System.Diagnostics;
using BioTransformer.Core.Tokenization;
using BioTransformer.Molecules;
using BioTransformer.Proteins;

namespace BioTransformer.Benchmarks;

/// <summary>Tokens per second of the SMILES and protein tokenizers over a list of sequences, single thread, median of repeats.</summary>
public static class TokenizerSpeed
{
    public sealed record Result(int Sequences, long Tokens, double MedianTokensPerSecond, double PeakMiB);

    public static Result Run(IReadOnlyList<string> sequences, Domain domain, int repeats)
    {
        ITokenizer tokenizer = domain == Domain.Smiles ? new SmilesTokenizer() : new ProteinTokenizer();
        long tokens = 0;
        foreach (var s in sequences) tokens += tokenizer.Tokenize(s).Count;
        // Warm up for a second: .NET compiles hot methods fully optimised only after ~100 ms of use
        // (tiered compilation), so short passes would otherwise time unoptimised code.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 1)
            foreach (var s in sequences) tokenizer.Tokenize(s);
        var rates = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            long n = 0;
            foreach (var s in sequences) n += tokenizer.Tokenize(s).Count;
            rates.Add(n / clock.Elapsed.TotalSeconds);
        }
        rates.Sort();
        return new Result(sequences.Count, tokens, rates[rates.Count / 2], PeakMemory.MiB());
    }
}
