using BioTransformer.Benchmarks.Fuzzing;

namespace BioTransformer.Tests.Robustness;

/// <summary>
/// A small run of the file fuzz harness (scripts/fuzz.sh runs 100k+ cases per reader): mutated FASTA,
/// PDB, mmCIF, structure JSON-lines and manifest files may be accepted or rejected, but only a one-line
/// InputException may escape a reader.
/// </summary>
public class FileFuzzTests
{
    [Theory]
    [InlineData("fasta")]
    [InlineData("pdb")]
    [InlineData("mmcif")]
    [InlineData("jsonl")]
    [InlineData("toml")]
    public void Fuzz_MutatedRealFiles_OnlyOneLineInputErrors(string target)
    {
        var report = FileFuzzer.Run(FuzzTargets.For(target, Repo.Root), cases: 1_500, seed: 7, Repo.TempDirectory());
        Assert.True(report.Failures.Count == 0,
            string.Join("\n", report.Failures.Take(3).Select(f => $"case {f.Case}: {f.Problem}\n--- input ---\n{f.Input[..Math.Min(600, f.Input.Length)]}")));
        Assert.True(report.Accepted > 100 && report.Rejected > 300, $"{report.Accepted} accepted, {report.Rejected} rejected: the mutations are not mixed");
    }
}
