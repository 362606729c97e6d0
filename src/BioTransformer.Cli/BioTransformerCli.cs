using System.CommandLine;
using BioTransformer.Cli.Commands;
using BioTransformer.Core;
using Spectre.Console;

namespace BioTransformer.Cli;

/// <summary>The `biotransformer` command line: a list of subcommands, each a name, help, arguments and one action.</summary>
public static class BioTransformerCli
{
    /// <summary>Exit code of a problem the user can fix (bad manifest, file, option).</summary>
    public const int InputError = 2;

    /// <summary>Exit code of an unexpected failure (a bug).</summary>
    public const int InternalError = 1;

    /// <summary>Parses and runs a command line, writing to <paramref name="console"/>; returns the exit code.</summary>
    public static int Invoke(string[] args, IAnsiConsole console)
    {
        var root = new RootCommand("BioTransformer: sequence models of molecules and proteins, driven by experiment manifests.");
        foreach (var command in new[]
                 {
                     RunCommand.Create(console), ValidateCommand.Create(console), PredictCommand.Create(console), PredictCommand.Merge(console), ChemCommand.Create(console), GenerateCommand.Create(console),
                     ContactsCommand.Create(console), ContactsCommand.Merge(console), EvaluateCommand.Create(console), PlotCommand.Create(console), ReportCommand.Create(console), SweepCommand.Create(console),
                     InfoCommand.Create(console),
                 })
            root.Subcommands.Add(command);
        var output = new AnsiTextWriter(console);
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// Runs a command's action: a problem the user can fix is one line on the console (exit 2), anything
    /// else names the exception without a stack trace unless BIOTRANSFORMER_DEBUG=1 (exit 1).
    /// </summary>
    public static int Guard(IAnsiConsole console, Func<int> action)
    {
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
