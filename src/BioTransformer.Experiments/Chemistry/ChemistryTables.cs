using System.Globalization;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;
using BioTransformer.Molecules.Descriptors;
using BioTransformer.Molecules.Fingerprints;

namespace BioTransformer.Experiments.Chemistry;

/// <summary>
/// SMILES files in, one CSV row per input row out (in input order, the input's line number first):
/// validity and canonical SMILES, descriptors, or Morgan fingerprints. Invalid rows stay in the
/// output with empty values and the reason, so rows never silently disappear. Work is spread over
/// <c>threads</c> cores; output does not depend on the thread count.
/// </summary>
public static class ChemistryTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A row of a SMILES file with its parse result.</summary>
    private sealed record Parsed(int Line, string Smiles, Molecule? Molecule, InvalidSmiles? Error);

    /// <summary>Validity and canonical SMILES: line, smiles, valid, canonical_smiles, error_kind, error_position, error.</summary>
    public static ChemistryTableSummary Canonicalize(string input, string column, string? output, int threads = 0)
    {
        if (output is not null) OutputFolder.PrepareFor(output);
        var rows = Parse(input, column, threads, out var invalid);
        var canonical = Map(rows, threads, p => p.Molecule is null ? "" : Smiles.Canonical(p.Molecule));
        if (output is not null)
            CsvOutput.Write(output, ["line", "smiles", "valid", "canonical_smiles", "error_kind", "error_position", "error"],
                rows.Select((p, i) => (IReadOnlyList<string>)
                [
                    p.Line.ToString(Invariant), p.Smiles, p.Molecule is null ? "0" : "1", canonical[i],
                    p.Error?.Kind ?? "", p.Error?.Position?.ToString(Invariant) ?? "", p.Error?.Reason ?? "",
                ]));
        return new ChemistryTableSummary(rows.Count, rows.Count - invalid.Count, invalid, output);
    }

    public static IReadOnlyList<string> DescriptorColumns { get; } =
        ["formula", "molecular_weight", "heavy_atoms", "rings", "aromatic_rings", "hbd", "hba", "rotatable_bonds", "tpsa", "logp", "qed"];

    /// <summary>Descriptors per row: line, smiles, valid, then <see cref="DescriptorColumns"/>, then error.</summary>
    public static ChemistryTableSummary Descriptors(string input, string column, string output, int threads = 0)
    {
        OutputFolder.PrepareFor(output);
        var rows = Parse(input, column, threads, out var invalid);
        var values = Map(rows, threads, p => p.Molecule is null ? null : MolecularDescriptors.Compute(p.Molecule));
        CsvOutput.Write(output, ["line", "smiles", "valid", .. DescriptorColumns, "error"], rows.Select((p, i) =>
        {
            var fields = new List<string> { p.Line.ToString(Invariant), p.Smiles, p.Molecule is null ? "0" : "1" };
            if (values[i] is { } d)
                fields.AddRange([d.Formula, d.MolecularWeight.ToString("0.###", Invariant), I(d.HeavyAtoms), I(d.Rings), I(d.AromaticRings),
                    I(d.HBondDonors), I(d.HBondAcceptors), I(d.RotatableBonds), d.Tpsa.ToString("0.##", Invariant),
                    d.LogP.ToString("0.####", Invariant), d.Qed.ToString("0.####", Invariant)]);
            else fields.AddRange(Enumerable.Repeat("", DescriptorColumns.Count));
            fields.Add(p.Error?.Reason ?? "");
            return (IReadOnlyList<string>)fields;
        }));
        return new ChemistryTableSummary(rows.Count, rows.Count - invalid.Count, invalid, output);
    }

    /// <summary>Morgan fingerprints per row: line, smiles, valid, then fp_0..fp_{bits-1} (or one sparse "features" column), then error.</summary>
    public static ChemistryTableSummary Fingerprints(string input, string column, string output, FingerprintOptions options, int threads = 0)
    {
        OutputFolder.PrepareFor(output);
        if (options.Radius is < 0 or > 10) throw new InputException($"fingerprint radius {options.Radius} is out of range: use 0 to 10 (2 = ECFP4)");
        if (options.Bits is < 1 or > 1 << 20) throw new InputException($"fingerprint length {options.Bits} is out of range: use 1 to 1048576 bits (2048 is usual)");
        var rows = Parse(input, column, threads, out var invalid);
        var values = Map(rows, threads, p => p.Molecule is null ? null : MorganFingerprint.FoldedCounts(p.Molecule, options.Radius, options.Bits));
        var header = new List<string> { "line", "smiles", "valid" };
        if (options.Sparse) header.Add("features");
        else header.AddRange(Enumerable.Range(0, options.Bits).Select(j => $"fp_{j}"));
        header.Add("error");
        CsvOutput.Write(output, header, rows.Select((p, i) =>
        {
            var fields = new List<string>(header.Count) { p.Line.ToString(Invariant), p.Smiles, p.Molecule is null ? "0" : "1" };
            var counts = values[i];
            if (options.Sparse)
                fields.Add(counts is null ? "" : string.Join(' ', counts.Select((c, j) => (c, j)).Where(x => x.c != 0)
                    .Select(x => options.Counts ? $"{x.j}:{x.c}" : I(x.j))));
            else if (counts is null) fields.AddRange(Enumerable.Repeat("", options.Bits));
            else fields.AddRange(counts.Select(c => options.Counts ? I(c) : c > 0 ? "1" : "0"));
            fields.Add(p.Error?.Reason ?? "");
            return (IReadOnlyList<string>)fields;
        }));
        return new ChemistryTableSummary(rows.Count, rows.Count - invalid.Count, invalid, output);
    }

    /// <summary>Every row of the file (CSV column or .smi line), parsed; empty rows count as invalid.</summary>
    private static List<Parsed> Parse(string input, string column, int threads, out List<InvalidSmiles> invalid)
    {
        var table = SequenceTableReader.Read(input, new TableSchema(column, [], _ => null, RequireLabel: false));
        var items = table.Records.Select(r => (r.Line, r.Sequence))
            .Concat(table.Rejected.Select(r => (r.Line, r.Sequence)))
            .OrderBy(x => x.Line).ToList();
        var parsed = Map(items, threads, item =>
        {
            if (item.Sequence.Length == 0) return new Parsed(item.Line, item.Sequence, null, new InvalidSmiles(item.Line, "", "Empty", null, "empty SMILES"));
            return Smiles.TryParse(item.Sequence, out var molecule, out var error)
                ? new Parsed(item.Line, item.Sequence, molecule, null)
                : new Parsed(item.Line, item.Sequence, null, new InvalidSmiles(item.Line, item.Sequence, error!.Kind.ToString(), error.Position + 1, error.Reason));
        });
        invalid = parsed.Where(p => p.Error is not null).Select(p => p.Error!).ToList();
        return parsed;
    }

    private static List<TOut> Map<TIn, TOut>(IReadOnlyList<TIn> items, int threads, Func<TIn, TOut> map) =>
        items.AsParallel().AsOrdered().WithDegreeOfParallelism(threads > 0 ? threads : Environment.ProcessorCount).Select(map).ToList();

    private static string I(int value) => value.ToString(Invariant);
}
