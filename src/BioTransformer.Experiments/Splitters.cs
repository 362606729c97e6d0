using BioTransformer.Core.Data;

namespace BioTransformer.Experiments;

/// <summary>The split strategies a manifest can name in data.split.</summary>
public static class Splitters
{
    public static ISplitter For(string name) => name switch
    {
        "random" => new RandomSplitter(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown split"),
    };
}
