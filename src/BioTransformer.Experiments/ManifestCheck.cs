using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Experiments;

/// <summary>What `validate` found in a manifest's data.</summary>
public sealed record DataCheckReport(int Usable, int Rejected, IReadOnlyList<string> FirstRejections);

/// <summary>Checks a loaded manifest's data the way a run would read it, without training.</summary>
public static class ManifestCheck
{
    public static DataCheckReport CheckData(Manifest manifest)
    {
        var path = manifest.Data.Path;
        if (manifest.Task == "contacts")
        {
            var chains = StructureFiles.Read(path);
            var without = chains.Where(c => !c.HasStructure).Take(5).Select(c => $"{c.Name}: no coordinates").ToList();
            return new DataCheckReport(chains.Count(c => c.HasStructure), chains.Count(c => !c.HasStructure), without);
        }
        bool protein = manifest.Data.Domain == "protein";
        if (manifest.Task == "mlm" && protein && (StructureFiles.IsFasta(path) || StructureFiles.IsJsonLines(path)))
            return new DataCheckReport(StructureFiles.Read(path).Count, 0, []);
        if (manifest.Task == "mlm")
        {
            // Pretraining reads unlabelled rows; long protein sequences are cut into pieces, not rejected.
            var unlabelled = PreparedData.Read(path, Tokenizers.ParseDomain(manifest.Data.Domain), manifest.Data.SequenceColumn, [], classification: false,
                manifest.Data.Strict, protein ? int.MaxValue / 2 : manifest.Model.MaxLength, requireLabel: false, validateSmiles: manifest.Data.ValidateSmiles);
            return new DataCheckReport(unlabelled.Records.Count, unlabelled.Table.Rejected.Count,
                unlabelled.Table.Rejected.Take(5).Select(r => $"line {r.Line}: {r.Reason}").ToList());
        }
        var data = PreparedData.Read(manifest.Data.Path, Tokenizers.ParseDomain(manifest.Data.Domain), manifest.Data.SequenceColumn,
            manifest.Data.Targets, classification: manifest.Property?.Type == "classification", manifest.Data.Strict, manifest.Model.MaxLength,
            validateSmiles: manifest.Data.ValidateSmiles);
        var first = data.Table.Rejected.Take(5).Select(r => $"line {r.Line}: {r.Reason}").ToList();
        return new DataCheckReport(data.Records.Count, data.Table.Rejected.Count, first);
    }
}
