namespace BioTransformer.Experiments.Manifests;

/// <summary>Binds a manifest record property to a TOML key and documents it (the doc is written as a
/// comment into resolved manifests).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class KeyAttribute(string name, string doc) : Attribute
{
    public string Name { get; } = name;
    public string Doc { get; } = doc;
}

/// <summary>Inclusive numeric range of a key (applies to every element of a numeric array).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;
    public double Max { get; } = max;
}

/// <summary>The allowed values of a string key.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>A key that must be given (there is no sensible default).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;

/// <summary>
/// A file or folder path. Relative paths are resolved against the manifest's folder when loading and
/// written relative to the destination folder when saving, so a resolved manifest runs as is.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PathKeyAttribute : Attribute;

/// <summary>
/// A string key whose value must match a strict pattern: names that become folder and job names, and values
/// written into Slurm scripts, where a space, quote or newline could change what runs.
/// </summary>
/// <param name="pattern">A .NET regular expression the whole value must match (an empty value is allowed when the key is optional).</param>
/// <param name="description">What is allowed, in words, for the error message.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string pattern, string description) : Attribute
{
    public System.Text.RegularExpressions.Regex Regex { get; } = new($"^(?:{pattern})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    public string Description { get; } = description;

    /// <summary>Letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters.</summary>
    public const string SafeName = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
}
