using System.Reflection;

namespace BioTransformer.Experiments.Manifests;

/// <summary>A manifest record property with its TOML key and constraints, read from its attributes.</summary>
public sealed record ManifestProperty(PropertyInfo Info, KeyAttribute Key)
{
    public RangeAttribute? Range => Info.GetCustomAttribute<RangeAttribute>();
    public OneOfAttribute? OneOf => Info.GetCustomAttribute<OneOfAttribute>();
    public PatternAttribute? Pattern => Info.GetCustomAttribute<PatternAttribute>();
    public bool IsRequired => Info.GetCustomAttribute<RequiredAttribute>() is not null;
    public bool IsPath => Info.GetCustomAttribute<PathKeyAttribute>() is not null;

    /// <summary>Whether the property is a nested table (another manifest record).</summary>
    public bool IsTable => SectionType is not null;

    /// <summary>The record type of a nested table, or null for a value.</summary>
    public Type? SectionType
    {
        get
        {
            var t = Nullable.GetUnderlyingType(Info.PropertyType) ?? Info.PropertyType;
            return t.IsClass && t != typeof(string) && !t.IsGenericType ? t : null;
        }
    }
}

/// <summary>The keys of manifest records, in declaration order.</summary>
public static class ManifestSchema
{
    public static IReadOnlyList<ManifestProperty> PropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<KeyAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new ManifestProperty(p, p.GetCustomAttribute<KeyAttribute>()!))
            .ToList();
}
