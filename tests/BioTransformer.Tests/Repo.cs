namespace BioTransformer.Tests;

/// <summary>Paths of the repository the tests run from (found by walking up to BioTransformer.sln).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Fixture(string name) => Path("tests", "BioTransformer.Tests", "Fixtures", name);

    /// <summary>A fresh, empty temporary folder for one test.</summary>
    public static string TempDirectory()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "biotransformer-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BioTransformer.sln"))) return dir.FullName;
        throw new InvalidOperationException("BioTransformer.sln not found above " + AppContext.BaseDirectory);
    }
}
