using System.Text.RegularExpressions;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;
using BioTransformer.Molecules;
using BioTransformer.Molecules.Chemistry;

namespace BioTransformer.Experiments.Translation;

/// <summary>One usable row: its source and target SMILES, tokens, parsed molecules and canonical target.</summary>
/// <param name="Class">The reaction-class text (its token is &lt;RX_text&gt;), or null without a class column.</param>
/// <param name="Split">"train", "valid" or "test" from the split column, or null when the split is not predefined.</param>
public sealed record ReactionRecord(int Line, string Source, string Target, IReadOnlyList<string> SourceTokens, IReadOnlyList<string> TargetTokens,
    Molecule SourceMolecule, Molecule TargetMolecule, string TargetCanonical, string? Class, string? Split, IReadOnlyList<string> Fields);

/// <summary>
/// Source/target pairs read from a CSV/TSV (two SMILES columns, or one column of reaction SMILES read in a
/// direction), checked as the model will read them: both sides tokenize, are valid molecules with no empty
/// component, and fit the model's window; the class and split columns, when used, hold usable values. Bad
/// rows are rejected with their reason (or, with strict, the first is an error).
/// </summary>
public sealed record ReactionTable(string Path, IReadOnlyList<string> Columns, IReadOnlyList<ReactionRecord> Records, IReadOnlyList<RejectedRow> Rejected)
{
    public int RowCount => Records.Count + Rejected.Count;

    /// <summary>The token standing for a reaction class before the source.</summary>
    public static string ClassToken(string value) => $"<RX_{value}>";

    private static readonly Regex ClassValue = new("^[A-Za-z0-9_.-]{1,32}$", RegexOptions.CultureInvariant);

    /// <param name="maxLength">The model's window: each side's tokens + 3 specials (+ 1 for a class token) must fit.</param>
    /// <param name="splitColumn">The predefined split's column, or null when the split is computed.</param>
    /// <param name="commandLine">Read for a command on a trained model: errors name its flags (--column, --target-column), not manifest keys.</param>
    public static ReactionTable Read(string path, TranslationSection section, int maxLength, bool strict, string? splitColumn, bool commandLine = false)
    {
        bool fromReactions = section.ReactionColumn.Length > 0;
        var mainColumn = fromReactions ? section.ReactionColumn : section.SourceColumn;
        var schema = new TableSchema(mainColumn, [], _ => null, Strict: false, RequireLabel: false)
        {
            SequenceSetting = commandLine ? "--column" : "translation." + (fromReactions ? "reaction_column" : "source_column"),
            LineFormat = false,
        };
        using var reader = TableReader.Open(path, schema);
        int targetIndex = fromReactions ? -1 : Column(reader, path, section.TargetColumn, commandLine ? "--target-column" : "translation.target_column");
        int classIndex = section.ClassColumn.Length == 0 ? -1 : Column(reader, path, section.ClassColumn,
            commandLine ? "the reaction-class column the model was trained with" : "translation.class_column");
        int splitIndex = splitColumn is null ? -1 : Column(reader, path, splitColumn, "data.split_column");
        var tokenizer = Tokenizers.For(Domain.Smiles);
        var records = new List<ReactionRecord>();
        var rejected = new List<RejectedRow>();
        foreach (var row in reader.Rows())
        {
            var problem = row.Problem;
            string source = row.Sequence, target = "";
            if (problem is null && fromReactions)
            {
                var reaction = ReactionSmiles.TryParse(row.Sequence, out var reactionProblem);
                if (reaction is null) problem = $"reaction SMILES {reactionProblem}";
                else (source, target) = section.Direction == ReactionDirection.Retro
                    ? (reaction.ProductSide, reaction.ReactantSide())
                    : (reaction.ReactantSide(withAgents: true), reaction.ProductSide);
            }
            else if (problem is null) target = row.Fields[targetIndex].Trim();
            source = source.Trim();

            string? cls = null, split = null;
            if (problem is null && classIndex >= 0)
            {
                cls = row.Fields[classIndex].Trim();
                if (!ClassValue.IsMatch(cls)) problem = cls.Length == 0 ? "no reaction class" : $"reaction class '{InputException.Abbreviate(cls, 40)}' is not a short name (letters, digits, '_', '.', '-')";
            }
            if (problem is null && splitIndex >= 0)
            {
                split = row.Fields[splitIndex].Trim().ToLowerInvariant();
                if (split is "validation" or "val" or "dev") split = "valid";
                if (split is not ("train" or "valid" or "test")) problem = $"split '{InputException.Abbreviate(row.Fields[splitIndex], 40)}' is not train, valid or test";
            }
            IReadOnlyList<string>? sourceTokens = null, targetTokens = null;
            Molecule? sourceMolecule = null, targetMolecule = null;
            problem ??= Check("source", source, maxLength - (cls is null ? 0 : 1), out sourceTokens, out sourceMolecule)
                        ?? Check("target", target, maxLength, out targetTokens, out targetMolecule);
            if (problem is not null)
            {
                if (strict) throw InputException.At(path, row.Line, problem, commandLine ? "fix the row" : "fix the row, or set data.strict = false to skip bad rows");
                rejected.Add(new RejectedRow(row.Line, row.Sequence, problem));
                continue;
            }
            records.Add(new ReactionRecord(row.Line, source, target, sourceTokens!, targetTokens!, sourceMolecule!, targetMolecule!,
                Smiles.Canonical(targetMolecule!), cls, split, row.Fields));
        }
        return new ReactionTable(path, reader.Columns, records, rejected);

        string? Check(string side, string smiles, int window, out IReadOnlyList<string>? tokens, out Molecule? molecule)
        {
            tokens = null;
            molecule = null;
            if (smiles.Length == 0) return $"empty {side}";
            if (smiles.Split('.').Any(m => m.Trim().Length == 0)) return $"{side} has an empty molecule ('..' or a '.' at an end)";
            try
            {
                tokens = tokenizer.Tokenize(smiles);
            }
            catch (InvalidSequenceException e)
            {
                return $"{side} SMILES does not tokenize: {e.Message}";
            }
            if (tokens.Count + 3 > window)
                return commandLine
                    ? $"{side} has {tokens.Count} tokens, longer than the model's window of {maxLength} (fixed when it was trained)"
                    : $"{side} has {tokens.Count} tokens, longer than max_length {maxLength} allows; raise model.max_length to keep it";
            if (!Smiles.TryParse(smiles, out molecule, out var error)) return $"{side} is not a valid molecule: {error!.Message}";
            return null;
        }
    }

    /// <summary>The index of a named column: exact, else ignoring case; a missing one is an error listing the file's columns.</summary>
    private static int Column(TableReader reader, string path, string name, string setting)
    {
        var columns = reader.Columns;
        int index = columns.ToList().IndexOf(name);
        if (index < 0) index = columns.ToList().FindIndex(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw InputException.At(path, 1, $"no column '{InputException.Abbreviate(name, 60)}' ({setting})",
                $"the columns are: {InputException.Abbreviate(string.Join(", ", columns), 300)}");
        return index;
    }
}
