using System.Globalization;
using System.Text;
using BioTransformer.Experiments.Tasks;

namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// The reference of every manifest key, written from the manifest records themselves (keys, defaults,
/// documentation, allowed values): docs/manifest-keys.md is this text, and a test keeps it current.
/// </summary>
public static class ManifestReference
{
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("# Manifest keys");
        text.AppendLine();
        text.AppendLine("Every key a manifest (`schema = 1`) may hold, with its default and what it accepts. Generated from the");
        text.AppendLine("manifest records by `ManifestReference` (a test checks that this file is current). See docs/manifest.md");
        text.AppendLine("for how manifests, overrides and run directories work.");
        text.AppendLine();
        Table(text, "Top level", typeof(Manifest), new Manifest(), "");
        foreach (var property in ManifestSchema.PropertiesOf(typeof(Manifest)).Where(p => p.IsTable))
            Table(text, $"[{property.Key.Name}]: {property.Key.Doc}", property.SectionType!, property.Info.GetValue(new Manifest())!, property.Key.Name + ".");
        foreach (var task in TaskRegistry.All)
            Table(text, $"[{task.Name}]: task = \"{task.Name}\", {task.Summary}", task.SectionType, task.Resolve(Activator.CreateInstance(task.SectionType)!), task.Name + ".");
        return text.ToString();
    }

    private static void Table(StringBuilder text, string title, Type type, object defaults, string prefix)
    {
        text.AppendLine($"## {title}");
        text.AppendLine();
        text.AppendLine("| key | default | accepts | meaning |");
        text.AppendLine("|---|---|---|---|");
        foreach (var property in ManifestSchema.PropertiesOf(type).Where(p => !p.IsTable))
        {
            var value = property.Info.GetValue(defaults);
            var doc = property.Key.Doc.Replace(Manifest.TaskList, TaskRegistry.Describe());
            text.AppendLine($"| `{prefix}{property.Key.Name}` | {Default(property, value)} | {Accepts(property)} | {Cell(doc)} |");
        }
        text.AppendLine();
    }

    private static string Default(ManifestProperty property, object? value)
    {
        if (property.IsRequired) return "required";
        var written = ManifestWriter.FormatValue(value);
        return written is "\"\"" or "[]" ? "(empty)" : $"`{Cell(written)}`";
    }

    private static string Accepts(ManifestProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.Info.PropertyType) ?? property.Info.PropertyType;
        if (property.Info.DeclaringType == typeof(Manifest) && property.Info.Name == nameof(Manifest.Task))
            return string.Join(", ", TaskRegistry.All.Select(t => $"`\"{t.Name}\"`"));
        if (type.IsEnum) return string.Join(", ", ManifestEnums.Texts(type).Select(t => $"`\"{t}\"`"));
        if (property.OneOf is { } oneOf) return string.Join(", ", oneOf.Values.Select(v => v.Length == 0 ? "(empty)" : $"`\"{v}\"`"));
        var kind = type == typeof(int) ? "integer" : type == typeof(double) ? "number" : type == typeof(bool) ? "true or false"
            : type == typeof(string) ? (property.IsPath ? "path" : "text") : "list";
        if (property.Range is { } range) kind += $" {Number(range.Min)} to {Number(range.Max)}";
        if (property.Pattern is { } pattern) kind += $" ({Cell(pattern.Description)})";
        return kind;
    }

    private static string Number(double value) =>
        value >= int.MaxValue ? "any" : value <= int.MinValue ? "any" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
