using System.Globalization;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Proteins.Contacts;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Experiments.Contacts;

/// <summary>What the 'contacts' command wrote.</summary>
public sealed record ContactsSummary(int Proteins, int WithStructure, string OutputDirectory, JsonObject? Precision);

/// <summary>
/// The 'contacts' command: predicts the contact map of every protein of a FASTA, structure JSON-lines,
/// PDB or mmCIF file and writes, per protein, the L × L probability matrix (CSV), the top pairs (CSV)
/// and a heatmap (PNG; the true map below the diagonal when a structure is given). With structures,
/// the field's precisions per protein (contacts_per_protein.csv) and their means (metrics.json, metrics.csv).
/// </summary>
public static class ContactsJob
{
    /// <param name="shard">Only proteins k with k mod N = i − 1 (input order); each shard writes to its own folder and
    /// <see cref="MergeShards"/> combines their precision tables.</param>
    public static ContactsSummary Run(string modelPath, string inputPath, string? chain, string outputDirectory, string deviceName, int threads,
        IRunReporter reporter, Action<int, int>? progress = null, Shard? shard = null)
    {
        OutputFolder.Prepare(outputDirectory);
        TorchRuntime.SetThreads(threads);
        var device = TorchRuntime.ResolveDevice(deviceName);
        var directory = Pretrained.ModelDirectory(modelPath);
        if (ModelFiles.KindOf(directory) != "contacts")
            throw InputException.At(directory, null, $"is a '{ModelFiles.KindOf(directory)}' model, not a contacts model", "pass the run directory of a task = \"contacts\" run");
        var (model, vocabulary) = ModelFiles.LoadContactModel(directory, device);
        using var _ = model;
        var chains = StructureFiles.Read(inputPath, chain);
        if (chains.Count == 0) throw InputException.At(inputPath, null, "no protein sequences", null);
        if (shard is not null)
        {
            chains = [.. chains.Where((_, k) => shard.Holds(k, 1))];
            if (chains.Count == 0) throw InputException.At(inputPath, null, $"shard {shard} holds no protein (the file has fewer proteins than shards)", "use fewer shards");
        }
        foreach (var note in chains.SelectMany(c => c.Notes.Select(n => $"{c.Name}: {n}")).Take(20)) reporter.Warning(note);
        reporter.Info($"Predicting contacts of {chains.Count} protein(s) with a {model.Config.Head.ToString().ToLowerInvariant()}-head model ({directory})");

        Directory.CreateDirectory(outputDirectory);
        var scored = new List<ProteinContacts>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < chains.Count; k++)
        {
            var p = ContactScoring.Predict(model, vocabulary, chains[k], device);
            var stem = ContactExperiment.Sanitize(p.Chain.Name);
            while (!names.Add(stem)) stem += "_";
            WriteMatrix(Path.Combine(outputDirectory, $"{stem}_probabilities.csv"), p);
            WriteTopPairs(Path.Combine(outputDirectory, $"{stem}_top_pairs.csv"), p);
            ContactScoring.MapFigure(Path.Combine(outputDirectory, $"{stem}_map.png"), p);
            scored.Add(p.Summary());
            progress?.Invoke(k + 1, chains.Count);
        }

