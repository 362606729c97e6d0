using System.Reflection;

namespace BioTransformer.Tests.Architecture;

/// <summary>
/// Dependency arrows point one way: tokenization and chemistry/protein code know nothing of TorchSharp,
/// plotting takes arrays, the modelling layer knows nothing of manifests.
/// </summary>
public class LayeringTests
{
    private static HashSet<string> ReferencesOf(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToHashSet();

    [Theory]
    [InlineData("BioTransformer.Core")]
    [InlineData("BioTransformer.Molecules")]
    [InlineData("BioTransformer.Proteins")]
    [InlineData("BioTransformer.Plotting")]
    public void DomainAndPlottingCode_DoesNotReferenceTorchSharp(string assembly)
    {
        Assert.DoesNotContain("TorchSharp", ReferencesOf(assembly));
    }

    [Fact]
    public void Plotting_TakesArraysOnly()
    {
        Assert.DoesNotContain(ReferencesOf("BioTransformer.Plotting"), r => r.StartsWith("BioTransformer."));
    }

    [Fact]
    public void Modeling_KnowsNothingOfManifestsOrRuns()
    {
        var references = ReferencesOf("BioTransformer.Modeling");
        Assert.DoesNotContain("Tomlyn", references);
        Assert.DoesNotContain("BioTransformer.Experiments", references);
        Assert.DoesNotContain("BioTransformer.Molecules", references);
    }

    [Fact]
    public void Molecules_AndProteins_DoNotKnowEachOther()
    {
        Assert.DoesNotContain("BioTransformer.Proteins", ReferencesOf("BioTransformer.Molecules"));
        Assert.DoesNotContain("BioTransformer.Molecules", ReferencesOf("BioTransformer.Proteins"));
    }
}
