using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Generation;
using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Tests.Modeling;

public class GenerationTests
{
    private static readonly Vocabulary Vocab = Tokenizers.StandardVocabulary();

    public GenerationTests() => TorchRuntime.SetThreads(2);

    private static LanguageModel Model(PositionalEncoding positional = PositionalEncoding.Rotary, int conditions = 0)
    {
        manual_seed(3);
        var backbone = new BackboneConfig(Vocab.Count, Dim: 32, Layers: 2, Heads: 4, FeedForward: 64, Dropout: 0.0, MaxLength: 40, Positional: positional);
        var names = Enumerable.Range(0, conditions).Select(i => $"c{i}").ToList();
        var model = new LanguageModel(new LanguageModelConfig(backbone, Domain.Smiles, names,
            Enumerable.Repeat(0.0, conditions).ToList(), Enumerable.Repeat(1.0, conditions).ToList(), ScaffoldPrefix: false));
        model.eval();
        return model;
    }

    [Theory]
    [InlineData(PositionalEncoding.Rotary)]
    [InlineData(PositionalEncoding.Learned)]
    public void CachedDecoding_GivesTheSameLogitsAsTheFullForward(PositionalEncoding positional)
    {
        using var model = Model(positional);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(new long[] { 1, 6, 40, 41, 42, 43, 44, 45, 46, 47, 1, 6, 47, 46, 45, 44, 43, 42, 41, 40 }, [2, 10], dtype: int64);
        var full = model.Forward(ids, null);                                               // (2, 10, V)
        using var cache = new KeyValueCache(model.Config.Backbone, 2, CPU);
        var pieces = new List<Tensor> { model.ForwardCached(ids.narrow(1, 0, 3), cache, null) };   // a 3-token prompt
        for (int t = 3; t < 10; t++) pieces.Add(model.ForwardCached(ids.narrow(1, t, 1), cache, null));
        var cached = cat(pieces, dim: 1);
        Assert.Equal(10, cache.Length);
        Assert.True(full.allclose(cached, rtol: 1e-4, atol: 1e-5), $"max difference {(full - cached).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData(1.0, 0, 1.0)]
    [InlineData(0.7, 10, 1.0)]
    [InlineData(1.2, 0, 0.9)]
    public void Sampling_WithAndWithoutCache_GivesTheSameSamples(double temperature, int topK, double topP)
    {
        using var model = Model(conditions: 1);
        var sampler = new Sampler(model, Vocab, CPU);
        var options = new SamplingOptions(temperature, topK, topP, MaxLength: 30);
        var one = model.Standardize([0.5]);
        var condition = new float[16, 1];
        for (int i = 0; i < 16; i++) condition[i, 0] = one[0];
        var withCache = sampler.Sample(16, [Vocabulary.ClsId, Vocabulary.SmilesTagId], condition, options, new Generator(seed: 9));
        var without = sampler.Sample(16, [Vocabulary.ClsId, Vocabulary.SmilesTagId], condition, options with { UseCache = false }, new Generator(seed: 9));
        Assert.Equal(withCache.Select(s => string.Join(',', s.Ids)), without.Select(s => string.Join(',', s.Ids)));
        Assert.Contains(withCache, s => s.Ids.Length > 0);
    }

    [Fact]
    public void Sampling_IsSeeded_AndEmitsOnlySmilesTokensOrEos()
    {
        using var model = Model();
        var sampler = new Sampler(model, Vocab, CPU);
        var options = new SamplingOptions(MaxLength: 25);
        var a = sampler.Sample(8, [Vocabulary.ClsId, Vocabulary.SmilesTagId], null, options, new Generator(seed: 4));
        var b = sampler.Sample(8, [Vocabulary.ClsId, Vocabulary.SmilesTagId], null, options, new Generator(seed: 4));
        var c = sampler.Sample(8, [Vocabulary.ClsId, Vocabulary.SmilesTagId], null, options, new Generator(seed: 5));
        Assert.Equal(a.Select(s => string.Join(',', s.Ids)), b.Select(s => string.Join(',', s.Ids)));
        Assert.NotEqual(a.Select(s => string.Join(',', s.Ids)), c.Select(s => string.Join(',', s.Ids)));
        var smilesIds = Vocab.IdsOf(Domain.Smiles).ToHashSet();
        Assert.All(a.SelectMany(s => s.Ids), id => Assert.Contains(id, smilesIds));
        Assert.All(a, s => Assert.True(s.Ids.Length <= 25 - 2));
    }

    [Fact]
    public void Sampling_TopKOfOne_IsGreedy_SameForEverySequence()
    {
        using var model = Model();
        var sampler = new Sampler(model, Vocab, CPU);
        var samples = sampler.Sample(4, [Vocabulary.ClsId, Vocabulary.SmilesTagId], null, new SamplingOptions(TopK: 1, MaxLength: 20), new Generator(seed: 1));
        Assert.Single(samples.Select(s => string.Join(',', s.Ids)).Distinct());
    }

    [Fact]
    public void SamplingOptions_BadValues_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new SamplingOptions(Temperature: 0).Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions(TopP: 1.5).Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions(TopK: -1).Validate());
    }
}
