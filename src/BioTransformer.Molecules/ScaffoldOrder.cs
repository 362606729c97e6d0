namespace BioTransformer.Molecules;

/// <summary>How scaffold groups are ordered before they are dealt out to train, validation and test.</summary>
public enum ScaffoldOrder
{
    /// <summary>
    /// chemprop's balanced scaffold split (its "scaffold_balanced"): groups larger than half the validation or test size come
    /// first, then the rest; each part shuffled with the seed. Big scaffolds always train; which small
    /// scaffolds are held out varies with the seed, so replicate seeds see different splits.
    /// </summary>
    Balanced,

    /// <summary>
    /// DeepChem/MoleculeNet's deterministic scaffold split, the usual convention of published tables: groups by size, largest first; among equal
    /// sizes the group whose first molecule comes later in the file first. The seed is not used.
    /// </summary>
    LargestFirst,
}
