namespace BioTransformer.Core.Data;

/// <summary>
/// Seeded uniform random split. Sizes follow chemprop: train = ⌊f_train·n⌋, validation =
/// ⌊(f_train+f_valid)·n⌋ − train, test = the rest.
/// </summary>
public sealed class RandomSplitter : ISplitter
{
    public SplitIndices Split(IReadOnlyList<string> items, SplitFractions fractions, int seed)
    {
        int n = items.Count;
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        int trainEnd = (int)Math.Floor(fractions.Train * n + 1e-9);
        int validEnd = (int)Math.Floor((fractions.Train + fractions.Valid) * n + 1e-9);
        return new SplitIndices(order[..trainEnd], order[trainEnd..validEnd], order[validEnd..]);
    }
}
