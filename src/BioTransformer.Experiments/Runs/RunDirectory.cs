using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BioTransformer.Core;

namespace BioTransformer.Experiments.Runs;

/// <summary>
/// A new, never-reused folder holding everything about one run. Every file is written atomically
/// (temporary name, then rename); <c>status.json</c> says whether the run is running, finished or
/// failed (and why). While a process works in it, it holds an exclusive lock on <c>.lock</c> (released by
/// the operating system if the process dies, even by kill -9), so two processes never write one run.
/// </summary>
public sealed class RunDirectory : IDisposable
{
    public const string StatusFile = "status.json";

    /// <summary>Held (exclusively) by the process working in the run.</summary>
    public const string LockFile = ".lock";

    private FileStream? lockStream;

    /// <summary>Wall-clock measurements of the run (seconds, throughput); they vary run to run, so metrics.json holds none.</summary>
    public const string TimingFile = "timing.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly DateTime started;

    private readonly JsonArray resumed = [];

    private RunDirectory(string path, DateTime started)
    {
        Path = path;
        this.started = started;
    }

    public string Path { get; }

    /// <summary>The training checkpoint (replaced atomically while training, removed when the run finishes).</summary>
    public const string CheckpointFile = "checkpoint/training.ckpt";

    /// <summary>Opened by <see cref="Resume"/>: training continues from the checkpoint if there is one.</summary>
    public bool Resuming { get; private init; }

    public string ModelDirectory => System.IO.Path.Combine(Path, "model");

    /// <summary>The run directory whose backbone this run starts from (the manifest's init_from, resolved), or null.</summary>
    public string? InitFrom { get; set; }

    public string FiguresDirectory => System.IO.Path.Combine(Path, "figures");

