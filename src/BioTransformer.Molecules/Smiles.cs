using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Molecules;

/// <summary>
/// Reading and writing SMILES: parse and validate (as chemists' toolkits judge validity), canonical
/// SMILES (one string per molecule, stereo and charges kept) and randomized SMILES (for augmentation).
/// </summary>
public static class Smiles
{
    /// <summary>
    /// Parses and sanitizes: the result is a valid molecule in Kekulé form with implicit hydrogens
    /// assigned and cis/trans bonds recorded.
    /// </summary>
    /// <exception cref="SmilesException">Syntax or chemistry error, with its position.</exception>
    public static Molecule Parse(string smiles)
    {
        var mol = SmilesParser.Parse(smiles);
        Sanitizer.Sanitize(mol, smiles);
        Stereo.AssignDoubleBonds(mol);
        return mol;
    }

    public static bool TryParse(string smiles, out Molecule? molecule, out SmilesException? error)
    {
        try
        {
            molecule = Parse(smiles);
            error = null;
            return true;
        }
        catch (SmilesException e)
        {
            molecule = null;
            error = e;
            return false;
        }
    }

    public static bool IsValid(string smiles) => TryParse(smiles, out _, out _);

    /// <summary>The molecule as written by the canonical ordering, with aromatic atoms in lower case.</summary>
    public static string Canonical(Molecule molecule) => Canonicalizer.CanonicalSmiles(Prepare(molecule));

    /// <summary>Canonical SMILES of a SMILES string.</summary>
    /// <exception cref="SmilesException">The input is not a valid molecule.</exception>
    public static string Canonical(string smiles) => Canonical(Parse(smiles));

    /// <summary>
    /// A randomized SMILES of the molecule: random start atom and random neighbour order (components
    /// in random order), same molecule, same stereo. Deterministic for a given <paramref name="random"/> state.
    /// </summary>
    public static string Randomized(Molecule molecule, Random random)
    {
        var mol = Prepare(molecule);
        int n = mol.AtomCount;
        var priority = Enumerable.Range(0, n).ToArray();
        random.Shuffle(priority);
        var chiral = new bool[n];
        for (int a = 0; a < n; a++)
            chiral[a] = mol.Atoms[a].Chirality is Chirality.Clockwise or Chirality.CounterClockwise && mol.Atoms[a].StereoNeighbors is { Count: 4 };
        var bonds = Enumerable.Repeat(true, mol.DoubleBondStereo.Count).ToArray();
        return SmilesWriter.Write(mol, priority, chiral, bonds);
    }

    /// <summary>Hydrogen atoms folded into counts and aromaticity perceived, on a copy.</summary>
    private static Molecule Prepare(Molecule molecule)
    {
        var mol = Hydrogens.Remove(molecule);
        if (ReferenceEquals(mol, molecule)) mol = molecule.Clone();
        Aromaticity.Perceive(mol);
        return mol;
    }
}
