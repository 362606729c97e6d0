using System.CommandLine;
using BioTransformer.Cli.Commands;
using BioTransformer.Core;
using Spectre.Console;

namespace BioTransformer.Cli;

/// <summary>The `biotransformer` command line: a list of subcommands, each a name, help, arguments and one action.</summary>
public static class BioTransformerCli
{
    // Exit codes, the same for every command (docs/cli.md):
    //   0 done; 1 the command line itself is wrong (unknown command or option, missing argument);
    //   2 bad input the user can fix (a file, manifest, value, or `chem validate` finding invalid rows);
    //   3 an internal error (a bug: please report it).

    /// <summary>Exit code of a command line that does not parse (System.CommandLine's own).</summary>
    public const int UsageError = 1;

    /// <summary>Exit code of a problem the user can fix (bad manifest, file, option).</summary>
    public const int InputError = 2;

    /// <summary>Exit code of an unexpected failure (a bug).</summary>
    public const int InternalError = 3;

    /// <summary>
    /// Parses and runs a command line, writing results to <paramref name="console"/> and errors, warnings and
    /// progress to <paramref name="errors"/> (the same console when not given); returns the exit code.
    /// </summary>
    public static int Invoke(string[] args, IAnsiConsole console, IAnsiConsole? errors = null)
    {
        var io = new CliIo(console, errors ?? console);
        var root = new RootCommand("BioTransformer: sequence models of molecules and proteins, driven by experiment manifests.");
        foreach (var command in new[]
                 {
                     RunCommand.Create(io), ValidateCommand.Create(io), PredictCommand.Create(io), PredictCommand.Merge(io), ChemCommand.Create(io), GenerateCommand.Create(io), TranslateCommand.Create(io),
                     ContactsCommand.Create(io), ContactsCommand.Merge(io), EvaluateCommand.Create(io), PlotCommand.Create(io), ReportCommand.Create(io), SweepCommand.Create(io),
                     InfoCommand.Create(io),
                 })
            root.Subcommands.Add(command);
        return root.Parse(args).Invoke(new InvocationConfiguration
        {
            Output = new AnsiTextWriter(console), Error = new AnsiTextWriter(io.Err), EnableDefaultExceptionHandler = false,
        });
    }

    /// <summary>
    /// Runs a command's action: a problem the user can fix is one line on standard error (exit 2), anything
    /// else names the exception without a stack trace unless BIOTRANSFORMER_DEBUG=1 (exit 3).
    /// </summary>
    public static int Guard(CliIo io, Func<int> action)
    {
        var console = io.Err;
        try
        {
            return action();
        }
        catch (InputException e)
        {
            ErrorLine(console, "error:", e.Message);
            return InputError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && Environment.GetEnvironmentVariable("BIOTRANSFORMER_DEBUG") != "1")
        {
            // The file system refused (disk full, permissions, a path that vanished): the user's to fix, not a bug.
            ErrorLine(console, "error:", $"{InputException.OneLine(e.Message)} (check the path, its permissions and the free disk space; no partial output was kept)");
            return InputError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("BIOTRANSFORMER_DEBUG") != "1")
        {
            ErrorLine(console, "internal error:", $"{e.GetType().Name}: {e.Message.Split('\n')[0]} (set BIOTRANSFORMER_DEBUG=1 for the stack trace and please report it)");
            return InternalError;
        }
    }

    /// <summary>
    /// Writes an error as exactly one line, never wrapped at the console's width (a log or a grep must see
    /// the whole message on its line); red where the console shows colour.
    /// </summary>
    private static void ErrorLine(IAnsiConsole console, string label, string message)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(console.Profile.Capabilities.Ansi ? $"\u001b[31m{label}\u001b[0m {message}" : $"{label} {message}");
        writer.Flush();
    }
}
