using System.CommandLine;
using BioTransformer.Experiments.Chemistry;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

/// <summary>`chem validate | canonicalize | descriptors | fingerprints`: the chemistry module over SMILES files.</summary>
internal static class ChemCommand
{
    /// <summary>Invalid rows listed on the console by the commands whose job is not validation; the rest are in their CSV.</summary>
    private const int ListedInvalid = 5;

    public static Command Create(CliIo io)
    {
        var command = new Command("chem", "Chemistry on SMILES files: validity, canonical SMILES, descriptors, Morgan fingerprints. Every input row gives one output row, every input column kept.");
        command.Subcommands.Add(Validate(io));
        command.Subcommands.Add(Canonicalize(io));
        command.Subcommands.Add(Descriptors(io));
        command.Subcommands.Add(Fingerprints(io));
        return command;
    }

    private sealed record CommonOptions(Argument<string> Input, TableInputOptions Table)
    {
        public static CommonOptions Create() => new(
            new Argument<string>("input") { Description = "CSV with a header (see --column), or .smi (one SMILES a line, optional name after whitespace); .gz accepted; - reads standard input (CSV)" },
            new TableInputOptions());

        public void AddTo(Command command)
        {
            command.Arguments.Add(Input);
            Table.AddTo(command);
        }

        public ChemistryInput Read(ParseResult parse)
        {
            Table.ApplyLimits(parse);
            return new ChemistryInput(parse.GetValue(Input)!, parse.GetValue(Table.Column)!, parse.GetValue(Table.SmiHeader), parse.GetValue(Table.Overwrite));
        }
    }

