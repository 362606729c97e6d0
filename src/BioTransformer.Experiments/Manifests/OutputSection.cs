namespace BioTransformer.Experiments.Manifests;

/// <summary>The [output] table.</summary>
public sealed record OutputSection
{
    [Key("dir", "folder that receives one new run directory per run; relative to this manifest's folder")]
    [PathKey]
    public string Dir { get; init; } = "runs";
}
