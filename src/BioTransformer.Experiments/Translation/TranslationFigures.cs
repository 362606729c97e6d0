using System.Text.Json.Nodes;
using BioTransformer.Experiments.Reports;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Translation;

/// <summary>A translation run's figures: top-k accuracy against k (with published results on the same benchmark), top-1 per reaction class, one cross-attention map.</summary>
internal static class TranslationFigures
{
    public static void Draw(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        if (run.Metrics["accuracy"] is not JsonObject accuracy || accuracy.FirstOrDefault() is not (var split, JsonObject scores)) return;
        TopK(run, split, scores, output, format, figures);
        PerClass(split, scores, output, format, figures);
        Attention(run, output, format, figures);
    }

    private static void TopK(SavedRun run, string split, JsonObject scores, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        if (scores["top_k"] is not JsonArray topK || topK.Count == 0) return;
        var ys = topK.Select(v => v?.GetValue<double>() ?? double.NaN).ToList();
        var xs = Enumerable.Range(1, ys.Count).Select(k => (double)k).ToList();
        var references = PublishedResults.For(run);
        var caption = $"Top-k exact-match accuracy on the {split} split ({scores["count"]} inputs, canonical SMILES; several molecules compared as a set)" +
                      (references.Count == 0 ? "." : "; open markers: published results on the same benchmark (" + string.Join("; ", references.Select(r => r.Label).Distinct()) + ").");
        figures.Add(new FigureFile(caption, SequenceFigures.TopKAccuracy(output("top_k_accuracy.png"), [new Series("BioTransformer", xs, ys)],
            [.. references.Select(r => new ReferencePoint(r.Label, r.K, r.Accuracy))], $"Top-k accuracy ({split} split)", format)));
    }

    private static void PerClass(string split, JsonObject scores, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        if (scores["top1_per_class"] is not JsonObject perClass || perClass.Count == 0) return;
        var classes = perClass.Select(p => p.Key).ToList();
        var values = perClass.Select(p => p.Value?["top1"]?.GetValue<double>() ?? double.NaN).ToList();
        var counts = perClass.Select(p => p.Value?["count"]?.GetValue<int>() ?? 0).ToList();
        figures.Add(new FigureFile($"Top-1 accuracy per reaction class on the {split} split (inputs per class: {string.Join(", ", classes.Select((c, i) => $"{c}: {counts[i]}"))}).",
            ContactFigures.GroupedBars(output("top1_by_class.png"), classes, [("top-1", values)], "Top-1 accuracy", $"Top-1 accuracy by reaction class ({split})", 1.0, format)));
    }

    private static void Attention(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var path = run.File(TranslationTask.AttentionFile);
        if (!File.Exists(path)) return;
        var csv = SavedCsv.Read(path);
        var targetPositions = csv.Numbers("target_position");
        var sourcePositions = csv.Numbers("source_position");
        var weights = csv.Numbers("weight");
        int rows = (int)targetPositions.Max(), columns = (int)sourcePositions.Max();
        var matrix = new double[rows, columns];
        var rowLabels = new string[rows];
        var columnLabels = new string[columns];
        int targetToken = csv.Column("target_token"), sourceToken = csv.Column("source_token");
        for (int i = 0; i < weights.Length; i++)
        {
            int r = (int)targetPositions[i] - 1, c = (int)sourcePositions[i] - 1;
            matrix[r, c] = weights[i];
            rowLabels[r] = Short(csv.Rows[i][targetToken]);
            columnLabels[c] = Short(csv.Rows[i][sourceToken]);
        }
        figures.Add(new FigureFile("Cross-attention of the last decoder layer (mean over heads) for the first decoded input: each row is a token the model writes " +
                                   "(given the true target before it), each column a token of the source it reads; bright cells show where it looks.",
            SequenceFigures.AttentionMap(output("cross_attention.png"), rowLabels, columnLabels, matrix, "Token written", "Token read (source)",
                "Where the decoder looks", format)));
    }

    /// <summary>Special tokens shortened for axis labels: &lt;cls&gt; → cls, &lt;smiles&gt; → smi, &lt;RX_3&gt; → RX3.</summary>
    private static string Short(string token) => token switch
    {
        "<smiles>" => "smi",
        "<protein>" => "prot",
        _ when token.StartsWith("<RX_", StringComparison.Ordinal) && token.EndsWith('>') => "RX" + token[4..^1],
        _ when token.Length > 2 && token[0] == '<' && token[^1] == '>' => token[1..^1],
        _ => token,
    };
}

/// <summary>Published results on a benchmark file this toolkit recognises by its SHA-256 (data.json), drawn beside a run's curve.</summary>
internal static class PublishedResults
{
    /// <summary>USPTO-50k with the split of Liu et al. 2017, as in ../shared/data/reactions/uspto50k.csv.gz.</summary>
    private const string Uspto50k = "85252e72ba88c01c22ed074f287300170b8faa452d1ef98421aa753bb6772915";

    public sealed record Result(string Label, int K, double Accuracy);

    /// <summary>Retrosynthesis with the reaction class unknown on USPTO-50k's standard split; nothing for other data or settings.</summary>
    public static IReadOnlyList<Result> For(SavedRun run)
    {
        var sha = run.Data?["files"]?.AsArray().FirstOrDefault(f => (string?)f?["role"] == "data")?["sha256"]?.GetValue<string>();
        // A run reads reaction SMILES in a direction, or two columns (USPTO-50k's are "product" and "reactants").
        var direction = (ReactionDirection?)Manifests.ManifestEnums.Parse(typeof(ReactionDirection), run.Metrics["direction"]?.GetValue<string>() ?? "");
        bool retro = direction == ReactionDirection.Retro
                     || direction is null && (run.Metrics["source"]?.GetValue<string>(), run.Metrics["target"]?.GetValue<string>()) is ("product", "reactants");
        bool classGiven = run.Metrics["reaction_class_given"]?.GetValue<bool>() ?? false;
        if (sha != Uspto50k || !retro || classGiven) return [];
        return
        [
            new("Transformer, Karpov et al. 2019", 1, 0.379), new("Transformer, Karpov et al. 2019", 5, 0.627),
            new("Transformer, averaged, Karpov et al. 2019", 1, 0.427), new("Transformer, averaged, Karpov et al. 2019", 5, 0.698),
            new("Chemformer, Irwin et al. 2022", 1, 0.536),
        ];
    }
}
