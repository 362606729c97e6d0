using System.Globalization;
using BioTransformer.Benchmarks;
using BioTransformer.Benchmarks.Fuzzing;

// biotransformer-bench smiles-speed FILE [REPEATS]   median single-thread molecules/s
// biotransformer-bench fuzz-smiles FILE [CASES] [SEED] mutated SMILES: only the typed parse error may escape
return args switch
{
    ["smiles-speed", var file, .. var rest] => SmilesSpeedMain(file, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 7),
    ["fuzz-smiles", var file, .. var rest] => FuzzMain(file,
        rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000,
        rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 1),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: biotransformer-bench smiles-speed FILE [REPEATS] | fuzz-smiles FILE [CASES] [SEED]");
    return 2;
}

static int SmilesSpeedMain(string file, int repeats)
{
    var smiles = SmilesFiles.Read(file);
    Console.WriteLine($"{smiles.Count:N0} SMILES from {file}; single thread; median of {repeats} runs");
    Console.WriteLine($"{"operation",-34} {"median/s",12} {"min/s",12} {"max/s",12}");
    foreach (var m in SmilesSpeed.Run(smiles, repeats))
        Console.WriteLine($"{m.Operation,-34} {m.MedianPerSecond,12:N0} {m.MinPerSecond,12:N0} {m.MaxPerSecond,12:N0}");
    return 0;
}

static int FuzzMain(string file, int cases, int seed)
{
    var corpus = SmilesFiles.Read(file);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var report = SmilesFuzzer.Run(corpus, cases, seed);
    Console.WriteLine($"{report.Cases:N0} mutated SMILES (seed {seed}) in {clock.Elapsed.TotalSeconds:0.0}s: {report.Accepted:N0} accepted, " +
                      $"{report.Rejected:N0} rejected with SmilesException, {report.Failures.Count} failures");
    foreach (var (kind, count) in report.RejectedByKind.OrderByDescending(kv => kv.Value))
        Console.WriteLine($"  rejected as {kind}: {count:N0}");
    foreach (var failure in report.Failures.Take(20))
        Console.WriteLine($"FAIL '{failure.Smiles}': {failure.Problem}");
    return report.Failures.Count == 0 ? 0 : 1;
}
