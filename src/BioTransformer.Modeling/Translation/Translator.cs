using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using static TorchSharp.torch;

namespace BioTransformer.Modeling.Translation;

/// <summary>
/// Decodes targets from a <see cref="TranslationModel"/>: greedy, beam search and sampling, batched over
/// sources. Every target starts with the prompt &lt;cls&gt; &lt;domain tag&gt; and may only use the tokens
/// in <c>allowed</c> (those seen in training targets) and &lt;eos&gt;. The source is encoded once and its
/// cross-attention keys and values reused; the decoder's self-attention uses the key/value cache (or,
/// with <c>useCache</c> false, recomputes the prefix each step — same results, a test checks it).
/// </summary>
public sealed class Translator
{
    private readonly TranslationModel model;
    private readonly Device device;
    private readonly Tensor allowed;    // (V) bool
    private readonly long[] prompt;

    /// <param name="allowedTokens">Ids the decoder may write (besides &lt;eos&gt;).</param>
    public Translator(TranslationModel model, IEnumerable<int> allowedTokens, Device device)
    {
        this.model = model;
        this.device = device;
        var mask = new bool[model.Config.Backbone.VocabSize];
        foreach (var id in allowedTokens) mask[id] = true;
        mask[Vocabulary.EosId] = true;
        foreach (var id in new[] { Vocabulary.PadId, Vocabulary.ClsId, Vocabulary.MaskId, Vocabulary.UnkId, Vocabulary.SmilesTagId, Vocabulary.ProteinTagId })
            mask[id] = false;
        allowed = tensor(mask, device: device);
        prompt = [Vocabulary.ClsId, Vocabulary.TagOf(model.Config.TargetDomain)];
    }

    /// <summary>Ids every target starts with.</summary>
    public IReadOnlyList<long> Prompt => prompt;

    /// <summary>The most likely token at every step, per source.</summary>
    public List<Hypothesis> Greedy(IReadOnlyList<int[]> sources, int maxLength = 0, bool useCache = true) =>
        [.. Beam(sources, 1, 1, maxLength, 0, useCache).Select(h => h[0])];

    /// <summary>
    /// Beam search: per source, the <paramref name="width"/> most likely partial targets are kept at each step;
    /// a finished one keeps its score and no longer grows. Returns, per source, up to <paramref name="topN"/>
    /// distinct hypotheses, best first by <see cref="Hypothesis.Score"/>.
    /// </summary>
    /// <param name="maxLength">Longest target in tokens, prompt and &lt;eos&gt; included; 0 = the model's max_length.</param>
    /// <param name="lengthPenalty">α: final scores are log P / length^α (0 ranks by probability; 1 by mean log-probability per token).</param>
    public List<List<Hypothesis>> Beam(IReadOnlyList<int[]> sources, int width, int topN, int maxLength = 0, double lengthPenalty = 0, bool useCache = true)
    {
        if (width < 1) throw new ArgumentException("beam width must be at least 1");
        if (topN < 1 || topN > width) throw new ArgumentException($"top-N must be between 1 and the beam width ({width})");
        int limit = Limit(maxLength);
        int b = sources.Count, rows = b * width;
        long vocabulary = model.Config.Backbone.VocabSize;
        using var inference = InferenceMode.Enter(model);
        using var scope = NewDisposeScope();
        var source = model.Encode(Batching.PadIds(sources, Enumerable.Range(0, b).ToArray(), device)).Repeat(width);
        using var cache = useCache ? new KeyValueCache(model.Config.Decoder, rows, device) : null;

        var promptIds = tensor(prompt, dtype: int64, device: device).view(1, -1).expand(rows, -1);          // (R, P)
        var sequence = promptIds.clone();                                                                   // (R, t)
        // Only the first beam of each source starts alive: the others would repeat it.
        var startScores = new float[rows];
        for (int r = 0; r < rows; r++) startScores[r] = r % width == 0 ? 0f : float.NegativeInfinity;
        var scores = tensor(startScores, device: device);                                                   // (R)
        var finished = zeros(rows, dtype: @bool, device: device);
        var lengths = zeros(rows, dtype: int64, device: device);                                           // tokens written incl. <eos>
        var baseRows = (arange(b, dtype: int64, device: device) * width).view(-1, 1);                       // (B, 1)
        Tensor stepInput = promptIds;
        var blocked = allowed.logical_not().view(1, -1);
        while (sequence.shape[1] < limit)
        {
            using var step = NewDisposeScope();
            var logits = cache is not null ? model.DecodeCached(stepInput, cache, source) : model.Decode(sequence, source);
            var last = logits.select(1, logits.shape[1] - 1).to(float32);                                 // (R, V)
            var logp = nn.functional.log_softmax(last.masked_fill(blocked, float.NegativeInfinity), 1);
            // A finished hypothesis continues only with <pad>, at no cost: it stays one candidate with its score.
            var finishedRow = full(vocabulary, float.NegativeInfinity, device: device).index_fill_(0, tensor(new long[] { Vocabulary.PadId }, device: device), 0f);
            logp = where(finished.view(-1, 1), finishedRow.view(1, -1), logp);
            var candidates = (scores.view(-1, 1) + logp).view(b, width * vocabulary);                       // (B, k·V)
            var top = candidates.topk(width, dim: 1);
            var (topScores, topIndex) = (top.values, top.indexes);                                  // (B, k)
            var parent = (baseRows + topIndex.div(vocabulary, rounding_mode: RoundingMode.floor)).view(-1); // (R)
            var token = topIndex.remainder(vocabulary).view(-1);                                            // (R)

            var wasFinished = finished.index_select(0, parent);
            var (oldSequence, oldFinished, oldScores, oldLengths) = (sequence, finished, scores, lengths);
            sequence = cat([sequence.index_select(0, parent), token.view(-1, 1)], dim: 1).MoveToOuterDisposeScope();
            finished = wasFinished.logical_or(token.eq(Vocabulary.EosId)).MoveToOuterDisposeScope();
            lengths = (lengths.index_select(0, parent) + wasFinished.logical_not().to(int64)).MoveToOuterDisposeScope();
            scores = topScores.view(-1).MoveToOuterDisposeScope();
            cache?.Reorder(parent);
            foreach (var t in new[] { oldSequence, oldFinished, oldScores, oldLengths }) t.Dispose();
            stepInput = token.view(-1, 1).MoveToOuterDisposeScope();
            if (finished.logical_or(scores.isinf()).all().item<bool>()) break;
        }
        return Collect(sequence, scores, lengths, finished, b, width, topN, lengthPenalty);
    }

