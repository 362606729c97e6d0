using BioTransformer.Cli;
using Spectre.Console;

namespace BioTransformer.Tests.Cli;

/// <summary>The `biotransformer` command invoked in-process, its output captured.</summary>
public class CliTests
{
    private static (int Exit, string Output) Invoke(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        int exit = BioTransformerCli.Invoke(args, console);
        return (exit, writer.ToString());
    }

    [Fact]
    public void Validate_ShippedManifest_SaysOk()
    {
        var (exit, output) = Invoke("validate", Repo.Path("experiments", "esol.toml"));
        Assert.Equal(0, exit);
        Assert.Contains("OK", output);
        Assert.Contains("1128 usable rows, 0 rejected", output);
    }

    [Fact]
    public void Validate_BadManifest_IsOneLineWithFileAndLine_ExitTwo()
    {
        var dir = Repo.TempDirectory();
        var path = Path.Combine(dir, "bad.toml");
        File.WriteAllText(path, File.ReadAllText(Repo.Path("experiments", "esol.toml")).Replace("epochs = 100", "epochs = -3"));
        var (exit, output) = Invoke("validate", path);
        Assert.Equal(BioTransformerCli.InputError, exit);
        var line = Assert.Single(output.Trim().Split('\n'));
        Assert.Matches(@"^error: .*bad\.toml:\d+: 'train\.epochs' = -3 is out of range", line);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Validate_SetOverride_IsApplied()
    {
        var (exit, output) = Invoke("validate", Repo.Path("experiments", "esol.toml"), "--set", "model.heads=3");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("--set model.heads=3: model.heads = 3 does not divide model.dim = 128", output);
    }

    [Fact]
    public void RunThenPredict_WritesOneOutputRowPerInputRow()
    {
        var runs = Repo.TempDirectory();
        var (exit, output) = Invoke("run", Repo.Fixture("tiny_esol.toml"), "--output", runs, "--set", "train.epochs=1", "--quiet");
        Assert.True(exit == 0, output);
        var runDir = Directory.GetDirectories(runs).Single();
        Assert.Contains(runDir, output);

        var input = Path.Combine(Repo.TempDirectory(), "library.smi");
        File.WriteAllLines(input, ["CCO ethanol", "c1ccccc1C[Xe] unknown-token", "CCQ bad", "OCC(O)CO glycerol"]);
        var predictions = Path.Combine(Repo.TempDirectory(), "out", "predictions.csv");
        (exit, output) = Invoke("predict", "--model", runDir, "--input", input, "--output", predictions, "--device", "cpu");
        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("line,smiles,measured log solubility in mols per litre_pred,unknown_tokens,error", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^1,CCO,-?\d", lines[1]);
        Assert.EndsWith(",1,", lines[2]);
        Assert.StartsWith("3,CCQ,,,SMILES does not tokenize", lines[3]);
        Assert.Contains("1 rows hold tokens the model never saw", output);
    }

    [Fact]
    public void Predict_MissingModel_IsAnInputError()
    {
        var (exit, output) = Invoke("predict", "--model", "/nonexistent/run", "--input", Repo.Fixture("tiny_esol.csv"), "--output", "/tmp/x.csv", "--device", "cpu");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("model directory not found", output);
    }

    [Fact]
    public void Run_DeviceCudaWithoutGpu_IsAnInputError()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // only meaningful without CUDA
        var (exit, output) = Invoke("run", Repo.Fixture("tiny_esol.toml"), "--device", "cuda", "--output", Repo.TempDirectory());
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("no CUDA device is available", output);
    }

    [Fact]
    public void UnknownCommand_FailsWithUsage()
    {
        var (exit, output) = Invoke("trian", "x.toml");
        Assert.NotEqual(0, exit);
        Assert.Contains("trian", output);
    }

    [Fact]
    public void Help_ListsTheSubcommands()
    {
        var (exit, output) = Invoke("--help");
        Assert.Equal(0, exit);
        foreach (var command in new[] { "run", "validate", "predict", "info" }) Assert.Contains(command, output);
    }
}
