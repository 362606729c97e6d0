using BioTransformer.Core.Tokenization;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Heads;
using static TorchSharp.torch;

namespace BioTransformer.Tests.Modeling;

public class BackboneTests
{
    private static readonly BackboneConfig Small = new(VocabSize: 40, Dim: 32, Layers: 2, Heads: 4, FeedForward: 64, Dropout: 0.0, MaxLength: 32);

    public BackboneTests() => TorchRuntime.SetThreads(2);

    private static Tensor Ids(params long[][] rows)
    {
        int width = rows.Max(r => r.Length);
        var flat = rows.SelectMany(r => r.Concat(Enumerable.Repeat(0L, width - r.Length))).ToArray();
        return tensor(flat, [rows.Length, width], dtype: int64);
    }

    [Theory]
    [InlineData(false, PositionalEncoding.Rotary)]
    [InlineData(true, PositionalEncoding.Rotary)]
    [InlineData(false, PositionalEncoding.Learned)]
    [InlineData(true, PositionalEncoding.Learned)]
    public void FusedAttention_AndExplicitAttention_GiveTheSameStates(bool causal, PositionalEncoding positional)
    {
        manual_seed(1);
        using var backbone = new TransformerBackbone(Small with { Positional = positional });
        backbone.eval();
        using var scope = NewDisposeScope();
        var ids = Ids([1, 6, 34, 35, 36, 2], [1, 6, 34, 2]);
        var fused = backbone.Forward(ids, causal, needAttentions: false);
        var explicitPath = backbone.Forward(ids, causal, needAttentions: true);
        Assert.True(fused.Hidden.allclose(explicitPath.Hidden, rtol: 1e-4, atol: 1e-5));
        Assert.Equal(2, explicitPath.Attentions!.Count);
        Assert.Equal([2L, 4, 6, 6], explicitPath.Attentions[0].shape);
    }

    [Fact]
    public void AttentionWeights_IgnorePaddingAndSumToOne()
    {
        manual_seed(2);
        using var backbone = new TransformerBackbone(Small);
        backbone.eval();
        using var scope = NewDisposeScope();
        var output = backbone.Forward(Ids([1, 6, 34, 35, 36, 2], [1, 6, 34, 2]), needAttentions: true);
        var weights = output.Attentions![1];                                        // (B, H, T, T)
        Assert.True(weights.sum(-1).allclose(ones_like(weights.sum(-1)), atol: 1e-5));
        Assert.Equal(0f, weights[1, .., .., 4..].abs().max().item<float>());        // padded keys of row 2
    }

    [Fact]
    public void CausalAttention_NeverLooksAhead()
    {
        manual_seed(3);
        using var backbone = new TransformerBackbone(Small);
        backbone.eval();
        using var scope = NewDisposeScope();
        var a = backbone.Forward(Ids([1, 6, 34, 35, 36, 2]), causal: true).Hidden;
        var b = backbone.Forward(Ids([1, 6, 34, 35, 40 - 1, 2]), causal: true).Hidden; // differs from position 4 on
        Assert.True(a[0, ..4].allclose(b[0, ..4], atol: 1e-6));
        Assert.False(a[0, 4].allclose(b[0, 4], atol: 1e-6));
    }

    [Fact]
    public void PropertyModel_OutputOfASequence_DoesNotDependOnBatchPadding()
    {
        manual_seed(4);
        var config = new PropertyModelConfig(Small, Domain.Smiles, PropertyTask.Regression, Pooling.Mean, ["y"], [0.0], [1.0]);
        using var model = new PropertyModel(config);
        model.eval();
        using var scope = NewDisposeScope();
        var alone = model.forward(Ids([1, 6, 34, 2]));
        var padded = model.forward(Ids([1, 6, 34, 35, 36, 37, 38, 2], [1, 6, 34, 2]));
        Assert.True(alone[0].allclose(padded[1], atol: 1e-5));
    }

    [Fact]
    public void Rotary_ScoresDependOnlyOnRelativeOffset()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var q = randn(1, 1, 1, 8);
        var k = randn(1, 1, 1, 8);
        double Score(int qPos, int kPos)
        {
            var (cos, sin) = Rotary.Angles(16, 8, CPU);
            var rq = Rotary.Apply(q, cos[qPos..(qPos + 1)], sin[qPos..(qPos + 1)]);
            var rk = Rotary.Apply(k, cos[kPos..(kPos + 1)], sin[kPos..(kPos + 1)]);
            return (rq * rk).sum().item<float>();
        }
        Assert.Equal(Score(3, 1), Score(10, 8), 4);
        Assert.NotEqual(Score(3, 1), Score(3, 2), 4);
    }

    [Fact]
    public void Forward_LongerThanMaxLength_Throws()
    {
        using var backbone = new TransformerBackbone(Small with { MaxLength = 4 });
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => backbone.Forward(Ids([1, 6, 34, 35, 2])));
    }

    [Fact]
    public void Config_HeadsNotDividingDim_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => (Small with { Heads = 5 }).Validate());
    }
}
