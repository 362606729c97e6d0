using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Runs;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Experiments.Pretraining;

/// <summary>
/// Unlabelled sequences for pretraining, tokenized: FASTA or structure JSON lines (proteins), or a
/// CSV/TSV/.smi table (either domain). Protein sequences longer than the model's window are cut into
/// consecutive, near-equal chunks so no residue is thrown away; <see cref="Source"/> keeps which
/// sequence each chunk came from, so splits are made by sequence, never by chunk.
/// </summary>
public sealed record SequenceCorpus(IReadOnlyList<string> Sequences, IReadOnlyList<IReadOnlyList<string>> Chunks, IReadOnlyList<int> Source)
{
    /// <summary>Reads <paramref name="manifest"/>'s data file and writes its data record into <paramref name="run"/>.</summary>
    public static SequenceCorpus Read(Manifest manifest, RunDirectory run, IRunReporter reporter)
    {
        var (corpus, table, records) = Load(manifest.Data.Path, manifest.Data.Domain, manifest.Data.SequenceColumn,
            manifest.Model.MaxLength, manifest.Data.Strict, manifest.Data.ValidateSmiles);
        if (table is null) RunRecords.WriteDataRecord(run, manifest.Data.Path, records, records);
        else
        {
            RunRecords.WriteDataRecord(run, table);
            RunRecords.WarnRejected(table, reporter);
        }
        return corpus;
    }

    /// <summary>
    /// Reads <paramref name="path"/> for a model of <paramref name="maxLength"/> tokens. Returns the
    /// corpus, the prepared table when the file is a table (with its rejected rows), and the records read.
    /// </summary>
    public static (SequenceCorpus Corpus, PreparedData? Table, int Records) Load(string path, Domain domain, string sequenceColumn, int maxLength,
        bool strict, bool validateSmiles)
    {
        int window = maxLength - 3;
        List<string> sequences;
        List<IReadOnlyList<string>> tokens;
        PreparedData? table = null;
        if (domain == Domain.Protein && (StructureFiles.IsFasta(path) || StructureFiles.IsJsonLines(path)))
        {
            var chains = StructureFiles.IsFasta(path) ? FastaReader.Read(path) : StructureJsonLines.Read(path);
            var tokenizer = Tokenizers.For(domain);
            sequences = chains.Select(c => c.Sequence).ToList();
            tokens = sequences.Select(s => tokenizer.Tokenize(s)).ToList();
        }
        else
        {
            // Tables: SMILES longer than the window are rejected (a cut SMILES is not a molecule); proteins are chunked below.
            table = PreparedData.Read(path, domain, sequenceColumn, [], classification: false, strict,
                domain == Domain.Protein ? int.MaxValue / 2 : maxLength, requireLabel: false, validateSmiles: validateSmiles);
            sequences = table.Records.Select(r => r.Sequence).ToList();
            tokens = table.Tokens.ToList();
        }
        var chunks = new List<IReadOnlyList<string>>(tokens.Count);
        var source = new List<int>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
            foreach (var chunk in Chunk(tokens[i], window))
            {
                chunks.Add(chunk);
                source.Add(i);
            }
        return (new SequenceCorpus(sequences, chunks, source), table, table?.Table.RowCount ?? sequences.Count);
    }

    /// <summary>Cuts <paramref name="tokens"/> into ⌈n / window⌉ consecutive pieces of near-equal length.</summary>
    public static IEnumerable<IReadOnlyList<string>> Chunk(IReadOnlyList<string> tokens, int window)
    {
        if (tokens.Count <= window)
        {
            yield return tokens;
            yield break;
        }
        int pieces = (tokens.Count + window - 1) / window;
        for (int p = 0; p < pieces; p++)
        {
            int start = (int)((long)tokens.Count * p / pieces), end = (int)((long)tokens.Count * (p + 1) / pieces);
            yield return tokens.Skip(start).Take(end - start).ToList();
        }
    }

    /// <summary>The chunks of the sequences in <paramref name="sequenceIndices"/>.</summary>
    public List<int> ChunksOf(IReadOnlyList<int> sequenceIndices)
    {
        var wanted = sequenceIndices.ToHashSet();
        return Enumerable.Range(0, Chunks.Count).Where(c => wanted.Contains(Source[c])).ToList();
    }
}
