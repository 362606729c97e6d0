namespace BioTransformer.Experiments;

/// <summary>How data.split assigns rows to train, validation and test (see <see cref="Splitters"/>).</summary>
public enum SplitKind
{
    /// <summary>Rows shuffled with the seed.</summary>
    Random,

    /// <summary>Bemis–Murcko groups dealt largest first (DeepChem/MoleculeNet's deterministic split; the seed is unused).</summary>
    Scaffold,

    /// <summary>chemprop's balanced scaffold split: big groups to train, the rest shuffled with the seed.</summary>
    ScaffoldBalanced,

    /// <summary>Protein structures: whole clusters shuffled with the seed, so homologues never straddle splits.</summary>
    Cluster,

    /// <summary>Rows keep the split a column of the data names (train, valid or test): a benchmark's standard split.</summary>
    Predefined,
}
