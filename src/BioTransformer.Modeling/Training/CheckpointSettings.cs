namespace BioTransformer.Modeling.Training;

/// <summary>Where and how often a <see cref="TrainingLoop"/> saves its full state, and whether it starts from it.</summary>
/// <param name="Path">The checkpoint file; replaced atomically on every save.</param>
/// <param name="EverySteps">Also save every this many optimiser steps within an epoch; 0 = at epoch ends only.</param>
/// <param name="Resume">Continue from the file if it exists (it must then match this model and optimiser).</param>
public sealed record CheckpointSettings(string Path, int EverySteps, bool Resume);
