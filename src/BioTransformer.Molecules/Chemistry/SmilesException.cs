namespace BioTransformer.Molecules.Chemistry;

/// <summary>Why a SMILES string does not describe a valid molecule.</summary>
public enum SmilesErrorKind
{
    /// <summary>Not OpenSMILES: an unexpected character, a misplaced bond or parenthesis.</summary>
    Syntax,

    /// <summary>A ring-closure digit that is opened but never closed, or closes onto its own atom.</summary>
    RingClosure,

    /// <summary>A '(' without ')' or the reverse.</summary>
    Branch,

    /// <summary>An atom with more bonds (or hydrogens) than any allowed valence for its element and charge.</summary>
    Valence,

    /// <summary>Aromatic atoms whose bonds cannot be assigned alternating single and double bonds.</summary>
    Kekulization,

    /// <summary>An atom written aromatic that is not in a ring.</summary>
    AromaticOutsideRing,
}

/// <summary>
/// A SMILES that is not a valid molecule, with the kind of problem and the 0-based position of the
/// character where it was found (the atom's first character for chemistry problems).
/// </summary>
public sealed class SmilesException : Exception
{
    public SmilesException(string smiles, int position, SmilesErrorKind kind, string reason)
        : base($"{reason} at position {position + 1} of '{(smiles.Length <= 120 ? smiles : smiles[..117] + "...")}'")
    {
        Smiles = smiles;
        Position = position;
        Kind = kind;
        Reason = reason;
    }

    public string Smiles { get; }

    public int Position { get; }

    public SmilesErrorKind Kind { get; }

    public string Reason { get; }
}