    /// <summary>
    /// Creates root/name-yyyyMMdd-HHmmss (UTC), adding -2, -3, ... if that exists. The folder is
    /// claimed by creating its status file exclusively, so two runs started in the same second get
    /// different folders.
    /// </summary>
    public static RunDirectory Create(string root, string name, DateTime utcNow)
    {
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.At(root, null, $"cannot create the output folder: {e.Message}", "set output.dir or --output to a writable folder");
        }
        var stem = $"{Sanitize(name)}-{utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        for (int attempt = 1; ; attempt++)
        {
            var path = System.IO.Path.Combine(root, attempt == 1 ? stem : $"{stem}-{attempt}");
            if (Directory.Exists(path)) continue;
            try
            {
                Directory.CreateDirectory(path);
                using (new FileStream(System.IO.Path.Combine(path, StatusFile), FileMode.CreateNew)) { }
            }
            catch (IOException) when (System.IO.File.Exists(System.IO.Path.Combine(path, StatusFile)))
            {
                continue; // another process claimed it first
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw InputException.At(root, null, $"cannot create a run directory: {e.Message}", "set output.dir or --output to a writable folder");
            }
            var run = new RunDirectory(System.IO.Path.GetFullPath(path), utcNow);
            run.lockStream = TryLock(run.Path) ?? throw InputException.At(run.Path, null, "another process took the new run directory", "start the run again");
            run.WriteStatus("running");
            return run;
        }
    }

    /// <summary>
    /// The "status" recorded in a run directory's status.json — except that a run recorded as "running" whose
    /// lock no process holds was killed: it reads "interrupted" (and `run --resume` continues it). Null when
    /// there is no status or it cannot be read (being written, or killed while it was).
    /// </summary>
    public static string? StatusOf(string directory)
    {
        string? status;
        try
        {
            status = (string?)JsonNode.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(directory, StatusFile)))?["status"];
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            return null;
        }
        if (status == "running" && IsUnlocked(directory)) return "interrupted";
        return status;
    }

    /// <summary>Whether no process holds the run's lock (a run from before locks existed has no lock file: judged by its pid).</summary>
    private static bool IsUnlocked(string directory)
    {
        var lockPath = System.IO.Path.Combine(directory, LockFile);
        if (!System.IO.File.Exists(lockPath))
            return PidOf(directory) is not { } pid || !IsAlive(pid);
        using var probe = TryLock(directory);
        return probe is not null;
    }

    private static int? PidOf(string directory)
    {
        try
        {
            return (int?)JsonNode.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(directory, StatusFile)))?["pid"];
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The exclusive lock on the run, or null when another process holds it.</summary>
    private static FileStream? TryLock(string directory)
    {
        try
        {
            // On Linux and macOS .NET takes an advisory flock for FileShare.None; the OS drops it when the process ends.
            return new FileStream(System.IO.Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Releases the run's lock (the run is over, or this process hands it on).</summary>
    public void Dispose()
    {
        lockStream?.Dispose();
        lockStream = null;
    }

    /// <summary>
    /// Re-opens an interrupted run (status running with its process gone, or failed) to continue it in
    /// place; its start time and earlier resumptions are kept in status.json. A finished run or one whose
    /// process is still alive is a one-line error.
    /// </summary>
    public static RunDirectory Resume(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var statusPath = System.IO.Path.Combine(full, StatusFile);
        if (!System.IO.File.Exists(statusPath)) throw InputException.At(path, null, "not a run directory (no status.json)", "pass the folder that `run` printed");
        JsonNode? status;
        try
        {
            status = JsonNode.Parse(System.IO.File.ReadAllText(statusPath));
        }
        catch (JsonException)
        {
            status = null;   // killed while the first status was written: nothing to keep
        }
        var state = (string?)status?["status"];
        if (state == "finished") throw InputException.At(path, null, "the run already finished", "start a new run to train again");
        bool hadLockFile = System.IO.File.Exists(System.IO.Path.Combine(full, LockFile));
        var held = TryLock(full);
        var owner = (int?)status?["pid"] is { } p ? $"process {p}" : "another process";
        if (held is null)
            throw InputException.At(path, null, $"the run is in use by {owner}", "wait for it to end, or stop that process before resuming");
        // A run started before run directories had locks is judged by whether its process is alive.
        if (!hadLockFile && state == "running" && (int?)status?["pid"] is { } pid && pid != Environment.ProcessId && IsAlive(pid))
        {
            held.Dispose();
            throw InputException.At(path, null, $"the run is in use by process {pid}", "wait for it to end, or stop that process before resuming");
        }
        var started = DateTime.TryParse((string?)status?["started_utc"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : DateTime.UtcNow;
        var run = new RunDirectory(full, started) { Resuming = true, lockStream = held };
        if (status?["resumed_utc"] is JsonArray earlier)
            foreach (var e in earlier) run.resumed.Add((string?)e);
        run.resumed.Add(DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        run.WriteStatus("running");
        return run;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public void WriteText(string relative, string text)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, text);
    }

    public void WriteJson(string relative, JsonNode node) => WriteText(relative, node.ToJsonString(Indented) + "\n");

    /// <summary>Adds or replaces one entry of timing.json (e.g. "training_seconds"), keeping the others.</summary>
    public void RecordTiming(string name, double value)
    {
        JsonObject timing;
        try
        {
            timing = JsonNode.Parse(System.IO.File.ReadAllText(File(TimingFile))) as JsonObject ?? [];
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            timing = [];
        }
        timing[name] = Math.Round(value, 3);
        WriteJson(TimingFile, timing);
    }

    /// <summary>Records the run's state: "running", "finished" or "failed" (with the one-line error).</summary>
    public void WriteStatus(string status, string? error = null)
    {
        var now = DateTime.UtcNow;
        var node = new JsonObject
        {
            ["status"] = status,
            ["started_utc"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["updated_utc"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["seconds"] = Math.Round((now - started).TotalSeconds, 1),
            ["pid"] = Environment.ProcessId,
        };
        if (resumed.Count > 0) node["resumed_utc"] = resumed.DeepClone();
        if (error is not null) node["error"] = error;
        WriteJson(StatusFile, node);
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var s = new string(chars).Trim('.');
        return s.Length == 0 ? "run" : s;
    }
}
