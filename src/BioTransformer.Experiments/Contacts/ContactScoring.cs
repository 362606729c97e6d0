using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Plotting;
using BioTransformer.Proteins.Contacts;
using BioTransformer.Proteins.Structures;
using static TorchSharp.torch;

namespace BioTransformer.Experiments.Contacts;

/// <summary>
/// Predicting and scoring contacts of whole proteins, shared by the contacts task, the 'contacts'
/// command and 'evaluate': the field's precisions per protein, their means over proteins (the
/// average CASP and ESM report), per-protein CSVs and the figures.
/// </summary>
public static class ContactScoring
{
    /// <summary>Residue token ids of <paramref name="sequence"/> (no special tokens).</summary>
    public static int[] ResidueIds(Vocabulary vocabulary, string sequence) =>
        vocabulary.Encode(Domain.Protein, Tokenizers.For(Domain.Protein).Tokenize(sequence))[2..^1];

    /// <summary>Full-length probabilities of one chain and, when it has coordinates, its precisions.</summary>
    public static ProteinContacts Predict(ContactModel model, Vocabulary vocabulary, ProteinChain chain, Device device)
    {
        var probabilities = ContactPredictor.Predict(model, ResidueIds(vocabulary, chain.Sequence), device);
        if (!chain.HasStructure) return new ProteinContacts(chain, probabilities, null, []);
        var truth = ContactMap.FromChain(chain);
        return new ProteinContacts(chain, probabilities, truth, ContactEvaluation.Evaluate(probabilities, truth));
    }

    /// <summary>Mean binary cross-entropy of the predictions over known pairs at least 6 apart (the training loss, full length).</summary>
    public static double CrossEntropy(ProteinContacts protein)
    {
        if (protein.Truth is null) return double.NaN;
        int n = protein.Truth.Length;
        double sum = 0;
        long count = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (Math.Abs(i - j) < ContactTrainer.MinimumSeparation) continue;
                var label = protein.Truth[i, j];
                if (label < 0) continue;
                double p = Math.Clamp(protein.Probabilities[i * n + j], 1e-7, 1 - 1e-7);
                sum -= label == 1 ? Math.Log(p) : Math.Log(1 - p);
                count++;
            }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>Mean over proteins of each range × depth precision (proteins with no scorable pair in a range are skipped for it).</summary>
    public static Dictionary<(ContactRange Range, string Depth), double> Means(IEnumerable<ProteinContacts> proteins)
    {
        var list = proteins.Where(p => p.Precisions.Count > 0).ToList();
        var means = new Dictionary<(ContactRange, string), double>();
        foreach (var range in ContactRanges.All)
            foreach (var (depth, _) in ContactEvaluation.Depths)
            {
                var values = list.Select(p => p.Precision(range, depth)).Where(double.IsFinite).ToList();
                means[(range, depth)] = values.Count == 0 ? double.NaN : values.Average();
            }
        return means;
    }

    /// <summary>The means back from <see cref="ToJson"/>'s object (NaN where null or absent).</summary>
    public static Dictionary<(ContactRange Range, string Depth), double> FromJson(JsonObject json)
    {
        var means = new Dictionary<(ContactRange, string), double>();
        foreach (var range in ContactRanges.All)
            foreach (var (depth, _) in ContactEvaluation.Depths)
                means[(range, depth)] = json[ContactRanges.Name(range)]?[depth]?.GetValue<double>() ?? double.NaN;
        return means;
    }

    /// <summary>{"long": {"L": .., "L/2": .., "L/5": ..}, ...} plus the number of proteins.</summary>
    public static JsonObject ToJson(Dictionary<(ContactRange Range, string Depth), double> means, int proteins)
    {
        var json = new JsonObject { ["proteins"] = proteins };
        foreach (var range in ContactRanges.All)
        {
            var byDepth = new JsonObject();
            foreach (var (depth, _) in ContactEvaluation.Depths)
                byDepth[depth] = double.IsFinite(means[(range, depth)]) ? Math.Round(means[(range, depth)], 6) : null;
            json[ContactRanges.Name(range)] = byDepth;
        }
        return json;
    }

    /// <summary>Rows for the reporter's results table: every range at L/5 and L.</summary>
    public static IEnumerable<(string Split, string Metric, double Value)> ResultRows(string split, Dictionary<(ContactRange Range, string Depth), double> means) =>
        ContactRanges.All.SelectMany(r => new[] { "L/5", "L" }.Select(d => (split, $"{ContactRanges.Name(r)} P@{d}", means[(r, d)])));

    /// <summary>The column names of <see cref="PerProteinRow"/>.</summary>
    public static string[] PerProteinHeader() =>
        ["split", "protein", "group", "length", .. ContactRanges.All.SelectMany(r => ContactEvaluation.Depths.Select(d => $"{ContactRanges.Name(r)}_P@{d.Name}"))];

    public static IReadOnlyList<string> PerProteinRow(string split, ProteinContacts p) =>
        [split, p.Chain.Name, p.Chain.Group, p.Chain.Length.ToString(CultureInfo.InvariantCulture),
         .. ContactRanges.All.SelectMany(r => ContactEvaluation.Depths.Select(d => CsvOutput.Number(p.Precision(r, d.Name), "0.####")))];

    /// <summary>Precision by range at each depth, as grouped bars.</summary>
    public static IReadOnlyList<string> PrecisionFigure(string path, Dictionary<(ContactRange Range, string Depth), double> means, string title,
        Plotting.FigureOutput? output = null)
    {
        var ranges = ContactRanges.All;
        string Label(ContactRange r) => r switch
        {
            ContactRange.Short => "short\n(6–11)",
            ContactRange.Medium => "medium\n(12–23)",
            ContactRange.Long => "long\n(≥ 24)",
            _ => "medium + long\n(≥ 12)",
        };
        return ContactFigures.GroupedBars(path, ranges.Select(Label).ToList(),
            ContactEvaluation.Depths.Select(d => ($"top {d.Name}", (IReadOnlyList<double>)ranges.Select(r => means[(r, d.Name)]).ToList())).ToList(),
            "Precision (top pairs in contact)", title, output: output);
    }

    /// <summary>The heatmap of one protein (prediction above the diagonal, truth below when known).</summary>
    public static void MapFigure(string path, ProteinContacts p)
    {
        var title = p.Truth is null ? p.Chain.Name
            : $"{p.Chain.Name}  (L = {p.Chain.Length}, long-range P@L/5 = {p.Precision(ContactRange.Long, "L/5"):0.00})";
        ContactFigures.Map(path, p.Chain.Length, p.Probabilities, p.Truth is null ? ReadOnlySpan<sbyte>.Empty : p.Truth.Labels, title);
    }
}