    private static Command Validate(CliIo io)
    {
        var common = CommonOptions.Create();
        var output = new Option<string?>("--output", "-o") { Description = "Also write a CSV report: line, the input columns, valid, canonical_smiles, error_kind, error_position, error (- = standard output)" };
        var command = new Command("validate", "Check every SMILES as chemists' toolkits do (syntax, valence, kekulization) and list each invalid line and why. " +
                                              "Exit code 0 when all are valid, 2 otherwise.") { output };
        common.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var reporter = new ConsoleReporter(io, parse.GetValue(common.Table.Quiet), parse.GetValue(output));
            var info = io.InfoFor(parse.GetValue(output));
            var summary = ChemistryTables.Canonicalize(common.Read(parse), parse.GetValue(output), parse.GetValue(common.Table.Threads), reporter,
                invalid => info.MarkupLine($"[yellow]invalid:[/] {Markup.Escape(invalid.ToString())}"));
            Report(io, parse.GetValue(output), summary, listed: 0);
            if (summary.InvalidCount > 0)
                throw new BioTransformer.Core.InputException($"{parse.GetValue(common.Input)}: {summary.InvalidCount} of {summary.Rows} rows are not valid molecules (each listed above with its line and reason)");
            return 0;
        }));
        return command;
    }

    private static Command Canonicalize(CliIo io)
    {
        var common = CommonOptions.Create();
        var output = new Option<string>("--output", "-o") { Description = "CSV to write: line, the input columns, valid, canonical_smiles, error_kind, error_position, error (- = standard output)", Required = true };
        var command = new Command("canonicalize", "Write the canonical SMILES of every row (the same string for every way of writing a molecule; stereo and charges kept). " +
                                                  "Invalid rows are kept with the reason.") { output };
        common.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var summary = ChemistryTables.Canonicalize(common.Read(parse), parse.GetValue(output), parse.GetValue(common.Table.Threads),
                new ConsoleReporter(io, parse.GetValue(common.Table.Quiet), parse.GetValue(output)));
            Report(io, parse.GetValue(output), summary, ListedInvalid);
            return 0;
        }));
        return command;
    }

    private static Command Descriptors(CliIo io)
    {
        var common = CommonOptions.Create();
        var output = new Option<string>("--output", "-o") { Description = "CSV to write: line, the input columns, valid, the descriptors, error (- = standard output)", Required = true };
        var set = new Option<string>("--set")
        {
            Description = "basic: " + string.Join(", ", ChemistryTables.DescriptorColumns) + "; rdkit2d: RDKit's 208 2D descriptors under RDKit's names (docs/rdkit2d-agreement.md)",
            DefaultValueFactory = _ => "basic",
        };
        set.AcceptOnlyFromAmong("basic", "rdkit2d");
        var command = new Command("descriptors", "Compute descriptors for every row with RDKit's definitions: a basic set (formula, molecular weight, heavy atoms, rings, " +
                                                 "aromatic rings, H-bond donors/acceptors, rotatable bonds, TPSA, Crippen logP, QED) or RDKit's full 2D set.") { output, set };
        common.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var reporter = new ConsoleReporter(io, parse.GetValue(common.Table.Quiet), parse.GetValue(output));
            var summary = parse.GetValue(set) == "rdkit2d"
                ? ChemistryTables.Rdkit2D(common.Read(parse), parse.GetValue(output)!, parse.GetValue(common.Table.Threads), reporter)
                : ChemistryTables.Descriptors(common.Read(parse), parse.GetValue(output)!, parse.GetValue(common.Table.Threads), reporter);
            Report(io, parse.GetValue(output), summary, ListedInvalid);
            return 0;
        }));
        return command;
    }

    private static Command Fingerprints(CliIo io)
    {
        var common = CommonOptions.Create();
        var output = new Option<string>("--output", "-o") { Description = "CSV to write: line, the input columns, valid, fp_0 ... fp_{bits-1} (or features with --sparse), error (- = standard output)", Required = true };
        var radius = new Option<int>("--radius") { Description = "Morgan radius: 2 = ECFP4, 3 = ECFP6", DefaultValueFactory = _ => 2 };
        var bits = new Option<int>("--bits") { Description = "Folded length", DefaultValueFactory = _ => 2048 };
        var counts = new Option<bool>("--counts") { Description = "Occurrence counts instead of 0/1 bits" };
        var sparse = new Option<bool>("--sparse") { Description = "One 'features' column of non-zero indices (index:count with --counts) instead of a column per bit" };
        var command = new Command("fingerprints", "Compute Morgan/ECFP fingerprints (bit-identical to RDKit's) for every row.") { output, radius, bits, counts, sparse };
        common.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var options = new FingerprintOptions(parse.GetValue(radius), parse.GetValue(bits), parse.GetValue(counts), parse.GetValue(sparse));
            var summary = ChemistryTables.Fingerprints(common.Read(parse), parse.GetValue(output)!, options, parse.GetValue(common.Table.Threads),
                new ConsoleReporter(io, parse.GetValue(common.Table.Quiet), parse.GetValue(output)));
            Report(io, parse.GetValue(output), summary, ListedInvalid);
            return 0;
        }));
        return command;
    }

    /// <param name="listed">Invalid rows to list here (validate lists every one as it is found, so 0).</param>
    private static void Report(CliIo io, string? outputPath, ChemistryTableSummary summary, int listed)
    {
        var console = io.InfoFor(outputPath);
        foreach (var invalid in summary.FirstInvalid.Take(listed))
            console.MarkupLine($"[yellow]invalid:[/] {Markup.Escape(invalid.ToString())}");
        if (listed > 0 && summary.InvalidCount > listed)
            console.MarkupLine($"... and {summary.InvalidCount - listed} more invalid rows (all in {Markup.Escape(summary.OutputPath ?? "the output")})");
        var written = summary.OutputPath is null ? "" : summary.OutputPath == "-" ? "; wrote standard output" : $"; wrote {Markup.Escape(summary.OutputPath)}";
        console.MarkupLine($"{summary.Rows} rows: {summary.Valid} valid, {summary.InvalidCount} invalid{written}");
    }
}
