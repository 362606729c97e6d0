using System.Text.Json;
using BioTransformer.Core;
using BioTransformer.Core.Tokenization;

namespace BioTransformer.Proteins.Structures;

/// <summary>
/// The project's structure format: one JSON object a line with <c>id</c>, <c>chain</c>, <c>seq</c>,
/// <c>ca</c> and <c>cb</c> (flat [x, y, z, ...] in Å, null where unknown) and <c>cluster</c>
/// (the 30%-identity cluster, used to split). Each line is checked; a bad one is an error naming it.
/// </summary>
public static class StructureJsonLines
{
    private static readonly ProteinTokenizer Tokenizer = new();

    public static List<ProteinChain> Read(string path)
    {
        if (!File.Exists(path)) throw InputException.At(path, null, "file not found");
        var chains = new List<ProteinChain>();
        try
        {
            using var reader = new BioTransformer.Core.IO.LineReader(CoordinateFiles.Open(path), path);
            int lineNumber = 0;
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                lineNumber++;
                if (line.Length == 0) continue;
                chains.Add(ParseLine(path, lineNumber, line));
            }
        }
        catch (InvalidDataException e)
        {
            throw InputException.At(path, null, $"not a valid gzip file: {e.Message}");
        }
        if (chains.Count == 0) throw InputException.At(path, null, "the file holds no structures");
        return chains;
    }

    public static ProteinChain ParseLine(string path, int line, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw InputException.At(path, line, $"not valid JSON: {e.Message.Split('.')[0]}", "each line must be one JSON object");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw InputException.At(path, line, "expected a JSON object");
            string Text(string name, bool required)
            {
                if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString()!;
                if (required) throw InputException.At(path, line, $"missing string field '{name}'");
                return "";
            }
            var sequence = Text("seq", true);
            try
            {
                sequence = string.Concat(Tokenizer.Tokenize(sequence));
            }
            catch (InvalidSequenceException e)
            {
                throw InputException.At(path, line, $"field 'seq': {e.Message}");
            }
            var ca = Coordinates(path, line, root, "ca", sequence.Length);
            var cb = Coordinates(path, line, root, "cb", sequence.Length);
            return new ProteinChain(Text("id", true), Text("chain", false), sequence, ca, cb ?? ca, Text("cluster", false), []);
        }
    }

    private static float[,]? Coordinates(string path, int line, JsonElement root, string name, int length)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null) return null;
        if (array.ValueKind != JsonValueKind.Array) throw InputException.At(path, line, $"field '{name}' must be an array of numbers");
        int count = array.GetArrayLength();
        if (count != 3 * length)
            throw InputException.At(path, line, $"field '{name}' holds {count} numbers; {length} residues need {3 * length}");
        var result = new float[length, 3];
        int k = 0;
        foreach (var v in array.EnumerateArray())
        {
            float value = v.ValueKind switch
            {
                JsonValueKind.Number => (float)v.GetDouble(),
                JsonValueKind.Null => float.NaN,
                _ => throw InputException.At(path, line, $"field '{name}' item {k + 1} is {v.ValueKind}, not a number"),
            };
            result[k / 3, k % 3] = value;
            k++;
        }
        return result;
    }
}
