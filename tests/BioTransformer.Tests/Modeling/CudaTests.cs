using System.Text.Json.Nodes;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;

namespace BioTransformer.Tests.Modeling;

/// <summary>
/// The CUDA path, run where a GPU is (skipped visibly here): every task's tiny run trains on the device with
/// finite metrics, twice with the same numbers, and sampling draws with a generator on the device.
/// </summary>
public class CudaTests
{
    [CudaFact]
    public void TinyRuns_OnCuda_AreFiniteAndRepeatable()
    {
        foreach (var fixture in new[] { "tiny_esol.toml", "tiny_bbbp.toml", "tiny_generation.toml", "tiny_mlm_protein.toml", "tiny_contacts.toml" })
        {
            var dir = Repo.TempDirectory();
            var first = ExperimentRunner.Run(ManifestLoader.Load(Repo.Fixture(fixture), [$"output.dir=\"{dir}\"", "device=\"cuda\""]), SilentReporter.Instance);
            var second = ExperimentRunner.Run(ManifestLoader.Load(Repo.Fixture(fixture), [$"output.dir=\"{dir}\"", "device=\"cuda\""]), SilentReporter.Instance);
            var metrics = File.ReadAllText(Path.Combine(first.Directory, ExperimentRunner.MetricsFile));
            Assert.DoesNotContain("NaN", metrics);
            Assert.Equal("cuda", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(first.Directory, ExperimentRunner.EnvironmentFile)))!["device"]);
            Assert.Equal(metrics, File.ReadAllText(Path.Combine(second.Directory, ExperimentRunner.MetricsFile)));
        }
    }
}
