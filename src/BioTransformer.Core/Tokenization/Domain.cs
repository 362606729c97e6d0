namespace BioTransformer.Core.Tokenization;

/// <summary>
/// The kind of sequence a token belongs to. One vocabulary holds both domains; its base tokens are laid
/// out in this order (the closed protein alphabet first, so SMILES base tokens can grow at the end).
/// </summary>
public enum Domain
{
    Protein,
    Smiles,
}
