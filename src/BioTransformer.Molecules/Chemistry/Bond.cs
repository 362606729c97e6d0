namespace BioTransformer.Molecules.Chemistry;

/// <summary>Direction of a single bond next to a double bond ('/' or '\'), read from <see cref="Bond.Begin"/> to <see cref="Bond.End"/>.</summary>
public enum BondDirection : sbyte
{
    Down = -1,
    None = 0,
    Up = 1,
}

/// <summary>A bond of a <see cref="Molecule"/> between atom indices <see cref="Begin"/> and <see cref="End"/>.</summary>
public sealed class Bond
{
    public Bond(int begin, int end, BondType type)
    {
        Begin = begin;
        End = end;
        Type = type;
    }

    public int Begin { get; internal set; }

    public int End { get; internal set; }

    public BondType Type { get; set; }

    /// <summary>Whether the bond belongs to an aromatic system (after perception, or as written).</summary>
    public bool Aromatic { get; set; }

    /// <summary>'/' (Up) or '\' (Down) as written from Begin to End.</summary>
    public BondDirection Direction { get; set; }

    public int Other(int atom) => atom == Begin ? End : Begin;

    /// <summary>The direction read from <paramref name="from"/> towards the other atom.</summary>
    public BondDirection DirectionFrom(int from) => from == Begin ? Direction : (BondDirection)(-(int)Direction);

    public Bond Clone() => (Bond)MemberwiseClone();
}
