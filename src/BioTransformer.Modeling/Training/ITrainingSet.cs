using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// One epoch's training examples as the <see cref="TrainingLoop"/> sees them: token ids per example
/// (for length-bucketed batching and throughput) and the loss of a batch. Each task (property
/// prediction, language modelling, masked-language pretraining, contacts) supplies its own.
/// </summary>
public interface ITrainingSet
{
    /// <summary>Token ids of every example, &lt;cls&gt; tag ... &lt;eos&gt;.</summary>
    IReadOnlyList<int[]> Ids { get; }

    /// <summary>
    /// The scalar mean loss of the examples <paramref name="members"/>, with the model in training
    /// mode. Called inside the step's dispose scope: temporaries need no disposal.
    /// </summary>
    Tensor BatchLoss(int[] members);

    /// <summary>
    /// Advances whatever randomness <see cref="BatchLoss"/> draws per batch (e.g. fresh masks) exactly as
    /// training on <paramref name="members"/> would, without training: a resumed run replays the batches
    /// before its checkpoint so the ones after it see the same random draws as an uninterrupted run.
    /// </summary>
    void Skip(int[] members) { }
}
