using System.Text.Json.Nodes;

namespace BioTransformer.Core;

/// <summary>
/// Numbers as metrics files write them: a finite value as a JSON number, NaN or ±∞ as null (JSON has no
/// NaN, and a reader must see "not computed" rather than a number that is not one).
/// </summary>
public static class FiniteJson
{
    /// <summary>The value exactly, or null when it is not finite.</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>The value rounded to <paramref name="digits"/> decimals (summaries meant for reading), or null when it is not finite.</summary>
    public static JsonNode? Rounded(double value, int digits = 6) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, digits)) : null;
}
