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
        IRunReporter reporter, Action<int, int>? progress = null, Shard? shard = null, bool overwrite = false)
    {
        OutputFile.CheckFolder(outputDirectory, overwrite);
        TorchRuntime.SetThreads(threads);
        var device = TorchRuntime.ResolveDevice(deviceName);
        var directory = Pretrained.ModelDirectory(modelPath);
        if (ModelFiles.KindOf(directory) != ContactsTask.Kind)
            throw InputException.At(directory, null, $"is a '{ModelFiles.KindOf(directory)}' model, not a contacts model", "pass the run directory of a task = \"contacts\" run");
        var (model, vocabulary) = ContactsTask.LoadModel(directory, device);
        using var _ = model;
        var chains = StructureFiles.Read(inputPath, chain);
        if (chains.Count == 0) throw InputException.At(inputPath, null, "no protein sequences", null);
        if (shard is not null)
        {
            chains = [.. chains.Where((_, k) => shard.Holds(k, 1))];
            if (chains.Count == 0) throw InputException.At(inputPath, null, $"shard {shard} holds no protein (the file has fewer proteins than shards)", "use fewer shards");
        }
        foreach (var note in chains.SelectMany(c => c.Notes.Select(n => $"{c.Name}: {n}")).Take(20)) reporter.Warning(note);
        // Proteins the job cannot map are rejected with a reason before any memory is set aside for them.
        var rejected = chains.Select(c => (Chain: c, Reason: Rejection(c))).Where(r => r.Reason is not null).ToList();
        foreach (var (c, reason) in rejected.Take(20)) reporter.Warning($"{c.Name}: {reason}");
        var accepted = chains.Where(c => Rejection(c) is null).ToList();
        if (accepted.Count == 0)
            throw InputException.At(inputPath, null, $"no protein can be mapped: {rejected.Count} rejected; the first: {rejected[0].Chain.Name}: {rejected[0].Reason}");
        reporter.Info($"Predicting contacts of {accepted.Count} protein(s) with a {model.Config.Head.ToString().ToLowerInvariant()}-head model ({directory})" +
                      (rejected.Count > 0 ? $"; {rejected.Count} rejected (see {RejectedFile})" : ""));

        // Everything is written into a hidden staging folder and moved into place at the end, so the output
        // folder only ever shows a complete result; a failure removes the staging folder.
        Directory.CreateDirectory(outputDirectory);
        var staging = Path.Combine(outputDirectory, $".partial-{Environment.ProcessId}");
        Directory.CreateDirectory(staging);
        try
        {
            var scored = new List<ProteinContacts>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int k = 0; k < accepted.Count; k++)
            {
                var p = ContactScoring.Predict(model, vocabulary, accepted[k], device);
                var stem = ContactsTask.Sanitize(p.Chain.Name);
                // Two records with one name get name, name_2, name_3, …: nothing is overwritten.
                for (int copy = 2; !names.Add(stem); copy++) stem = $"{ContactsTask.Sanitize(p.Chain.Name)}_{copy}";
                WriteMatrix(Path.Combine(staging, $"{stem}_probabilities.csv"), p);
                WriteTopPairs(Path.Combine(staging, $"{stem}_top_pairs.csv"), p);
                ContactScoring.MapFigure(Path.Combine(staging, $"{stem}_map.png"), p);
                scored.Add(p.Summary());
                progress?.Invoke(k + 1, accepted.Count);
            }
            if (rejected.Count > 0)
                CsvOutput.Write(Path.Combine(staging, RejectedFile), ["protein", "length", "reason"],
                    rejected.Select(r => (IReadOnlyList<string>)[r.Chain.Name, r.Chain.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Reason!]));
            var summary = Summarize(scored, staging, directory, inputPath, reporter, chains.Count);
            foreach (var file in Directory.GetFiles(staging)) File.Move(file, Path.Combine(outputDirectory, Path.GetFileName(file)), overwrite: true);
            return summary with { OutputDirectory = outputDirectory };
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Proteins rejected by the contacts command, with the reason.</summary>
    public const string RejectedFile = "rejected_proteins.csv";

    /// <summary>Longest protein mapped: its L × L probabilities, sums and counts take 12·L² bytes, and its CSV about 10·L² characters.</summary>
    public const int MaxProteinLength = 5_000;

    /// <summary>Why a chain cannot be mapped (too short to have pairs 6 apart, or too long for bounded memory), or null.</summary>
    public static string? Rejection(ProteinChain chain) => chain.Length switch
    {
        < ContactRanges.MinimumSeparation + 1 => $"{chain.Length} residue(s): too short for contacts (pairs at least {ContactRanges.MinimumSeparation} apart need {ContactRanges.MinimumSeparation + 1} residues)",
        > MaxProteinLength => $"{chain.Length:N0} residues: longer than {MaxProteinLength:N0}, whose map alone would take {12.0 * chain.Length * chain.Length / (1 << 20):N0} MiB; split it into domains",
        _ => null,
    };

    private static ContactsSummary Summarize(List<ProteinContacts> scored, string outputDirectory, string directory, string inputPath, IRunReporter reporter, int proteins)
    {

        var withStructure = scored.Where(p => p.Precisions.Count > 0).ToList();
        JsonObject? precision = null;
        if (withStructure.Count > 0)
        {
            var means = ContactScoring.Means(withStructure);
            precision = ContactScoring.ToJson(means, withStructure.Count);
            CsvOutput.Write(Path.Combine(outputDirectory, ContactsTask.PerProteinFile), ContactScoring.PerProteinHeader(),
                withStructure.Select(p => ContactScoring.PerProteinRow("input", p)));
            EvaluationOutput.Write(outputDirectory, ContactsTask.Kind, directory, inputPath, new JsonObject { ["precision"] = precision },
                ContactScoring.ResultRows("input", means).Select(r => (r.Metric, r.Value)));
            ContactScoring.PrecisionFigure(Path.Combine(outputDirectory, "precision_by_range.png"), means, $"Contact precision ({withStructure.Count} proteins)");
            reporter.Results([.. ContactScoring.ResultRows("input", means)]);
        }
        return new ContactsSummary(proteins, withStructure.Count, outputDirectory, precision);
    }

    /// <summary>
    /// Combines the per-protein precision tables of `contacts --shard` folders into one table (sorted by
    /// protein) and recomputes the means over all proteins — the same numbers one unsharded run reports,
    /// since proteins are predicted independently. Writes contacts_per_protein.csv and metrics.csv.
    /// </summary>
    /// <returns>The number of proteins with a structure.</returns>
    public static int MergeShards(string outputDirectory, IReadOnlyList<string> shardDirectories, bool overwrite = false)
    {
        if (shardDirectories.Count == 0) throw new InputException("name the shard folders to merge");
        OutputFile.CheckFolder(outputDirectory, overwrite);
        IReadOnlyList<string>? header = null;
        var rows = new List<string[]>();
        foreach (var folder in shardDirectories)
        {
            var csv = Reports.SavedCsv.Read(Path.Combine(folder, ContactsTask.PerProteinFile));
            if (header is null) header = csv.Header;
            else if (!header.SequenceEqual(csv.Header)) throw InputException.At(csv.Path, 1, "its columns differ from the first shard's");
            rows.AddRange(csv.Rows);
        }
        int protein = header!.ToList().IndexOf("protein");
        var duplicate = rows.GroupBy(r => r[protein]).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InputException($"protein {duplicate.Key} is in two shard folders: merge the shards of one split");
        rows = [.. rows.OrderBy(r => r[protein], StringComparer.Ordinal)];
        CsvOutput.Write(Path.Combine(outputDirectory, ContactsTask.PerProteinFile), header!, rows.Select(r => (IReadOnlyList<string>)r));
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
