using System.Text;

namespace BioTransformer.Experiments.Manifests;

/// <summary>
/// Closed sets of manifest values are C# enums, written in manifests as snake_case text: ScaffoldBalanced is
/// "scaffold_balanced", Smiles is "smiles". Binding turns the text into the enum once, when the manifest
/// loads; code compares enums, never strings.
/// </summary>
public static class ManifestEnums
{
    /// <summary>The manifest text of an enum value.</summary>
    public static string Text(Enum value)
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>Every allowed text of an enum type, in declaration order.</summary>
    public static IReadOnlyList<string> Texts(Type type) => [.. Enum.GetValues(type).Cast<Enum>().Select(Text)];

    /// <summary>The enum value a manifest text names, or null when it names none.</summary>
    public static object? Parse(Type type, string text) =>
        Enum.GetValues(type).Cast<Enum>().FirstOrDefault(v => Text(v) == text);

    public static T Parse<T>(string text) where T : struct, Enum =>
        (T?)Parse(typeof(T), text) ?? throw new ArgumentException($"'{text}' is not one of {string.Join(", ", Texts(typeof(T)))}");
}
