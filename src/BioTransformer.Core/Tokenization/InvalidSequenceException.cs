namespace BioTransformer.Core.Tokenization;

/// <summary>
/// A sequence (SMILES or amino acids) that cannot be tokenized. <see cref="Position"/> is the 0-based
/// character index of the first offending character.
/// </summary>
public sealed class InvalidSequenceException : Exception
{
    public InvalidSequenceException(string sequence, int position, string reason)
        : base($"{reason} at position {position + 1} of '{Abbreviate(sequence)}'")
    {
        Sequence = sequence;
        Position = position;
        Reason = reason;
    }

    public string Sequence { get; }

    /// <summary>0-based index of the offending character.</summary>
    public int Position { get; }

    public string Reason { get; }

    private static string Abbreviate(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
