using BioTransformer.Core.Data;
using BioTransformer.Molecules;

namespace BioTransformer.Experiments;

/// <summary>The split strategies a manifest can name in data.split.</summary>
public static class Splitters
{
    public static ISplitter For(string name) => name switch
    {
        "random" => new RandomSplitter(),
        "scaffold" => new ScaffoldSplitter(ScaffoldOrder.LargestFirst),
        "scaffold_balanced" => new ScaffoldSplitter(ScaffoldOrder.Balanced),
        "cluster" => new GroupSplitter(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown split"),
    };
}
