using BioTransformer.Core;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;

namespace BioTransformer.Tests.Manifests;

public class ManifestLoaderTests
{
    private const string Valid = """
        schema = 1
        name = "t"
        [data]
        path = "data.csv"
        targets = ["y"]
        [train]
        epochs = 5
        """;

    /// <summary>Writes a manifest (and the data file it names) to a temp folder; returns the manifest path.</summary>
    private static string WriteManifest(string text)
    {
        var dir = Repo.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "data.csv"), "smiles,y\nCCO,1\n");
        var path = Path.Combine(dir, "m.toml");
        File.WriteAllText(path, text);
        return path;
    }

    private static InputException LoadError(string text, params string[] overrides)
    {
        var path = WriteManifest(text);
        return Assert.Throws<InputException>(() => ManifestLoader.Load(path, overrides));
    }

    public static TheoryData<string> ShippedManifests() =>
        new(Directory.GetFiles(Repo.Path("experiments"), "*.toml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(ShippedManifests))]
    public void ShippedManifest_LoadsAndItsDataReads(string file)
    {
        var path = Repo.Path("experiments", file);
        // Benchmark manifests read large corpora from the shared data beside the repository, which a clone
        // elsewhere does not have: everything but the data file is checked against the shipped slice of that kind.
        // Pretrained starts (init_from) name runs that a fresh clone does not have yet: the rest is checked without them.
        var text = File.ReadAllText(path);
        var overrides = new List<string>();
        var shared = System.Text.RegularExpressions.Regex.Match(text, "^path = \"(\\.\\./\\.\\./shared/[^\"]+)\"", System.Text.RegularExpressions.RegexOptions.Multiline);
        if (shared.Success)
        {
            // The shipped slice of the same kind: structures, sequences, reactions, or molecules.
            var slice = shared.Groups[1].Value.Contains(".jsonl") ? Repo.Path("datasets", "proteins", "structures_600.jsonl.gz")
                : shared.Groups[1].Value.Contains(".fasta") ? Repo.Path("datasets", "uniprot", "uniprot_2k.fasta.gz")
                : shared.Groups[1].Value.Contains("reactions/") ? Repo.Path("datasets", "uspto50k", "uspto50k_slice.csv.gz")
                : Repo.Path("datasets", "chembl30", "chembl30_5k.csv");
            overrides.Add($"data.path=\"{slice}\"");
        }
        if (text.Contains("\ninit_from", StringComparison.Ordinal)) overrides.Add("init_from=\"\"");
        var manifest = ManifestLoader.Load(path, [.. overrides]);
        var report = TaskRegistry.For(manifest.Task).CheckData(manifest);
        Assert.True(report.Usable > 0);
        // The README's commands look for runs in the repository's runs/ folder (runs/<name>-<time>).
        Assert.Equal(Repo.Path("runs"), manifest.Output.Dir);
    }

    [Fact]
    public void Load_FillsDefaultsAndResolvesPaths()
    {
        var path = WriteManifest(Valid);
        var m = ManifestLoader.Load(path);
        Assert.Equal(5, m.Train.Epochs);
        Assert.Equal(32, m.Train.BatchSize);
        Assert.Equal("rmse", m.Section<PropertySection>().Metric);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "data.csv"), m.Data.Path);
        Assert.True(Path.IsPathRooted(m.Output.Dir));
    }

    [Fact]
    public void UnknownKey_NamesFileLineKeyAndSuggestion()
    {
        var error = LoadError(Valid.Replace("epochs = 5", "epochs = 5\nepoch = 3"));
        Assert.Contains("m.toml:8: unknown key 'train.epoch'", error.Message);
        Assert.Contains("did you mean 'epochs'?", error.Message);
    }

    [Fact]
    public void UnknownTable_IsAnError()
    {
        var error = LoadError(Valid + "\n[optimizer]\nlr = 1\n");
        Assert.Contains(":8: unknown key 'optimizer'", error.Message);
    }

    [Fact]
    public void WrongType_NamesLineAndExpectedType()
    {
        var error = LoadError(Valid.Replace("epochs = 5", "epochs = \"five\""));
        Assert.Contains("m.toml:7: 'train.epochs' must be an integer, not the string \"five\"", error.Message);
    }

    [Fact]
    public void OutOfRange_NamesLineAndRange()
    {
        var error = LoadError(Valid.Replace("epochs = 5", "epochs = 0"));
        Assert.Contains("m.toml:7: 'train.epochs' = 0 is out of range", error.Message);
        Assert.Contains("allowed: 1 to 100000", error.Message);
    }

    [Fact]
    public void NotAllowedValue_ListsTheAllowedOnes()
    {
        var error = LoadError(Valid + "\n[model]\npositional = \"sinusoidal\"\n");
        Assert.Contains("'model.positional' = \"sinusoidal\" is not allowed", error.Message);
        Assert.Contains("\"rotary\", \"learned\"", error.Message);
    }

    [Fact]
    public void SyntaxError_NamesLineAndColumn()
    {
        var error = LoadError(Valid.Replace("epochs = 5", "epochs = [1,"));
        Assert.Matches(@"m\.toml:\d+: TOML syntax error at column \d+", error.Message);
    }

    [Fact]
    public void MissingSchema_IsAnError()
    {
        Assert.Contains("missing 'schema = 1'", LoadError(Valid.Replace("schema = 1\n", "")).Message);
    }

    [Fact]
    public void FutureSchema_IsAnError()
    {
        Assert.Contains("'schema' = 2 is out of range", LoadError(Valid.Replace("schema = 1", "schema = 2")).Message);
    }

    [Fact]
    public void MissingRequiredKey_SaysWhatToAdd()
    {
        Assert.Contains("missing required key 'data.path'", LoadError(Valid.Replace("path = \"data.csv\"\n", "")).Message);
    }

    [Fact]
    public void HeadsThatDoNotDivideDim_AreAnError()
    {
        var error = LoadError(Valid + "\n[model]\ndim = 100\nheads = 8\n");
        Assert.Contains("model.heads = 8 does not divide model.dim = 100", error.Message);
    }

    [Fact]
    public void MetricOfTheOtherTaskType_IsAnError()
    {
        var error = LoadError(Valid + "\n[property]\ntype = \"classification\"\nmetric = \"rmse\"\n");
        Assert.Contains("metric \"rmse\" does not apply to classification", error.Message);
    }

    [Fact]
    public void MissingDataFile_IsAnError()
    {
        Assert.Contains("data file not found", LoadError(Valid.Replace("data.csv", "nope.csv")).Message);
    }

    [Fact]
    public void Override_ReplacesValue()
    {
        var m = ManifestLoader.Load(WriteManifest(Valid), ["train.epochs=9", "model.positional=learned", "train.learning_rate=1e-3"]);
        Assert.Equal(9, m.Train.Epochs);
        Assert.Equal(BioTransformer.Modeling.Backbone.PositionalEncoding.Learned, m.Model.Positional);
        Assert.Equal(1e-3, m.Train.LearningRate);
    }

    [Fact]
    public void Override_IsValidatedAndNamedInTheError()
    {
        var error = LoadError(Valid, "train.epochs=-1");
        Assert.StartsWith("--set train.epochs=-1: 'train.epochs' = -1 is out of range", error.Message);
        Assert.Contains("unknown key 'train.epokhs'", LoadError(Valid, "train.epokhs=3").Message);
        Assert.Contains("expected key=value", LoadError(Valid, "train.epochs").Message);
    }

    [Fact]
    public void MissingManifest_IsAnError()
    {
        Assert.Contains("manifest not found", Assert.Throws<InputException>(() => ManifestLoader.Load("/nonexistent/m.toml")).Message);
    }

    [Fact]
    public void BinaryFile_IsAnError()
    {
        var path = Path.Combine(Repo.TempDirectory(), "m.toml");
        File.WriteAllBytes(path, [0x00, 0x01, 0xFF, 0x00]);
        Assert.Contains("binary file", Assert.Throws<InputException>(() => ManifestLoader.Load(path)).Message);
    }

    [Fact]
    public void UnterminatedStringBeforeALoneBackslash_IsAOneLineSyntaxError()
    {
        // Found by scripts/fuzz.sh toml: Tomlyn lets an ArgumentOutOfRangeException out for this text.
        var e = LoadError("name = \"p\n\\");
        Assert.Contains("TOML syntax error", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ControlCharactersInAValue_AreShownEscaped_SoTheErrorStaysOneLine()
    {
        // Found by scripts/fuzz.sh toml: task = "generati\n" printed a two-line error.
        var e = LoadError(Valid.Replace("name = \"t\"", "name = \"t\"\ntask = \"prop\\nerty\\u0007\""));
        Assert.Contains("'task' holds a control character (U+000A)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AugmentOutOfRange_NamesTheKey()
    {
        var error = LoadError(Valid + "\naugment = 101\n");
        Assert.Contains("train.augment", error.Message);
        Assert.Contains("0 to 100", error.Message);
    }

    [Fact]
    public void ScaffoldSplit_OfProteins_IsAnError()
    {
        var error = LoadError(Valid.Replace("targets = [\"y\"]", "targets = [\"y\"]\ndomain = \"protein\"\nsplit = \"scaffold\""));
        Assert.Contains("data.split", error.Message);
        Assert.Contains("SMILES", error.Message);
    }

    [Fact]
    public void Augmentation_OfProteins_IsAnError()
    {
        var error = LoadError(Valid.Replace("targets = [\"y\"]", "targets = [\"y\"]\ndomain = \"protein\"") + "\n[property]\ntest_time_augment = 3\n");
        Assert.Contains("property.test_time_augment", error.Message);
    }

    [Theory]
    [InlineData("data.split=\"scaffold\"")]
    [InlineData("data.split=\"scaffold_balanced\"")]
    [InlineData("train.augment=5")]
    [InlineData("property.test_time_augment=10")]
    [InlineData("property.baseline=\"none\"")]
    [InlineData("data.validate_smiles=false")]
    public void ChemistryKeys_AreAccepted(string setting) => ManifestLoader.Load(WriteManifest(Valid), [setting]);

    [Fact]
    public void UnknownBaseline_ListsTheAllowedOnes()
    {
        var error = LoadError(Valid, "property.baseline=\"svm\"");
        Assert.Contains("ridge", error.Message);
    }
}
