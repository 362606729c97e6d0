namespace BioTransformer.Experiments.Sweeps;

/// <summary>A sweep expanded: the manifest, where its runs go, and every point of the grid.</summary>
/// <param name="Directory">&lt;output.dir&gt;/&lt;name&gt;-sweep: stable, so re-running a sweep continues it.</param>
/// <param name="Slurm">The manifest's [slurm] table: what each task asks for when the sweep runs on Slurm.</param>
public sealed record SweepPlan(string ManifestPath, IReadOnlyList<string> BaseOverrides, string Name, string Directory,
    IReadOnlyList<string> Keys, IReadOnlyList<SweepPoint> Points, Manifests.SlurmSection Slurm)
{
    /// <summary>Folder of one point's run(s).</summary>
    public string PointDirectory(SweepPoint point) => Path.Combine(Directory, point.Id);
}
