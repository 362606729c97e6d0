using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Benchmarks.Fuzzing;

/// <summary>
/// Mutation fuzzing of the SMILES reader. Each case is a real SMILES with one to three random edits
/// (delete, insert, replace or swap characters, duplicate or drop a span, cut, join two SMILES) or,
/// now and then, random text from the SMILES alphabet. The reader may accept or reject a case, but the
/// only exception allowed out is <see cref="SmilesException"/>. Accepted cases must also survive
/// canonical and randomized writing, and a randomized SMILES must canonicalize to the same string.
/// Shared by the fuzz script (100k+ cases) and a smaller unit test.
/// </summary>
public static class SmilesFuzzer
{
    private const string Alphabet = "CNOSPFIBrcnospl[]()=#$:/\\.@+-%0123456789Hse*";

    /// <summary>A case that broke the rule: the input and what escaped.</summary>
    public sealed record Failure(string Smiles, string Problem);

    /// <summary>What a fuzz run saw.</summary>
    public sealed record Report(int Cases, int Accepted, int Rejected, IReadOnlyList<Failure> Failures, IReadOnlyDictionary<SmilesErrorKind, int> RejectedByKind);

    public static Report Run(IReadOnlyList<string> corpus, int cases, int seed)
    {
        if (corpus.Count == 0) throw new ArgumentException("the fuzz corpus is empty", nameof(corpus));
        var random = new Random(seed);
        int accepted = 0, rejected = 0;
        var failures = new List<Failure>();
        var kinds = new Dictionary<SmilesErrorKind, int>();
        for (int i = 0; i < cases; i++)
        {
            var input = Mutate(corpus, random);
            var outcome = Check(input, random, out var kind);
            if (outcome is { } problem) failures.Add(new Failure(input, problem));
            else if (kind is { } k)
            {
                rejected++;
                kinds[k] = kinds.GetValueOrDefault(k) + 1;
            }
            else accepted++;
        }
        return new Report(cases, accepted, rejected, failures, kinds);
    }

    /// <summary>Null when the case behaved; otherwise what went wrong. <paramref name="rejectedAs"/> is set when the reader rejected it.</summary>
    public static string? Check(string input, Random random, out SmilesErrorKind? rejectedAs)
    {
        rejectedAs = null;
        try
        {
            if (!Smiles.TryParse(input, out var molecule, out var error))
            {
                rejectedAs = error!.Kind;
                return null;
            }
            var canonical = Smiles.Canonical(molecule!);
            var randomized = Smiles.Randomized(molecule!, random);
            if (!Smiles.TryParse(canonical, out _, out var e1)) return $"its canonical SMILES '{canonical}' does not parse: {e1!.Message}";
            if (!Smiles.TryParse(randomized, out var again, out var e2)) return $"its randomized SMILES '{randomized}' does not parse: {e2!.Message}";
            var fromRandomized = Smiles.Canonical(again!);
            if (fromRandomized != canonical) return $"randomized '{randomized}' canonicalizes to '{fromRandomized}', not '{canonical}'";
            return null;
        }
        catch (SmilesException e)
        {
            return $"Parse accepted it but a later step threw SmilesException: {e.Message}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    public static string Mutate(IReadOnlyList<string> corpus, Random random)
    {
        if (random.Next(50) == 0)
            return new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        var s = corpus[random.Next(corpus.Count)];
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++) s = Edit(s, corpus, random);
        return s;
    }

    private static string Edit(string s, IReadOnlyList<string> corpus, Random random)
    {
        if (s.Length == 0) return Alphabet[random.Next(Alphabet.Length)].ToString();
        int i = random.Next(s.Length);
        char c = Alphabet[random.Next(Alphabet.Length)];
        switch (random.Next(8))
        {
            case 0: return s.Remove(i, 1);
            case 1: return s.Insert(i, c.ToString());
            case 2: return s[..i] + c + s[(i + 1)..];
            case 3:
                if (s.Length < 2) return s;
                i = Math.Min(i, s.Length - 2);
                return s[..i] + s[i + 1] + s[i] + s[(i + 2)..];
            case 4:
            {
                int length = random.Next(1, Math.Min(8, s.Length - i) + 1);
                return s.Insert(random.Next(s.Length + 1), s.Substring(i, length));
            }
            case 5:
            {
                int length = random.Next(1, Math.Min(8, s.Length - i) + 1);
                return s.Remove(i, length);
            }
            case 6: return s[..i];
            default: return s + (random.Next(2) == 0 ? "." : "") + corpus[random.Next(corpus.Count)];
        }
    }
}
