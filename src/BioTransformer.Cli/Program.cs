using BioTransformer.Cli;
using Spectre.Console;

// Results go to standard output, errors, warnings and progress to standard error.
var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
// Logs and CI capture redirected output: do not wrap long lines at Spectre's default 80 columns there.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
if (Console.IsErrorRedirected) errors.Profile.Width = 200;
return BioTransformerCli.Invoke(args, AnsiConsole.Console, errors);
