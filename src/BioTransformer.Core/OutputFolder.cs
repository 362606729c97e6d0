namespace BioTransformer.Core;

/// <summary>
/// Checks, before any work, that outputs can be written where the user asked: a command that predicts
/// for an hour and then cannot save is the worst way to learn the path was wrong.
/// </summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> if needed and proves it writable with a probe file; otherwise a one-line error.</summary>
    public static void Prepare(string folder)
    {
        var full = Path.GetFullPath(folder);
        try
        {
            if (File.Exists(full)) throw new IOException($"'{full}' is a file, not a folder");
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-probe.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw InputException.At(folder, null, $"cannot write here: {e.Message}", "choose an output folder you can write to");
        }
    }

    /// <summary><see cref="Prepare"/> for the folder that will hold the file <paramref name="path"/>.</summary>
    public static void PrepareFor(string path)
    {
        if (Directory.Exists(path)) throw InputException.At(path, null, "is a folder, but a file is to be written here", "name the output file, e.g. out.csv");
        Prepare(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
