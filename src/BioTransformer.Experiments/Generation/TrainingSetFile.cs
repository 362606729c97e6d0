using System.IO.Compression;
using BioTransformer.Core;

namespace BioTransformer.Experiments.Generation;

/// <summary>
/// The canonical SMILES of a generation model's training split, saved in its model directory
/// (gzip, one a line) so that `generate` can flag novel molecules without the original data.
/// </summary>
public static class TrainingSetFile
{
    public const string FileName = "training_set.smi.gz";

    public static void Write(string modelDirectory, IEnumerable<string> canonical)
    {
        Directory.CreateDirectory(modelDirectory);
        AtomicFile.Write(Path.Combine(modelDirectory, FileName), temp =>
        {
            using var file = File.Create(temp);
            using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            using var writer = new StreamWriter(gzip) { NewLine = "\n" };
            foreach (var s in canonical.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) writer.WriteLine(s);
        });
    }

    public static HashSet<string> Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path))
            throw InputException.At(modelDirectory, null, $"no {FileName} in the model directory", "novelty needs the training set of a generation run; pass a run trained by this version");
        using var reader = new StreamReader(Core.IO.DataFile.OpenRead(path));
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            if (line.Length > 0) set.Add(line);
        return set;
    }
}
