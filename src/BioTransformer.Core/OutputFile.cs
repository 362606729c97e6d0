using System.Runtime.InteropServices;

namespace BioTransformer.Core;

/// <summary>
/// Rules for a file a command is about to write, checked before any work: it is not one of the command's
/// inputs (the same file by any path: a symbolic or hard link counts), and it replaces an existing file
/// only when the user said --overwrite. "-" (standard output) always passes.
/// </summary>
public static class OutputFile
{
    public static void Check(string output, IEnumerable<string> inputs, bool overwrite)
    {
        if (output == "-") return;
        foreach (var input in inputs)
            if (input != "-" && File.Exists(input) && File.Exists(output) && SameFile(input, output))
                throw InputException.At(output, null, $"is the input file ({input}): writing it would destroy the input", "name another output file");
        if (File.Exists(output) && !overwrite)
            throw InputException.At(output, null, "exists already", "pass --overwrite to replace it, or name another output file");
        OutputFolder.PrepareFor(output);
    }

    /// <summary>A folder output: refused when it already holds files, unless --overwrite (then they may be replaced).</summary>
    public static void CheckFolder(string folder, bool overwrite)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() && !overwrite)
            throw InputException.At(folder, null, "holds files already", "pass --overwrite to write into it anyway (files of the same name are replaced), or name an empty or new folder");
        OutputFolder.Prepare(folder);
    }

    /// <summary>Whether two existing paths are one file: the same device and inode where the OS says so, else the same final path.</summary>
    public static bool SameFile(string a, string b)
    {
        if (Identity(a) is { } x && Identity(b) is { } y) return x == y;
        return string.Equals(FinalPath(a), FinalPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string FinalPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    /// <summary>(st_dev, st_ino) from stat(2) on 64-bit Linux, where both lead struct stat; null elsewhere.</summary>
    private static (ulong Device, ulong Inode)? Identity(string path)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess) return null;
        try
        {
            var buffer = new byte[256];   // larger than struct stat on x86-64 (144 bytes) and arm64 (128)
            if (stat(path, buffer) != 0) return null;
            return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA2101 // a plain P/Invoke: LibraryImport's source generator is not needed for one call
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
#pragma warning restore SYSLIB1054, CA2101
}
