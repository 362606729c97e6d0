using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Modeling.Translation;
using static TorchSharp.torch;

namespace BioTransformer.Tests.Modeling;

/// <summary>The encoder–decoder: its forward against a written-out reference, decoding with and without the cache, beam search, training.</summary>
public class TranslationModelTests
{
    private static readonly Vocabulary Vocab = Tokenizers.StandardVocabulary();

    public TranslationModelTests() => TorchRuntime.SetThreads(2);

    private static TranslationModel Model(PositionalEncoding positional = PositionalEncoding.Rotary, bool shared = true, int seed = 3, double dropout = 0.0)
    {
        manual_seed(seed);
        var backbone = new BackboneConfig(Vocab.Count, Dim: 32, Layers: 2, Heads: 4, FeedForward: 64, Dropout: dropout, MaxLength: 40, Positional: positional);
        var model = new TranslationModel(new TranslationModelConfig(backbone, DecoderLayers: 2, SharedEmbeddings: shared, Domain.Smiles, Domain.Smiles));
        model.eval();
        return model;
    }

    private static int[] Encode(string smiles) => Vocab.Encode(Domain.Smiles, Tokenizers.For(Domain.Smiles).Tokenize(smiles));

    private static IEnumerable<int> SmilesTokens => Vocab.IdsOf(Domain.Smiles);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_EqualsAWrittenOutReference(bool shared)
    {
        using var model = Model(PositionalEncoding.Learned, shared);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var sourceIds = tensor(Encode("CC(=O)Oc1ccccc1").Select(i => (long)i).ToArray(), dtype: int64).view(1, -1);
        var targetIds = tensor(Encode("CC(=O)O.Oc1ccccc1")[..^1].Select(i => (long)i).ToArray(), dtype: int64).view(1, -1);
        var logits = model.Forward(sourceIds, targetIds);

        var w = model.state_dict();
        var memory = model.Backbone.Forward(sourceIds).Hidden;                                   // the encoder is the tested backbone
        var table = shared ? w["backbone.tokens.weight"] : w["decoder.tokens.weight"];
        long t = targetIds.shape[1];
        var x = table.index_select(0, targetIds.view(-1)).unsqueeze(0) + w["decoder.positions.weight"].narrow(0, 0, t).unsqueeze(0);
        const int heads = 4;
        Tensor Heads(Tensor m) => m.view(1, m.shape[1], heads, 8).transpose(1, 2);               // (1, H, L, D)
        Tensor Merge(Tensor m) => m.transpose(1, 2).reshape(1, m.shape[2], 32);
        Tensor Linear(Tensor input, string name) => nn.functional.linear(input, w[name + ".weight"], w[name + ".bias"]);
        Tensor Norm(Tensor input, string name) => nn.functional.layer_norm(input, [32], w[name + ".weight"], w[name + ".bias"]);
        for (int layer = 0; layer < 2; layer++)
        {
            var p = $"decoder.blocks.{layer}.";
            var qkv = Linear(Norm(x, p + "norm1"), p + "attention.qkv");                         // (1, T, 3C)
            var (q, k, v) = (Heads(qkv.narrow(2, 0, 32)), Heads(qkv.narrow(2, 32, 32)), Heads(qkv.narrow(2, 64, 32)));
            var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(8);
            scores = scores.masked_fill(ones(t, t, dtype: @bool).triu(1), float.NegativeInfinity);
            x = x + Linear(Merge(scores.softmax(-1).matmul(v)), p + "attention.proj");
            var query = Heads(Linear(Norm(x, p + "crossNorm"), p + "crossAttention.query"));
            var kv = Linear(memory, p + "crossAttention.keyValue");
            var (keys, values) = (Heads(kv.narrow(2, 0, 32)), Heads(kv.narrow(2, 32, 32)));
            var cross = (query.matmul(keys.transpose(-2, -1)) / Math.Sqrt(8)).softmax(-1).matmul(values);
            x = x + Linear(Merge(cross), p + "crossAttention.proj");
            x = x + Linear(nn.functional.gelu(Linear(Norm(x, p + "norm2"), p + "ff1")), p + "ff2");
        }
        var reference = nn.functional.linear(Norm(x, "decoder.finalNorm"), table, w["outputBias"]);

        Assert.True(logits.allclose(reference, rtol: 1e-4, atol: 1e-5), $"max difference {(logits - reference).abs().max().item<float>()}");
        var (withWeights, crossWeights) = model.ForwardWithAttention(sourceIds, targetIds);
        Assert.True(logits.allclose(withWeights, rtol: 1e-4, atol: 1e-5));
        Assert.Equal(2, crossWeights.Count);
        Assert.True(crossWeights[0].sum(-1).allclose(ones_like(crossWeights[0].sum(-1)), atol: 1e-5));
    }

