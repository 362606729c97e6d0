using BioTransformer.Core.Data;

namespace BioTransformer.Molecules;

/// <summary>
/// Deterministic Bemis–Murcko scaffold split with chemprop's convention: molecules are grouped by
/// scaffold, groups are taken largest first (ties in order of first appearance) and each goes to
/// train while it fits, else to validation while it fits, else to test. So test molecules have
/// scaffolds never seen in training, a harder and more honest estimate than a random split. The
/// seed is not used. A SMILES that does not parse forms its own group.
/// </summary>
public sealed class ScaffoldSplitter : ISplitter
{
    public SplitIndices Split(IReadOnlyList<string> items, SplitFractions fractions, int seed)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            var key = Smiles.TryParse(items[i], out var mol, out _) ? Scaffolds.MurckoSmiles(mol!) : "invalid:" + items[i];
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(key);
            }
            members.Add(i);
        }
        double trainSize = fractions.Train * items.Count, validSize = fractions.Valid * items.Count;
        var train = new List<int>();
        var valid = new List<int>();
        var test = new List<int>();
        foreach (var key in order.Select((k, i) => (k, i)).OrderByDescending(x => groups[x.k].Count).ThenBy(x => x.i).Select(x => x.k))
        {
            var members = groups[key];
            if (train.Count + members.Count <= trainSize) train.AddRange(members);
            else if (valid.Count + members.Count <= validSize) valid.AddRange(members);
            else test.AddRange(members);
        }
        return new SplitIndices(train, valid, test);
    }
}
