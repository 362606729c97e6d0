using System.Text.Json.Nodes;
using BioTransformer.Experiments.Reports;
using BioTransformer.Plotting;
using BioTransformer.Proteins.Contacts;

namespace BioTransformer.Experiments.Contacts;

/// <summary>A contacts run's figures from its saved files: precision by range, and the contact maps of a few test proteins.</summary>
internal static class ContactRunFigures
{
    public static void Draw(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        ContactPrecision(run, output, format, figures);
        ContactMaps(run, output, format, figures);
    }

    private static void ContactPrecision(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var split = run.Metrics["precision"]?["test"] is JsonObject ? "test" : "valid";
        if (run.Metrics["precision"]?[split] is not JsonObject json) return;
        int proteins = json["proteins"]?.GetValue<int>() ?? 0;
        figures.Add(new FigureFile($"Contact precision on the {split} split ({proteins} proteins): fraction of true contacts among the top L, L/2 and L/5 pairs of each separation range, averaged over proteins.",
            ContactScoring.PrecisionFigure(output("precision_by_range.png"), ContactScoring.FromJson(json), $"Contact precision, {split} split ({proteins} proteins)", format)));
    }

    private static void ContactMaps(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var folder = run.File(ContactMapFile.Folder);
        if (!Directory.Exists(folder)) return;
        var longRange = LongRangePrecision(run);
        foreach (var file in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var (length, probabilities, truth) = ContactMapFile.Read(file);
            var title = longRange.TryGetValue(name, out var p) && double.IsFinite(p)
                ? $"{name}  (L = {length}, long-range P@L/5 = {p:0.00})" : $"{name}  (L = {length})";
            figures.Add(new FigureFile($"Contact map of test protein {name}: predicted probability above the diagonal, true contacts (CB–CB < {ContactMap.Threshold:0} Å) below.",
                ContactFigures.Map(output($"contact_map_{name}.png"), length, probabilities, truth, title, format)));
        }
    }

    /// <summary>Long-range P@L/5 of each test protein, by file-name-safe protein name.</summary>
    private static Dictionary<string, double> LongRangePrecision(SavedRun run)
    {
        var path = run.File(ContactsTask.PerProteinFile);
        if (!File.Exists(path)) return [];
        var csv = SavedCsv.Read(path);
        int split = csv.Column("split"), protein = csv.Column("protein");
        var values = csv.Numbers($"{ContactRanges.Name(ContactRange.Long)}_P@L/5");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int r = 0; r < csv.Rows.Count; r++)
            if (csv.Rows[r][split] == "test") result[ContactsTask.Sanitize(csv.Rows[r][protein])] = values[r];
        return result;
    }
}
