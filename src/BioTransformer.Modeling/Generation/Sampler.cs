using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Generation;

/// <summary>
/// Batched, seeded sampling from a <see cref="LanguageModel"/>. Every sequence starts from the same
/// prompt (&lt;cls&gt; &lt;smiles&gt;, optionally followed by a prefix or a scaffold and &lt;sep&gt;); each
/// step draws one token per sequence from the temperature-scaled, top-k and top-p filtered
/// distribution over the domain's tokens and &lt;eos&gt;. With the cache each step runs the model on
/// one position; without it, on the whole prefix — both give the same samples (a test checks it).
/// </summary>
public sealed class Sampler
{
    private readonly LanguageModel model;
    private readonly Device device;
    private readonly Tensor allowed;   // (V) bool: tokens the sampler may emit

    public Sampler(LanguageModel model, Vocabulary vocabulary, Device device)
    {
        this.model = model;
        this.device = device;
        var mask = new bool[model.Config.Backbone.VocabSize];
        foreach (var id in vocabulary.IdsOf(model.Config.Domain)) mask[id] = true;
        mask[Vocabulary.EosId] = true;
        allowed = tensor(mask, device: device);
    }

    /// <summary>
    /// A seeded stream of batches: one generator on the model's device (libtorch refuses a CPU generator for
    /// draws on CUDA tensors) whose state carries from batch to batch. Same seed, same batches.
    /// </summary>
    public SampleStream Seeded(int seed) => new(this, new Generator((ulong)seed, device));

    /// <summary>Batches drawn from one seeded generator; dispose it when done.</summary>
    public sealed class SampleStream(Sampler sampler, Generator generator) : IDisposable
    {
        /// <summary>The next batch (see <see cref="Sampler.Sample"/>).</summary>
        public List<(int[] Ids, bool Finished)> Sample(int batch, IReadOnlyList<int> prompt, float[,]? conditions, SamplingOptions options) =>
            sampler.Sample(batch, prompt, conditions, options, generator);

        public void Dispose() => generator.Dispose();
    }

    /// <summary>
    /// Samples one batch. Returns, per sequence, the ids generated after the prompt up to (not including)
    /// &lt;eos&gt;, and whether &lt;eos&gt; was reached before the length limit.
    /// </summary>
    /// <param name="prompt">Ids every sequence starts with, e.g. [&lt;cls&gt;, &lt;smiles&gt;] or with a prefix.</param>
    /// <param name="conditions">Standardised condition values per sequence (B, K), or null for an unconditional model.</param>
    /// <param name="generator">Seeded random source of the draws; its state advances.</param>
    public List<(int[] Ids, bool Finished)> Sample(int batch, IReadOnlyList<int> prompt, float[,]? conditions, SamplingOptions options, Generator generator)
    {
        if (conditions is not null && conditions.GetLength(0) != batch) throw new ArgumentException($"{conditions.GetLength(0)} condition rows for a batch of {batch}");
        options.Validate();
        int maxLength = options.MaxLength == 0 ? model.Config.Backbone.MaxLength : Math.Min(options.MaxLength, model.Config.Backbone.MaxLength);
        if (prompt.Count >= maxLength) throw new ArgumentException($"the prompt ({prompt.Count} tokens) leaves no room within {maxLength} tokens");

        using var inference = InferenceMode.Enter(model);
        using var scope = NewDisposeScope();
        var conditionTensor = conditions is null ? null : tensor(conditions, device: device);                                  // (B, K)
        var promptIds = tensor(prompt.Select(i => (long)i).ToArray(), dtype: int64, device: device).view(1, -1).expand(batch, -1); // (B, P)
        using var cache = options.UseCache ? new KeyValueCache(model.Config.Backbone, batch, device) : null;

        var sequence = promptIds.clone();                                                   // (B, P) grows to (B, T)
        var finished = zeros(batch, dtype: @bool, device: device);                          // (B)
        var generated = new List<Tensor>();
        Tensor? stepInput = promptIds;
        while (sequence.shape[1] < maxLength)
        {
            using var stepScope = NewDisposeScope();
            Tensor last;                                                                     // (B, V)
            if (cache is not null)
            {
                var logits = model.ForwardCached(stepInput!, cache, conditionTensor);       // (B, t, V)
                last = logits.select(1, logits.shape[1] - 1);
            }
            else last = model.NextTokenLogits(sequence, conditionTensor);
            var next = Draw(last, options, generator);                                       // (B)
            next = next.masked_fill(finished, Vocabulary.PadId);
            var column = next.view(-1, 1).MoveToOuterDisposeScope();                        // (B, 1)
            generated.Add(column);
            // Replace the running tensors and free the previous ones: memory stays flat over long samples.
            var (oldFinished, oldSequence) = (finished, sequence);
            finished = finished.logical_or(next.eq(Vocabulary.EosId)).MoveToOuterDisposeScope();
            sequence = cat([sequence, column], dim: 1).MoveToOuterDisposeScope();
            oldFinished.Dispose();
            oldSequence.Dispose();
            stepInput = column;
            if (finished.all().item<bool>()) break;
        }

        var ids = generated.Count == 0 ? zeros(batch, 0, dtype: int64) : cat(generated, dim: 1).cpu();   // (B, G)
        var flat = ids.data<long>().ToArray();
        int width = (int)ids.shape[1];
        var result = new List<(int[], bool)>(batch);
        for (int row = 0; row < batch; row++)
        {
            var tokens = new List<int>();
            bool done = false;
            for (int j = 0; j < width; j++)
            {
                int id = (int)flat[row * width + j];
                if (id == Vocabulary.EosId) { done = true; break; }
                tokens.Add(id);
            }
            result.Add(([.. tokens], done));
        }
        return result;
    }

    /// <summary>One token per row from logits (B, V): domain tokens and &lt;eos&gt; only, temperature, top-k, top-p.</summary>
    private Tensor Draw(Tensor logits, SamplingOptions options, Generator generator)
    {
        var scores = logits.to(float32).masked_fill(allowed.logical_not(), float.NegativeInfinity) / options.Temperature;
        if (options.TopK > 0 && options.TopK < scores.shape[1])
        {
            var kth = scores.topk(options.TopK, dim: 1).values.select(1, options.TopK - 1).unsqueeze(1);   // (B, 1)
            scores = scores.masked_fill(scores.lt(kth), float.NegativeInfinity);
        }
        if (options.TopP < 1)
        {
            var (sorted, order) = scores.sort(dim: 1, descending: true);
            var probabilities = sorted.softmax(1);
            // Drop a token when the tokens more likely than it already reach p (the most likely always stays).
            var before = probabilities.cumsum(1) - probabilities;
            var drop = before.ge(options.TopP);
            var dropInOriginalOrder = zeros_like(drop).scatter(1, order, drop);
            scores = scores.masked_fill(dropInOriginalOrder, float.NegativeInfinity);
        }
        return multinomial(scores.softmax(1), 1, replacement: false, generator: generator).squeeze(1);        // (B)
    }
}
