using System.CommandLine;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Tasks;
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
            long memory = BioTransformer.Experiments.Manifests.ManifestMemory.Check(loaded);
            Pretrained.Check(loaded, loaded.Data.Domain);
            var report = TaskRegistry.For(loaded.Task).CheckData(loaded);
            console.MarkupLine($"[green]OK[/] {Markup.Escape(parse.GetValue(manifest.Manifest)!)}: task {loaded.Task}, " +
                               $"{report.Usable} usable rows, {report.Rejected} rejected; training needs about " +
                               $"{BioTransformer.Modeling.MemoryEstimate.GiB(memory)} of {BioTransformer.Modeling.MemoryEstimate.GiB(BioTransformer.Modeling.MemoryEstimate.AvailableBytes())}");
            foreach (var line in report.FirstRejections) console.MarkupLine($"  [yellow]rejected[/] {Markup.Escape(line)}");
            return 0;
        }));
        return command;
    }
}
