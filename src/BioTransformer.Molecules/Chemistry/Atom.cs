namespace BioTransformer.Molecules.Chemistry;

/// <summary>
/// An atom of a <see cref="Molecule"/>. Fields set by the parser describe what was written; the
/// computed ones (implicit hydrogens, radicals, ring membership) are filled by sanitization.
/// </summary>
public sealed class Atom
{
    /// <summary>Atomic number; 0 for the wildcard '*'.</summary>
    public int Element { get; set; }

    /// <summary>Mass number, 0 when not written.</summary>
    public int Isotope { get; set; }

    public int Charge { get; set; }

    /// <summary>Hydrogens written inside brackets ([CH3] has 3) or moved onto the atom from explicit [H] atoms.</summary>
    public int ExplicitHydrogens { get; set; }

    /// <summary>Bracket atoms get no implicit hydrogens: they state their own count.</summary>
    public bool NoImplicit { get; set; }

    public bool Aromatic { get; set; }

    public Chirality Chirality { get; set; }

    /// <summary>The written tag of a non-tetrahedral class, e.g. "@SP1"; null otherwise.</summary>
    public string? ChiralClass { get; set; }

    /// <summary>Atom-map class written after ':' in brackets; 0 when none.</summary>
    public int AtomClass { get; set; }

    /// <summary>Hydrogens implied by the valence model (organic-subset atoms only).</summary>
    public int ImplicitHydrogens { get; set; }

    public int RadicalElectrons { get; set; }

    /// <summary>0-based position of the atom's first character in the SMILES it was read from.</summary>
    public int Position { get; set; }

    /// <summary>Whether the atom was written in brackets.</summary>
    public bool Bracket { get; set; }

    public int TotalHydrogens => ExplicitHydrogens + ImplicitHydrogens;

    /// <summary>
    /// Neighbours in the order the stereo tag refers to: atom indices, with -1 standing for the atom's
    /// own hydrogen ([C@H]). Filled by the parser for atoms with a tetrahedral tag.
    /// </summary>
    public List<int>? StereoNeighbors { get; set; }

    public Atom Clone()
    {
        var copy = (Atom)MemberwiseClone();
        if (StereoNeighbors is not null) copy.StereoNeighbors = [.. StereoNeighbors];
        return copy;
    }
}
