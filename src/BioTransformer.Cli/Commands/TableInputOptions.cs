using System.CommandLine;

namespace BioTransformer.Cli.Commands;

/// <summary>
/// The options every command that reads a table of molecules or sequences shares: which column, how a
/// SMILES file is laid out, cores, quiet, and the line-length limit.
/// </summary>
internal sealed class TableInputOptions
{
    public Option<string> Column { get; } = new("--column") { Description = "SMILES (or sequence) column of a CSV input; matched exactly, else ignoring case", DefaultValueFactory = _ => "smiles" };

    public Option<bool> SmiHeader { get; } = new("--smi-header") { Description = "The .smi file's first line names its columns (e.g. 'SMILES Name'); it is not read as a molecule" };

    public Option<int> Threads { get; } = new("--threads") { Description = "CPU cores to use; 0 = all", DefaultValueFactory = _ => 0 };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only warnings, errors and the final summary" };

    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace the output file if it exists (it is refused otherwise; an output that is the input is always refused)" };

    public Option<int?> MaxLineLength { get; } = new("--max-line-length") { Description = $"Longest input line (CSV record) in characters; longer is an error (default {BioTransformer.Core.Data.TableSchema.DefaultMaxLineLength:N0})" };

    public void AddTo(Command command)
    {
        command.Options.Add(Column);
        command.Options.Add(SmiHeader);
        command.Options.Add(Threads);
        command.Options.Add(Quiet);
        command.Options.Add(MaxLineLength);
        command.Options.Add(Overwrite);
    }

    /// <summary>Applies --max-line-length for this process's readers (the environment variable they read).</summary>
    public void ApplyLimits(ParseResult parse)
    {
        if (parse.GetValue(MaxLineLength) is not { } limit) return;
        if (limit < 1) throw new BioTransformer.Core.InputException("--max-line-length must be at least 1");
        Environment.SetEnvironmentVariable("BIOTRANSFORMER_MAX_LINE_LENGTH", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
