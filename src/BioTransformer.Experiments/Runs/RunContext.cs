using BioTransformer.Experiments.Manifests;
using static TorchSharp.torch;

namespace BioTransformer.Experiments.Runs;

/// <summary>What a task runner gets: the validated manifest, its run directory, device and reporter.</summary>
public sealed record RunContext(Manifest Manifest, RunDirectory Run, Device Device, int Threads, IRunReporter Reporter);
