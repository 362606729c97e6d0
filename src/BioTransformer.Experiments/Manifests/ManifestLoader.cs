using BioTransformer.Experiments.Tasks;
using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Core;
using BioTransformer.Core.Data;

namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// Reads, overrides, binds and validates a manifest before any work is done. Every problem is an
/// <see cref="InputException"/> naming the file, line and key (or the --set override).
/// </summary>
public static class ManifestLoader
{
    /// <param name="path">The manifest file.</param>
    /// <param name="overrides">"key.path=value" assignments applied on top of the file, in order.</param>
    public static Manifest Load(string path, IReadOnlyList<string>? overrides = null)
    {
        if (!File.Exists(path))
            throw InputException.At(path, null, "manifest not found", "check the path; see experiments/ for examples");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.At(path, null, $"cannot read the manifest: {e.Message}");
        }
        if (text.Contains('\0'))
            throw InputException.At(path, null, "this is a binary file, not a TOML manifest");
        return Load(text, path, overrides);
    }

    /// <summary>Loads manifest text; <paramref name="source"/> is its path (relative paths resolve against its folder).</summary>
    public static Manifest Load(string text, string source, IReadOnlyList<string>? overrides)
    {
        var document = ManifestDocument.Parse(text, source);
        // [sweep] lists values for other keys; `sweep` expands it into overrides, one manifest per point.
        document.Values.Remove(Sweeps.SweepPlanner.Table);
        foreach (var assignment in overrides ?? []) document.ApplyOverride(assignment);

        if (!document.Values.ContainsKey("schema"))
            throw InputException.At(source, 1, "missing 'schema = 1' (the manifest format version)", "add it as the first line");
        // The task decides which table is its own: that table binds to the task's record, any other task's is an error.
        var taskName = document.Values.TryGetValue("task", out var named) ? named as string ?? "" : new Manifest().Task;
        if (named is not null and not string)
            throw new InputException($"{document.LocationOf("task")}: 'task' must be a quoted name (use one of: {string.Join(", ", TaskRegistry.All.Select(t => $"\"{t.Name}\""))})");
        ManifestBinder.RejectControlCharacters(document, "task", taskName);
        var task = TaskRegistry.Find(taskName) ?? throw new InputException(
            $"{document.LocationOf("task")}: 'task' = \"{InputException.Abbreviate(taskName, 60)}\" is not allowed (use one of: {string.Join(", ", TaskRegistry.All.Select(t => $"\"{t.Name}\""))})");
        object? section = null;
        foreach (var other in TaskRegistry.All)
        {
            if (!document.Values.Remove(other.Name, out var table)) continue;
            if (other != task)
                throw new InputException($"{document.LocationOf(other.Name)}: a [{other.Name}] table does not apply to task = \"{task.Name}\" (remove it, or set task = \"{other.Name}\")");
            section = ManifestBinder.BindSection(task.SectionType, table, task.Name, document);
        }
        var manifest = ManifestBinder.Bind<Manifest>(document) with { TaskSection = task.Resolve(section ?? Activator.CreateInstance(task.SectionType)!) };
        manifest = Resolve(manifest, Path.GetDirectoryName(Path.GetFullPath(source))!) with { SourcePath = Path.GetFullPath(source) };
        var overridden = (overrides ?? []).Select(o => o.Split('=', 2)[0].Trim()).ToHashSet(StringComparer.Ordinal);
        manifest = RecordedInputs.Relocate(manifest, source, overridden);
        Validate(manifest, document);
        return manifest;
    }

    /// <summary>Makes paths absolute (the task's own defaults were filled when its table was bound).</summary>
    private static Manifest Resolve(Manifest manifest, string baseDirectory)
    {
        return manifest with
        {
            InitFrom = manifest.InitFrom.Length == 0 ? "" : ResolveRun(Path.GetFullPath(manifest.InitFrom, baseDirectory)),
            Data = manifest.Data with { Path = Path.GetFullPath(manifest.Data.Path, baseDirectory) },
            Output = manifest.Output with { Dir = Path.GetFullPath(manifest.Output.Dir, baseDirectory) },
        };
    }

    /// <summary>Checks that involve more than one key.</summary>
    private static void Validate(Manifest manifest, ManifestDocument document)
    {
        InputException Error(string key, string what, string? hint = null) =>
            new($"{document.LocationOf(key)}: {what}" + (hint is null ? "" : $" ({hint})"));

        var m = manifest.Model;
        if (m.Dim % m.Heads != 0)
            throw Error("model.heads", $"model.heads = {m.Heads} does not divide model.dim = {m.Dim}", "pick heads so that dim / heads is a whole number");
        if (m.Positional == PositionalEncoding.Rotary && (m.Dim / m.Heads) % 2 != 0)
            throw Error("model.heads", $"rotary embeddings need an even head width, but dim / heads = {m.Dim / m.Heads}", "change dim or heads, or use positional = \"learned\"");

        var f = manifest.Data.Fractions;
        if (f.Count != 3) throw Error("data.fractions", $"data.fractions needs 3 numbers (train, valid, test), got {f.Count}");
        if (new SplitFractions(f[0], f[1], f[2]).Problem() is { } problem) throw Error("data.fractions", problem);

        if (!File.Exists(manifest.Data.Path))
            throw Error("data.path", $"data file not found: {manifest.Data.Path}", "relative paths are relative to the manifest's folder");

        if (manifest.Data.Split is SplitKind.Scaffold or SplitKind.ScaffoldBalanced && manifest.Data.Domain != Domain.Smiles)
            throw Error("data.split", $"data.split = \"{ManifestEnums.Text(manifest.Data.Split)}\" needs SMILES (data.domain = \"smiles\")", "use split = \"random\" for proteins");
        if (manifest.Train.Augment > 0 && manifest.Data.Domain != Domain.Smiles)
            throw Error("train.augment", "train.augment is SMILES augmentation and needs data.domain = \"smiles\"", "set it to 0 for proteins");

        if (manifest.Seeds.Any(s => s < 0) || manifest.Seeds.Distinct().Count() != manifest.Seeds.Count)
            throw Error("seeds", $"seeds = [{string.Join(", ", manifest.Seeds)}]: replicate seeds must be distinct and not negative", null);
        if (manifest.InitFrom.Length > 0 && !Directory.Exists(manifest.InitFrom))
            throw Error("init_from", $"init_from: no run directory at {manifest.InitFrom}",
                manifest.InitFrom.Contains('*') ? "run the pretraining manifest first (the pattern picks its newest finished run)" : "relative paths are relative to the manifest's folder");
        var task = TaskRegistry.For(manifest.Task);
        if (!task.Splits.Contains(manifest.Data.Split))
            throw Error("data.split", $"data.split = \"{ManifestEnums.Text(manifest.Data.Split)}\" does not apply to task = \"{task.Name}\"",
                $"use one of: {string.Join(", ", task.Splits.Select(k => $"\"{ManifestEnums.Text(k)}\""))}");
        task.Validate(manifest, (key, what, hint) => Error(key, what, hint));
    }

    /// <summary>
    /// A run directory named by a pattern whose last part holds '*' (e.g. "../runs/mlm-smiles-*"): the
    /// newest finished run that matches (run names end in a sortable UTC time). The resolved manifest
    /// records the concrete directory, so the run stays reproducible. Unmatched patterns are left as
    /// they are for validation to report.
    /// </summary>
    public static string ResolveRun(string path)
    {
        var name = Path.GetFileName(path.TrimEnd('/', Path.DirectorySeparatorChar));
        var parent = Path.GetDirectoryName(path.TrimEnd('/', Path.DirectorySeparatorChar));
        if (!name.Contains('*') || parent is null || parent.Contains('*') || !Directory.Exists(parent)) return path;
        var finished = Directory.GetDirectories(parent, name)
            .Where(d => File.Exists(Path.Combine(d, "model", "weights.bin")) && Runs.RunDirectory.StatusOf(d) == "finished")
            .Order(StringComparer.Ordinal)
            .ToList();
        return finished.Count == 0 ? path : finished[^1];
    }
}
