namespace BioTransformer.Experiments.Translation;

/// <summary>One decoded input: its target's canonical form, its class (or null) and its candidates' canonical forms in rank order (null = not a valid molecule set).</summary>
public sealed record DecodedInput(string TargetCanonical, string? Class, IReadOnlyList<string?> Candidates);

/// <summary>Top-k exact-match accuracy over a set of inputs, as the reaction-prediction literature reports it.</summary>
/// <param name="TopK">TopK[k − 1]: share of inputs whose target is among their first k candidates.</param>
/// <param name="InvalidTop1">Share of inputs whose first candidate is not a valid set of molecules (or that have none).</param>
/// <param name="PerClass">Per class: inputs and top-1 accuracy.</param>
public sealed record TranslationScores(int Count, IReadOnlyList<double> TopK, double InvalidTop1, IReadOnlyDictionary<string, (int Count, double Top1)> PerClass);

/// <summary>
/// Exact match on canonical SMILES: a candidate is right when its canonical form equals the target's (for
/// several molecules, the canonical SMILES of the set, whose components are in canonical order, so order and
/// spelling do not matter). Candidates keep their beam rank: an invalid candidate still takes its place, as
/// in Molecular Transformer's and the seq2seq baselines' evaluation.
/// </summary>
public static class TranslationMetrics
{
    /// <summary>The 1-based rank of the first candidate equal to the target, or 0 when none is.</summary>
    public static int CorrectRank(string targetCanonical, IReadOnlyList<string?> candidates)
    {
        for (int i = 0; i < candidates.Count; i++)
            if (candidates[i] is { } c && string.Equals(c, targetCanonical, StringComparison.Ordinal)) return i + 1;
        return 0;
    }

    public static TranslationScores Score(IReadOnlyList<DecodedInput> inputs, int maxK)
    {
        if (maxK < 1) throw new ArgumentException("maxK must be at least 1");
        int n = inputs.Count;
        var ranks = inputs.Select(i => CorrectRank(i.TargetCanonical, i.Candidates)).ToList();
        var topK = Enumerable.Range(1, maxK).Select(k => n == 0 ? double.NaN : ranks.Count(r => r >= 1 && r <= k) / (double)n).ToList();
        double invalid = n == 0 ? double.NaN : inputs.Count(i => i.Candidates.Count == 0 || i.Candidates[0] is null) / (double)n;
        var perClass = inputs.Select((input, index) => (input.Class, Rank: ranks[index]))
            .Where(x => x.Class is not null)
            .GroupBy(x => x.Class!)
            .OrderBy(g => int.TryParse(g.Key, out var number) ? number : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(x => x.Rank == 1) / (double)g.Count()));
        return new TranslationScores(n, topK, invalid, perClass);
    }
}
