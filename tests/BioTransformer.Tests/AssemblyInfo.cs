// TorchSharp's random generator and thread count are process-wide: tests that train or seed must
// not interleave, or determinism checks would fail for reasons that have nothing to do with the code.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
