using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>Grouping encoded sequences into padded batches.</summary>
public static class Batching
{
    /// <summary>Number of consecutive shuffled batches whose members are re-sorted by length together.</summary>
    public const int BucketBatches = 50;

    /// <summary>(B, T) int64 ids, right-padded with &lt;pad&gt; to the longest sequence of the batch.</summary>
    public static Tensor PadIds(IReadOnlyList<int[]> sequences, IReadOnlyList<int> members, Device device)
    {
        int width = 0;
        foreach (var i in members) width = Math.Max(width, sequences[i].Length);
        var flat = new long[members.Count * width]; // zero = Vocabulary.PadId
        for (int row = 0; row < members.Count; row++)
        {
            var seq = sequences[members[row]];
            for (int j = 0; j < seq.Length; j++) flat[row * width + j] = seq[j];
        }
        return tensor(flat, [members.Count, width], dtype: int64, device: device);
    }

    /// <summary>
    /// Training batches for one epoch: indices shuffled with <paramref name="rng"/>; then, when
    /// <paramref name="bucketByLength"/>, each run of <see cref="BucketBatches"/> batches is sorted by
    /// length and re-cut, so batches hold similar lengths (less padding), and the batch order is
    /// shuffled again. Deterministic for a given rng state.
    /// </summary>
    public static List<int[]> TrainingBatches(IReadOnlyList<int[]> sequences, int batchSize, Random rng, bool bucketByLength)
    {
        var order = Enumerable.Range(0, sequences.Count).ToArray();
        rng.Shuffle(order);
        if (bucketByLength)
        {
            int chunk = batchSize * BucketBatches;
            for (int start = 0; start < order.Length; start += chunk)
            {
                int length = Math.Min(chunk, order.Length - start);
                Array.Sort(order, start, length, Comparer<int>.Create((a, b) => sequences[a].Length.CompareTo(sequences[b].Length)));
            }
        }
        var batches = Chunk(order, batchSize);
        if (bucketByLength) rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        return batches;
    }

    /// <summary>Inference batches: indices sorted by length (stable), then cut; callers restore the order.</summary>
    /// <param name="bucketByLength">Sort by length first so each batch pads little (the default); false keeps input order (for measuring what bucketing saves).</param>
    public static List<int[]> InferenceBatches(IReadOnlyList<int[]> sequences, int batchSize, bool bucketByLength = true)
    {
        var order = bucketByLength ? Enumerable.Range(0, sequences.Count).OrderBy(i => sequences[i].Length).ToArray() : Enumerable.Range(0, sequences.Count).ToArray();
        return Chunk(order, batchSize);
    }

    /// <summary>Number of real (non-padding) tokens in the batch.</summary>
    public static long TokenCount(IReadOnlyList<int[]> sequences, IReadOnlyList<int> members)
    {
        long n = 0;
        foreach (var i in members) n += sequences[i].Length;
        return n;
    }

    private static List<int[]> Chunk(int[] order, int batchSize)
    {
        var batches = new List<int[]>((order.Length + batchSize - 1) / batchSize);
        for (int start = 0; start < order.Length; start += batchSize)
            batches.Add(order[start..Math.Min(order.Length, start + batchSize)]);
        return batches;
    }
}
