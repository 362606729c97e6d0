using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// Full-length contact probabilities without autograd. A protein longer than the model's max_length
/// is read in overlapping windows (half a window apart); each pair's probability is the mean over the
/// windows that contain both residues, and pairs farther apart than a window stay 0.
/// </summary>
public static class ContactPredictor
{
    /// <param name="residueIds">Token ids of the residues only (no special tokens).</param>
    /// <returns>Row-major L × L probabilities.</returns>
    public static float[] Predict(ContactModel model, int[] residueIds, Device device)
    {
        int l = residueIds.Length;
        int window = model.Config.Backbone.MaxLength - 3;
        var sum = new float[l * l];
        var count = new float[l * l];
        using var inference = InferenceMode.Enter(model);
        var starts = new List<int>();
        if (l <= window) starts.Add(0);
        else
        {
            for (int s = 0; s + window < l; s += window / 2) starts.Add(s);
            starts.Add(l - window);
        }
        foreach (var start in starts.Distinct())
        {
            using var scope = NewDisposeScope();
            int w = Math.Min(window, l);
            var ids = new long[w + 3];
            ids[0] = Vocabulary.ClsId;
            ids[1] = Vocabulary.ProteinTagId;
            for (int i = 0; i < w; i++) ids[i + 2] = residueIds[start + i];
            ids[^1] = Vocabulary.EosId;
            var probabilities = model.Forward(tensor(ids, [1, w + 3], dtype: int64, device: device)).sigmoid().cpu().data<float>().ToArray(); // (1, w, w)
            for (int i = 0; i < w; i++)
                for (int j = 0; j < w; j++)
                {
                    int k = (start + i) * l + start + j;
                    sum[k] += probabilities[i * w + j];
                    count[k] += 1;
                }
        }
        for (int k = 0; k < sum.Length; k++) sum[k] = count[k] > 0 ? sum[k] / count[k] : 0f;
        return sum;
    }
}
