namespace BioTransformer.Experiments.Sweeps;

/// <summary>One run of a sweep: its stable id and the manifest settings that make it.</summary>
/// <param name="Id">Derived from the settings alone (e.g. "layers-2_seed-1"), so adding values to a sweep renames no run.</param>
/// <param name="Settings">(dotted key, TOML value text) in the order of the [sweep] table.</param>
public sealed record SweepPoint(string Id, IReadOnlyList<(string Key, string Value)> Settings)
{
    /// <summary>The settings as --set overrides.</summary>
    public IReadOnlyList<string> Overrides => [.. Settings.Select(s => $"{s.Key}={s.Value}")];

    /// <summary>The settings other than the seed: replicates share them.</summary>
    public string Configuration => string.Join(" ", Settings.Where(s => s.Key != "seed").Select(s => $"{s.Key}={s.Value}"));
}
