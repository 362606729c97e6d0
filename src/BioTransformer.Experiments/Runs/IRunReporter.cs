using BioTransformer.Modeling.Training;

namespace BioTransformer.Experiments.Runs;

/// <summary>Where a run reports what it is doing; the CLI renders it, tests record or ignore it.</summary>
public interface IRunReporter
{
    void Info(string message);

    void Warning(string message);

    /// <summary>After every optimiser step (implementations throttle their own output).</summary>
    void Step(TrainingProgress progress);

    /// <summary>After every epoch; <paramref name="metric"/> names the validation score.</summary>
    void Epoch(EpochSummary summary, string metric);

    /// <summary>The final metrics: rows of (split, metric, value).</summary>
    void Results(IReadOnlyList<(string Split, string Metric, double Value)> rows);

    /// <summary>
    /// Progress through a large input (implementations throttle and estimate the time left):
    /// <paramref name="done"/> of <paramref name="total"/> (e.g. bytes of the input file; total 0 = unknown),
    /// <paramref name="items"/> rows or molecules so far.
    /// </summary>
    void Progress(string task, long done, long total, long items) { }
}

/// <summary>A reporter that discards everything (tests, library use).</summary>
public sealed class SilentReporter : IRunReporter
{
    public static SilentReporter Instance { get; } = new();

    public void Info(string message) { }

    public void Warning(string message) { }

    public void Step(TrainingProgress progress) { }

    public void Epoch(EpochSummary summary, string metric) { }

    public void Results(IReadOnlyList<(string Split, string Metric, double Value)> rows) { }
}
