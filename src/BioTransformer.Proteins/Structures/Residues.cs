namespace BioTransformer.Proteins.Structures;

/// <summary>Residue names of PDB/mmCIF files and their one-letter codes.</summary>
public static class Residues
{
    private static readonly Dictionary<string, char> Standard = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ALA"] = 'A', ["ARG"] = 'R', ["ASN"] = 'N', ["ASP"] = 'D', ["CYS"] = 'C', ["GLN"] = 'Q', ["GLU"] = 'E', ["GLY"] = 'G',
        ["HIS"] = 'H', ["ILE"] = 'I', ["LEU"] = 'L', ["LYS"] = 'K', ["MET"] = 'M', ["PHE"] = 'F', ["PRO"] = 'P', ["SER"] = 'S',
        ["THR"] = 'T', ["TRP"] = 'W', ["TYR"] = 'Y', ["VAL"] = 'V', ["SEC"] = 'U', ["PYL"] = 'O', ["ASX"] = 'B', ["GLX"] = 'Z', ["UNK"] = 'X',
    };

    /// <summary>Common modified residues and the standard residue they derive from (as in the PDB's chemical component dictionary).</summary>
    private static readonly Dictionary<string, char> Modified = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MSE"] = 'M', ["SEP"] = 'S', ["TPO"] = 'T', ["PTR"] = 'Y', ["CSO"] = 'C', ["CSD"] = 'C', ["CME"] = 'C', ["CSS"] = 'C',
        ["HYP"] = 'P', ["MLY"] = 'K', ["M3L"] = 'K', ["KCX"] = 'K', ["LLP"] = 'K', ["PCA"] = 'E', ["CGU"] = 'E', ["MLE"] = 'L',
        ["NLE"] = 'L', ["ABA"] = 'A', ["AIB"] = 'A', ["DAL"] = 'A', ["HIC"] = 'H', ["OCS"] = 'C', ["SCH"] = 'C', ["FME"] = 'M',
    };

    /// <summary>One-letter code and whether the residue is standard; null for anything that is not an amino acid (water, ligands, nucleotides).</summary>
    public static (char Code, bool Standard)? Lookup(string name)
    {
        if (Standard.TryGetValue(name, out var c)) return (c, true);
        if (Modified.TryGetValue(name, out c)) return (c, false);
        return null;
    }

    /// <summary>
    /// Virtual CB from backbone N, CA, C with ideal geometry (the constants used by trRosetta and the
    /// shared structure set): b = CA − N, c = C − CA, a = b × c, CB = −0.58273431 a + 0.56802827 b − 0.54067466 c + CA.
    /// </summary>
    public static (float X, float Y, float Z) VirtualCb((float X, float Y, float Z) n, (float X, float Y, float Z) ca, (float X, float Y, float Z) c)
    {
        double bx = ca.X - n.X, by = ca.Y - n.Y, bz = ca.Z - n.Z;
        double cx = c.X - ca.X, cy = c.Y - ca.Y, cz = c.Z - ca.Z;
        double ax = by * cz - bz * cy, ay = bz * cx - bx * cz, az = bx * cy - by * cx;
        return ((float)(-0.58273431 * ax + 0.56802827 * bx - 0.54067466 * cx + ca.X),
                (float)(-0.58273431 * ay + 0.56802827 * by - 0.54067466 * cy + ca.Y),
                (float)(-0.58273431 * az + 0.56802827 * bz - 0.54067466 * cz + ca.Z));
    }
}
