namespace BioTransformer.Modeling.Training;

/// <summary>What turned non-finite.</summary>
public enum NonFiniteQuantity
{
    /// <summary>A training batch's loss (NaN or ±∞).</summary>
    Loss,

    /// <summary>The global norm of a step's gradients.</summary>
    GradientNorm,

    /// <summary>The model's weights after an epoch.</summary>
    Weights,

    /// <summary>No epoch produced a finite validation score, so none can be chosen as best.</summary>
    ValidationScore,
}

/// <summary>
/// Training stopped because a loss, a gradient or the weights stopped being finite numbers (or no epoch
/// could be selected). Nothing was saved from the non-finite state: the run directory holds at most the
/// last checkpoint written before it (<see cref="CheckpointStep"/>). The message names the epoch and step;
/// callers that know the user's settings (manifest keys, flags) add what to change.
/// </summary>
public sealed class NonFiniteTrainingException : Exception
{
    public NonFiniteTrainingException(NonFiniteQuantity quantity, int epoch, long step, double value, string? checkpointPath, long? checkpointStep)
        : base(Describe(quantity, epoch, step, value, checkpointPath, checkpointStep))
    {
        Quantity = quantity;
        Epoch = epoch;
        Step = step;
        Value = value;
        CheckpointPath = checkpointPath;
        CheckpointStep = checkpointStep;
    }

    public NonFiniteQuantity Quantity { get; }

    /// <summary>1-based epoch in which it happened.</summary>
    public int Epoch { get; }

    /// <summary>1-based optimiser step (over the whole run) in which it happened; for weights and scores, the last step of the epoch.</summary>
    public long Step { get; }

    /// <summary>The offending value (NaN, +∞ or −∞).</summary>
    public double Value { get; }

    /// <summary>The checkpoint file of the last finite state, or null when none was written.</summary>
    public string? CheckpointPath { get; }

    /// <summary>The step that checkpoint holds (0 = before the first step), or null when none was written.</summary>
    public long? CheckpointStep { get; }

    private static string Describe(NonFiniteQuantity quantity, int epoch, long step, double value, string? checkpointPath, long? checkpointStep)
    {
        var what = quantity switch
        {
            NonFiniteQuantity.Loss => $"the training loss became {Show(value)}",
            NonFiniteQuantity.GradientNorm => $"the gradient norm became {Show(value)}",
            NonFiniteQuantity.Weights => "the weights are no longer finite",
            _ => "no epoch had a finite validation score",
        };
        var last = checkpointStep is { } s && checkpointPath is not null
            ? $"last good checkpoint: {checkpointPath}, step {s}"
            : "no checkpoint was written before it";
        return $"training diverged at epoch {epoch}, step {step}: {what}; nothing was saved from it; {last}";
    }

    private static string Show(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
}
