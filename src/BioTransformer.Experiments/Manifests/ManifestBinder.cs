using BioTransformer.Core;
using Tomlyn.Model;

namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// Binds a <see cref="ManifestDocument"/> to manifest records, strictly: an unknown key, a value of the
/// wrong type, a value out of range or not among the allowed ones, or a missing required key is an
/// <see cref="InputException"/> naming the file, line and key. Absent keys keep the record's default.
/// </summary>
public static class ManifestBinder
{
    public static T Bind<T>(ManifestDocument document) where T : new() =>
        (T)BindTable(typeof(T), document.Values, "", document);

    /// <summary>Binds one table (e.g. a task's [property]) to its record type, under the dotted <paramref name="prefix"/>.</summary>
    public static object BindSection(Type type, object? value, string prefix, ManifestDocument document) =>
        value is TomlTable table ? BindTable(type, table, prefix, document)
            : throw Error(document, prefix, $"'{prefix}' must be a table ([{prefix}]), not {Describe(value)}");

    private static object BindTable(Type type, TomlTable table, string prefix, ManifestDocument document)
    {
        var instance = Activator.CreateInstance(type)!;
        var properties = ManifestSchema.PropertiesOf(type);
        foreach (var (key, value) in table)
        {
            var path = Join(prefix, key);
            var property = properties.FirstOrDefault(p => p.Key.Name == key)
                ?? throw Error(document, path, $"unknown key '{path}'", Suggestion(key, prefix, properties));
            property.Info.SetValue(instance, Convert(property, value, path, document));
        }
        foreach (var property in properties.Where(p => p.IsRequired && !table.ContainsKey(p.Key.Name)))
        {
            var path = Join(prefix, property.Key.Name);
            throw Error(document, prefix, $"missing required key '{path}'", $"add it: {property.Key.Doc}");
        }
        return instance;
    }

    private static object? Convert(ManifestProperty property, object? value, string path, ManifestDocument document)
    {
        if (property.SectionType is { } sectionType)
            return value is TomlTable table
                ? BindTable(sectionType, table, path, document)
                : throw Error(document, path, $"'{path}' must be a table ([{path}]), not {Describe(value)}");

