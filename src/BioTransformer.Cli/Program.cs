using BioTransformer.Cli;
using Spectre.Console;

// Logs and CI capture redirected output: do not wrap long lines at Spectre's default 80 columns there.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
return BioTransformerCli.Invoke(args, AnsiConsole.Console);
