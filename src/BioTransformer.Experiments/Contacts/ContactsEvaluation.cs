using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Experiments.Contacts;

/// <summary>`evaluate` on a contacts model: precision by range and depth over the file's structures, and per protein.</summary>
internal static class ContactsEvaluation
{
    public static EvaluationResult Evaluate(EvaluateJob.Request request, string directory, TorchSharp.torch.Device device)
    {
        var (metrics, rows) = Compute(directory, request, device);
        return new EvaluationResult(metrics, rows);
    }

    private static (JsonObject, List<(string Metric, double Value)>) Compute(string directory, EvaluateJob.Request request, TorchSharp.torch.Device device)
    {
        var (model, vocabulary) = ContactsTask.LoadModel(directory, device);
        using var _ = model;
        var chains = StructureFiles.Read(request.DataPath).Where(c => c.HasStructure).ToList();
        if (chains.Count == 0) throw InputException.At(request.DataPath, null, "no protein chain with coordinates", "evaluate contacts on structures: JSON lines, PDB or mmCIF");
        var scored = chains.Select(c => ContactScoring.Predict(model, vocabulary, c, device).Summary()).ToList();
        var means = ContactScoring.Means(scored);
        Directory.CreateDirectory(request.OutputDirectory);
        CsvOutput.Write(Path.Combine(request.OutputDirectory, ContactsTask.PerProteinFile), ContactScoring.PerProteinHeader(),
            scored.Select(p => ContactScoring.PerProteinRow("file", p)));
        return (new JsonObject { ["precision"] = ContactScoring.ToJson(means, scored.Count) },
            [.. ContactScoring.ResultRows("file", means).Select(r => (r.Metric, r.Value))]);
    }
}
