using BioTransformer.Core.Tokenization;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// BERT's masking, as ESM uses it: a fraction of the real tokens (never the special ones) is chosen
/// for prediction; of those, 80% become &lt;mask&gt;, 10% a random token of the domain, 10% stay.
/// At least one token per sequence is chosen. Deterministic for a given <see cref="Random"/> state.
/// </summary>
public static class Masking
{
    /// <returns>The corrupted ids and, per position, the original id to predict or −1 where nothing is predicted.</returns>
    public static (int[] Input, int[] Targets) Apply(int[] ids, double fraction, IReadOnlyList<int> domainTokens, Random random)
    {
        var input = (int[])ids.Clone();
        var targets = new int[ids.Length];
        Array.Fill(targets, -1);
        var candidates = new List<int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
            if (!Vocabulary.IsSpecial(ids[i])) candidates.Add(i);
        if (candidates.Count == 0) return (input, targets);
        int count = Math.Max(1, (int)Math.Round(fraction * candidates.Count));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates));
        foreach (var position in candidates.Take(count))
        {
            targets[position] = ids[position];
            double r = random.NextDouble();
            if (r < 0.8) input[position] = Vocabulary.MaskId;
            else if (r < 0.9) input[position] = domainTokens[random.Next(domainTokens.Count)];
        }
        return (input, targets);
    }
}
