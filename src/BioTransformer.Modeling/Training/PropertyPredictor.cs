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
    /// <param name="features">(N, F) scaled extra features, one row per sequence, when the model reads them.</param>
    public static float[,] PredictRaw(PropertyModel model, IReadOnlyList<int[]> ids, int batchSize, Device device, bool bucketByLength = true, float[,]? features = null)
    {
        int k = model.Config.Targets.Count;
        var result = new float[ids.Count, k];
        using var inference = InferenceMode.Enter(model);
        foreach (var batch in Batching.InferenceBatches(ids, batchSize, bucketByLength))
        {
            using var scope = NewDisposeScope();
            var rows = features is null ? null : FeatureRows(features, batch, device);
            var outputs = model.Forward(Batching.PadIds(ids, batch, device), rows).to(float32).cpu(); // (B, K)
            var values = outputs.data<float>().ToArray();
            for (int row = 0; row < batch.Length; row++)
                for (int j = 0; j < k; j++)
                    result[batch[row], j] = values[row * k + j];
        }
        return result;
    }

    /// <summary>(B, F) float32 tensor of the feature rows <paramref name="members"/>.</summary>
    public static Tensor FeatureRows(float[,] features, IReadOnlyList<int> members, Device device)
    {
        int f = features.GetLength(1);
        var values = new float[members.Count * f];
        for (int r = 0; r < members.Count; r++)
            for (int j = 0; j < f; j++)
                values[r * f + j] = features[members[r], j];
        return tensor(values, [members.Count, f], device: device);
    }
}
