using System.Text.Json.Nodes;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Experiments;

/// <summary>
/// The numbers of every task's tiny run, pinned: metrics.json must equal the one checked in under
/// Fixtures/pinned_metrics, which for the first four tasks was written before the task registry refactor
/// (issue 16) by commit e6c4094, and for translation when the task was added. A refactor that changes what a run computes fails here. Counts, strings and the JSON's shape
/// must match exactly; real numbers within a relative 1e-4 (absolute 1e-9 near zero), because another
/// CPU's kernels move the last digits (measured: at most 1.3e-6 relative under ATEN_CPU_CAPABILITY=default
/// and =avx2). A change that is meant to move the numbers re-pins them: run this class with
/// BIOTRANSFORMER_REPIN=1 and commit the rewritten files with the reason.
/// </summary>
public class TinyRunPinnedMetricsTests
{
    private const double RelativeTolerance = 1e-4;
    private const double AbsoluteTolerance = 1e-9;

    public static TheoryData<string, string, string[]> Runs => new()
    {
        { "esol", "tiny_esol.toml", [] },
        { "esol_augmented", "tiny_esol.toml", ["train.augment=2", "property.test_time_augment=2"] },
        { "esol_rdkit2d", "tiny_esol_rdkit2d.toml", [] },
        { "bbbp", "tiny_bbbp.toml", [] },
        { "generation", "tiny_generation.toml", [] },
        { "generation_conditioned", "tiny_generation.toml", ["generation.condition=\"logp\"", "generation.condition_values=[1.0, 3.0]"] },
        { "mlm_protein", "tiny_mlm_protein.toml", [] },
        { "contacts", "tiny_contacts.toml", [] },
        { "translation", "tiny_translation.toml", [] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void TinyRun_GivesThePinnedMetrics(string name, string fixture, string[] overrides)
    {
        var dir = Repo.TempDirectory();
        var manifest = ManifestLoader.Load(Repo.Fixture(fixture), [.. overrides, $"output.dir=\"{dir}\""]);
        var result = ExperimentRunner.Run(manifest, SilentReporter.Instance);
        var actual = JsonNode.Parse(File.ReadAllText(Path.Combine(result.Directory, ExperimentRunner.MetricsFile)))!;
        var pinnedPath = Repo.Fixture(Path.Combine("pinned_metrics", $"{name}.json"));
        if (Environment.GetEnvironmentVariable("BIOTRANSFORMER_REPIN") == "1")
        {
            File.Copy(Path.Combine(result.Directory, ExperimentRunner.MetricsFile), pinnedPath, overwrite: true);
            return;
        }

        var differences = new List<string>();
        Compare(JsonNode.Parse(File.ReadAllText(pinnedPath)), actual, "", differences);
        Assert.True(differences.Count == 0, $"{name}: {differences.Count} metrics differ from {pinnedPath}:\n" + string.Join("\n", differences.Take(20)));
    }

    [Fact]
    public void Compare_AcceptsKernelNoise_AndCatchesRealChanges()
    {
        var pinned = JsonNode.Parse("""{"rmse": 1.2345678, "count": 16, "split": "test", "r2": null}""");
        var differences = new List<string>();
        Compare(pinned, JsonNode.Parse("""{"rmse": 1.2345690, "count": 16, "split": "test", "r2": null}"""), "", differences);
        Assert.Empty(differences);

        Compare(pinned, JsonNode.Parse("""{"rmse": 1.2350, "count": 17, "split": "valid", "r2": 0.5, "extra": 1}"""), "", differences);
        Assert.Equal(["rmse: pinned 1.2345678, now 1.2350", "count: pinned 16, now 17", "split: pinned \"test\", now \"valid\"",
            "r2: pinned null, now 0.5", "extra: not pinned"], differences);
    }

    private static void Compare(JsonNode? pinned, JsonNode? actual, string path, List<string> differences)
    {
        switch (pinned, actual)
        {
            case (JsonObject p, JsonObject a):
                foreach (var (key, value) in p)
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (!a.ContainsKey(key)) differences.Add($"{child}: missing");
                    else Compare(value, a[key], child, differences);
                }
                foreach (var (key, _) in a)
                    if (!p.ContainsKey(key)) differences.Add($"{(path.Length == 0 ? key : $"{path}.{key}")}: not pinned");
                break;
            case (JsonArray p, JsonArray a) when p.Count == a.Count:
                for (int i = 0; i < p.Count; i++) Compare(p[i], a[i], $"{path}[{i}]", differences);
                break;
            case (JsonValue p, JsonValue a) when IsReal(p, out var x) && IsReal(a, out var y):
                bool integral = p.ToJsonString().All(c => char.IsAsciiDigit(c) || c == '-') && a.ToJsonString().All(c => char.IsAsciiDigit(c) || c == '-');
                double tolerance = integral ? 0 : Math.Max(AbsoluteTolerance, RelativeTolerance * Math.Abs(x));
                if (Math.Abs(x - y) > tolerance) differences.Add($"{path}: pinned {p.ToJsonString()}, now {a.ToJsonString()}");
                break;
            default:
                var (pt, at) = (pinned?.ToJsonString() ?? "null", actual?.ToJsonString() ?? "null");
                if (pt != at) differences.Add($"{path}: pinned {pt}, now {at}");
                break;
        }
    }

    private static bool IsReal(JsonValue value, out double number) => value.TryGetValue(out number);
}
