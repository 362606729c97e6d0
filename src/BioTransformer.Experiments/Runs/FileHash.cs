using System.Security.Cryptography;

namespace BioTransformer.Experiments.Runs;

/// <summary>SHA-256 of input files, recorded so a reader can tell whether they have the same data.</summary>
public static class FileHash
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
