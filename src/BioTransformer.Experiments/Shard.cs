using BioTransformer.Core;

namespace BioTransformer.Experiments;

/// <summary>
/// Part <c>Index</c> (1-based) of <c>Count</c>: the file's data rows are cut into blocks of a fixed size in
/// file order, and block b belongs to shard b mod Count + 1. Every row is in exactly one shard, whatever
/// the file's length, the shards never depend on each other, and each block is processed exactly as an
/// unsharded run processes it — so the merged output is byte-identical to the unsharded one.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <param name="ordinal">The row's position among the file's data rows, from 0.</param>
    /// <param name="blockRows">Rows per block (the job's processing chunk).</param>
    public bool Holds(long ordinal, int blockRows) => ordinal / blockRows % Count == Index - 1;

    /// <summary>Reads "i/N" (e.g. 3/16), 1 ≤ i ≤ N.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var i) && int.TryParse(parts[1], out var n) && n >= 1 && i >= 1 && i <= n)
            return new Shard(i, n);
        throw new InputException($"--shard {text}: expected i/N with 1 <= i <= N, e.g. --shard 3/16");
    }

    public override string ToString() => $"{Index}/{Count}";
}
