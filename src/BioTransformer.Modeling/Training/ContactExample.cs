namespace BioTransformer.Modeling.Training;

/// <summary>One protein for contact training: its ids (&lt;cls&gt; &lt;protein&gt; residues &lt;eos&gt;) and the labels of its residues.</summary>
/// <param name="Labels">Row-major L × L: 1 contact, 0 none, −1 unknown (L = Ids.Length − 3).</param>
public sealed record ContactExample(int[] Ids, sbyte[] Labels)
{
    public int Length => Ids.Length - 3;
}
