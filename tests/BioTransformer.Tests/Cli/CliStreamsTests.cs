using System.Diagnostics;
using BioTransformer.Cli;

namespace BioTransformer.Tests.Cli;

/// <summary>
/// The command line as a user's shell sees it, in a child process: results on standard output, errors on
/// standard error, "-" for standard input and output, and the documented exit codes.
/// </summary>
public class CliStreamsTests
{
    private static (int Exit, string Stdout, string Stderr) Run(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "biotransformer.dll"), .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(120_000), "the command did not finish in 2 minutes");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    [Fact]
    public void ChemCanonicalize_StdinToStdout_StdoutHoldsOnlyTheCsv()
    {
        var (exit, stdout, stderr) = Run("id,smiles\nm1,OCC\nm2,c1cccc1\n", "chem", "canonicalize", "-", "-o", "-");
        Assert.Equal(0, exit);
        Assert.Equal("line,id,smiles,valid,canonical_smiles,error_kind,error_position,error", stdout.Split('\n')[0]);
        Assert.StartsWith("2,m1,OCC,1,CCO,,,", stdout.Split('\n')[1]);
        Assert.StartsWith("3,m2,c1cccc1,0,,Kekulization,", stdout.Split('\n')[2]);
        Assert.Equal(4, stdout.Split('\n').Length);   // header, two rows, the final newline
        Assert.Contains("2 rows: 1 valid, 1 invalid; wrote standard output", stderr);
    }

    [Fact]
    public void Errors_GoToStderr_WithTheDocumentedExitCodes()
    {
        var missing = Run(null, "chem", "validate", "/nonexistent/input.csv");
        Assert.Equal(BioTransformerCli.InputError, missing.Exit);
        Assert.Equal("", missing.Stdout);
        Assert.StartsWith("error: /nonexistent/input.csv: data file not found", missing.Stderr);
        Assert.Single(missing.Stderr.Trim().Split('\n'));

        var usage = Run(null, "chem", "frobnicate", "x.csv");
        Assert.Equal(BioTransformerCli.UsageError, usage.Exit);
        Assert.Contains("frobnicate", usage.Stderr);
    }
}
