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
        SplitKind.Predefined => throw new InvalidOperationException("a predefined split is read from the data's split column, not computed"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown split"),
    };
}
