using BioTransformer.Core.Data;

namespace BioTransformer.Tests.Data;

public class RandomSplitterTests
{
    private static readonly IReadOnlyList<string> Items = Enumerable.Range(0, 1128).Select(i => $"C{i}").ToList();

    [Fact]
    public void Split_SizesFollowChemprop()
    {
        var split = new RandomSplitter().Split(Items, SplitFractions.Default, seed: 0);
        Assert.Equal((902, 113, 113), (split.Train.Count, split.Valid.Count, split.Test.Count));
    }

    [Fact]
    public void Split_IsDisjointAndCoversEveryRow()
    {
        var split = new RandomSplitter().Split(Items, new SplitFractions(0.7, 0.2, 0.1), seed: 3);
        var all = split.Train.Concat(split.Valid).Concat(split.Test).ToList();
        Assert.Equal(Items.Count, all.Count);
        Assert.Equal(Enumerable.Range(0, Items.Count), all.Order());
    }

    [Fact]
    public void Split_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var a = new RandomSplitter().Split(Items, SplitFractions.Default, seed: 7);
        var b = new RandomSplitter().Split(Items, SplitFractions.Default, seed: 7);
        var c = new RandomSplitter().Split(Items, SplitFractions.Default, seed: 8);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Theory]
    [InlineData(0.8, 0.1, 0.2, "sum to 1")]
    [InlineData(0.0, 0.5, 0.5, ">= 0")]
    [InlineData(0.9, -0.1, 0.2, ">= 0")]
    public void Fractions_Invalid_NameTheProblem(double train, double valid, double test, string problem)
    {
        Assert.Contains(problem, new SplitFractions(train, valid, test).Problem());
    }
}
