namespace BioTransformer.Molecules.Chemistry;

/// <summary>Bond order as written or as perceived.</summary>
public enum BondType : byte
{
    Single = 1,
    Double = 2,
    Triple = 3,
    Quadruple = 4,

    /// <summary>Aromatic (order 1.5): written ':' or implied between two aromatic atoms.</summary>
    Aromatic = 5,
}

/// <summary>Valence contributions of bond types.</summary>
public static class BondTypes
{
    /// <summary>Bond order counted towards an atom's valence (aromatic = 1.5).</summary>
    public static double Valence(this BondType type) => type switch
    {
        BondType.Single => 1,
        BondType.Double => 2,
        BondType.Triple => 3,
        BondType.Quadruple => 4,
        BondType.Aromatic => 1.5,
        _ => 0,
    };
}
