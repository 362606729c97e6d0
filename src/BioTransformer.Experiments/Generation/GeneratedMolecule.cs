using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Experiments.Generation;

/// <summary>One sampled string and what it is.</summary>
/// <param name="Index">0-based position in sampling order.</param>
/// <param name="Smiles">The SMILES as sampled (prefix included); may be invalid.</param>
/// <param name="Finished">Whether &lt;eos&gt; was sampled before the length limit.</param>
/// <param name="Molecule">The parsed molecule, or null when invalid.</param>
/// <param name="Canonical">Canonical SMILES, or null when invalid.</param>
/// <param name="Condition">The condition value (user units) it was sampled at, or NaN.</param>
public sealed record GeneratedMolecule(int Index, string Smiles, bool Finished, Molecule? Molecule, string? Canonical, double Condition)
{
    public bool Valid => Molecule is not null;
}
