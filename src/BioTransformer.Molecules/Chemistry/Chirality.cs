namespace BioTransformer.Molecules.Chemistry;

/// <summary>Stereo tag of an atom, relative to its neighbours in <see cref="Atom.StereoNeighbors"/> order.</summary>
public enum Chirality : byte
{
    None,

    /// <summary>'@' (or @TH1): looking from the first neighbour, the others run anticlockwise.</summary>
    CounterClockwise,

    /// <summary>'@@' (or @TH2): looking from the first neighbour, the others run clockwise.</summary>
    Clockwise,

    /// <summary>Allene-like, square-planar, trigonal-bipyramidal or octahedral classes (@AL, @SP, @TB, @OH): parsed and kept, not canonicalised.</summary>
    Other,
}
