using static TorchSharp.torch;

namespace BioTransformer.Modeling.Backbone;

/// <summary>
/// Keys and values of every layer for the positions decoded so far, so each new token costs one
/// position of attention instead of the whole prefix. Buffers are allocated once at full length,
/// (B, H, MaxLength, D) per layer, and filled in place. Dispose it when the batch is done.
/// </summary>
public sealed class KeyValueCache : IDisposable
{
    private readonly Tensor[] keys;
    private readonly Tensor[] values;

    public KeyValueCache(BackboneConfig config, long batch, Device device, ScalarType dtype = ScalarType.Float32)
    {
        keys = new Tensor[config.Layers];
        values = new Tensor[config.Layers];
        for (int l = 0; l < config.Layers; l++)
        {
            keys[l] = zeros([batch, config.Heads, config.MaxLength, config.HeadDim], dtype: dtype, device: device);
            values[l] = zeros([batch, config.Heads, config.MaxLength, config.HeadDim], dtype: dtype, device: device);
        }
        Capacity = config.MaxLength;
    }

    /// <summary>Positions already stored.</summary>
    public int Length { get; private set; }

    public int Capacity { get; }

    /// <summary>
    /// Stores the keys and values (B, H, T, D) of <paramref name="layer"/> for positions Length..Length+T-1 and
    /// returns views of all positions so far, (B, H, Length+T, D). Call <see cref="Advance"/> once all layers are done.
    /// </summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor k, Tensor v)
    {
        long t = k.shape[2];
        if (Length + t > Capacity) throw new InvalidOperationException($"the cache holds {Capacity} positions; {Length + t} were asked for");
        keys[layer].narrow(2, Length, t).copy_(k);
        values[layer].narrow(2, Length, t).copy_(v);
        return (keys[layer].narrow(2, 0, Length + t), values[layer].narrow(2, 0, Length + t));
    }

    internal void Advance(int positions) => Length += positions;

    /// <summary>
    /// Keeps, for each row, the stored positions of row <paramref name="rows"/>[i] (beam search: the hypotheses
    /// that survive a step continue from their parents' keys and values).
    /// </summary>
    /// <param name="rows">(B) int64 indices of the rows to keep, on the cache's device.</param>
    public void Reorder(Tensor rows)
    {
        if (Length == 0) return;
        using var scope = NewDisposeScope();
        for (int l = 0; l < keys.Length; l++)
        {
            // Only the positions stored so far move; the rest of the buffer is unused.
            var filledKeys = keys[l].narrow(2, 0, Length);
            var filledValues = values[l].narrow(2, 0, Length);
            var (k, v) = (filledKeys.index_select(0, rows), filledValues.index_select(0, rows));
            filledKeys.copy_(k);
            filledValues.copy_(v);
        }
    }

    public void Dispose()
    {
        foreach (var t in keys) t.Dispose();
        foreach (var t in values) t.Dispose();
    }
}
