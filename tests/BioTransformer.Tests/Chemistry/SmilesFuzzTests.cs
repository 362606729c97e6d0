using BioTransformer.Benchmarks.Fuzzing;
using BioTransformer.Core.Data;

namespace BioTransformer.Tests.Chemistry;

/// <summary>
/// A small run of the SMILES fuzz harness (scripts/fuzz.sh runs 100k+ cases): mutated real SMILES may be
/// accepted or rejected, but only SmilesException may escape, and accepted ones must round-trip through
/// canonical and randomized SMILES.
/// </summary>
public class SmilesFuzzTests
{
    [Fact]
    public void Fuzz_MutatedShippedSmiles_OnlyTypedErrorsAndRoundTrips()
    {
        var corpus = new List<string>();
        foreach (var dataset in new[] { "esol", "lipophilicity", "bbbp" })
            corpus.AddRange(SequenceTableReader.Read(Repo.Path("datasets", dataset, $"{dataset}.csv"),
                new TableSchema("smiles", [], _ => null, RequireLabel: false)).Records.Select(r => r.Sequence));
        var report = SmilesFuzzer.Run(corpus, cases: 5_000, seed: 11);
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(5).Select(f => $"'{f.Smiles}': {f.Problem}")));
        Assert.True(report.Accepted > 200 && report.Rejected > 2_000, $"{report.Accepted} accepted, {report.Rejected} rejected: the mutations are not mixed");
    }
}
