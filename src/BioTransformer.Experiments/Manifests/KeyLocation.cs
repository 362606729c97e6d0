namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// Where a manifest key came from: a line of the manifest file, or a command-line override.
/// </summary>
public sealed record KeyLocation(string Source, int? Line, string? Override = null)
{
    /// <summary>"file:line" or "--set key=value".</summary>
    public override string ToString() =>
        Override is not null ? $"--set {Override}" : Line is null ? Source : $"{Source}:{Line}";
}
