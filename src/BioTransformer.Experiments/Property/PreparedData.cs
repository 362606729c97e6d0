using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Experiments.Property;

/// <summary>
/// A data file read, checked and tokenized: the usable records and their tokens, in file order, and
/// for SMILES read with validation the parsed molecules (for augmentation and fingerprints).
/// </summary>
public sealed record PreparedData(SequenceTable Table, IReadOnlyList<IReadOnlyList<string>> Tokens, Domain Domain,
    IReadOnlyList<Molecule>? Molecules)
{
    public IReadOnlyList<SequenceRecord> Records => Table.Records;

    /// <summary>Reads <paramref name="path"/>, rejecting rows whose sequence does not tokenize, is longer than
    /// <paramref name="maxLength"/> tokens once &lt;cls&gt;, the domain tag and &lt;eos&gt; are added, or
    /// (SMILES with <paramref name="validateSmiles"/>) is not a valid molecule.</summary>
    /// <param name="commandLine">Read for a command on a trained model (evaluate): errors name its flags
    /// (--column, --target-column) and say the model's window is fixed, instead of naming manifest keys.</param>
    public static PreparedData Read(string path, Domain domain, string sequenceColumn, IReadOnlyList<string> targets,
        bool classification, bool strict, int maxLength, bool requireLabel = true, bool validateSmiles = true, bool commandLine = false)
    {
        var tokenizer = Tokenizers.For(domain);
        bool parse = validateSmiles && domain == Domain.Smiles;
        var cache = new Dictionary<string, (IReadOnlyList<string> Tokens, Molecule? Molecule)>(StringComparer.Ordinal);
        string? CheckSequence(string sequence)
        {
            if (cache.ContainsKey(sequence)) return null;
            var problem = SequenceValidation.Problem(tokenizer, sequence, domain, maxLength, parse, out var tokens, out var molecule, trainedModel: commandLine);
            if (problem is null) cache[sequence] = (tokens!, molecule);
            return problem;
        }
        string? CheckLabel(double value) => value is 0 or 1 ? null : "is not 0 or 1 (classification labels must be binary)";

        var schema = new TableSchema(sequenceColumn, targets, CheckSequence, classification ? CheckLabel : null, strict, requireLabel);
        if (commandLine) schema = schema with { SequenceSetting = "--column", LabelSetting = "--target-column" };
        var table = SequenceTableReader.Read(path, schema);
        var tokens = table.Records.Select(r => cache[r.Sequence].Tokens).ToList();
        var molecules = parse ? table.Records.Select(r => cache[r.Sequence].Molecule!).ToList() : null;
        return new PreparedData(table, tokens, domain, molecules);
    }
}
