// MSBuild task compiled by RoslynCodeTaskFactory (see Directory.Build.targets).
//
// Why it exists: TorchSharp 0.107's libLibTorchSharp.so records a version need on GLIBCXX_3.4.32
// (GCC 13's libstdc++). Debian 12 ships GCC 12's libstdc++ (up to GLIBCXX_3.4.30), so glibc's loader
// refuses the library and TorchSharp reports a misleading "missing libtorch" error. The only symbol
// bound to that version is the marker std::ios_base_library_init(), which nothing relocates against,
// so marking that one version need as weak (VER_FLG_WEAK in its Elf64_Vernaux entry) lets the loader
// accept the library with no change in behaviour. The task edits only the copy in the build output,
// and only when the system libstdc++ does not define the version itself.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenElfVersionNeeds : Task
{
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Shared libraries to patch in place (copies in the build output).</summary>
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Version names to weaken, separated by ';' (e.g. GLIBCXX_3.4.32).</summary>
    [Required] public string Versions { get; set; } = "";

    /// <summary>The library whose definitions decide whether a patch is needed (e.g. libstdc++.so.6).</summary>
    [Required] public string SystemLibrary { get; set; } = "";

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
        var wanted = Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(v => v.Trim());
        var systemLib = FindSystemLibrary(SystemLibrary);
        var defined = systemLib is null ? new HashSet<string>() : ReadVersionDefinitions(File.ReadAllBytes(systemLib));
        var missing = new HashSet<string>(wanted.Where(v => !defined.Contains(v)));
        if (missing.Count == 0) return true;

        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var changed = WeakenNeeds(bytes, missing);
                if (changed.Count == 0) continue;
                var temp = path + ".weaken.tmp";
                File.WriteAllBytes(temp, bytes);
                File.Copy(temp, path, overwrite: true);
                File.Delete(temp);
                Log.LogMessage(MessageImportance.Normal,
                    $"Marked version need(s) {string.Join(", ", changed)} weak in {path} (system {SystemLibrary} lacks them).");
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError($"{path}: could not weaken ELF version needs: {e.Message}");
                return false;
            }
        }
        return !Log.HasLoggedErrors;
    }

    private static string? FindSystemLibrary(string name)
    {
        string[] dirs =
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        };
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    private readonly struct Section
    {
        public Section(uint type, long offset, long size, uint link, uint info)
        {
            Type = type; Offset = offset; Size = size; Link = link; Info = info;
        }
        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    private static List<Section> ReadSections(byte[] b)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (b[4] != 2 || b[5] != 1) throw new InvalidDataException("only 64-bit little-endian ELF is supported");
        long shoff = (long)BitConverter.ToUInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A);
        int shnum = BitConverter.ToUInt16(b, 0x3C);
        var sections = new List<Section>(shnum);
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + (long)i * shentsize;
            if (h + 64 > b.Length) throw new InvalidDataException("section header table is truncated");
            sections.Add(new Section(
                BitConverter.ToUInt32(b, (int)h + 0x04),
                (long)BitConverter.ToUInt64(b, (int)h + 0x18),
                (long)BitConverter.ToUInt64(b, (int)h + 0x20),
                BitConverter.ToUInt32(b, (int)h + 0x28),
                BitConverter.ToUInt32(b, (int)h + 0x2C)));
        }
        return sections;
    }

    private static string ReadString(byte[] b, Section strtab, uint offset)
    {
        long start = strtab.Offset + offset;
        long end = start;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)start, (int)(end - start));
    }

    /// <summary>Version names defined by a library (its SHT_GNU_verdef section).</summary>
    private static HashSet<string> ReadVersionDefinitions(byte[] b)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sections = ReadSections(b);
        foreach (var s in sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strtab = sections[(int)s.Link];
            long def = s.Offset;
            for (uint i = 0; i < s.Info; i++)
            {
                uint aux = BitConverter.ToUInt32(b, (int)def + 12);
                uint next = BitConverter.ToUInt32(b, (int)def + 16);
                names.Add(ReadString(b, strtab, BitConverter.ToUInt32(b, (int)(def + aux))));
                if (next == 0) break;
                def += next;
            }
        }
        return names;
    }

    /// <summary>Sets VER_FLG_WEAK on every Elf64_Vernaux whose name is in <paramref name="names"/>.</summary>
    private static List<string> WeakenNeeds(byte[] b, HashSet<string> names)
    {
        var changed = new List<string>();
        var sections = ReadSections(b);
        foreach (var s in sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strtab = sections[(int)s.Link];
            long need = s.Offset;
            for (uint i = 0; i < s.Info; i++)
            {
                ushort count = BitConverter.ToUInt16(b, (int)need + 2);
                uint auxOffset = BitConverter.ToUInt32(b, (int)need + 8);
                uint next = BitConverter.ToUInt32(b, (int)need + 12);
                long aux = need + auxOffset;
                for (int j = 0; j < count; j++)
                {
                    ushort flags = BitConverter.ToUInt16(b, (int)aux + 4);
                    string name = ReadString(b, strtab, BitConverter.ToUInt32(b, (int)aux + 8));
                    if (names.Contains(name) && (flags & VerFlgWeak) == 0)
                    {
                        ushort weak = (ushort)(flags | VerFlgWeak);
                        b[aux + 4] = (byte)(weak & 0xff);
                        b[aux + 5] = (byte)(weak >> 8);
                        changed.Add(name);
                    }
                    uint auxNext = BitConverter.ToUInt32(b, (int)aux + 12);
                    if (auxNext == 0) break;
                    aux += auxNext;
                }
                if (next == 0) break;
                need += next;
            }
        }
        return changed;
    }
}
