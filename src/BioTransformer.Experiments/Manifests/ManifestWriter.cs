using BioTransformer.Experiments.Tasks;
using System.Globalization;
using System.Text;

namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// Writes a manifest as TOML with every key (defaults included), each under a comment saying what it
/// does. Paths are written relative to the folder the file will live in, so the file runs as is.
/// Loading the output gives back the same manifest.
/// </summary>
public static class ManifestWriter
{
    public static string Write(Manifest manifest, string destinationDirectory, string? header = null)
    {
        var text = new StringBuilder();
        if (header is not null)
            foreach (var line in header.Split('\n')) text.AppendLine(line.Length == 0 ? "#" : $"# {line}");
        // The task's own table follows [model], where the tables of the four first tasks always stood.
        var task = TaskRegistry.For(manifest.Task);
        (string, string, object, string)? taskTable = manifest.TaskSection is null ? null : (task.Name, $"{task.Summary} (task = \"{task.Name}\")", manifest.TaskSection, "model");
        WriteTable(text, manifest, "", Path.GetFullPath(destinationDirectory), taskTable);
        return text.ToString();
    }

    private static void WriteTable(StringBuilder text, object record, string prefix, string destination,
        (string Name, string Doc, object Value, string After)? extra = null)
    {
        var properties = ManifestSchema.PropertiesOf(record.GetType());
        foreach (var property in properties.Where(p => !p.IsTable))
        {
            var value = property.Info.GetValue(record);
            if (property.IsPath && value is string { Length: > 0 } path) value = Relative(path, destination);
            text.Append("# ").AppendLine(property.Key.Doc.Replace(Manifest.TaskList, TaskRegistry.Describe()));
            text.Append(property.Key.Name).Append(" = ").AppendLine(FormatValue(value));
        }
        foreach (var property in properties.Where(p => p.IsTable))
        {
            var value = property.Info.GetValue(record);
            if (value is not null) Table(property.Key.Name, property.Key.Doc, value);
            if (extra is { } table && property.Key.Name == table.After) Table(table.Name, table.Doc, table.Value);
        }

        void Table(string key, string doc, object value)
        {
            var name = prefix.Length == 0 ? key : $"{prefix}.{key}";
            text.AppendLine().Append("# ").AppendLine(doc);
            text.Append('[').Append(name).AppendLine("]");
            WriteTable(text, value, name, destination);
        }
    }

    private static string Relative(string path, string destination) =>
        Path.GetRelativePath(destination, path).Replace('\\', '/');

    internal static string FormatValue(object? value) => value switch
    {
        string s => Quote(s),
        Enum e => Quote(ManifestEnums.Text(e)),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        IReadOnlyList<string> list => "[" + string.Join(", ", list.Select(Quote)) + "]",
        IReadOnlyList<double> list => "[" + string.Join(", ", list.Select(FormatDouble)) + "]",
        IReadOnlyList<int> list => "[" + string.Join(", ", list.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]",
        _ => throw new InvalidOperationException($"cannot write a {value?.GetType().Name ?? "null"} to TOML"),
    };

    /// <summary>Shortest round-trip form, always with a '.' or exponent so TOML reads a float.</summary>
    private static string FormatDouble(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s.Replace("E", "e") : s + ".0";
    }

    private static string Quote(string s)
    {
        var escaped = new StringBuilder("\"");
        foreach (var c in s)
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        return escaped.Append('"').ToString();
    }
}
