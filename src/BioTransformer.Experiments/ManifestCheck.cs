using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;

namespace BioTransformer.Experiments;

/// <summary>What `validate` found in a manifest's data.</summary>
public sealed record DataCheckReport(int Usable, int Rejected, IReadOnlyList<string> FirstRejections);

/// <summary>Checks a loaded manifest's data the way a run would read it, without training.</summary>
public static class ManifestCheck
{
    public static DataCheckReport CheckData(Manifest manifest)
    {
        var data = PreparedData.Read(manifest.Data.Path, Tokenizers.ParseDomain(manifest.Data.Domain), manifest.Data.SequenceColumn,
            manifest.Data.Targets, classification: manifest.Property?.Type == "classification", manifest.Data.Strict, manifest.Model.MaxLength,
            validateSmiles: manifest.Data.ValidateSmiles);
        var first = data.Table.Rejected.Take(5).Select(r => $"line {r.Line}: {r.Reason}").ToList();
        return new DataCheckReport(data.Records.Count, data.Table.Rejected.Count, first);
    }
}
