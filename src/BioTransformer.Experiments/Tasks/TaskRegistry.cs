using BioTransformer.Core;
using BioTransformer.Experiments.Contacts;
using BioTransformer.Experiments.Generation;
using BioTransformer.Experiments.Pretraining;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Translation;

namespace BioTransformer.Experiments.Tasks;

/// <summary>Every task the toolkit knows. Adding a task is its folder and one line here.</summary>
public static class TaskRegistry
{
    public static IReadOnlyList<ITask> All { get; } =
    [
        new PropertyPredictionTask(),
        new GenerationTask(),
        new MaskedLanguageModelTask(),
        new ContactsTask(),
        new TranslationTask(),
    ];

    /// <summary>The task of this name, or null.</summary>
    public static ITask? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>The task of a name read from a file or flag; an unknown name is a one-line error listing the known ones.</summary>
    public static ITask For(string name, string? where = null) =>
        Find(name) ?? throw new InputException($"{(where is null ? "" : where + ": ")}task '{InputException.Abbreviate(name, 60)}' is not known (tasks: {string.Join(", ", All.Select(t => t.Name))})");

    /// <summary>The tasks as the <c>task</c> key's documentation lists them.</summary>
    public static string Describe() => string.Join(", ", All.Select(t => $"{t.Name} ({t.Summary})"));
}