        var type = property.Info.PropertyType;
        object? result = type switch
        {
            _ when type == typeof(int) => AsInteger(value, path, document),
            _ when type == typeof(double) => AsNumber(value, path, document),
            _ when type == typeof(bool) => value is bool b ? b : throw WrongType(document, path, "true or false", value),
            _ when type == typeof(string) => value is string s ? s : throw WrongType(document, path, "a string", value),
            _ when type == typeof(IReadOnlyList<string>) => AsArray<string>(value, path, document, "an array of strings",
                item => item as string),
            _ when type == typeof(IReadOnlyList<double>) => AsArray<double>(value, path, document, "an array of numbers",
                item => item is long or double ? System.Convert.ToDouble(item) : null),
            _ when type == typeof(IReadOnlyList<int>) => AsArray<int>(value, path, document, "an array of integers",
                item => item is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null),
            _ when type.IsEnum => value is string text
                ? ManifestEnums.Parse(type, text) ?? throw Error(document, path, $"'{path}' = \"{InputException.Abbreviate(text, 60)}\" is not allowed",
                    $"use one of: {string.Join(", ", ManifestEnums.Texts(type).Select(v => $"\"{v}\""))}")
                : throw WrongType(document, path, $"one of {string.Join(", ", ManifestEnums.Texts(type).Select(v => $"\"{v}\""))}", value),
            _ => throw new InvalidOperationException($"manifest key '{path}' has unsupported type {type}"),
        };
        Check(property, result, path, document);
        return result;
    }

    private static void Check(ManifestProperty property, object? value, string path, ManifestDocument document)
    {
        if (property.Range is { } range)
        {
            IEnumerable<double> numbers = value switch
            {
                int i => [i],
                double d => [d],
                IReadOnlyList<double> list => list,
                IReadOnlyList<int> list => list.Select(i => (double)i),
                _ => [],
            };
            foreach (var x in numbers)
                if (double.IsNaN(x) || x < range.Min || x > range.Max)
                    throw Error(document, path, $"'{path}' = {Format(x)} is out of range", $"allowed: {Format(range.Min)} to {Format(range.Max)}");
        }
        // No manifest value may hold a control character: a newline in a name or path would become a line of a
        // generated Slurm script, a tab or escape code would garble file names and logs.
        IEnumerable<string> strings = value switch
        {
            string one => [one],
            IReadOnlyList<string> list => list,
            _ => [],
        };
        foreach (var s in strings) RejectControlCharacters(document, path, s);
        if (property.Pattern is { } pattern && value is string patterned && patterned.Length > 0 && !pattern.Regex.IsMatch(patterned))
            throw Error(document, path, $"'{path}' = \"{InputException.Abbreviate(patterned, 60)}\" is not allowed", pattern.Description);
        if (property.OneOf is { } oneOf && value is string text && !oneOf.Values.Contains(text))
            throw Error(document, path, $"'{path}' = \"{text}\" is not allowed",
                $"use one of: {string.Join(", ", oneOf.Values.Where(v => v.Length > 0).Select(v => $"\"{v}\""))}");
    }

    /// <summary>The one-line error of a value holding a control character (shown escaped, so the error stays one line).</summary>
    internal static void RejectControlCharacters(ManifestDocument document, string path, string value)
    {
        int control = value.AsSpan().IndexOfAny(ControlCharacters);
        if (control >= 0)
            throw Error(document, path, $"'{path}' holds a control character (U+{(int)value[control]:X4})", "manifest values are one line of printable text");
    }

    private static readonly System.Buffers.SearchValues<char> ControlCharacters =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(i => (char)i), .. Enumerable.Range(0x7f, 0x21).Select(i => (char)i)]);

    private static int AsInteger(object? value, string path, ManifestDocument document) => value switch
    {
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        long l => throw Error(document, path, $"'{path}' = {l} is too large"),
        _ => throw WrongType(document, path, "an integer", value),
    };

    private static double AsNumber(object? value, string path, ManifestDocument document) => value switch
    {
        long l => l,
        double d => d,
        _ => throw WrongType(document, path, "a number", value),
    };

    /// <param name="item">The element converted, or null when it has the wrong type.</param>
    private static IReadOnlyList<T> AsArray<T>(object? value, string path, ManifestDocument document, string expected, Func<object?, object?> item)
    {
        if (value is not TomlArray array) throw WrongType(document, path, expected, value);
        var list = new List<T>(array.Count);
        foreach (var element in array)
            list.Add((T)(item(element) ?? throw WrongType(document, path, expected, value)));
        return list;
    }

    private static InputException WrongType(ManifestDocument document, string path, string expected, object? actual) =>
        Error(document, path, $"'{path}' must be {expected}, not {Describe(actual)}");

    private static InputException Error(ManifestDocument document, string path, string what, string? hint = null)
    {
        var location = document.LocationOf(path);
        var where = location.ToString();
        return new InputException(hint is null ? $"{where}: {what}" : $"{where}: {what} ({hint})");
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"the string \"{s}\"",
        long l => $"the integer {l}",
        double d => $"the number {Format(d)}",
        bool b => b ? "true" : "false",
        TomlArray => "an array",
        TomlTable => "a table",
        _ => $"a {value.GetType().Name}",
    };

    private static string Format(double x) => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    private static string Suggestion(string key, string prefix, IReadOnlyList<ManifestProperty> properties)
    {
        var names = properties.Select(p => p.Key.Name).ToList();
        var closest = names.OrderBy(n => EditDistance(n, key)).FirstOrDefault();
        var where = prefix.Length == 0 ? "at the top level" : $"in [{prefix}]";
        var known = $"known keys {where}: {string.Join(", ", names)}";
        return closest is not null && EditDistance(closest, key) <= Math.Max(2, key.Length / 3)
            ? $"did you mean '{closest}'? {known}"
            : known;
    }

    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