    [Theory]
    [InlineData(PositionalEncoding.Rotary, 1)]
    [InlineData(PositionalEncoding.Rotary, 4)]
    [InlineData(PositionalEncoding.Learned, 3)]
    public void BeamSearch_WithAndWithoutCache_GivesTheSameHypotheses(PositionalEncoding positional, int width)
    {
        using var model = Model(positional);
        var translator = new Translator(model, SmilesTokens, CPU);
        int[][] sources = [Encode("CCO"), Encode("c1ccccc1C(=O)N"), Encode("CC(C)Cl")];
        var cached = translator.Beam(sources, width, width, maxLength: 20);
        var uncached = translator.Beam(sources, width, width, maxLength: 20, useCache: false);
        Assert.Equal(cached.Select(h => string.Join(";", h.Select(x => string.Join(',', x.Ids)))), uncached.Select(h => string.Join(";", h.Select(x => string.Join(',', x.Ids)))));
        for (int s = 0; s < sources.Length; s++)
            for (int i = 0; i < cached[s].Count; i++) Assert.Equal(cached[s][i].LogProbability, uncached[s][i].LogProbability, 1e-4 * Math.Abs(cached[s][i].LogProbability));
    }

    [Fact]
    public void BeamWidthOne_IsGreedyDecodingWrittenOut()
    {
        using var model = Model();
        var translator = new Translator(model, SmilesTokens, CPU);
        var source = Encode("CC(=O)Nc1ccccc1");
        var beam = translator.Beam([source], 1, 1, maxLength: 25)[0][0];

        // Greedy by hand: the most likely allowed token at each step, the whole prefix recomputed.
        using var inference = InferenceMode.Enter(model);
        using var scope = NewDisposeScope();
        var allowed = new HashSet<int>(SmilesTokens) { Vocabulary.EosId };
        var encoded = model.Encode(tensor(source.Select(i => (long)i).ToArray(), dtype: int64).view(1, -1));
        var ids = new List<long> { Vocabulary.ClsId, Vocabulary.SmilesTagId };
        double logP = 0;
        while (ids.Count < 25)
        {
            var logits = model.Decode(tensor(ids.ToArray(), dtype: int64).view(1, -1), encoded).select(1, ids.Count - 1).squeeze(0);
            var mask = zeros(logits.shape[0], dtype: @bool);
            foreach (var a in allowed) mask[a] = true;
            var logp = nn.functional.log_softmax(logits.masked_fill(mask.logical_not(), float.NegativeInfinity), 0);
            long next = logp.argmax().item<long>();
            logP += logp[next].item<float>();
            ids.Add(next);
            if (next == Vocabulary.EosId) break;
        }
        var greedy = ids.Skip(2).TakeWhile(i => i != Vocabulary.EosId).Select(i => (int)i).ToArray();
        Assert.Equal(greedy, beam.Ids);
        Assert.Equal(logP, beam.LogProbability, 3);
        Assert.Equal(translator.Greedy([source], 25)[0].Ids, beam.Ids);
    }

    [Fact]
    public void BeamSearch_ReturnsKDistinctHypotheses_BestFirst()
    {
        using var model = Model(seed: 11);
        var translator = new Translator(model, SmilesTokens, CPU);
        var result = translator.Beam([Encode("CCN(CC)CC"), Encode("O=C(O)c1ccccc1")], 5, 5, maxLength: 15);
        foreach (var hypotheses in result)
        {
            Assert.Equal(5, hypotheses.Count);
            Assert.Equal(5, hypotheses.Select(h => string.Join(',', h.Ids) + (h.Finished ? "$" : "")).Distinct().Count());
            Assert.Equal(hypotheses.Select(h => h.Score).OrderByDescending(s => s), hypotheses.Select(h => h.Score));
            Assert.All(hypotheses, h => Assert.True(double.IsFinite(h.LogProbability) && h.LogProbability < 0));
        }
        // A length penalty re-ranks by log P / length^α.
        var penalised = translator.Beam([Encode("CCN(CC)CC")], 5, 5, maxLength: 15, lengthPenalty: 1.0)[0];
        Assert.All(penalised, h => Assert.Equal(h.LogProbability / Math.Max(1, h.Ids.Length + (h.Finished ? 1 : 0)), h.Score, 6));
    }

