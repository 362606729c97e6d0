using System.Globalization;
using BioTransformer.Benchmarks;
using BioTransformer.Benchmarks.Fuzzing;

// biotransformer-bench smiles-speed FILE [REPEATS]   median single-thread molecules/s
// biotransformer-bench fuzz-smiles FILE [CASES] [SEED] mutated SMILES: only the typed parse error may escape
// biotransformer-bench fuzz-files TARGET ROOT [CASES] [SEED]  mutated fasta/pdb/mmcif/jsonl/toml files: only InputException may escape
// biotransformer-bench memory-predict RUN_DIR FILE [TOTAL] [CHUNK] [BATCH] [THREADS]   resident memory over TOTAL predictions
// biotransformer-bench train-speed DIM LAYERS HEADS FF SEQ BATCH VOCAB WARMUP STEPS THREADS   backbone training tokens/s, model FLOP/s, matmul FLOP/s
// biotransformer-bench tokenize-speed FILE smiles|protein [REPEATS]   tokenizer tokens/s (one thread)
// biotransformer-bench inference-speed SMILES_FILE [THREADS] [BATCH]   property prediction molecules/s (bucketing on/off), contacts proteins/s at L = 256
// biotransformer-bench generation-speed RUN_DIR [MOLECULES] [BATCH] [REPEATS] [THREADS]   molecules/s with and without the KV cache
return args switch
{
    ["generation-speed", var run, .. var rest] => GenerationSpeedMain(run,
        rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 1000,
        rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 250,
        rest.Length > 2 ? int.Parse(rest[2], CultureInfo.InvariantCulture) : 3,
        rest.Length > 3 ? int.Parse(rest[3], CultureInfo.InvariantCulture) : 0),
    ["smiles-speed", var file, .. var rest] => SmilesSpeedMain(file, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 7),
    ["fuzz-smiles", var file, .. var rest] => FuzzMain(file,
        rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000,
        rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 1),
    ["fuzz-files", var target, var root, .. var rest] => FuzzFilesMain(target, root,
        rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000,
        rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 1),
    ["memory-predict", var run, var file, .. var rest] => MemoryPredictMain(run, file,
        rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000,
        rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 5_000,
        rest.Length > 2 ? int.Parse(rest[2], CultureInfo.InvariantCulture) : 64,
        rest.Length > 3 ? int.Parse(rest[3], CultureInfo.InvariantCulture) : 1),
    ["train-speed", .. var a] when a.Length == 10 => TrainSpeedMain([.. a.Select(x => int.Parse(x, CultureInfo.InvariantCulture))]),
    ["tokenize-speed", var file, var domain, .. var rest] => TokenizeSpeedMain(file, domain, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 5),
    ["inference-speed", var file, .. var rest] => InferenceSpeedMain(file, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 0,
        rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 64),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: biotransformer-bench smiles-speed FILE [REPEATS] | fuzz-smiles FILE [CASES] [SEED] | fuzz-files TARGET ROOT [CASES] [SEED] | memory-predict RUN_DIR FILE [TOTAL] [CHUNK] [BATCH] [THREADS] | train-speed DIM LAYERS HEADS FF SEQ BATCH VOCAB WARMUP STEPS THREADS | tokenize-speed FILE smiles|protein [REPEATS] | inference-speed SMILES_FILE [THREADS] [BATCH] | generation-speed RUN_DIR [MOLECULES] [BATCH] [REPEATS] [THREADS]");
    return 2;
}

