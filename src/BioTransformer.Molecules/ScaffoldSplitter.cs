using BioTransformer.Core.Data;

namespace BioTransformer.Molecules;

/// <summary>
/// Bemis–Murcko scaffold split: molecules are grouped by scaffold and whole groups are dealt, in the
/// order <see cref="ScaffoldOrder"/> gives, to train while it fits, else to validation while it
/// fits, else to test. So test molecules have scaffolds never seen in training — a harder, more
/// honest estimate than a random split. Acyclic molecules share the empty scaffold. A SMILES that
/// does not parse forms its own group.
/// </summary>
public sealed class ScaffoldSplitter(ScaffoldOrder order = ScaffoldOrder.LargestFirst) : ISplitter
{
    public ScaffoldOrder Order { get; } = order;

    public SplitIndices Split(IReadOnlyList<string> items, SplitFractions fractions, int seed)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var firstSeen = new List<List<int>>();
        for (int i = 0; i < items.Count; i++)
        {
            var key = Smiles.TryParse(items[i], out var mol, out _) ? Scaffolds.MurckoSmiles(mol!) : "invalid:" + items[i];
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                firstSeen.Add(members);
            }
            members.Add(i);
        }
        double trainSize = fractions.Train * items.Count, validSize = fractions.Valid * items.Count, testSize = fractions.Test * items.Count;

        List<List<int>> ordered;
        if (Order == ScaffoldOrder.LargestFirst)
        {
            ordered = firstSeen.OrderByDescending(g => g.Count).ThenByDescending(g => g[0]).ToList();
        }
        else
        {
            var random = new Random(seed);
            var big = firstSeen.Where(g => g.Count > validSize / 2 || g.Count > testSize / 2).ToArray();
            var small = firstSeen.Where(g => !(g.Count > validSize / 2 || g.Count > testSize / 2)).ToArray();
            random.Shuffle(big);
            random.Shuffle(small);
            ordered = [.. big, .. small];
        }

        var train = new List<int>();
        var valid = new List<int>();
        var test = new List<int>();
        foreach (var members in ordered)
        {
            if (train.Count + members.Count <= trainSize) train.AddRange(members);
            else if (valid.Count + members.Count <= validSize) valid.AddRange(members);
            else test.AddRange(members);
        }
        train.Sort();
        valid.Sort();
        test.Sort();
        return new SplitIndices(train, valid, test);
    }
}
