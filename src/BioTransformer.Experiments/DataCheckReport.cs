using BioTransformer.Experiments.Property;

namespace BioTransformer.Experiments;

/// <summary>What `validate` found in a manifest's data: usable and rejected records, and the first few reasons.</summary>
public sealed record DataCheckReport(int Usable, int Rejected, IReadOnlyList<string> FirstRejections)
{
    /// <summary>The report of a table read as a run reads it.</summary>
    public static DataCheckReport Of(PreparedData data) =>
        new(data.Records.Count, data.Table.Rejected.Count, data.Table.Rejected.Take(5).Select(r => $"line {r.Line}: {r.Reason}").ToList());
}
