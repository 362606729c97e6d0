namespace BioTransformer.Proteins.Structures;

/// <summary>
/// One protein chain: its sequence and, when known, the CA and CB coordinates of each residue.
/// </summary>
/// <param name="Id">Identifier (PDB id, FASTA name, file name).</param>
/// <param name="Chain">Chain id ("" when not applicable).</param>
/// <param name="Sequence">One-letter residues, upper case; non-standard residues mapped to their parent or X.</param>
/// <param name="Ca">CA coordinates (L, 3) in Å, NaN for residues without coordinates; null for sequence-only input.</param>
/// <param name="Cb">CB coordinates (L, 3) in Å (CA for glycine, virtual CB where the side chain is missing), NaN where unknown; null for sequence-only input.</param>
/// <param name="Group">Grouping key for splits (e.g. the 30%-identity cluster); "" when none.</param>
/// <param name="Notes">What the reader had to decide (alternate locations, insertion codes, gaps, non-standard residues), for the user.</param>
public sealed record ProteinChain(string Id, string Chain, string Sequence, float[,]? Ca, float[,]? Cb, string Group, IReadOnlyList<string> Notes)
{
    public int Length => Sequence.Length;

    public bool HasStructure => Cb is not null;

    /// <summary>"1ABC_A", or the id alone without a chain.</summary>
    public string Name => Chain.Length == 0 ? Id : $"{Id}_{Chain}";
}
