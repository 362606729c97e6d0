using System.Diagnostics;
using BioTransformer.Molecules;

namespace BioTransformer.Benchmarks;

/// <summary>
/// Single-thread throughput of the SMILES reader: parse + validate (sanitize, kekulize), canonical
/// SMILES and randomized SMILES, each repeated and reported as the median, in molecules per second.
/// </summary>
public static class SmilesSpeed
{
    public sealed record Measurement(string Operation, int Molecules, int Repeats, double MedianPerSecond, double MinPerSecond, double MaxPerSecond);

    public static IReadOnlyList<Measurement> Run(IReadOnlyList<string> smiles, int repeats)
    {
        // Warm-up: JIT and tiered compilation settle before anything is timed.
        foreach (var s in smiles.Take(2000)) Smiles.IsValid(s);
        var valid = smiles.Where(Smiles.IsValid).ToList();
        var molecules = valid.Take(10_000).Select(Smiles.Parse).ToList();
        foreach (var m in molecules.Take(500)) Smiles.Canonical(m);
        var results = new List<Measurement>
        {
            Time("parse+validate", smiles.Count, repeats, () =>
            {
                int ok = 0;
                foreach (var s in smiles) if (Smiles.IsValid(s)) ok++;
                return ok;
            }),
            Time("canonical SMILES (from parsed)", molecules.Count, repeats, () => molecules.Sum(m => Smiles.Canonical(m).Length)),
            Time("randomized SMILES (from parsed)", molecules.Count, repeats, () =>
            {
                var random = new Random(1);
                return molecules.Sum(m => Smiles.Randomized(m, random).Length);
            }),
        };
        return results;
    }

    private static Measurement Time(string operation, int count, int repeats, Func<int> work)
    {
        var rates = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(work());
            rates.Add(count / clock.Elapsed.TotalSeconds);
        }
        rates.Sort();
        double median = rates.Count % 2 == 1 ? rates[rates.Count / 2] : (rates[rates.Count / 2 - 1] + rates[rates.Count / 2]) / 2;
        return new Measurement(operation, count, repeats, median, rates[0], rates[^1]);
    }
}
