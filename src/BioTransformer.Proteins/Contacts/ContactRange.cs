namespace BioTransformer.Proteins.Contacts;

/// <summary>Sequence-separation classes of residue pairs, as CASP and ESM report contacts.</summary>
public enum ContactRange
{
    /// <summary>6 ≤ |i − j| ≤ 11.</summary>
    Short,

    /// <summary>12 ≤ |i − j| ≤ 23.</summary>
    Medium,

    /// <summary>|i − j| ≥ 24.</summary>
    Long,

    /// <summary>|i − j| ≥ 12: medium and long together, as TAPE reports its contact precision.</summary>
    MediumLong,
}

/// <summary>Separation bounds of each <see cref="ContactRange"/>.</summary>
public static class ContactRanges
{
    public static IReadOnlyList<ContactRange> All { get; } = [ContactRange.Short, ContactRange.Medium, ContactRange.Long, ContactRange.MediumLong];

    /// <summary>Smallest separation scored at all.</summary>
    public const int MinimumSeparation = 6;

    public static (int Min, int Max) Bounds(ContactRange range) => range switch
    {
        ContactRange.Short => (6, 11),
        ContactRange.Medium => (12, 23),
        ContactRange.Long => (24, int.MaxValue),
        _ => (12, int.MaxValue),
    };

    public static string Name(ContactRange range) => range == ContactRange.MediumLong ? "medium_long" : range.ToString().ToLowerInvariant();
}
