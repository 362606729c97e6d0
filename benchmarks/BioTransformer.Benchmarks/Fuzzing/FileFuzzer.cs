using System.Text;
using BioTransformer.Core;

namespace BioTransformer.Benchmarks.Fuzzing;

/// <summary>
/// Mutation fuzzing of the file readers (FASTA, PDB, mmCIF, structure JSON lines, TOML manifests). Each
/// case is a real seed file with one to four random edits — lines deleted, duplicated, swapped, cut or
/// spliced from another seed; characters replaced, inserted or deleted; numbers swapped for NaN, huge or
/// empty values; the file cut short; a line over a megabyte; thousands of nested brackets — or, now and then, random bytes. The case is written to a file and
/// read: the reader may accept or reject it, but the only exception allowed out is
/// <see cref="InputException"/> (a one-line error naming the file). Shared by scripts/fuzz.sh (100k+
/// cases each) and a smaller unit test.
/// </summary>
public static class FileFuzzer
{
    /// <summary>A reader under test: its name, the extension its files need, seed texts, and the read itself.</summary>
    public sealed record Target(string Name, string Extension, IReadOnlyList<string> Seeds, Action<string> Read);

    public sealed record Failure(int Case, string Problem, string Input);

    public sealed record Report(string Target, int Cases, int Accepted, int Rejected, IReadOnlyList<Failure> Failures);

    private static readonly string[] Nasty =
        [" ", "\t", "-", ".", "0", "9", "-1", "1e308", "NaN", "nan", "inf", "\"", "'", "#", ";", "_", ",", ">", "[", "]", "{", "}", "=", "\\", "A", "x", "é", "\u00A0", "\r", "\uFFFD", "\u0000"];

    public static Report Run(Target target, int cases, int seed, string workDirectory)
    {
        if (target.Seeds.Count == 0) throw new ArgumentException("no seed files", nameof(target));
        Directory.CreateDirectory(workDirectory);
        var path = Path.Combine(workDirectory, $"case-{target.Name}{target.Extension}");
        var random = new Random(seed);
        int accepted = 0, rejected = 0;
        var failures = new List<Failure>();
        for (int i = 0; i < cases; i++)
        {
            var input = Mutate(target.Seeds, random);
            File.WriteAllText(path, input, new UTF8Encoding(false));
            try
            {
                target.Read(path);
                accepted++;
            }
            catch (InputException e) when (!e.Message.Contains('\n'))
            {
                rejected++;
            }
            catch (Exception e)
            {
                failures.Add(new Failure(i, e is InputException ? $"a multi-line error: {e.Message}" : $"{e.GetType().Name}: {e.Message}", input));
            }
        }
        return new Report(target.Name, cases, accepted, rejected, failures);
    }

    public static string Mutate(IReadOnlyList<string> seeds, Random random)
    {
        if (random.Next(100) == 0)
            return new string(Enumerable.Range(0, random.Next(1, 400)).Select(_ => (char)random.Next(1, 256)).ToArray());
        var lines = seeds[random.Next(seeds.Count)].Split('\n').ToList();
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits; e++) Edit(lines, seeds, random);
        return string.Join('\n', lines);
    }

    private static void Edit(List<string> lines, IReadOnlyList<string> seeds, Random random)
    {
        if (lines.Count == 0)
        {
            lines.Add(Nasty[random.Next(Nasty.Length)]);
            return;
        }
        int k = random.Next(lines.Count);
        var line = lines[k];
        int column = line.Length == 0 ? 0 : random.Next(line.Length);
        // The two expensive mutations (a megabyte line, deep nesting) come one edit in twenty.
        int operation = random.Next(40);
        switch (operation < 13 ? operation : operation % 11)
        {
            case 11:
                // A line longer than any reader's limit (1 Mi characters): it must be refused in one line, never held.
                lines[k] = line.Insert(column, new string(line.Length > 0 ? line[column % line.Length] : 'C', (1 << 20) + random.Next(1, 1000)));
                break;
            case 12:
                // Deep nesting: thousands of brackets or braces, which recursive parsers overflow on.
                int depth = random.Next(100, 20_000);
                var open = random.Next(2) == 0 ? '[' : '{';
                lines[k] = line.Insert(column, new string(open, depth) + new string(open == '[' ? ']' : '}', random.Next(2) == 0 ? depth : depth / 2));
                break;
            case 0: lines.RemoveAt(k); break;
            case 1: lines.Insert(k, line); break;
            case 2:
                int other = random.Next(lines.Count);
                (lines[k], lines[other]) = (lines[other], lines[k]);
                break;
            case 3: lines[k] = line[..column]; break;
            case 4:
                var donor = seeds[random.Next(seeds.Count)].Split('\n');
                lines.Insert(k, donor[random.Next(donor.Length)]);
                break;
            case 5:
                if (line.Length > 0) lines[k] = line[..column] + Nasty[random.Next(Nasty.Length)] + line[(column + 1)..];
                break;
            case 6: lines[k] = line.Insert(column, Nasty[random.Next(Nasty.Length)]); break;
            case 7:
                if (line.Length > 0) lines[k] = line.Remove(column, random.Next(1, Math.Min(10, line.Length - column) + 1));
                break;
            case 8: lines[k] = ReplaceNumber(line, random); break;
            case 9: lines.RemoveRange(k, lines.Count - k); break;   // the file ends early
            default:
                int from = random.Next(lines.Count), count = random.Next(1, Math.Min(20, lines.Count - from) + 1);
                lines.InsertRange(k, lines.GetRange(from, count));
                break;
        }
    }

    /// <summary>One number in the line replaced by an awkward value of the same width where possible.</summary>
    private static string ReplaceNumber(string line, Random random)
    {
        var starts = Enumerable.Range(0, line.Length).Where(i => char.IsAsciiDigit(line[i]) && (i == 0 || !char.IsAsciiDigit(line[i - 1]))).ToList();
        if (starts.Count == 0) return line;
        int start = starts[random.Next(starts.Count)], end = start;
        while (end < line.Length && (char.IsAsciiDigit(line[end]) || line[end] is '.' or '-')) end++;
        string[] values = ["NaN", "-0", "99999999", "1e999", "", "-", "1.2.3", "    ", "+inf"];
        return line[..start] + values[random.Next(values.Length)] + line[end..];
    }
}
