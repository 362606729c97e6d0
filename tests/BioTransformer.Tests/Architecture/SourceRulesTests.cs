using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Tasks;

namespace BioTransformer.Tests.Architecture;

/// <summary>
/// Rules of the layout that assembly references cannot show: tasks are found through the registry, never
/// by switching on their names; closed manifest sets are enums after loading; Modeling speaks no manifest
/// or CLI language; Experiments reach TorchSharp through Modeling. See docs/architecture.md.
/// </summary>
public class SourceRulesTests
{
    /// <summary>Code lines of every C# file under src/, comments removed, with their file and line number.</summary>
    private static IEnumerable<(string File, int Line, string Code)> SourceLines(string project = "")
    {
        var root = Repo.Path("src", project);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            int number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                var code = line.TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                yield return (Path.GetRelativePath(Repo.Root, file), number, code);
            }
        }
    }

    /// <summary>Every closed set a manifest binds to an enum: the enum-typed keys of the manifest's tables and of every task's table.</summary>
    private static IEnumerable<Type> ManifestEnumTypes()
    {
        var tables = new List<Type> { typeof(Manifest) };
        tables.AddRange(ManifestSchema.PropertiesOf(typeof(Manifest)).Where(p => p.IsTable).Select(p => p.SectionType!));
        tables.AddRange(TaskRegistry.All.Select(t => t.SectionType));
        return tables.SelectMany(ManifestSchema.PropertiesOf)
            .Select(p => Nullable.GetUnderlyingType(p.Info.PropertyType) ?? p.Info.PropertyType)
            .Where(t => t.IsEnum).Distinct();
    }

    [Fact]
    public void NoCode_SwitchesOnATaskNameOrAClosedManifestValue()
    {
        var names = TaskRegistry.All.Select(t => t.Name).Concat(ManifestEnumTypes().SelectMany(ManifestEnums.Texts)).Distinct().ToList();
        Assert.Contains("regression", names);
        Assert.Contains("scaffold_balanced", names);
        var alternatives = string.Join("|", names.Select(Regex.Escape));
        // == "x", "x" ==, != likewise, case "x", and a switch arm "x" => …
        var dispatch = new Regex($@"(==|!=)\s*""({alternatives})""|""({alternatives})""\s*(==|!=)|\bcase\s+""({alternatives})""|^""({alternatives})""\s*(when\b.*)?=>");
        // Where text is bound to enums: manifests (ManifestEnums) and vocab.json's token kinds (Vocabulary).
        string[] binders = ["ManifestEnums.cs", "Vocabulary.cs"];
        var found = SourceLines()
            .Where(l => !binders.Any(b => l.File.EndsWith(b, StringComparison.Ordinal)) && dispatch.IsMatch(l.Code))
            .Select(l => $"{l.File}:{l.Line}: {l.Code}").ToList();
        Assert.True(found.Count == 0, "string dispatch (ask TaskRegistry, or compare the bound enum):\n" + string.Join("\n", found));
    }

    [Fact]
    public void EveryTask_IsRegistered_AndOwnsItsTableInItsOwnFolder()
    {
        var tasks = typeof(ITask).Assembly.GetTypes().Where(t => typeof(ITask).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
        Assert.Equal(tasks.OrderBy(t => t.Name), TaskRegistry.All.Select(t => t.GetType()).OrderBy(t => t.Name));
        Assert.Equal(TaskRegistry.All.Count, TaskRegistry.All.Select(t => t.Name).Distinct().Count());
        foreach (var task in TaskRegistry.All)
        {
            Assert.Equal(task.GetType().Namespace, task.SectionType.Namespace);
            Assert.Same(task, TaskRegistry.For(task.Name));
        }
    }

    [Fact]
    public void Modeling_MessagesNameNoManifestKeyOrCommandLineFlag()
    {
        // Every dotted manifest key (data.path, train.learning_rate, contacts.crop, …) and the top-level keys with an underscore.
        var keys = new List<string>();
        foreach (var property in ManifestSchema.PropertiesOf(typeof(Manifest)))
        {
            if (property.IsTable) keys.AddRange(ManifestSchema.PropertiesOf(property.SectionType!).Select(k => $"{property.Key.Name}.{k.Key.Name}"));
            else if (property.Key.Name.Contains('_')) keys.Add(property.Key.Name);
        }
        foreach (var task in TaskRegistry.All) keys.AddRange(ManifestSchema.PropertiesOf(task.SectionType).Select(k => $"{task.Name}.{k.Key.Name}"));
        Assert.Contains("train.learning_rate", keys);
        Assert.Contains("init_from", keys);

        var literal = new Regex(@"""(?:[^""\\]|\\.)*""");
        var flag = new Regex(@"(^|[\s(`'])--[a-z][a-z-]+");
        var found = new List<string>();
        foreach (var (file, line, code) in SourceLines("BioTransformer.Modeling"))
            foreach (Match m in literal.Matches(code))
            {
                var text = m.Value;
                var key = keys.FirstOrDefault(k => Regex.IsMatch(text, $@"(^|[^\w.]){Regex.Escape(k)}\b"));
                if (key is not null || flag.IsMatch(text.Trim('"')))
                    found.Add($"{file}:{line}: {text}");
            }
        Assert.True(found.Count == 0, "Modeling must not speak of manifest keys or CLI flags (map its errors in Experiments):\n" + string.Join("\n", found));
    }

    [Fact]
    public void Experiments_UseTorchSharpOnlyForDeviceAndModuleTypes()
    {
        // The types of TorchSharp the Experiments assembly refers to: running tensors is Modeling's job.
        var location = typeof(TaskRegistry).Assembly.Location;
        using var stream = File.OpenRead(location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var referenced = metadata.TypeReferences
            .Where(h => AssemblyOf(metadata, h) == "TorchSharp")
            .Select(h => FullName(metadata, h))
            .ToHashSet();
        string[] allowed = ["TorchSharp.torch", "TorchSharp.torch/Device", "TorchSharp.DeviceType", "TorchSharp.torch/nn", "TorchSharp.torch/nn/Module"];
        Assert.Contains("TorchSharp.torch/Device", referenced);
        Assert.Empty(referenced.Except(allowed));
    }

    private static string AssemblyOf(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        return type.ResolutionScope.Kind switch
        {
            HandleKind.TypeReference => AssemblyOf(metadata, (TypeReferenceHandle)type.ResolutionScope),
            HandleKind.AssemblyReference => metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name),
            _ => "",
        };
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{FullName(metadata, (TypeReferenceHandle)type.ResolutionScope)}/{metadata.GetString(type.Name)}"
            : $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
    }
}
