using System.CommandLine;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

internal static class InfoCommand
{
    public static Command Create(CliIo io)
    {
        var console = io.Out;
        var command = new Command("info", "Show versions, the available devices and the CPU threads libtorch will use.");
        command.SetAction(_ => BioTransformerCli.Guard(io, () =>
        {
            var device = TorchRuntime.ResolveDevice("auto");
            var info = EnvironmentInfo.Capture(device.type.ToString().ToLowerInvariant(), TorchRuntime.SetThreads(0), Environment.CurrentDirectory);
            var table = new Table().AddColumn("key").AddColumn("value");
            foreach (var (key, value) in info) table.AddRow(Markup.Escape(key), Markup.Escape(value?.ToString() ?? "n/a"));
            console.Write(table);
            return 0;
        }));
        return command;
    }
}
