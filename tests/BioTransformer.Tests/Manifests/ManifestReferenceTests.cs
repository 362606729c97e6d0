using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Tasks;

namespace BioTransformer.Tests.Manifests;

/// <summary>docs/manifest-keys.md is generated from the manifest records; it must list every key as the code defines it.</summary>
public class ManifestReferenceTests
{
    [Fact]
    public void DocsManifestKeys_IsTheGeneratedReference()
    {
        var path = Repo.Path("docs", "manifest-keys.md");
        var generated = ManifestReference.Markdown();
        if (Environment.GetEnvironmentVariable("BIOTRANSFORMER_REGENERATE_DOCS") == "1") File.WriteAllText(path, generated);
        Assert.True(File.ReadAllText(path) == generated,
            "docs/manifest-keys.md is out of date: run the tests once with BIOTRANSFORMER_REGENERATE_DOCS=1 and commit the file");
    }

    [Fact]
    public void Reference_ListsEveryTaskTableAndItsKeys()
    {
        var text = ManifestReference.Markdown();
        foreach (var task in TaskRegistry.All)
        {
            Assert.Contains($"## [{task.Name}]", text);
            foreach (var key in ManifestSchema.PropertiesOf(task.SectionType)) Assert.Contains($"`{task.Name}.{key.Key.Name}`", text);
        }
        Assert.Contains("| `train.learning_rate` |", text);
        Assert.Contains("`\"scaffold_balanced\"`", text);
    }
}
