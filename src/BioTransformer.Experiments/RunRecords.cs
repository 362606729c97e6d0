using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Training;

namespace BioTransformer.Experiments;

/// <summary>Files every training run writes the same way, whatever the task: the data record, rejected rows, per-epoch metrics.</summary>
public static class RunRecords
{
    public const string EpochMetricsFile = "metrics_epochs.csv";
    public const string DataFile = "data.json";
    public const string RejectedRowsFile = "rejected_rows.csv";

    /// <summary>metrics_epochs.csv: one row per epoch, rewritten after every epoch.</summary>
    public static void WriteEpochMetrics(RunDirectory run, IReadOnlyList<EpochSummary> epochs, string metric)
    {
        string[] header = ["epoch", "step", "train_loss", "valid_loss", $"valid_{metric}", "learning_rate", "seconds", "tokens_per_second", "best", "resident_mib"];
        CsvOutput.Write(run.File(EpochMetricsFile), header, epochs.Select(e => (IReadOnlyList<string>)
        [
            e.Epoch.ToString(CultureInfo.InvariantCulture), e.Step.ToString(CultureInfo.InvariantCulture),
            CsvOutput.Number(e.TrainLoss), CsvOutput.Number(e.ValidLoss), CsvOutput.Number(e.ValidScore), CsvOutput.Number(e.LearningRate),
            CsvOutput.Number(e.Seconds, "0.###"), CsvOutput.Number(e.TokensPerSecond, "0"), e.IsBest ? "1" : "0", CsvOutput.Number(e.ResidentMiB, "0.0"),
        ]));
    }

    /// <summary>data.json (SHA-256, size and row counts of the input) and rejected_rows.csv.</summary>
    public static void WriteDataRecord(RunDirectory run, PreparedData data)
    {
        var info = new FileInfo(data.Table.Path);
        WriteFiles(run, new JsonObject
        {
            ["role"] = "data",
            ["path"] = Path.GetFullPath(data.Table.Path),
            ["sha256"] = FileHash.Sha256(data.Table.Path),
            ["bytes"] = info.Length,
            ["rows"] = data.Table.RowCount,
            ["rows_used"] = data.Records.Count,
            ["rows_rejected"] = data.Table.Rejected.Count,
        });
        WriteRejectedRows(run, data.Table.Rejected);
    }

    /// <summary>rejected_rows.csv: line, the row's sequence, why it was skipped.</summary>
    public static void WriteRejectedRows(RunDirectory run, IReadOnlyList<RejectedRow> rejected) =>
        CsvOutput.Write(run.File(RejectedRowsFile), ["line", "sequence", "reason"],
            rejected.Select(r => (IReadOnlyList<string>)[r.Line.ToString(CultureInfo.InvariantCulture), r.Sequence, r.Reason]));

    /// <summary>One warning for the rows of a run's table that were skipped: how many, where they are listed, the first reason.</summary>
    public static void WarnRejected(PreparedData data, IRunReporter reporter, bool listed = true)
    {
        if (data.Table.Rejected.Count == 0) return;
        var first = data.Table.Rejected[0];
        reporter.Warning($"{data.Table.Rejected.Count} of {data.Table.RowCount} rows skipped{(listed ? $" (see {RejectedRowsFile})" : "")}; first: line {first.Line}: {first.Reason}");
    }

    /// <summary>data.json for inputs that are not tables (FASTA, structure JSON lines, PDB/mmCIF): hash, size, records read and used.</summary>
    public static void WriteDataRecord(RunDirectory run, string path, int records, int used, string role = "data")
    {
        var info = new FileInfo(path);
        WriteFiles(run, new JsonObject
        {
            ["role"] = role,
            ["path"] = Path.GetFullPath(path),
            ["sha256"] = FileHash.Sha256(path),
            ["bytes"] = info.Length,
            ["rows"] = records,
            ["rows_used"] = used,
            ["rows_rejected"] = records - used,
        });
    }

    /// <summary>
    /// data.json: the data file's record, and the pretrained run the model started from (its folder and the
    /// SHA-256 of its weights). Absolute paths and hashes let a moved or copied run directory find its inputs
    /// again (see ManifestLoader) and tell a changed input from the one the run read.
    /// </summary>
    private static void WriteFiles(RunDirectory run, JsonObject data)
    {
        var files = new JsonArray(data);
        if (run.InitFrom is { Length: > 0 } initFrom)
        {
            var weights = Path.Combine(Pretrained.ModelDirectory(initFrom), "weights.bin");
            files.Add(new JsonObject
            {
                ["role"] = "init_from",
                ["path"] = Path.GetFullPath(initFrom),
                ["sha256"] = File.Exists(weights) ? FileHash.Sha256(weights) : null,
            });
        }
        run.WriteJson(DataFile, new JsonObject { ["files"] = files });
    }

    /// <summary>
    /// Reports a training loop's steps and epochs, keeps metrics_epochs.csv current after every epoch,
    /// and checkpoints the loop into the run directory (every <paramref name="checkpointEvery"/> steps and
    /// at epoch ends; a resumed run continues from that checkpoint).
    /// </summary>
    public static void RecordEpochs(TrainingLoop loop, RunDirectory run, IRunReporter reporter, string metric, int checkpointEvery)
    {
        var epochs = new List<EpochSummary>();
        loop.Checkpoints = new CheckpointSettings(run.File(RunDirectory.CheckpointFile), checkpointEvery, run.Resuming);
        loop.Resumed += (history, state) =>
        {
            epochs.AddRange(history);
            reporter.Info(state.Completed
                ? $"Training had finished ({history.Count} epochs); continuing after it"
                : $"Continuing training at epoch {state.Epoch}, batch {state.BatchesDone + 1} (step {state.Step + 1}); {history.Count} epochs were done");
            WriteEpochMetrics(run, epochs, metric);
        };
        loop.Progress += reporter.Step;
        loop.EpochEnded += summary =>
        {
            epochs.Add(summary);
            reporter.Epoch(summary, metric);
            WriteEpochMetrics(run, epochs, metric);
        };
    }

    /// <summary>One line on how training ended: early stop or all epochs, and the best validation score.</summary>
    public static string Outcome(TrainingResult result, string metric, string format = "0.###")
    {
        var best = result.BestScore.ToString(format, CultureInfo.CurrentCulture);
        return result.StoppedEarly
            ? $"Early stopping after epoch {result.Epochs.Count}: best validation {metric} {best} at epoch {result.BestEpoch}"
            : $"Trained {result.Epochs.Count} epochs; best validation {metric} {best} at epoch {result.BestEpoch}";
    }
}
