using System.Diagnostics;
using BioTransformer.Core;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Sweeps;

namespace BioTransformer.Tests.Security;

/// <summary>
/// Classes 1 and 3 of the hostile-input audit: nothing a manifest or flag holds becomes a command in a
/// generated Slurm script, and no name writes outside the chosen output folder.
/// </summary>
public class InjectionAndPathTests
{
    /// <summary>The tiny ESOL manifest with a [sweep] table and the given lines added (before [sweep]).</summary>
    private static string Manifest(string extra, string outputDir = "out")
    {
        var dir = Repo.TempDirectory();
        File.Copy(Repo.Fixture("tiny_esol.csv"), Path.Combine(dir, "tiny_esol.csv"));
        var path = Path.Combine(dir, "sweep.toml");
        var text = File.ReadAllText(Repo.Fixture("tiny_esol.toml"));
        File.WriteAllText(path, extra + "\n" + text + $"\n[output]\ndir = {Toml(outputDir)}\n\n[sweep]\nseed = [1, 2]\n");
        return path;
    }

    private static string Toml(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    [Theory]
    [InlineData("name = \"evil\\nrm -rf ~\"", "control character")]
    [InlineData("name = \"two words\"", "is not allowed")]
    [InlineData("name = \"../../escape\"", "is not allowed")]
    [InlineData("name = \"/abs/olute\"", "is not allowed")]
    [InlineData("name = \"a/b\"", "is not allowed")]
    [InlineData("name = \"a\\\\b\"", "is not allowed")]
    [InlineData("[slurm]\npartition = \"gpu\\necho pwned\"", "control character")]
    [InlineData("[slurm]\npartition = \"gpu --wrap=x\"", "is not allowed")]
    [InlineData("[slurm]\naccount = \"lab;id\"", "is not allowed")]
    [InlineData("[slurm]\ntime = \"4h; id\"", "is not allowed")]
    public void HostileNamesAndSlurmValues_AreRefusedWhenTheManifestLoads(string setting, string message)
    {
        var manifest = Manifest("");
        var text = File.ReadAllText(manifest);
        // name replaces the fixture's; a [slurm] table goes at the end, before [sweep].
        text = setting.StartsWith("name")
            ? System.Text.RegularExpressions.Regex.Replace(text, "^name = .*$", _ => setting, System.Text.RegularExpressions.RegexOptions.Multiline)
            : text.Replace("[sweep]", setting + "\n\n[sweep]");
        File.WriteAllText(manifest, text);
        var error = Assert.Throws<InputException>(() => ManifestLoader.Load(manifest));
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void SlurmScript_HostileOutputFolder_IsQuotedAndNeverExecuted()
    {
        var root = Repo.TempDirectory();
        // The manifest's folder (it reaches the bash line that starts each point) and the output folder (the
        // #SBATCH --output line) both hold shell syntax.
        var hostile = Path.Combine(root, "in $(touch PWNED1) `touch PWNED2` 'q' ;touch PWNED3 &");
        Directory.CreateDirectory(hostile);
        var original = Manifest("", "out $(touch PWNED4)");
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(original)!)) File.Copy(file, Path.Combine(hostile, Path.GetFileName(file)));
        var plan = SweepPlanner.Plan(Path.Combine(hostile, "sweep.toml"));
        var script = SlurmScript.Write(plan, new SlurmResources(Partition: "gpu,cpu", Account: "lab-1"), ["/bin/echo"]);
        var text = File.ReadAllText(script);

        Assert.Contains($"#SBATCH --output=\"{Path.Combine(plan.Directory, "slurm-%A_%a.out")}\"", text);
        Assert.Contains("#SBATCH --partition=\"gpu,cpu\"", text);
        Assert.Equal(0, Bash("-n", script, []).Exit);   // parses

        // Run as an array task would: /bin/echo stands in for the CLI and prints the arguments it got.
        var (exit, output) = Bash(script, null, [("SLURM_ARRAY_TASK_ID", "0")]);
        Assert.Equal(0, exit);
        Assert.Contains(Path.Combine(hostile, "sweep.toml"), output);   // the path reached the command as one literal argument
        Assert.Empty(Directory.GetFiles(root, "PWNED*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Directory.GetCurrentDirectory(), "PWNED*"));
    }

    [Theory]
    [InlineData("gpu\necho pwned")]
    [InlineData("gpu queue")]
    [InlineData("\"gpu\"")]
    public void SlurmScript_HostilePartitionFlag_IsRefused(string partition)
    {
        var plan = SweepPlanner.Plan(Manifest(""));
        var error = Assert.Throws<InputException>(() => SlurmScript.Write(plan, new SlurmResources(Partition: partition), ["x"]));
        Assert.Contains("--partition", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static (int Exit, string Output) Bash(string argument, string? second, (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.TempDirectory() };
        start.ArgumentList.Add(argument);
        if (second is not null) start.ArgumentList.Add(second);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