    [Fact]
    public void TinyModel_OverfitsAHandfulOfReactions_ToFullTopOneAccuracy()
    {
        (string Product, string Reactants)[] reactions =
        [
            ("CC(=O)OC", "CC(=O)O.CO"), ("CCNC(C)=O", "CCN.CC(=O)Cl"), ("c1ccc(Br)cc1", "c1ccccc1.BrBr"), ("CCOC(=O)CC", "CCO.CCC(=O)O"),
            ("CC(C)N", "CC(C)=O.N"), ("COc1ccccc1", "Oc1ccccc1.CI"), ("NCc1ccccc1", "N#Cc1ccccc1"), ("CCCCO", "CCCC=O"),
        ];
        var vocabulary = Tokenizers.BuildVocabulary(Domain.Smiles, reactions.SelectMany(r => new[] { r.Product, r.Reactants }).Select(s => Tokenizers.For(Domain.Smiles).Tokenize(s)));
        int[] EncodeWith(string s) => vocabulary.Encode(Domain.Smiles, Tokenizers.For(Domain.Smiles).Tokenize(s));
        manual_seed(5);
        var backbone = new BackboneConfig(vocabulary.Count, Dim: 48, Layers: 2, Heads: 4, FeedForward: 96, Dropout: 0.0, MaxLength: 32);
        using var model = new TranslationModel(new TranslationModelConfig(backbone, 2, true, Domain.Smiles, Domain.Smiles));
        var data = new TranslationDataset([.. reactions.Select(r => EncodeWith(r.Product))], [.. reactions.Select(r => EncodeWith(r.Reactants))]);
        var options = new TrainingOptions(Epochs: 150, BatchSize: 8, LearningRate: 3e-3, WeightDecay: 0.0, WarmupFraction: 0.05, MinLearningRateRatio: 0.1,
            GradientClip: 1.0, Patience: 0, Seed: 1);
        new TranslationTrainer(model, options, CPU, labelSmoothing: 0.0).Fit(_ => data, null);

        var targetTokens = data.Targets.SelectMany(t => t).Where(i => !Vocabulary.IsSpecial(i)).Distinct();
        var best = new Translator(model, targetTokens, CPU).Beam(data.Sources, 3, 1, maxLength: 32);
        var decoded = best.Select(h => string.Concat(vocabulary.DecodeTokens(h[0].Ids))).ToList();
        Assert.Equal(reactions.Select(r => r.Reactants), decoded);
    }

    [Fact]
    public void Sampling_IsSeeded_AndReturnsTheRequestedCount()
    {
        using var model = Model();
        var translator = new Translator(model, SmilesTokens, CPU);
        var a = translator.Sample([Encode("CCO")], 6, 1.0, seed: 4, maxLength: 20)[0];
        var b = translator.Sample([Encode("CCO")], 6, 1.0, seed: 4, maxLength: 20)[0];
        Assert.Equal(6, a.Count);
        Assert.Equal(a.Select(h => string.Join(',', h.Ids)), b.Select(h => string.Join(',', h.Ids)));
        Assert.Equal(a.Select(h => h.Score).OrderByDescending(s => s), a.Select(h => h.Score));
    }

    [Fact]
    public void DecoderStartsFromThePretrainedEncoder_WhereShapesAllow()
    {
        using var model = Model(shared: false);
        int copied = model.InitialiseDecoderFromEncoder();
        var w = model.state_dict();
        Assert.Equal(2, copied);
        Assert.True(w["decoder.blocks.1.attention.qkv.weight"].allclose(w["backbone.blocks.1.attention.qkv.weight"], rtol: 0, atol: 0));
        Assert.True(w["decoder.blocks.0.ff2.bias"].allclose(w["backbone.blocks.0.ff2.bias"], rtol: 0, atol: 0));
        Assert.True(w["decoder.tokens.weight"].allclose(w["backbone.tokens.weight"], rtol: 0, atol: 0));
        Assert.False(w["decoder.blocks.0.crossAttention.query.weight"].abs().sum().item<float>() == 0);
    }
}
