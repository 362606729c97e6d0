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
        var manifest = ManifestBinder.Bind<Manifest>(document);
        manifest = Resolve(manifest, Path.GetDirectoryName(Path.GetFullPath(source))!) with { SourcePath = Path.GetFullPath(source) };
        var overridden = (overrides ?? []).Select(o => o.Split('=', 2)[0].Trim()).ToHashSet(StringComparer.Ordinal);
        manifest = RecordedInputs.Relocate(manifest, source, overridden);
        Validate(manifest, document);
        return manifest;
    }

    /// <summary>Fills task-dependent defaults and makes paths absolute.</summary>
    private static Manifest Resolve(Manifest manifest, string baseDirectory)
    {
        var property = manifest.Task == "property" ? manifest.Property ?? new PropertySection() : manifest.Property;
        if (property is { Metric: "" })
            property = property with { Metric = property.Type == "regression" ? "rmse" : "roc_auc" };
        var generation = manifest.Task == "generation" ? manifest.Generation ?? new GenerationSection() : manifest.Generation;
        var mlm = manifest.Task == "mlm" ? manifest.Mlm ?? new MlmSection() : manifest.Mlm;
        var contacts = manifest.Task == "contacts" ? manifest.Contacts ?? new ContactsSection() : manifest.Contacts;
        return manifest with
        {
            Property = property,
            Generation = generation,
            Mlm = mlm,
            Contacts = contacts,
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
        if (m.Positional == "rotary" && (m.Dim / m.Heads) % 2 != 0)
            throw Error("model.heads", $"rotary embeddings need an even head width, but dim / heads = {m.Dim / m.Heads}", "change dim or heads, or use positional = \"learned\"");

        var f = manifest.Data.Fractions;
        if (f.Count != 3) throw Error("data.fractions", $"data.fractions needs 3 numbers (train, valid, test), got {f.Count}");
        if (new SplitFractions(f[0], f[1], f[2]).Problem() is { } problem) throw Error("data.fractions", problem);

        if (!File.Exists(manifest.Data.Path))
            throw Error("data.path", $"data file not found: {manifest.Data.Path}", "relative paths are relative to the manifest's folder");

        if (manifest.Data.Split.StartsWith("scaffold", StringComparison.Ordinal) && manifest.Data.Domain != "smiles")
            throw Error("data.split", $"data.split = \"{manifest.Data.Split}\" needs SMILES (data.domain = \"smiles\")", "use split = \"random\" for proteins");
        if ((manifest.Train.Augment > 0 || manifest.Property?.TestTimeAugment > 0) && manifest.Data.Domain != "smiles")
        {
            var key = manifest.Train.Augment > 0 ? "train.augment" : "property.test_time_augment";
            throw Error(key, $"{key} is SMILES augmentation and needs data.domain = \"smiles\"", "set it to 0 for proteins");
        }

        if (manifest.Task == "generation") ValidateGeneration(manifest, Error);
        if (manifest.Seeds.Any(s => s < 0) || manifest.Seeds.Distinct().Count() != manifest.Seeds.Count)
            throw Error("seeds", $"seeds = [{string.Join(", ", manifest.Seeds)}]: replicate seeds must be distinct and not negative", null);
        if (manifest.InitFrom.Length > 0 && !Directory.Exists(manifest.InitFrom))
            throw Error("init_from", $"init_from: no run directory at {manifest.InitFrom}",
                manifest.InitFrom.Contains('*') ? "run the pretraining manifest first (the pattern picks its newest finished run)" : "relative paths are relative to the manifest's folder");
        if (manifest.Task == "contacts")
        {
            if (manifest.Data.Domain != "protein")
                throw Error("data.domain", "task = \"contacts\" reads protein structures: data.domain must be \"protein\"", null);
            if (manifest.Contacts!.Head == "attention" && manifest.InitFrom.Length == 0)
                throw Error("contacts.head", "the attention head reads a pretrained backbone's attention maps: set init_from to an mlm run", null);
        }
        if (manifest.Data.Split == "cluster" && manifest.Task != "contacts")
            throw Error("data.split", "split = \"cluster\" groups protein structures by their cluster field: it needs task = \"contacts\"", null);
        foreach (var (section, task) in new (object?, string)[] { (manifest.Property, "property"), (manifest.Generation, "generation"), (manifest.Mlm, "mlm"), (manifest.Contacts, "contacts") })
            if (section is not null && manifest.Task != task)
                throw Error(task, $"a [{task}] table does not apply to task = \"{manifest.Task}\"", $"remove it, or set task = \"{task}\"");

        if (manifest.Task == "property")
        {
            if (manifest.Data.Targets.Count == 0)
                throw Error("data.targets", "data.targets is empty", "name the label column(s), e.g. targets = [\"logS\"]");
            if (manifest.Data.Targets.Distinct().Count() != manifest.Data.Targets.Count)
                throw Error("data.targets", "data.targets names a column twice");
            var p = manifest.Property!;
            string[] allowed = p.Type == "regression" ? ["rmse", "mae", "r2"] : ["roc_auc", "pr_auc"];
            if (!allowed.Contains(p.Metric))
                throw Error("property.metric", $"metric \"{p.Metric}\" does not apply to {p.Type}", $"use one of: {string.Join(", ", allowed)}");
        }
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

    private static void ValidateGeneration(Manifest manifest, Func<string, string, string?, InputException> error)
    {
        var g = manifest.Generation!;
        if (manifest.Data.Domain != "smiles")
            throw error("data.domain", "task = \"generation\" writes SMILES: data.domain must be \"smiles\"", null);
        if (!manifest.Data.ValidateSmiles)
            throw error("data.validate_smiles", "task = \"generation\" learns from valid molecules only: data.validate_smiles must be true", null);
        if (g.Condition.Length > 0 && !Generation.GenerationConditions.IsComputed(g.Condition) && !manifest.Data.Targets.Contains(g.Condition))
            throw error("generation.condition", $"generation.condition = \"{g.Condition}\" is neither a computed descriptor ({string.Join(", ", Generation.GenerationConditions.Computed)}) nor listed in data.targets",
                "add the column to data.targets or pick a descriptor");
        if (g.Condition.Length == 0 && g.ConditionValues.Count > 0)
            throw error("generation.condition_values", "generation.condition_values needs generation.condition", null);
        if (g.Scaffold.Length > 0 && !g.ScaffoldPrompt)
            throw error("generation.scaffold", "generation.scaffold needs a model trained with generation.scaffold_prompt = true", null);
        if (g.Scaffold.Length > 0 && !BioTransformer.Molecules.Smiles.TryParse(g.Scaffold, out _, out var scaffoldError))
            throw error("generation.scaffold", $"generation.scaffold is not a valid molecule: {scaffoldError!.Message}", null);
        if (g.Prefix.Length > 0)
        {
            try
            {
                Tokenizers.For(BioTransformer.Core.Tokenization.Domain.Smiles).Tokenize(g.Prefix);
            }
            catch (BioTransformer.Core.Tokenization.InvalidSequenceException e)
            {
                throw error("generation.prefix", $"generation.prefix does not tokenize: {e.Message}", null);
            }
        }
    }
}
