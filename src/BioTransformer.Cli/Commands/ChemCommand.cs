using System.CommandLine;
using BioTransformer.Experiments.Chemistry;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

/// <summary>`chem validate | canonicalize | descriptors | fingerprints`: the chemistry module over SMILES files.</summary>
internal static class ChemCommand
{
    /// <summary>Invalid rows listed on the console by the commands whose job is not validation; the rest are in their CSV.</summary>
    private const int ListedInvalid = 5;

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("chem", "Chemistry on SMILES files: validity, canonical SMILES, descriptors, Morgan fingerprints.");
        command.Subcommands.Add(Validate(console));
        command.Subcommands.Add(Canonicalize(console));
        command.Subcommands.Add(Descriptors(console));
        command.Subcommands.Add(Fingerprints(console));
        return command;
    }

    private sealed record CommonOptions(Argument<string> Input, Option<string> Column, Option<int> Threads)
    {
        public static CommonOptions Create() => new(
            new Argument<string>("input") { Description = "CSV with a header (see --column), or .smi (one SMILES a line, optional name after whitespace); .gz accepted" },
            new Option<string>("--column") { Description = "SMILES column of a CSV input", DefaultValueFactory = _ => "smiles" },
            new Option<int>("--threads") { Description = "Cores to use; 0 = all", DefaultValueFactory = _ => 0 });

        public void AddTo(Command command)
        {
            command.Arguments.Add(Input);
            command.Options.Add(Column);
            command.Options.Add(Threads);
        }
    }

    private static Command Validate(IAnsiConsole console)
    {
        var common = CommonOptions.Create();
        var output = new Option<string?>("--output", "-o") { Description = "Also write a CSV report: line, smiles, valid, canonical_smiles, error_kind, error_position, error" };
        var command = new Command("validate", "Check every SMILES as chemists' toolkits do (syntax, valence, kekulization) and list each invalid line and why. " +
                                              "Exit code 0 when all are valid, 2 otherwise.") { output };
        common.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(console, () =>
        {
            var summary = ChemistryTables.Canonicalize(parse.GetValue(common.Input)!, parse.GetValue(common.Column)!, parse.GetValue(output), parse.GetValue(common.Threads));
            Report(console, summary, listAll: true);
            return summary.InvalidCount == 0 ? 0 : BioTransformerCli.InputError;
        }));
        return command;
    }

    private static Command Canonicalize(IAnsiConsole console)
    {
        var common = CommonOptions.Create();
        var output = new Option<string>("--output", "-o") { Description = "CSV to write: line, smiles, valid, canonical_smiles, error_kind, error_position, error", Required = true };
        var command = new Command("canonicalize", "Write the canonical SMILES of every row (the same string for every way of writing a molecule; stereo and charges kept). " +
                                                  "Invalid rows are kept with the reason.") { output };
        common.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(console, () =>
        {
            var summary = ChemistryTables.Canonicalize(parse.GetValue(common.Input)!, parse.GetValue(common.Column)!, parse.GetValue(output), parse.GetValue(common.Threads));
            Report(console, summary, listAll: false);
            return 0;
        }));
        return command;
    }

    private static Command Descriptors(IAnsiConsole console)
    {
        var common = CommonOptions.Create();
        var output = new Option<string>("--output", "-o") { Description = "CSV to write: line, smiles, valid, " + string.Join(", ", ChemistryTables.DescriptorColumns) + ", error", Required = true };
        var command = new Command("descriptors", "Compute formula, molecular weight, heavy atoms, rings, aromatic rings, H-bond donors/acceptors, " +
                                                 "rotatable bonds, TPSA, Crippen logP and QED (RDKit's definitions) for every row.") { output };
        common.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(console, () =>
        {
            var summary = ChemistryTables.Descriptors(parse.GetValue(common.Input)!, parse.GetValue(common.Column)!, parse.GetValue(output)!, parse.GetValue(common.Threads));
            Report(console, summary, listAll: false);
            return 0;
        }));
        return command;
    }

    private static Command Fingerprints(IAnsiConsole console)
    {
        var common = CommonOptions.Create();
        var output = new Option<string>("--output", "-o") { Description = "CSV to write: line, smiles, valid, fp_0 ... fp_{bits-1} (or features with --sparse), error", Required = true };
        var radius = new Option<int>("--radius") { Description = "Morgan radius: 2 = ECFP4, 3 = ECFP6", DefaultValueFactory = _ => 2 };
        var bits = new Option<int>("--bits") { Description = "Folded length", DefaultValueFactory = _ => 2048 };
        var counts = new Option<bool>("--counts") { Description = "Occurrence counts instead of 0/1 bits" };
        var sparse = new Option<bool>("--sparse") { Description = "One 'features' column of non-zero indices (index:count with --counts) instead of a column per bit" };
        var command = new Command("fingerprints", "Compute Morgan/ECFP fingerprints (bit-identical to RDKit's) for every row.") { output, radius, bits, counts, sparse };
        common.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(console, () =>
        {
            var options = new FingerprintOptions(parse.GetValue(radius), parse.GetValue(bits), parse.GetValue(counts), parse.GetValue(sparse));
            var summary = ChemistryTables.Fingerprints(parse.GetValue(common.Input)!, parse.GetValue(common.Column)!, parse.GetValue(output)!, options, parse.GetValue(common.Threads));
            Report(console, summary, listAll: false);
            return 0;
        }));
        return command;
    }

    private static void Report(IAnsiConsole console, ChemistryTableSummary summary, bool listAll)
    {
        int listed = listAll ? int.MaxValue : ListedInvalid;
        foreach (var invalid in summary.Invalid.Take(listed))
            console.MarkupLine($"[yellow]invalid:[/] {Markup.Escape(invalid.ToString())}");
        if (summary.InvalidCount > listed)
            console.MarkupLine(summary.OutputPath is null
                ? $"... and {summary.InvalidCount - listed} more invalid rows (write them all with -o report.csv)"
                : $"... and {summary.InvalidCount - listed} more invalid rows (all in {Markup.Escape(summary.OutputPath)})");
        var written = summary.OutputPath is null ? "" : $"; wrote {Markup.Escape(summary.OutputPath)}";
        console.MarkupLine($"{summary.Rows} rows: {summary.Valid} valid, {summary.InvalidCount} invalid{written}");
    }
}
