namespace BioTransformer.Experiments.Manifests;

/// <summary>The [train] table: optimisation.</summary>
public sealed record TrainSection
{
    [Key("epochs", "maximum passes over the training set")]
    [Range(1, 100000)]
    public int Epochs { get; init; } = 100;

    [Key("batch_size", "sequences per optimiser step")]
    [Range(1, 65536)]
    public int BatchSize { get; init; } = 32;

    [Key("learning_rate", "peak AdamW learning rate (above about 1e-2 training usually diverges: the run then stops with an error)")]
    [Range(1e-8, 1e6)]
    public double LearningRate { get; init; } = 5e-4;

    [Key("weight_decay", "AdamW decoupled weight decay on weight matrices")]
    [Range(0, 1)]
    public double WeightDecay { get; init; } = 0.01;

    [Key("warmup_fraction", "fraction of all steps with a linear learning-rate warm-up")]
    [Range(0, 0.5)]
    public double WarmupFraction { get; init; } = 0.05;

    [Key("min_lr_ratio", "final learning rate of the cosine decay, as a fraction of the peak")]
    [Range(0, 1)]
    public double MinLrRatio { get; init; } = 0.05;

    [Key("grad_clip", "maximum global gradient norm; 0 = no clipping")]
    [Range(0, 1000)]
    public double GradClip { get; init; } = 1.0;

    [Key("augment", "SMILES augmentation: each epoch, every training molecule appears as this many randomized SMILES; 0 = as written")]
    [Range(0, 100)]
    public int Augment { get; init; }

    [Key("checkpoint_every", "save the full training state (weights, optimiser, schedule, random state) every this many steps, and at every epoch end, so `run --resume` can continue after a crash; 0 = at epoch ends only")]
    [Range(0, 10000000)]
    public int CheckpointEvery { get; init; } = 200;

    [Key("patience", "stop after this many epochs without a better validation metric; 0 = never stop early")]
    [Range(0, 100000)]
    public int Patience { get; init; } = 20;
}
