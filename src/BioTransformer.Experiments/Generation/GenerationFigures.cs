using System.Globalization;
using BioTransformer.Experiments.Reports;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Generation;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Generation;

/// <summary>A generation run's figures from its saved samples: property histograms generated vs training, conditioning.</summary>
internal static class GenerationFigures
{
    public static void Draw(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        PropertyHistograms(run, output, format, figures);
        Conditioning(run, output, format, figures);
    }

    private static void PropertyHistograms(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var samplesPath = run.File(GenerationTask.SamplesFile);
        var trainingPath = Path.Combine(run.Directory, "model", TrainingSetFile.FileName);
        if (!File.Exists(samplesPath) || !File.Exists(trainingPath)) return;
        var samples = SavedCsv.Read(samplesPath);
        var valid = samples.Numbers("valid");
        // The training molecules' descriptors are recomputed from the saved canonical training set.
        var training = TrainingSetFile.Read(Path.GetDirectoryName(trainingPath)!).Order(StringComparer.Ordinal).AsParallel().AsOrdered()
            .Select(s => Smiles.TryParse(s, out var m, out _) ? GenerationMetrics.Properties(m!) : null).Where(p => p is not null).ToList();
        for (int p = 0; p < GenerationMetrics.PropertyNames.Count; p++)
        {
            var name = GenerationMetrics.PropertyNames[p];
            var generated = samples.Numbers(name).Where((v, i) => valid[i] == 1 && double.IsFinite(v)).ToList();
            var label = GenerationTask.PropertyLabel(name);
            figures.Add(new FigureFile($"{label} of valid generated molecules (n = {generated.Count:N0}) and of the training set (n = {training.Count:N0}), as densities on shared bins.",
                Figures.Histograms(output($"property_{name}.png"), [("training set", training.Select(v => v![p]).ToList()), ("generated", generated)],
                    label, "Generated vs training set", output: format)));
        }
    }

    private static void Conditioning(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures)
    {
        var path = run.File(GenerationTask.ConditioningSamplesFile);
        var property = run.Metrics["conditioning"]?["property"]?.GetValue<string>();
        if (!File.Exists(path) || property is null) return;
        var csv = SavedCsv.Read(path);
        var requested = csv.Numbers("requested");
        var achieved = csv.Numbers("achieved");
        var groups = requested.Distinct().Select(value => ($"{property} = {value.ToString("G4", CultureInfo.InvariantCulture)} requested",
            (IReadOnlyList<double>)achieved.Where((a, i) => requested[i] == value && double.IsFinite(a)).ToList())).ToList();
        if (groups.All(g => g.Item2.Count == 0)) return;   // a data column condition: nothing can be measured on new molecules
        var label = GenerationTask.PropertyLabel(property);
        figures.Add(new FigureFile($"{label} achieved by valid molecules sampled at each requested value.",
            Figures.Histograms(output("conditioning.png"), groups, label, $"Molecules sampled per requested {property}", output: format)));
    }
}
