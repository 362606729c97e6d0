using Spectre.Console;

namespace BioTransformer.Cli;

/// <summary>
/// Where the command line writes: results on <see cref="Out"/> (standard output), errors, warnings and
/// progress on <see cref="Err"/> (standard error), so `-o -` pipes clean data and a log keeps every error.
/// </summary>
public sealed record CliIo(IAnsiConsole Out, IAnsiConsole Err)
{
    /// <summary>Where a command's informational lines go: standard error when its data goes to standard output.</summary>
    public IAnsiConsole InfoFor(string? outputPath) => outputPath == "-" ? Err : Out;
}
