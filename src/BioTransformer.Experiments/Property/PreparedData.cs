using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;

namespace BioTransformer.Experiments.Property;

/// <summary>A data file read, checked and tokenized: the usable records and their tokens, in file order.</summary>
public sealed record PreparedData(SequenceTable Table, IReadOnlyList<IReadOnlyList<string>> Tokens, Domain Domain)
{
    public IReadOnlyList<SequenceRecord> Records => Table.Records;

    /// <summary>Reads <paramref name="path"/>, rejecting rows whose sequence does not tokenize or is longer than
    /// <paramref name="maxLength"/> tokens once &lt;cls&gt;, the domain tag and &lt;eos&gt; are added.</summary>
    public static PreparedData Read(string path, Domain domain, string sequenceColumn, IReadOnlyList<string> targets,
        bool classification, bool strict, int maxLength, bool requireLabel = true)
    {
        var tokenizer = Tokenizers.For(domain);
        var cache = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string? CheckSequence(string sequence)
        {
            IReadOnlyList<string> tokens;
            try
            {
                tokens = tokenizer.Tokenize(sequence);
            }
            catch (InvalidSequenceException e)
            {
                return $"{(domain == Domain.Smiles ? "SMILES" : "sequence")} does not tokenize: {e.Message}";
            }
            if (tokens.Count + 3 > maxLength)
                return $"{tokens.Count} tokens is longer than max_length {maxLength} allows ({maxLength - 3} + 3 special tokens); raise model.max_length to keep it";
            cache[sequence] = tokens;
            return null;
        }
        string? CheckLabel(double value) => value is 0 or 1 ? null : "is not 0 or 1 (classification labels must be binary)";

        var schema = new TableSchema(sequenceColumn, targets, CheckSequence, classification ? CheckLabel : null, strict, requireLabel);
        var table = SequenceTableReader.Read(path, schema);
        var tokens = table.Records.Select(r => cache[r.Sequence]).ToList();
        return new PreparedData(table, tokens, domain);
    }
}
