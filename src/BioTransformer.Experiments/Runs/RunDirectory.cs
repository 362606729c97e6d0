using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BioTransformer.Core;

namespace BioTransformer.Experiments.Runs;

/// <summary>
/// A new, never-reused folder holding everything about one run. Every file is written atomically
/// (temporary name, then rename); <c>status.json</c> says whether the run is running, finished or
/// failed (and why).
/// </summary>
public sealed class RunDirectory
{
    public const string StatusFile = "status.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly DateTime started;

    private RunDirectory(string path, DateTime started)
    {
        Path = path;
        this.started = started;
    }

    public string Path { get; }

    public string ModelDirectory => System.IO.Path.Combine(Path, "model");

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
            run.WriteStatus("running");
            return run;
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
