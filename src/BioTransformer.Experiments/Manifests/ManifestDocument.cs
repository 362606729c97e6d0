using BioTransformer.Core;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// A parsed manifest before binding: the TOML values (Tomlyn's model) and, for every dotted key path,
/// where it was written (from Tomlyn's syntax tree) so errors can name the line.
/// </summary>
public sealed class ManifestDocument
{
    private readonly Dictionary<string, KeyLocation> locations = new(StringComparer.Ordinal);

    private ManifestDocument(string source, TomlTable values)
    {
        Source = source;
        Values = values;
    }

    /// <summary>The manifest file's path as given.</summary>
    public string Source { get; }

    public TomlTable Values { get; }

    /// <summary>Largest manifest read (characters): a manifest is a page of settings.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Deepest nesting of arrays, inline tables or dotted keys: Tomlyn's parser recurses, and 100,000 levels overflow its stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses TOML text; a syntax error names the file, line and column.</summary>
    public static ManifestDocument Parse(string text, string source)
    {
        if (text.Length > MaxLength)
            throw InputException.At(source, null, $"the manifest is {text.Length:N0} characters, more than {MaxLength:N0}", "is this a manifest? manifests are a page of settings");
        if (Deepest(text) is { Depth: > MaxDepth } deep)
            throw InputException.At(source, deep.Line, $"values nested more than {MaxDepth} levels deep", "manifests need a few levels at most; is the file damaged?");
        Tomlyn.Syntax.DocumentSyntax syntax;
        try
        {
            syntax = SyntaxParser.Parse(text, source, validate: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // Tomlyn lets a few malformed escapes (e.g. a lone surrogate) out as plain exceptions.
            throw InputException.At(source, null, $"TOML syntax error: {e.Message.Split('\n')[0]}", "see https://toml.io for the syntax");
        }
        if (syntax.HasErrors)
        {
            var error = syntax.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw InputException.At(source, error.Span.Start.Line + 1,
                $"TOML syntax error at column {error.Span.Start.Column + 1}: {error.Message}", "see https://toml.io for the syntax");
        }
        TomlTable values;
        try
        {
            values = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { SourceName = source })!;
        }
        catch (TomlException e)
        {
            throw InputException.At(source, e.Line, $"TOML error: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw InputException.At(source, null, $"TOML error: {e.Message.Split('\n')[0]}", "see https://toml.io for the syntax");
        }
        var document = new ManifestDocument(source, values);
        document.RecordLocations(syntax);
        return document;
    }

    /// <summary>Where the key at this dotted path was written, or the file itself when unknown.</summary>
    public KeyLocation LocationOf(string path) =>
        locations.TryGetValue(path, out var location) ? location : new KeyLocation(Source, null);

    /// <summary>
    /// Applies a command-line override "a.b.c=value". The value is read as a TOML value
    /// (5, 1e-3, true, "text", [1, 2]); anything that is not valid TOML is taken as a plain string,
    /// so paths need no quotes.
    /// </summary>
    public void ApplyOverride(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new InputException($"--set {assignment}: expected key=value, e.g. --set train.epochs=5");
        var path = assignment[..eq].Trim();
        var text = assignment[(eq + 1)..].Trim();
        var parts = path.Split('.');
        if (parts.Any(p => p.Length == 0)) throw new InputException($"--set {assignment}: '{path}' is not a valid key path");

        object value = text;
        try
        {
            var parsed = TomlSerializer.Deserialize<TomlTable>($"v = {text}");
            if (parsed is not null && parsed.TryGetValue("v", out var v) && v is not null) value = v;
        }
        catch (TomlException)
        {
            // not a TOML value: keep the text as a string
        }

        var table = Values;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (!table.TryGetValue(parts[i], out var child))
            {
                child = new TomlTable();
                table[parts[i]] = child;
            }
            table = child as TomlTable
                ?? throw new InputException($"--set {assignment}: '{string.Join('.', parts[..(i + 1)])}' is a value, not a table");
        }
        table[parts[^1]] = value;
        var location = new KeyLocation(Source, null, assignment);
        for (int i = 1; i <= parts.Length; i++) locations[string.Join('.', parts[..i])] = location;
    }

    private void RecordLocations(DocumentSyntax syntax)
    {
        foreach (var kv in syntax.KeyValues) RecordKeyValue([], kv);
        foreach (var table in syntax.Tables)
        {
            var prefix = table.Name is null ? [] : KeyParts(table.Name);
            Record(prefix, table.Span.Start.Line);
            foreach (var kv in table.Items) RecordKeyValue(prefix, kv);
        }
    }

    private void RecordKeyValue(IReadOnlyList<string> prefix, KeyValueSyntax kv)
    {
        if (kv.Key is null) return;
        var path = prefix.Concat(KeyParts(kv.Key)).ToList();
        int line = kv.Span.Start.Line;
        for (int i = prefix.Count + 1; i <= path.Count; i++) Record(path.Take(i).ToList(), line);
        if (kv.Value is InlineTableSyntax inline)
            foreach (var item in inline.Items)
                if (item.KeyValue is not null) RecordKeyValue(path, item.KeyValue);
    }

    private void Record(IReadOnlyList<string> path, int zeroBasedLine)
    {
        var key = string.Join('.', path);
        locations.TryAdd(key, new KeyLocation(Source, zeroBasedLine + 1));
    }

    private static List<string> KeyParts(KeySyntax key)
    {
        var parts = new List<string> { PartText(key.Key) };
        foreach (var dotted in key.DotKeys) parts.Add(PartText(dotted.Key));
        return parts;
    }

    private static string PartText(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    /// <summary>
    /// The deepest nesting of '[' and '{' (arrays, inline tables, table headers) and of dots in a key, outside
    /// strings and comments, with the line where it occurs. A scan, not a parse: it only has to be an upper
    /// bound good enough to refuse hostile files before the recursive parser sees them.
    /// </summary>
    private static (int Depth, int Line) Deepest(string text)
    {
        int depth = 0, deepest = 0, deepestLine = 1, line = 1, dots = 0;
        bool inValue = false;   // after a key's '=' on this line: dots are decimal points, not key levels
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    dots = 0;
                    if (depth == 0) inValue = false;
                    break;
                case '=' when depth == 0:
                    inValue = true;
                    break;
                case '#':
                    while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                    break;
                case '"' or '\'':
                    bool triple = i + 2 < text.Length && text[i + 1] == c && text[i + 2] == c;
                    string close = triple ? new string(c, 3) : c.ToString();
                    int end = text.IndexOf(close, i + (triple ? 3 : 1), StringComparison.Ordinal);
                    // A basic string may escape its quote; skip escaped ones.
                    while (c == '"' && end > 0 && text[end - 1] == '\\' && !triple) end = text.IndexOf(close, end + 1, StringComparison.Ordinal);
                    if (end < 0) return (Math.Max(depth, deepest), deepestLine);
                    line += text.AsSpan(i, end - i).Count('\n');
                    i = end + close.Length - 1;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '.' when !inValue:
                    dots++;
                    break;
            }
            if (depth + dots > deepest)
            {
                deepest = depth + dots;
                deepestLine = line;
            }
        }
        return (deepest, deepestLine);
    }
}
