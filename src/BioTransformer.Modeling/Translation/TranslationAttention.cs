using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Translation;

/// <summary>Where a translation model looks in its source while it writes its target.</summary>
public static class TranslationAttention
{
    /// <summary>
    /// The last decoder layer's cross-attention, averaged over heads, while the model reads
    /// <paramref name="source"/> and is given <paramref name="target"/> (teacher forcing): row j is the
    /// decoder position that writes target[j + 1], column s the source token s. Each row sums to 1.
    /// </summary>
    public static double[,] LastLayer(TranslationModel model, int[] source, int[] target, Device device)
    {
        using var inference = InferenceMode.Enter(model);
        using var scope = NewDisposeScope();
        var sourceIds = tensor(source.Select(i => (long)i).ToArray(), dtype: int64, device: device).view(1, -1);
        var targetIds = tensor(target[..^1].Select(i => (long)i).ToArray(), dtype: int64, device: device).view(1, -1);
        var (_, weights) = model.ForwardWithAttention(sourceIds, targetIds);
        var mean = weights[^1].mean([1]).squeeze(0).to(float64).cpu();                 // (T − 1, S)
        int rows = (int)mean.shape[0], columns = (int)mean.shape[1];
        var flat = mean.data<double>().ToArray();
        var result = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) result[r, c] = flat[r * columns + c];
        return result;
    }
}
