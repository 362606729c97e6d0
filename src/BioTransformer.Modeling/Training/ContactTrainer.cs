using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Training;

/// <summary>
/// Trains a <see cref="ContactModel"/> with the shared <see cref="TrainingLoop"/>: binary
/// cross-entropy over residue pairs at least <see cref="MinimumSeparation"/> apart whose labels are
/// known. Long proteins are trained on random crops (a new crop each epoch, seeded).
/// </summary>
public sealed class ContactTrainer
{
    public const int MinimumSeparation = 6;

    private readonly ContactModel model;
    private readonly TrainingOptions options;
    private readonly Device device;

    public ContactTrainer(ContactModel model, TrainingOptions options, Device device)
    {
        this.model = model;
        this.options = options;
        this.device = device;
        Loop = new TrainingLoop(model, options);
    }

    public TrainingLoop Loop { get; }

    /// <param name="crop">Longest stretch of residues trained on at once.</param>
    /// <param name="validate">Scores the model after each epoch (e.g. long-range precision at L/5); higher is better.</param>
    public TrainingResult Fit(IReadOnlyList<ContactExample> train, int crop, Func<ValidationResult>? validate)
    {
        if (crop < 8) throw new ArgumentException("crop must be at least 8 residues");
        return Loop.Fit(epoch =>
        {
            var random = new Random(options.Seed * 7919 + epoch);
            return new TrainingSet(this, train.Select(e => Crop(e, crop, random)).ToList());
        }, validate, higherIsBetter: true);
    }

    /// <summary>A random window of at most <paramref name="crop"/> residues (the whole protein when shorter).</summary>
    public static ContactExample Crop(ContactExample example, int crop, Random random)
    {
        int l = example.Length;
        if (l <= crop) return example;
        int start = random.Next(l - crop + 1);
        var ids = new int[crop + 3];
        ids[0] = example.Ids[0];
        ids[1] = example.Ids[1];
        Array.Copy(example.Ids, 2 + start, ids, 2, crop);
        ids[^1] = example.Ids[^1];
        var labels = new sbyte[crop * crop];
        for (int i = 0; i < crop; i++)
            Array.Copy(example.Labels, (start + i) * l + start, labels, i * crop, crop);
        return new ContactExample(ids, labels);
    }

    /// <summary>Mean loss of a batch: BCE over known pairs with |i − j| ≥ 6 (padding excluded).</summary>
    public static Tensor BatchLoss(ContactModel model, IReadOnlyList<ContactExample> examples, IReadOnlyList<int> members, Device device)
    {
        var ids = Batching.PadIds(examples.Select(e => e.Ids).ToList(), members, device);      // (B, T)
        long l = ids.shape[1] - 3;
        var labels = new float[members.Count * l * l];
        var mask = new float[members.Count * l * l];
        for (int row = 0; row < members.Count; row++)
        {
            var e = examples[members[row]];
            int n = e.Length;
            long offset = row * l * l;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    if (Math.Abs(i - j) < MinimumSeparation) continue;
                    var label = e.Labels[i * n + j];
                    if (label < 0) continue;
                    labels[offset + i * l + j] = label;
                    mask[offset + i * l + j] = 1f;
                }
        }
        var target = tensor(labels, [members.Count, l, l], device: device);
        var weight = tensor(mask, [members.Count, l, l], device: device);
        var logits = model.Forward(ids);                                                          // (B, L, L)
        var loss = nn.functional.binary_cross_entropy_with_logits(logits, target, weight, reduction: nn.Reduction.Sum);
        return loss / weight.sum().clamp_min(1);
    }

    private sealed class TrainingSet(ContactTrainer trainer, IReadOnlyList<ContactExample> examples) : ITrainingSet
    {
        public IReadOnlyList<int[]> Ids { get; } = examples.Select(e => e.Ids).ToList();

        public Tensor BatchLoss(int[] members) => ContactTrainer.BatchLoss(trainer.model, examples, members, trainer.device);
    }
}
