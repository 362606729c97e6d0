namespace BioTransformer.Proteins.Structures;

/// <summary>One atom of a coordinate file, as PDB and mmCIF readers see it.</summary>
/// <param name="Line">Line of the file, for messages.</param>
/// <param name="Model">Model number (1 when the file has none).</param>
/// <param name="ResidueNumber">Author residue number.</param>
/// <param name="InsertionCode">Insertion code, ' ' when none.</param>
/// <param name="AltLoc">Alternate location id, ' ' when none.</param>
/// <param name="Hetero">Whether the record is HETATM.</param>
public sealed record AtomRecord(int Line, int Model, string Chain, string ResidueName, int ResidueNumber, char InsertionCode,
    char AltLoc, string Atom, float X, float Y, float Z, float Occupancy, bool Hetero);