static int GenerationSpeedMain(string run, int molecules, int batch, int repeats, int threads)
{
    Console.WriteLine($"{molecules:N0} molecules per run, batch {batch}, {repeats} interleaved repeats, threads {(threads == 0 ? "all" : threads)}");
    Console.WriteLine($"{"decoding",-22} {"median mol/s",13} {"min",10} {"max",10} {"valid",7}");
    var results = GenerationSpeed.Run(run, molecules, batch, repeats, threads);
    foreach (var m in results)
        Console.WriteLine($"{(m.Cache ? "key/value cache" : "full prefix each step"),-22} {m.MedianPerSecond,13:N1} {m.MinPerSecond,10:N1} {m.MaxPerSecond,10:N1} {m.ValidFraction,7:P1}");
    Console.WriteLine($"speed-up of the cache: {results[0].MedianPerSecond / results[1].MedianPerSecond:0.0}x");
    Console.WriteLine($"peak resident memory {PeakMemory.MiB():0} MiB");
    return 0;
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

static int FuzzFilesMain(string target, string root, int cases, int seed)
{
    var work = Path.Combine(Path.GetTempPath(), $"biotransformer-fuzz-{Environment.ProcessId}");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var report = FileFuzzer.Run(FuzzTargets.For(target, root), cases, seed, work);
    Directory.Delete(work, recursive: true);
    Console.WriteLine($"{target}: {report.Cases:N0} mutated files (seed {seed}) in {clock.Elapsed.TotalSeconds:0.0}s: {report.Accepted:N0} accepted, " +
                      $"{report.Rejected:N0} rejected with a one-line InputException, {report.Failures.Count} failures");
    if (report.Failures.Count > 0)
    {
        var keep = Path.Combine(Environment.CurrentDirectory, $"fuzz-failures-{target}");
        Directory.CreateDirectory(keep);
        foreach (var failure in report.Failures.Take(20))
        {
            var file = Path.Combine(keep, $"case-{failure.Case}{FuzzTargets.For(target, root).Extension}");
            File.WriteAllText(file, failure.Input);
            Console.WriteLine($"FAIL case {failure.Case} ({file}): {failure.Problem}");
        }
    }
    return report.Failures.Count == 0 ? 0 : 1;
}

static int MemoryPredictMain(string run, string file, int total, int chunk, int batch, int threads)
{
    var samples = PredictionMemory.Run(run, file, "SMILES", total, chunk, batch, threads);
    Console.WriteLine("predictions,resident_mib");
    foreach (var s in samples) Console.WriteLine($"{s.Predictions},{s.ResidentMiB:0.0}");
    // Warm-up: model load, first batches, the allocator's pools — the first two chunks.
    var warm = samples[Math.Min(2, samples.Count - 1)];
    double peak = samples.Skip(2).Max(s => s.ResidentMiB);
    Console.WriteLine($"after warm-up ({warm.Predictions:N0} predictions): {warm.ResidentMiB:0.0} MiB; peak over {total:N0}: {peak:0.0} MiB; " +
                      $"growth {100 * (peak - warm.ResidentMiB) / warm.ResidentMiB:+0.0;-0.0}%");
    return 0;
}

// One CSV line each (the orchestrating script collects them): what,variant,value,unit,peak_mib[,extra...]
static int TrainSpeedMain(int[] a)
{
    var r = TrainingSpeed.Run(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    Console.WriteLine(FormattableString.Invariant(
        $"train,biotransformer,{r.TokensPerSecond:0},tokens/s,{r.PeakMiB:0},{r.Parameters},{r.ModelFlopsPerSecond:0},{r.MatmulFlopsPerSecond:0}"));
    return 0;
}

static int TokenizeSpeedMain(string file, string domain, int repeats)
{
    var d = domain == "protein" ? BioTransformer.Core.Tokenization.Domain.Protein : BioTransformer.Core.Tokenization.Domain.Smiles;
    var sequences = d == BioTransformer.Core.Tokenization.Domain.Smiles ? SmilesFiles.Read(file)
        : BioTransformer.Proteins.Structures.FastaReader.Read(file).Select(c => c.Sequence).ToList();
    var r = TokenizerSpeed.Run(sequences, d, repeats);
    Console.WriteLine(FormattableString.Invariant($"tokenize-{domain},biotransformer,{r.MedianTokensPerSecond:0},tokens/s,{r.PeakMiB:0},{r.Sequences},{r.Tokens}"));
    return 0;
}

static int InferenceSpeedMain(string file, int threads, int batch)
{
    var smiles = SmilesFiles.Read(file);
    foreach (var r in InferenceSpeed.Property(smiles, batch, 3, threads))
        Console.WriteLine(FormattableString.Invariant($"{r.Task},{r.Variant},{r.PerSecond:0.0},per second,{r.PeakMiB:0}"));
    var c = InferenceSpeed.Contacts(256, 10, 3, threads);
    Console.WriteLine(FormattableString.Invariant($"{c.Task},{c.Variant},{c.PerSecond:0.00},per second,{c.PeakMiB:0}"));
    return 0;
}
