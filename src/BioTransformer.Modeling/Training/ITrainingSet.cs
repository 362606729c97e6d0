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
}
