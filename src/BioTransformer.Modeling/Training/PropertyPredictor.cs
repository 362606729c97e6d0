using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>Batched inference without autograd.</summary>
public static class PropertyPredictor
{
    /// <summary>
    /// Raw outputs (N, K) for every sequence, in input order. Sequences are batched by length to cut
    /// padding; the model is put in eval mode and restored to its previous mode afterwards.
    /// </summary>
    public static float[,] PredictRaw(PropertyModel model, IReadOnlyList<int[]> ids, int batchSize, Device device, bool bucketByLength = true)
    {
        int k = model.Config.Targets.Count;
        var result = new float[ids.Count, k];
        using var inference = InferenceMode.Enter(model);
        foreach (var batch in Batching.InferenceBatches(ids, batchSize, bucketByLength))
        {
            using var scope = NewDisposeScope();
            var outputs = model.forward(Batching.PadIds(ids, batch, device)).to(float32).cpu(); // (B, K)
            var values = outputs.data<float>().ToArray();
            for (int row = 0; row < batch.Length; row++)
                for (int j = 0; j < k; j++)
                    result[batch[row], j] = values[row * k + j];
        }
        return result;
    }
}
