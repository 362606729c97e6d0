using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BioTransformer.Experiments.Runs;

/// <summary>
/// The commit and dirtiness of the git repository holding a folder, read from the repository's files —
/// never by running git. `git status` honours the repository's own configuration (core.fsmonitor, clean
/// filters from .gitattributes), so a cloned folder could make a run execute a program of its choosing;
/// reading .git/HEAD, the refs and the index runs nothing. Works where git is not installed; anything it
/// cannot read (a repository format it does not know) is reported as unknown, never as an error.
/// </summary>
public static class GitState
{
    /// <returns>The commit (40 hex digits) or null, and whether tracked files differ from the index (null = unknown).</returns>
    public static (string? Commit, bool? Dirty) Of(string folder)
    {
        try
        {
            var (gitDirectory, workTree) = FindRepository(folder);
            if (gitDirectory is null) return (null, null);
            return (Commit(gitDirectory), Dirty(gitDirectory, workTree!));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException)
        {
            return (null, null);
        }
    }

    /// <summary>The .git folder (following a "gitdir:" file, as worktrees and submodules have) and the work tree above it.</summary>
    private static (string? GitDirectory, string? WorkTree) FindRepository(string folder)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit)) return (dotGit, dir.FullName);
            if (File.Exists(dotGit))
            {
                var line = File.ReadLines(dotGit).FirstOrDefault() ?? "";
                if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return (null, null);
                var target = Path.GetFullPath(line["gitdir:".Length..].Trim(), dir.FullName);
                return Directory.Exists(target) ? (target, dir.FullName) : (null, null);
            }
        }
        return (null, null);
    }

    private static string? Commit(string gitDirectory)
    {
        var head = File.ReadAllText(Path.Combine(gitDirectory, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal)) return IsHash(head) ? head : null;
        var reference = head["ref:".Length..].Trim();
        if (reference.Contains("..", StringComparison.Ordinal)) return null;
        // A worktree keeps HEAD in its own folder but the refs in the common one.
        var common = File.Exists(Path.Combine(gitDirectory, "commondir"))
            ? Path.GetFullPath(File.ReadAllText(Path.Combine(gitDirectory, "commondir")).Trim(), gitDirectory)
            : gitDirectory;
        foreach (var root in new[] { gitDirectory, common })
        {
            var loose = Path.Combine(root, reference);
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var hash && IsHash(hash)) return hash;
        }
        var packed = Path.Combine(common, "packed-refs");
        if (!File.Exists(packed)) return null;
        foreach (var line in File.ReadLines(packed))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && parts[1] == reference && IsHash(parts[0])) return parts[0];
        }
        return null;
    }

    /// <summary>
    /// Whether a tracked file differs from its index entry (git status's "modified" or "deleted", untracked
    /// files aside): the index's size and modification time first, as git does, then the blob's SHA-1 when
    /// they disagree. Index versions 2 and 3 are read; others (and SHA-256 repositories) give null.
    /// </summary>
    private static bool? Dirty(string gitDirectory, string workTree)
    {
        var indexPath = Path.Combine(gitDirectory, "index");
        if (!File.Exists(indexPath)) return null;
        var index = File.ReadAllBytes(indexPath);
        if (index.Length < 12 || Encoding.ASCII.GetString(index, 0, 4) != "DIRC") return null;
        uint version = BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(4));
        if (version is not (2 or 3)) return null;
        uint count = BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(8));
        int offset = 12;
        for (uint e = 0; e < count; e++)
        {
            if (offset + 62 > index.Length) return null;
            var entry = index.AsSpan(offset);
            uint mtimeSeconds = BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            uint mtimeNanoseconds = BinaryPrimitives.ReadUInt32BigEndian(entry[12..]);
            uint mode = BinaryPrimitives.ReadUInt32BigEndian(entry[24..]);
            uint size = BinaryPrimitives.ReadUInt32BigEndian(entry[36..]);
            var sha = Convert.ToHexStringLower(entry.Slice(40, 20));
            ushort flags = BinaryPrimitives.ReadUInt16BigEndian(entry[60..]);
            int header = 62;
            bool skipWorktree = false;
            if ((flags & 0x4000) != 0)
            {
                if (version < 3) return null;
                ushort extended = BinaryPrimitives.ReadUInt16BigEndian(entry[62..]);
                skipWorktree = (extended & 0x4000) != 0;
                header = 64;
            }
            int nameEnd = entry[header..].IndexOf((byte)0);
            if (nameEnd < 0) return null;
            var name = Encoding.UTF8.GetString(entry.Slice(header, nameEnd));
            // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
            offset += (header + nameEnd + 8) & ~7;
            if (skipWorktree || (mode & 0xF000) == 0xE000) continue;   // sparse checkout; submodule (gitlink)
            if (name.Split('/').Any(part => part is ".." or "." || part.Length == 0)) return null;
            var path = Path.Combine(workTree, name);
            if ((mode & 0xF000) == 0xA000)
            {
                var target = File.ResolveLinkTarget(path, returnFinalTarget: false)?.ToString();
                if (target is null || BlobSha1(Encoding.UTF8.GetBytes(target)) != sha) return true;
                continue;
            }
            var info = new FileInfo(path);
            if (!info.Exists) return true;
            if ((uint)info.Length != size) return true;
            var written = new DateTimeOffset(info.LastWriteTimeUtc);
            long ticks = written.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            // Same size and modification time (to .NET's 100 ns): unchanged, as git itself assumes.
            if ((uint)(ticks / TimeSpan.TicksPerSecond) == mtimeSeconds && (uint)(ticks % TimeSpan.TicksPerSecond) == mtimeNanoseconds / 100) continue;
            if (BlobSha1(File.ReadAllBytes(path)) != sha) return true;
        }
        return false;
    }

    /// <summary>git's object id of a blob: SHA-1 of "blob SIZE\0" followed by the content.</summary>
    private static string BlobSha1(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(header);
        sha.AppendData(content);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static bool IsHash(string text) => text.Length == 40 && text.All(Uri.IsHexDigit);
}
