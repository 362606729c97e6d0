using System.Text.Json.Nodes;

namespace BioTransformer.Experiments.Runs;

/// <summary>A finished run: its directory and the final metrics (as written to metrics.json).</summary>
public sealed record RunResult(string Directory, JsonObject Metrics);
