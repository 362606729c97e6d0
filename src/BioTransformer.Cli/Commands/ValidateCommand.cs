using System.CommandLine;
using BioTransformer.Experiments;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(CliIo io)
    {
        var console = io.Out;
        var manifest = new ManifestOptions();
        var command = new Command("validate", "Check a manifest and its data without training: keys, types, ranges, files, columns and rows.");
        manifest.AddTo(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var loaded = manifest.Load(parse);
            var report = ManifestCheck.CheckData(loaded);
            console.MarkupLine($"[green]OK[/] {Markup.Escape(parse.GetValue(manifest.Manifest)!)}: task {loaded.Task}, " +
                               $"{report.Usable} usable rows, {report.Rejected} rejected");
            foreach (var line in report.FirstRejections) console.MarkupLine($"  [yellow]rejected[/] {Markup.Escape(line)}");
            return 0;
        }));
        return command;
    }
}
