using System.CommandLine;
using BioTransformer.Experiments.Manifests;

namespace BioTransformer.Cli.Commands;

/// <summary>The manifest argument and the options that override manifest keys, shared by run and validate.</summary>
internal sealed class ManifestOptions
{
    public Argument<string> Manifest { get; } = new("manifest") { Description = "Experiment manifest (TOML), e.g. experiments/esol.toml" };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a manifest key, e.g. --set train.epochs=5 (repeatable)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Device { get; } = new("--device") { Description = "auto, cpu or cuda (overrides the manifest's device)" };

    public Option<int?> Threads { get; } = new("--threads") { Description = "CPU threads; 0 = one per core (overrides the manifest)" };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Folder that receives the run directory (overrides output.dir)" };

    public ManifestOptions() => Device.AcceptOnlyFromAmong("auto", "cpu", "cuda");

    public void AddTo(Command command)
    {
        command.Arguments.Add(Manifest);
        command.Options.Add(Set);
        command.Options.Add(Device);
        command.Options.Add(Threads);
        command.Options.Add(Output);
    }

    /// <summary>The manifest with every override applied, validated.</summary>
    public Manifest Load(ParseResult parse)
    {
        var overrides = new List<string>(parse.GetValue(Set) ?? []);
        if (parse.GetValue(Device) is { } device) overrides.Add($"device=\"{device}\"");
        if (parse.GetValue(Threads) is { } threads) overrides.Add($"threads={threads}");
        if (parse.GetValue(Output) is { } output) overrides.Add($"output.dir={TomlString(Path.GetFullPath(output))}");
        return ManifestLoader.Load(parse.GetValue(Manifest)!, overrides);
    }

    private static string TomlString(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
