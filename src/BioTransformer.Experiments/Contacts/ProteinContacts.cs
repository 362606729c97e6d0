using BioTransformer.Proteins.Contacts;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Experiments.Contacts;

/// <summary>One protein's predicted contacts and, when its structure is known, the true map and the precisions.</summary>
/// <param name="Probabilities">Row-major L × L contact probabilities (symmetric).</param>
/// <param name="Truth">True contacts, or null for a sequence without structure.</param>
/// <param name="Precisions">Precision per range and depth (empty without a structure).</param>
public sealed record ProteinContacts(ProteinChain Chain, float[] Probabilities, ContactMap? Truth, IReadOnlyList<ContactPrecision> Precisions)
{
    /// <summary>Precision in <paramref name="range"/> at <paramref name="depth"/>, NaN when not scored.</summary>
    public double Precision(ContactRange range, string depth) =>
        Precisions.FirstOrDefault(p => p.Range == range && p.Depth == depth)?.Precision ?? double.NaN;

    /// <summary>The same result without the L × L matrices (for keeping many proteins' numbers).</summary>
    public ProteinContacts Summary() => this with { Probabilities = [], Truth = null };
}
