using System.Globalization;
using BioTransformer.Core;
using CsvHelper;

namespace BioTransformer.Experiments.Property;

/// <summary>
/// Merges the outputs of `predict --shard i/N` (or `generate --shard i/N`) back into one file in input
/// (sample) order: a streaming k-way merge on the line (index) column (constant memory, deterministic whatever order the shards finished in).
/// Shards from different headers, overlapping shards or an unsorted shard are one-line errors.
/// </summary>
public static class PredictionShards
{
    /// <returns>Rows written.</returns>
    public static long Merge(string outputPath, IReadOnlyList<string> shards, bool overwrite = false)
    {
        if (shards.Count == 0) throw new InputException("name the shard files to merge");
        OutputFile.Check(outputPath, shards, overwrite);
        var options = CsvReaderOptions.Default with { MalformedData = CsvMalformedDataHandling.Throw, TrackLineNumbers = true };
        var readers = new List<CsvReader>();
        long written = 0;
        try
        {
            IReadOnlyList<string>? header = null;
            foreach (var shard in shards)
            {
                if (!File.Exists(shard)) throw InputException.At(shard, null, "no such shard file");
                var reader = CsvReader.Create(Core.IO.DataFile.OpenRead(shard), options, leaveOpen: false);
                readers.Add(reader);
                reader.ReadHeader();
                var h = reader.Headers.ToArray();
                if (h.Length == 0 || h[0] is not ("line" or "index" or "bt_line" or "bt_index"))
                    throw InputException.At(shard, 1, "not a sharded output (no 'line' or 'index' column first)", "merge the files written by predict or generate with --shard");
                if (header is null) header = h;
                else if (!header.SequenceEqual(h)) throw InputException.At(shard, 1, "its columns differ from the first shard's", "merge shards of one model's predictions");
            }
            AtomicFile.Write(outputPath, temp =>
            {
                using var writer = CsvWriter.ToFile(temp, CsvOutput.Options);
                CsvOutput.WriteRecord(writer, header!);
                var queue = new PriorityQueue<int, long>();
                var current = new string[readers.Count][];
                var last = new long[readers.Count];
                Array.Fill(last, -1);
                for (int k = 0; k < readers.Count; k++) Advance(k);
                long previous = -1;
                while (queue.TryDequeue(out int k, out long line))
                {
                    if (line == previous) throw InputException.At(shards[k], null, $"row {line} is in two shards", "merge the shards of one split (i/N with the same N)");
                    previous = line;
                    CsvOutput.WriteRecord(writer, current[k]);
                    written++;
                    Advance(k);
                }

                void Advance(int k)
                {
                    if (!readers[k].Read()) return;
                    var fields = Enumerable.Range(0, readers[k].FieldCount).Select(i => readers[k].GetString(i)).ToArray();
                    if (!long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var line) || line <= last[k])
                        throw InputException.At(shards[k], (int)readers[k].LineNumber, $"'{fields[0]}' in the first column is not an increasing row number", "merge the files predict wrote, unedited");
                    last[k] = line;
                    current[k] = fields;
                    queue.Enqueue(k, line);
                }
            });
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"malformed shard file: {e.Message}");
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
        return written;
    }
}
