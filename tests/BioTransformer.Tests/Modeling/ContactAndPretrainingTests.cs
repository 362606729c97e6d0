using BioTransformer.Experiments.Pretraining;
using BioTransformer.Core;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments;
using BioTransformer.Modeling;
using BioTransformer.Modeling.Backbone;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using static TorchSharp.torch;

namespace BioTransformer.Tests.Modeling;

public class ContactAndPretrainingTests
{
    private static readonly Vocabulary Vocab = Tokenizers.StandardVocabulary();
    private static readonly BackboneConfig Small = new(Vocab.Count, Dim: 32, Layers: 2, Heads: 4, FeedForward: 64, Dropout: 0.0, MaxLength: 40);

    public ContactAndPretrainingTests() => TorchRuntime.SetThreads(2);

    [Fact]
    public void Symmetrize_AddsTheTranspose()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        Assert.Equal(new float[] { 2, 5, 5, 8 }, ContactHelpers.Symmetrize(x).data<float>().ToArray());
    }

    [Fact]
    public void Apc_HandComputed()
    {
        // x = [[1, 2], [3, 4]]: row sums 3, 7; column sums 4, 6; total 10.
        // APC: x_ij − r_i c_j / 10 = [[1 − 1.2, 2 − 1.8], [3 − 2.8, 4 − 4.2]] = [[−0.2, 0.2], [0.2, −0.2]].
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var apc = ContactHelpers.Apc(x).data<float>().ToArray();
        Assert.Equal(new[] { -0.2f, 0.2f, 0.2f, -0.2f }, apc.Select(v => MathF.Round(v, 5)));
        // Batched (…, L, L) works the same on every slice.
        var batched = ContactHelpers.Apc(stack([x, x * 2])).data<float>().ToArray();
        Assert.Equal(-0.4f, batched[4], 5);
    }

    [Fact]
    public void Masking_ChoosesAboutFifteenPercent_NeverSpecialTokens()
    {
        var ids = new[] { 1, 7 }.Concat(Enumerable.Range(0, 100).Select(i => 8 + i % 20)).Append(2).ToArray();
        var domain = Vocab.IdsOf(Domain.Protein);
        var (input, targets) = Masking.Apply(ids, 0.15, domain, new Random(1));
        Assert.Equal(15, targets.Count(t => t >= 0));
        Assert.Equal(-1, targets[0]);
        Assert.Equal(-1, targets[1]);
        Assert.Equal(-1, targets[^1]);
        Assert.All(Enumerable.Range(0, ids.Length).Where(i => targets[i] < 0), i => Assert.Equal(ids[i], input[i]));
        Assert.True(input.Count(id => id == Vocabulary.MaskId) >= 8);   // about 80% of 15
        Assert.Equal(Masking.Apply(ids, 0.15, domain, new Random(1)).Input, input);
    }

    [Theory]
    [InlineData(ContactHeadKind.Pair)]
    [InlineData(ContactHeadKind.Attention)]
    public void ContactModel_ResidueLogits_AreSymmetric(ContactHeadKind head)
    {
        manual_seed(1);
        using var model = new ContactModel(new ContactModelConfig(Small, head, PairDim: 8, Channels: 8, Blocks: 2));
        model.eval();
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 1, 7, 8, 9, 10, 11, 12, 13, 2 }, [1, 9], dtype: int64);
        var logits = model.Forward(ids);
        Assert.Equal([1L, 6, 6], logits.shape);
        Assert.True(logits.allclose(logits.transpose(1, 2), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Crop_TakesAConsistentWindowOfIdsAndLabels()
    {
        int l = 20;
        var ids = new[] { 1, 7 }.Concat(Enumerable.Range(0, l).Select(i => 8 + i % 20)).Append(2).ToArray();
        var labels = new sbyte[l * l];
        for (int i = 0; i < l; i++) for (int j = 0; j < l; j++) labels[i * l + j] = (sbyte)((i * 31 + j) % 2);
        var crop = ContactTrainer.Crop(new ContactExample(ids, labels), 8, new Random(4));
        Assert.Equal(8, crop.Length);
        int start = Array.IndexOf(ids, crop.Ids[2], 2) - 2;
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++) Assert.Equal(labels[(start + i) * l + start + j], crop.Labels[i * 8 + j]);
        Assert.Equal(2, crop.Ids[^1]);
    }

    [Fact]
    public void ContactPredictor_LongProtein_IsReadInWindows()
    {
        manual_seed(2);
        using var model = new ContactModel(new ContactModelConfig(Small, ContactHeadKind.Pair, PairDim: 8, Channels: 8, Blocks: 1));
        var residues = Enumerable.Range(0, 60).Select(i => 8 + i % 20).ToArray();       // longer than max_length − 3 = 37
        var p = ContactPredictor.Predict(model, residues, CPU);
        Assert.Equal(60 * 60, p.Length);
        Assert.InRange(p[0 * 60 + 10], 0f, 1f);
        Assert.True(p[0 * 60 + 10] > 0);            // inside one window
        Assert.Equal(0f, p[0 * 60 + 59]);           // never inside a common window
    }

    [Fact]
    public void LoadBackbone_FromAnotherTask_CopiesTheBackboneOnly()
    {
        manual_seed(5);
        var dir = Repo.TempDirectory();
        using var mlm = new MaskedLanguageModel(new MaskedLanguageModelConfig(Small, Domain.Protein, 0.15));
        ModelFiles.Save(dir, MaskedLanguageModelTask.Kind, mlm.Config, mlm, Vocab);
        manual_seed(6);
        using var contact = new ContactModel(new ContactModelConfig(Small, ContactHeadKind.Pair, 8, 8, 1));
        var headBefore = contact.state_dict().First(kv => !kv.Key.StartsWith("backbone.")).Value.clone();
        ModelFiles.LoadBackbone(dir, contact);
        var source = mlm.state_dict();
        foreach (var (name, value) in contact.state_dict().Where(kv => kv.Key.StartsWith("backbone.")))
            Assert.True(value.allclose(source[name], 0, 0), $"{name} not copied");
        Assert.True(contact.state_dict().First(kv => !kv.Key.StartsWith("backbone.")).Value.allclose(headBefore, 0, 0));

        using var wider = new ContactModel(new ContactModelConfig(Small with { Dim = 64, FeedForward = 128 }, ContactHeadKind.Pair, 8, 8, 1));
        var error = Assert.Throws<InputException>(() => ModelFiles.LoadBackbone(dir, wider));
        Assert.Contains("do not fit", error.Message);
    }
}
