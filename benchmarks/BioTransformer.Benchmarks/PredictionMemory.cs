using BioTransformer.Experiments;
using BioTransformer.Experiments.Property;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Training;
using static TorchSharp.torch;

namespace BioTransformer.Benchmarks;

/// <summary>
/// Resident memory over a long stream of property predictions: the model of a run predicts the molecules
/// of a file in chunks (cycling through the file) until <c>total</c> predictions, with the inference code
/// `predict` uses, and the process's resident set is recorded after every chunk. A leak per batch shows as
/// growth after the first chunks; flat means the memory of a run does not depend on how much it screens.
/// </summary>
public static class PredictionMemory
{
    public sealed record Sample(long Predictions, double ResidentMiB);

    public static IReadOnlyList<Sample> Run(string runDirectory, string file, string column, int total, int chunk, int batchSize, int threads)
    {
        TorchRuntime.SetThreads(threads);
        var directory = Pretrained.ModelDirectory(runDirectory);
        var (model, vocabulary) = BioTransformer.Experiments.Property.PropertyPredictionTask.LoadModel(directory, CPU);
        using var _ = model;
        var domain = model.Config.Domain;
        var data = PreparedData.Read(file, domain, column, [], classification: false, strict: false, model.Config.Backbone.MaxLength, requireLabel: false);
        var ids = data.Tokens.Select(t => vocabulary.Encode(domain, t)).ToList();
        if (ids.Count == 0) throw new ArgumentException($"{file}: no usable molecule");
        var samples = new List<Sample> { new(0, Resident()) };
        long done = 0;
        int offset = 0;
        while (done < total)
        {
            int n = (int)Math.Min(chunk, total - done);
            var slice = Enumerable.Range(0, n).Select(k => ids[(offset + k) % ids.Count]).ToList();
            offset = (offset + n) % ids.Count;
            PropertyPredictor.PredictRaw(model, slice, batchSize, CPU);
            done += n;
            samples.Add(new Sample(done, Resident()));
        }
        return samples;
    }

    private static double Resident() => Environment.WorkingSet / (1024.0 * 1024.0);
}
