using BioTransformer.Cli;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using Spectre.Console;

namespace BioTransformer.Tests.Security;

/// <summary>Tiny trained models the hostile-input sweep applies commands with (trained once for the class).</summary>
public sealed class TrainedModels
{
    public TrainedModels()
    {
        string Train(string fixture) => ExperimentRunner.Run(
            ManifestLoader.Load(Repo.Fixture(fixture), ["train.epochs=1", $"output.dir=\"{Repo.TempDirectory()}\""]), SilentReporter.Instance).Directory;
        Property = Train("tiny_esol.toml");
        Contacts = Train("tiny_contacts.toml");
    }

    public string Property { get; }
    public string Contacts { get; }
}

/// <summary>
/// Every command over every file of Fixtures/hostile (scripts/fixtures/make_hostile_fixtures.py): each ends
/// with exit 0 (the bad rows rejected with reasons) or 2 with a one-line error on standard error — never an
/// internal error, a stack trace, or an output file left half-written.
/// </summary>
public class HostileSetTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    private static readonly string[] Tables =
        ["empty.csv", "header_only.csv", "binary.csv", "truncated.csv.gz", "bom_crlf_blank.csv", "duplicate_columns.csv", "control_characters.smi",
         "long_line.smi", "not_a_number.csv", "unknown_symbols.smi"];

    private static readonly string[] Proteins = ["one_residue.fasta", "duplicate_names.fasta", "gap_letters.fasta", "not_fasta.fasta", "truncated_atoms.pdb"];

    private static readonly string[] Manifests = ["deep.toml", "control_value.toml", "huge_model.toml", "evil_name.toml"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Tables)
            foreach (var command in new[] { "chem validate", "chem canonicalize", "chem descriptors", "chem fingerprints", "predict", "evaluate" })
                data.Add(command, file);
        foreach (var file in Proteins)
            foreach (var command in new[] { "contacts", "evaluate-contacts" })
                data.Add(command, file);
        foreach (var file in Manifests)
            foreach (var command in new[] { "validate", "run", "sweep plan" })
                data.Add(command, file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Command_OnAHostileFile_EndsCleanly(string command, string file)
    {
        var input = Repo.Fixture(Path.Combine("hostile", file));
        var work = Repo.TempDirectory();
        string Out(string name) => Path.Combine(work, name);
        string[] args = command switch
        {
            "chem validate" => ["chem", "validate", input],
            "chem canonicalize" => ["chem", "canonicalize", input, "-o", Out("out.csv")],
            "chem descriptors" => ["chem", "descriptors", input, "-o", Out("out.csv")],
            "chem fingerprints" => ["chem", "fingerprints", input, "-o", Out("out.csv"), "--bits", "64"],
            "predict" => ["predict", "-m", models.Property, "-i", input, "-o", Out("out.csv"), "--device", "cpu"],
            "evaluate" => ["evaluate", "-m", models.Property, "-d", input, "-o", Out("eval"), "--device", "cpu"],
            "contacts" => ["contacts", "-m", models.Contacts, "--input", input, "-o", Out("maps"), "--device", "cpu", "--quiet"],
            "evaluate-contacts" => ["evaluate", "-m", models.Contacts, "-d", input, "-o", Out("eval"), "--device", "cpu"],
            "validate" => ["validate", input],
            "run" => ["run", input, "--output", Out("runs"), "--quiet"],
            "sweep plan" => ["sweep", "plan", input],
            _ => throw new ArgumentException(command),
        };

        var previous = Environment.GetEnvironmentVariable("BIOTRANSFORMER_MAX_LINE_LENGTH");
        Environment.SetEnvironmentVariable("BIOTRANSFORMER_MAX_LINE_LENGTH", "1000");
        (int Exit, string Stdout, string Stderr) result;
        try
        {
            result = Invoke(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BIOTRANSFORMER_MAX_LINE_LENGTH", previous);
        }

        Assert.True(result.Exit is 0 or BioTransformerCli.InputError, $"exit {result.Exit}: {result.Stderr}");
        Assert.DoesNotContain("internal error", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        var errors = result.Stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.True(result.Exit == 0 ? errors.Count == 0 : errors.Count == 1, $"expected one error line, got: {result.Stderr}");
        // Nothing half-written: no temporary or staging files anywhere under the work folder.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(work, "*", SearchOption.AllDirectories),
            p => Path.GetFileName(p).StartsWith('.') && (p.EndsWith(".tmp") || Path.GetFileName(p).StartsWith(".partial-")));
        if (result.Exit != 0 && command is "chem canonicalize" or "chem descriptors" or "chem fingerprints" or "predict")
            Assert.False(File.Exists(Out("out.csv")), "an output was written although the command failed");
    }

    private static (int Exit, string Stdout, string Stderr) Invoke(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        IAnsiConsole Console(TextWriter writer)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            });
            console.Profile.Width = 400;
            return console;
        }
        int exit = BioTransformerCli.Invoke(args, Console(stdout), Console(stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
