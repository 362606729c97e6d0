namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// An experiment manifest (TOML, schema 1): the only input of a run. Loaded and validated by
/// <see cref="ManifestLoader"/>; written back, with every default filled in, by <see cref="ManifestWriter"/>.
/// Paths are absolute once loaded.
/// </summary>
public sealed record Manifest
{
    public const int CurrentSchema = 1;

    [Key("schema", "manifest format version; this release reads 1")]
    [Required]
    [Range(1, 1)]
    public int Schema { get; init; } = CurrentSchema;

    [Key("name", "short name of the experiment; run directories are named <name>-<timestamp>")]
    [Required]
    [Pattern(PatternAttribute.SafeName, "a name is letters, digits, '.', '_' and '-' (starting with a letter or digit, at most 100): it names folders and cluster jobs")]
    public string Name { get; init; } = "";

    /// <summary>Placeholder in the task key's documentation, replaced by the registry's list of tasks when written.</summary>
    public const string TaskList = "{tasks}";

    [Key("task", "what to train: " + TaskList)]
    public string Task { get; init; } = Property.PropertyPredictionTask.Kind;

    [Key("seed", "seed of the split, the initial weights, dropout and the batch order")]
    [Range(0, int.MaxValue)]
    public int Seed { get; init; }

    [Key("seeds", "replicate seeds: one run per seed (each its own split, initialisation and batch order) and a summary with mean and sd per metric; empty = one run with seed")]
    public IReadOnlyList<int> Seeds { get; init; } = [];

    [Key("init_from", "a run directory (or its model/ folder) whose backbone weights and vocabulary this run starts from; empty = train from scratch")]
    [PathKey]
    public string InitFrom { get; init; } = "";

    [Key("device", "auto (CUDA when available, else CPU), cpu or cuda")]
    [OneOf("auto", "cpu", "cuda")]
    public string Device { get; init; } = "auto";

    [Key("threads", "CPU threads for tensor operations; 0 = one per logical core")]
    [Range(0, 1024)]
    public int Threads { get; init; }

    [Key("data", "input data")]
    public DataSection Data { get; init; } = new();

    [Key("model", "shape of the shared transformer backbone")]
    public ModelSection Model { get; init; } = new();

    [Key("train", "optimisation")]
    public TrainSection Train { get; init; } = new();

    [Key("output", "where runs are written")]
    public OutputSection Output { get; init; } = new();

    [Key("slurm", "resources of each task when a sweep runs on a Slurm cluster (biotransformer sweep slurm)")]
    public SlurmSection Slurm { get; init; } = new();

    /// <summary>The file this manifest was loaded from (not a TOML key; null when built in code).</summary>
    public string? SourcePath { get; init; }

    /// <summary>
    /// The task's own table ([property], [generation], …), bound to its task's section record when the manifest
    /// loads (defaults filled in when the table is absent). Not a [Key]: which record it is depends on the task.
    /// </summary>
    public object? TaskSection { get; init; }

    /// <summary>The task's table as its record; the task asks for its own type.</summary>
    public T Section<T>() where T : class =>
        TaskSection as T ?? throw new InvalidOperationException($"the manifest of task '{Task}' has no {typeof(T).Name}");
}
