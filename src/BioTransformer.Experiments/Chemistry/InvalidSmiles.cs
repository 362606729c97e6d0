namespace BioTransformer.Experiments.Chemistry;

/// <summary>One input row that is not a valid molecule, and why.</summary>
/// <param name="Line">Line of the input file.</param>
/// <param name="Kind">The kind of problem (Syntax, RingClosure, Valence, Kekulization, ...).</param>
/// <param name="Position">1-based character position in the SMILES where it was found; null for an empty row.</param>
/// <param name="Reason">What is wrong, e.g. "N has valence 4, more than allowed (3)".</param>
public sealed record InvalidSmiles(int Line, string Smiles, string Kind, int? Position, string Reason)
{
    public override string ToString() => Position is { } p ? $"line {Line}: {Reason} at position {p} of '{Abbreviated}'" : $"line {Line}: {Reason}";

    private string Abbreviated => Smiles.Length <= 80 ? Smiles : Smiles[..77] + "...";
}
