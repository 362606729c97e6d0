namespace BioTransformer.Core.Data;

/// <summary>Row indices of each split; disjoint, together covering every row once.</summary>
public sealed record SplitIndices(IReadOnlyList<int> Train, IReadOnlyList<int> Valid, IReadOnlyList<int> Test)
{
    /// <summary>The indices of a split by name: "train", "valid" or "test".</summary>
    public IReadOnlyList<int> this[string split] => split switch
    {
        "train" => Train,
        "valid" => Valid,
        "test" => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "expected train, valid or test"),
    };

    public static IReadOnlyList<string> Names { get; } = ["train", "valid", "test"];
}
