using BioTransformer.Core.Data;
using BioTransformer.Molecules;

namespace BioTransformer.Experiments;

/// <summary>The split strategies a manifest can name in data.split.</summary>
public static class Splitters
{
    public static ISplitter For(SplitKind kind) => kind switch
    {
        SplitKind.Random => new RandomSplitter(),
        SplitKind.Scaffold => new ScaffoldSplitter(ScaffoldOrder.LargestFirst),
        SplitKind.ScaffoldBalanced => new ScaffoldSplitter(ScaffoldOrder.Balanced),
        SplitKind.Cluster => new GroupSplitter(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown split"),
    };
}
