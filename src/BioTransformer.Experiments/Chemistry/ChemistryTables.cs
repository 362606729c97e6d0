using System.Globalization;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Experiments.Runs;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Descriptors;
using BioTransformer.Molecules.Descriptors.Rdkit2D;
using BioTransformer.Molecules.Fingerprints;

namespace BioTransformer.Experiments.Chemistry;

/// <summary>Where a chemistry command reads its molecules.</summary>
/// <param name="Column">The SMILES column of a CSV input (ignored for .smi files).</param>
/// <param name="SmiHeader">A .smi file's first line names its columns.</param>
/// <param name="Overwrite">Replace an existing output file (otherwise it is refused before any work).</param>
public sealed record ChemistryInput(string Path, string Column = "smiles", bool SmiHeader = false, bool Overwrite = false);

/// <summary>
/// SMILES files in, one CSV row per input row out, streaming (constant memory whatever the file's size):
/// the input's line number, every input column as it was (names, ids), then validity and canonical
/// SMILES, descriptors or Morgan fingerprints. Invalid rows (a blank line included) stay in the output
/// with empty values and the reason, so rows never silently disappear. Each chunk of rows is spread over
/// <c>threads</c> cores; the output does not depend on the thread count. An output of "-" streams to
/// standard output.
/// </summary>
public static class ChemistryTables
{
    /// <summary>Rows read, computed in parallel and written together.</summary>
    public const int ChunkRows = 4096;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A row of a SMILES file with its parse result.</summary>
    private sealed record Parsed(TableRow Row, Molecule? Molecule, InvalidSmiles? Error);

    /// <summary>Validity and canonical SMILES: line, input columns, valid, canonical_smiles, error_kind, error_position, error.</summary>
    /// <param name="output">The CSV to write; null = only check (chem validate without -o).</param>
    /// <param name="onInvalid">Called for each invalid row as it is found, in input order.</param>
    public static ChemistryTableSummary Canonicalize(ChemistryInput input, string? output, int threads = 0, IRunReporter? reporter = null, Action<InvalidSmiles>? onInvalid = null) =>
        Process(input, output, threads, reporter, onInvalid, ["valid", "canonical_smiles", "error_kind", "error_position", "error"], p =>
        [
            p.Molecule is null ? "0" : "1", p.Molecule is null ? "" : Smiles.Canonical(p.Molecule),
            p.Error?.Kind ?? "", p.Error?.Position?.ToString(Invariant) ?? "", p.Error?.Reason ?? "",
        ]);

    public static IReadOnlyList<string> DescriptorColumns { get; } =
        ["formula", "molecular_weight", "heavy_atoms", "rings", "aromatic_rings", "hbd", "hba", "rotatable_bonds", "tpsa", "logp", "qed"];

    /// <summary>Descriptors per row: line, input columns, valid, then <see cref="DescriptorColumns"/>, then error.</summary>
    public static ChemistryTableSummary Descriptors(ChemistryInput input, string output, int threads = 0, IRunReporter? reporter = null, Action<InvalidSmiles>? onInvalid = null) =>
        Process(input, output, threads, reporter, onInvalid, ["valid", .. DescriptorColumns, "error"], p =>
        {
            var fields = new List<string>(DescriptorColumns.Count + 2) { p.Molecule is null ? "0" : "1" };
            if (p.Molecule is not null)
            {
                var d = MolecularDescriptors.Compute(p.Molecule);
                fields.AddRange([d.Formula, d.MolecularWeight.ToString("0.###", Invariant), I(d.HeavyAtoms), I(d.Rings), I(d.AromaticRings),
                    I(d.HBondDonors), I(d.HBondAcceptors), I(d.RotatableBonds), d.Tpsa.ToString("0.##", Invariant),
                    d.LogP.ToString("0.####", Invariant), d.Qed.ToString("0.####", Invariant)]);
            }
            else fields.AddRange(Enumerable.Repeat("", DescriptorColumns.Count));
            fields.Add(p.Error?.Reason ?? "");
            return fields;
        });

    /// <summary>
    /// RDKit's 2D descriptor set per row (docs/rdkit2d-agreement.md): line, input columns, valid, the 208
    /// descriptors under RDKit's names (round-trip precision; "nan" where RDKit gives NaN), then error.
    /// </summary>
    public static ChemistryTableSummary Rdkit2D(ChemistryInput input, string output, int threads = 0, IRunReporter? reporter = null, Action<InvalidSmiles>? onInvalid = null) =>
        Process(input, output, threads, reporter, onInvalid, ["valid", .. Rdkit2DDescriptors.Names, "error"], p =>
        {
            var fields = new List<string>(Rdkit2DDescriptors.Names.Count + 2) { p.Molecule is null ? "0" : "1" };
            if (p.Molecule is not null) fields.AddRange(Rdkit2DDescriptors.Compute(p.Molecule).Select(v => double.IsNaN(v) ? "nan" : v.ToString("R", Invariant)));
            else fields.AddRange(Enumerable.Repeat("", Rdkit2DDescriptors.Names.Count));
            fields.Add(p.Error?.Reason ?? "");
            return fields;
        });

