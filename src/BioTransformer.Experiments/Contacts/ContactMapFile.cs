using System.Globalization;
using BioTransformer.Core;
using BioTransformer.Experiments.Reports;

namespace BioTransformer.Experiments.Contacts;

/// <summary>
/// One protein's predicted and true contacts as a long-format CSV (i, j, probability, contact; 1-based,
/// upper triangle i &lt; j; contact 1, 0 or blank where coordinates are missing or no structure is known):
/// the data of a contact-map figure, saved in the run so the figure can be redrawn without the model.
/// </summary>
public static class ContactMapFile
{
    /// <summary>Folder of these files inside a run directory.</summary>
    public const string Folder = "contact_maps";

    public static void Write(string path, ProteinContacts p)
    {
        int length = p.Chain.Length;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        CsvOutput.Write(path, ["i", "j", "probability", "contact"], Pairs());

        IEnumerable<IReadOnlyList<string>> Pairs()
        {
            for (int i = 0; i < length; i++)
                for (int j = i + 1; j < length; j++)
                {
                    var truth = p.Truth is null ? -1 : p.Truth[i, j];
                    yield return [(i + 1).ToString(CultureInfo.InvariantCulture), (j + 1).ToString(CultureInfo.InvariantCulture),
                        CsvOutput.Number(p.Probabilities[i * length + j], "0.#####"), truth < 0 ? "" : truth.ToString(CultureInfo.InvariantCulture)];
                }
        }
    }

    /// <summary>Reads a file back as full symmetric L × L matrices (diagonal: probability 0, label −1).</summary>
    /// <returns>The length, the probabilities, and the labels (empty when no pair has a known label).</returns>
    public static (int Length, float[] Probabilities, sbyte[] Truth) Read(string path)
    {
        var csv = SavedCsv.Read(path);
        var (iCol, jCol, pCol, cCol) = (csv.Column("i"), csv.Column("j"), csv.Column("probability"), csv.Column("contact"));
        var i = csv.Numbers(iCol);
        var j = csv.Numbers(jCol);
        var probability = csv.Numbers(pCol);
        var contact = csv.Numbers(cCol);
        int length = i.Length == 0 ? 0 : (int)Math.Max(i.Max(), j.Max());
        if (length < 2 || (long)length * (length - 1) / 2 != i.Length)
            throw InputException.At(path, null, $"{i.Length} pairs do not make the upper triangle of a square map", "the file was truncated or edited; re-run the experiment");
        var probabilities = new float[length * length];
        var truth = new sbyte[length * length];
        Array.Fill(truth, (sbyte)-1);
        for (int r = 0; r < i.Length; r++)
        {
            int a = (int)i[r] - 1, b = (int)j[r] - 1;
            if (a < 0 || b <= a || b >= length || !double.IsFinite(probability[r]))
                throw InputException.At(path, r + 2, $"pair ({i[r]}, {j[r]}) with probability {probability[r]} is not an upper-triangle pair with a probability", "re-run the experiment");
            probabilities[a * length + b] = probabilities[b * length + a] = (float)probability[r];
            if (double.IsFinite(contact[r])) truth[a * length + b] = truth[b * length + a] = (sbyte)contact[r];
        }
        return (length, probabilities, truth.Any(t => t >= 0) ? truth : []);
    }
}
