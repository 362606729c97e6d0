namespace BioTransformer.Core.Data;

/// <summary>
/// Splits by group so that related rows never straddle train and test (e.g. protein chains of one
/// 30%-identity cluster): the items are the rows' group keys; groups are shuffled with the seed and
/// dealt whole to train until it holds its fraction of rows, then to validation, then to test.
/// </summary>
public sealed class GroupSplitter : ISplitter
{
    public SplitIndices Split(IReadOnlyList<string> items, SplitFractions fractions, int seed)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            if (!groups.TryGetValue(items[i], out var members))
            {
                groups[items[i]] = members = [];
                order.Add(items[i]);
            }
            members.Add(i);
        }
        var keys = order.ToArray();
        new Random(seed).Shuffle(keys);
        double trainSize = fractions.Train * items.Count, validSize = (fractions.Train + fractions.Valid) * items.Count;
        var train = new List<int>();
        var valid = new List<int>();
        var test = new List<int>();
        int dealt = 0;
        foreach (var key in keys)
        {
            var members = groups[key];
            // A group goes where the running total lands, so splits stay close to their fractions.
            var target = dealt < trainSize - 1e-9 ? train : dealt < validSize - 1e-9 ? valid : test;
            target.AddRange(members);
            dealt += members.Count;
        }
        train.Sort();
        valid.Sort();
        test.Sort();
        return new SplitIndices(train, valid, test);
    }
}