    /// <summary>Morgan fingerprints per row: line, input columns, valid, then fp_0..fp_{bits-1} (or one sparse "features" column), then error.</summary>
    public static ChemistryTableSummary Fingerprints(ChemistryInput input, string output, FingerprintOptions options, int threads = 0, IRunReporter? reporter = null, Action<InvalidSmiles>? onInvalid = null)
    {
        if (options.Radius is < 0 or > 10) throw new InputException($"fingerprint radius {options.Radius} is out of range: use 0 to 10 (2 = ECFP4)");
        if (options.Bits is < 1 or > 1 << 20) throw new InputException($"fingerprint length {options.Bits} is out of range: use 1 to 1048576 bits (2048 is usual)");
        var columns = new List<string> { "valid" };
        if (options.Sparse) columns.Add("features");
        else columns.AddRange(Enumerable.Range(0, options.Bits).Select(j => $"fp_{j}"));
        columns.Add("error");
        return Process(input, output, threads, reporter, onInvalid, columns, p =>
        {
            var fields = new List<string>(columns.Count) { p.Molecule is null ? "0" : "1" };
            var counts = p.Molecule is null ? null : MorganFingerprint.FoldedCounts(p.Molecule, options.Radius, options.Bits);
            if (options.Sparse)
                fields.Add(counts is null ? "" : string.Join(' ', counts.Select((c, j) => (c, j)).Where(x => x.c != 0)
                    .Select(x => options.Counts ? $"{x.j}:{x.c}" : I(x.j))));
            else if (counts is null) fields.AddRange(Enumerable.Repeat("", options.Bits));
            else fields.AddRange(counts.Select(c => options.Counts ? I(c) : c > 0 ? "1" : "0"));
            fields.Add(p.Error?.Reason ?? "");
            return fields;
        });
    }

    /// <summary>
    /// Reads the input a chunk at a time, parses and computes each chunk's rows in parallel, and writes them in
    /// input order: "line", the input's columns, then <paramref name="ours"/> (renamed "bt_…" where the input
    /// already has the name).
    /// </summary>
    private static ChemistryTableSummary Process(ChemistryInput input, string? output, int threads, IRunReporter? reporter, Action<InvalidSmiles>? onInvalid,
        IReadOnlyList<string> ours, Func<Parsed, IReadOnlyList<string>> compute)
    {
        if (output is not null) OutputFile.Check(output, [input.Path], input.Overwrite);
        var schema = new TableSchema(input.Column, [], _ => null, RequireLabel: false) { SequenceSetting = "--column", SmiHeader = input.SmiHeader };
        using var reader = TableReader.Open(input.Path, schema);
        foreach (var notice in reader.Notices) reporter?.Info(notice);
        var columns = reader.Columns;
        var names = CsvOutput.AfterInputColumns(columns, ["line", .. ours]);
        int rows = 0, valid = 0, invalidCount = 0;
        var invalid = new List<InvalidSmiles>();

        void Each(Action<IReadOnlyList<(Parsed Parsed, IReadOnlyList<string>? Fields)>> write)
        {
            var chunk = new List<TableRow>(ChunkRows);
            foreach (var row in reader.Rows())
            {
                chunk.Add(row);
                if (chunk.Count == ChunkRows) Flush();
            }
            Flush();

            void Flush()
            {
                if (chunk.Count == 0) return;
                var done = Map(chunk, threads, row =>
                {
                    var parsed = Parse(row);
                    return (parsed, output is null ? null : compute(parsed));
                });
                foreach (var (parsed, _) in done)
                {
                    rows++;
                    if (parsed.Error is null) valid++;
                    else
                    {
                        if (invalidCount++ < ChemistryTableSummary.KeptInvalid) invalid.Add(parsed.Error);
                        onInvalid?.Invoke(parsed.Error);
                    }
                }
                write(done);
                chunk.Clear();
                reporter?.Progress("chem", reader.Position, reader.Length, rows);
            }
        }

        void NoRows()
        {
            if (rows == 0) throw InputException.At(input.Path, null, "the file holds no data rows", "expected a header line followed by at least one row");
        }
        if (output is null)
        {
            Each(_ => { });
            NoRows();
        }
        else
            CsvOutput.Stream(output, writer =>
            {
                CsvOutput.WriteRecord(writer, [names[0], .. columns, .. names.Skip(1)]);
                Each(done =>
                {
                    foreach (var (parsed, fields) in done)
                        CsvOutput.WriteRecord(writer, [I(parsed.Row.Line), .. CsvOutput.InputFields(parsed.Row.Fields, columns.Count), .. fields!]);
                });
                NoRows();   // inside the write: the empty output is discarded, never left behind
            });
        if (reader.CommentLines > 0) reporter?.Info($"{reader.CommentLines} comment lines (#) in {input.Path} skipped");
        return new ChemistryTableSummary(rows, valid, invalidCount, invalid, output);
    }

    private static Parsed Parse(TableRow row)
    {
        if (row.Sequence.Length == 0)
            return new Parsed(row, null, new InvalidSmiles(row.Line, "", "Empty", null, row.Problem == "blank line" ? "blank line" : "empty SMILES"));
        return Smiles.TryParse(row.Sequence, out var molecule, out var error)
            ? new Parsed(row, molecule, null)
            : new Parsed(row, null, new InvalidSmiles(row.Line, row.Sequence, error!.Kind.ToString(), error.Position + 1, error.Reason));
    }

    private static List<TOut> Map<TIn, TOut>(IReadOnlyList<TIn> items, int threads, Func<TIn, TOut> map) =>
        items.AsParallel().AsOrdered().WithDegreeOfParallelism(threads > 0 ? threads : Environment.ProcessorCount).Select(map).ToList();

    private static string I(int value) => value.ToString(Invariant);
}