        var withStructure = scored.Where(p => p.Precisions.Count > 0).ToList();
        JsonObject? precision = null;
        if (withStructure.Count > 0)
        {
            var means = ContactScoring.Means(withStructure);
            precision = ContactScoring.ToJson(means, withStructure.Count);
            CsvOutput.Write(Path.Combine(outputDirectory, ContactExperiment.PerProteinFile), ContactScoring.PerProteinHeader(),
                withStructure.Select(p => ContactScoring.PerProteinRow("input", p)));
            EvaluationOutput.Write(outputDirectory, "contacts", directory, inputPath, new JsonObject { ["precision"] = precision },
                ContactScoring.ResultRows("input", means).Select(r => (r.Metric, r.Value)));
            ContactScoring.PrecisionFigure(Path.Combine(outputDirectory, "precision_by_range.png"), means, $"Contact precision ({withStructure.Count} proteins)");
            reporter.Results([.. ContactScoring.ResultRows("input", means)]);
        }
        return new ContactsSummary(chains.Count, withStructure.Count, outputDirectory, precision);
    }

    /// <summary>
    /// Combines the per-protein precision tables of `contacts --shard` folders into one table (sorted by
    /// protein) and recomputes the means over all proteins — the same numbers one unsharded run reports,
    /// since proteins are predicted independently. Writes contacts_per_protein.csv and metrics.csv.
    /// </summary>
    /// <returns>The number of proteins with a structure.</returns>
    public static int MergeShards(string outputDirectory, IReadOnlyList<string> shardDirectories)
    {
        if (shardDirectories.Count == 0) throw new InputException("name the shard folders to merge");
        OutputFolder.Prepare(outputDirectory);
        IReadOnlyList<string>? header = null;
        var rows = new List<string[]>();
        foreach (var folder in shardDirectories)
        {
            var csv = Reports.SavedCsv.Read(Path.Combine(folder, ContactExperiment.PerProteinFile));
            if (header is null) header = csv.Header;
            else if (!header.SequenceEqual(csv.Header)) throw InputException.At(csv.Path, 1, "its columns differ from the first shard's");
            rows.AddRange(csv.Rows);
        }
        int protein = header!.ToList().IndexOf("protein");
        var duplicate = rows.GroupBy(r => r[protein]).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InputException($"protein {duplicate.Key} is in two shard folders: merge the shards of one split");
        rows = [.. rows.OrderBy(r => r[protein], StringComparer.Ordinal)];
        CsvOutput.Write(Path.Combine(outputDirectory, ContactExperiment.PerProteinFile), header!, rows.Select(r => (IReadOnlyList<string>)r));
        // Columns after split, protein, group, length are precisions: the mean over proteins of the finite ones.
        var means = Enumerable.Range(4, header!.Count - 4).Select(c =>
        {
            var values = rows.Select(r => double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).Where(double.IsFinite).ToList();
            return (IReadOnlyList<string>)[header![c], CsvOutput.Number(values.Count == 0 ? double.NaN : values.Average(), "G8")];
        });
        CsvOutput.Write(Path.Combine(outputDirectory, EvaluationOutput.CsvFile), ["metric", "value"], [(IReadOnlyList<string>)["proteins", rows.Count.ToString(CultureInfo.InvariantCulture)], .. means]);
        return rows.Count;
    }

    /// <summary>The L × L probabilities with residue numbers and letters as the header row and first column.</summary>
    private static void WriteMatrix(string path, ProteinContacts p)
    {
        int n = p.Chain.Length;
        string Residue(int i) => $"{i + 1}{p.Chain.Sequence[i]}";
        var header = new List<string> { "residue" };
        header.AddRange(Enumerable.Range(0, n).Select(Residue));
        CsvOutput.Write(path, header, Enumerable.Range(0, n).Select(i =>
        {
            var row = new List<string>(n + 1) { Residue(i) };
            for (int j = 0; j < n; j++) row.Add(i == j ? "" : p.Probabilities[i * n + j].ToString("0.####", CultureInfo.InvariantCulture));
            return (IReadOnlyList<string>)row;
        }));
    }

    /// <summary>The L most likely pairs at least 6 apart (i &lt; j), best first, with range and (when known) the truth.</summary>
    private static void WriteTopPairs(string path, ProteinContacts p)
    {
        int n = p.Chain.Length;
        var pairs = new List<(int I, int J, float P)>();
        for (int i = 0; i < n; i++)
            for (int j = i + ContactRanges.MinimumSeparation; j < n; j++) pairs.Add((i, j, p.Probabilities[i * n + j]));
        var top = pairs.OrderByDescending(x => x.P).ThenBy(x => x.I).ThenBy(x => x.J).Take(n);
        string Range(int separation) => separation >= 24 ? "long" : separation >= 12 ? "medium" : "short";
        CsvOutput.Write(path, ["rank", "i", "j", "residue_i", "residue_j", "separation", "range", "probability", "contact"], top.Select((x, rank) =>
            (IReadOnlyList<string>)
            [
                (rank + 1).ToString(CultureInfo.InvariantCulture), (x.I + 1).ToString(CultureInfo.InvariantCulture), (x.J + 1).ToString(CultureInfo.InvariantCulture),
                p.Chain.Sequence[x.I].ToString(), p.Chain.Sequence[x.J].ToString(), (x.J - x.I).ToString(CultureInfo.InvariantCulture), Range(x.J - x.I),
                x.P.ToString("0.####", CultureInfo.InvariantCulture),
                p.Truth is null || p.Truth[x.I, x.J] < 0 ? "" : p.Truth[x.I, x.J].ToString(CultureInfo.InvariantCulture),
            ]));
    }
}
