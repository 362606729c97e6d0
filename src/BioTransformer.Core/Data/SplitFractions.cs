namespace BioTransformer.Core.Data;

/// <summary>Fractions of the data for train, validation and test; each in [0, 1], summing to 1.</summary>
public sealed record SplitFractions(double Train, double Valid, double Test)
{
    public static SplitFractions Default { get; } = new(0.8, 0.1, 0.1);

    /// <summary>Why these fractions are unusable, or null when they are fine.</summary>
    public string? Problem()
    {
        if (Train <= 0 || Valid < 0 || Test < 0) return "fractions must be >= 0 and the train fraction > 0";
        if (Math.Abs(Train + Valid + Test - 1) > 1e-6) return $"fractions must sum to 1 (they sum to {Train + Valid + Test:0.###})";
        return null;
    }
}
