using BioTransformer.Cli;
using Spectre.Console;

return BioTransformerCli.Invoke(args, AnsiConsole.Console);
