namespace BioTransformer.Core.Baselines;

/// <summary>A feature vector stored as its non-zero entries (e.g. a folded fingerprint's set bits or counts).</summary>
/// <param name="Indices">Feature indices, each in [0, dimension).</param>
/// <param name="Values">The value of each listed feature.</param>
public sealed record SparseVector(int[] Indices, double[] Values)
{
    public double Dot(ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (int k = 0; k < Indices.Length; k++) sum += weights[Indices[k]] * Values[k];
        return sum;
    }

    /// <summary>target += scale * this.</summary>
    public void AddTo(Span<double> target, double scale)
    {
        for (int k = 0; k < Indices.Length; k++) target[Indices[k]] += scale * Values[k];
    }
}
