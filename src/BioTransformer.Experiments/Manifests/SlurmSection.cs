namespace BioTransformer.Experiments.Manifests;

/// <summary>The [slurm] table: what each array task of `sweep slurm` asks the cluster for (flags override it).</summary>
public sealed record SlurmSection
{
    [Key("cpus_per_task", "CPUs of each array task (its threads)")]
    [Range(1, 1024)]
    public int CpusPerTask { get; init; } = 2;

    [Key("mem_gib", "memory of each array task, GiB")]
    [Range(1, 16384)]
    public int MemGib { get; init; } = 8;

    [Key("time", "wall-time limit of each array task, in Slurm's format (04:00:00, 1-12:00:00)")]
    [Pattern(@"(\d+-)?\d{1,2}(:\d{2}){0,2}", "Slurm's time format, e.g. 04:00:00 or 1-12:00:00")]
    public string Time { get; init; } = "04:00:00";

    [Key("partition", "partition (queue); empty = the cluster's default")]
    [Pattern(PatternAttribute.SafeName + "(," + PatternAttribute.SafeName + ")*", "a partition is letters, digits, '.', '_' and '-' (several separated by commas)")]
    public string Partition { get; init; } = "";

    [Key("account", "account to charge; empty = the submitter's default")]
    [Pattern(PatternAttribute.SafeName, "an account is letters, digits, '.', '_' and '-'")]
    public string Account { get; init; } = "";

    [Key("max_parallel", "at most this many array tasks at once; 0 = no limit")]
    [Range(0, 1000000)]
    public int MaxParallel { get; init; }
}