    /// <summary>
    /// <paramref name="count"/> targets per source drawn token by token from the model's distribution at
    /// <paramref name="temperature"/>, with a seeded generator on the model's device. Returned best first.
    /// </summary>
    public List<List<Hypothesis>> Sample(IReadOnlyList<int[]> sources, int count, double temperature, int seed, int maxLength = 0)
    {
        if (count < 1) throw new ArgumentException("count must be at least 1");
        if (!(temperature > 0)) throw new ArgumentException("temperature must be positive");
        int limit = Limit(maxLength);
        int b = sources.Count, rows = b * count;
        using var generator = new Generator((ulong)seed, device);
        using var inference = InferenceMode.Enter(model);
        using var scope = NewDisposeScope();
        var source = model.Encode(Batching.PadIds(sources, Enumerable.Range(0, b).ToArray(), device)).Repeat(count);
        using var cache = new KeyValueCache(model.Config.Decoder, rows, device);
        var promptIds = tensor(prompt, dtype: int64, device: device).view(1, -1).expand(rows, -1);
        var sequence = promptIds.clone();
        var scores = zeros(rows, device: device);
        var finished = zeros(rows, dtype: @bool, device: device);
        var lengths = zeros(rows, dtype: int64, device: device);
        Tensor stepInput = promptIds;
        var blocked = allowed.logical_not().view(1, -1);
        while (sequence.shape[1] < limit)
        {
            using var step = NewDisposeScope();
            var logits = model.DecodeCached(stepInput, cache, source);
            var last = logits.select(1, logits.shape[1] - 1).to(float32).masked_fill(blocked, float.NegativeInfinity);
            var logp = nn.functional.log_softmax(last, 1);
            var drawn = multinomial(nn.functional.softmax(last / temperature, 1), 1, generator: generator).view(-1);
            var token = drawn.masked_fill(finished, Vocabulary.PadId);
            var gained = logp.gather(1, drawn.view(-1, 1)).view(-1).masked_fill(finished, 0f);
            var (oldSequence, oldFinished, oldScores, oldLengths) = (sequence, finished, scores, lengths);
            sequence = cat([sequence, token.view(-1, 1)], dim: 1).MoveToOuterDisposeScope();
            lengths = (lengths + finished.logical_not().to(int64)).MoveToOuterDisposeScope();
            scores = (scores + gained).MoveToOuterDisposeScope();
            finished = finished.logical_or(token.eq(Vocabulary.EosId)).MoveToOuterDisposeScope();
            foreach (var t in new[] { oldSequence, oldFinished, oldScores, oldLengths }) t.Dispose();
            stepInput = token.view(-1, 1).MoveToOuterDisposeScope();
            if (finished.all().item<bool>()) break;
        }
        return Collect(sequence, scores, lengths, finished, b, count, count, 0);
    }

    private int Limit(int maxLength) =>
        maxLength <= 0 ? model.Config.Backbone.MaxLength : Math.Min(maxLength, model.Config.Backbone.MaxLength);

    /// <summary>Per source, its rows' hypotheses ranked by score (impossible ones, −∞, left out), the first <paramref name="topN"/>.</summary>
    private List<List<Hypothesis>> Collect(Tensor sequence, Tensor scores, Tensor lengths, Tensor finished, int sources, int perSource, int topN, double lengthPenalty)
    {
        var ids = sequence.cpu().data<long>().ToArray();
        var logProbabilities = scores.cpu().data<float>().ToArray();
        var counts = lengths.cpu().data<long>().ToArray();
        var done = finished.cpu().data<bool>().ToArray();
        int width = (int)sequence.shape[1];
        var result = new List<List<Hypothesis>>(sources);
        for (int s = 0; s < sources; s++)
        {
            var hypotheses = new List<Hypothesis>(perSource);
            for (int r = s * perSource; r < (s + 1) * perSource; r++)
            {
                if (float.IsNegativeInfinity(logProbabilities[r])) continue;
                var tokens = new List<int>();
                for (int j = prompt.Length; j < width; j++)
                {
                    int id = (int)ids[r * width + j];
                    if (id is Vocabulary.EosId or Vocabulary.PadId) break;
                    tokens.Add(id);
                }
                double logP = logProbabilities[r];
                double score = lengthPenalty == 0 ? logP : logP / Math.Pow(Math.Max(1, counts[r]), lengthPenalty);
                hypotheses.Add(new Hypothesis([.. tokens], logP, score, done[r]));
            }
            result.Add([.. hypotheses.OrderByDescending(h => h.Score).Take(topN)]);
        }
        return result;
    }
}
