namespace BioTransformer.Proteins.Contacts;

/// <summary>Precision of one protein's top-ranked pairs in one range at one depth.</summary>
/// <param name="Depth">"L", "L/2" or "L/5".</param>
/// <param name="Considered">Pairs taken (floor(L / k), at least 1, at most the pairs with known labels).</param>
public sealed record ContactPrecision(ContactRange Range, string Depth, int Considered, int Correct)
{
    public double Precision => Considered == 0 ? double.NaN : (double)Correct / Considered;
}

/// <summary>
/// Contact precision as CASP and ESM report it: for each range, the upper-triangle pairs (i &lt; j) of
/// that separation with known labels are ranked by predicted probability and the top L, L/2 and L/5
/// (L = sequence length) are checked against the true contacts. Averaged over proteins by the caller.
/// </summary>
public static class ContactEvaluation
{
    public static IReadOnlyList<(string Name, int Divisor)> Depths { get; } = [("L", 1), ("L/2", 2), ("L/5", 5)];

    /// <param name="probabilities">Predicted contact probabilities, row-major L × L (only i &lt; j is read).</param>
    public static List<ContactPrecision> Evaluate(ReadOnlySpan<float> probabilities, ContactMap truth)
    {
        int n = truth.Length;
        if (probabilities.Length != n * n) throw new ArgumentException($"predictions are {probabilities.Length} values, the map is {n} x {n}");
        var result = new List<ContactPrecision>(9);
        foreach (var range in ContactRanges.All)
        {
            var (min, max) = ContactRanges.Bounds(range);
            var pairs = new List<(float P, bool Contact)>();
            for (int i = 0; i < n; i++)
                for (int j = i + min; j < n && j - i <= max; j++)
                {
                    var label = truth[i, j];
                    if (label >= 0) pairs.Add((probabilities[i * n + j], label == 1));
                }
            // Ties broken by the pair order (i, then j), so the result is deterministic.
            var ranked = pairs.Select((p, k) => (p.P, p.Contact, k)).OrderByDescending(p => p.P).ThenBy(p => p.k).ToList();
            foreach (var (name, divisor) in Depths)
            {
                int top = Math.Min(Math.Max(1, n / divisor), ranked.Count);
                int correct = ranked.Take(top).Count(p => p.Contact);
                result.Add(new ContactPrecision(range, name, top, correct));
            }
        }
        return result;
    }
}
