using System.CommandLine;
using BioTransformer.Experiments.Sweeps;
using Spectre.Console;

namespace BioTransformer.Cli.Commands;

/// <summary>`sweep plan|run|collect MANIFEST`: a manifest's [sweep] grid, run locally N at a time, and summarised.</summary>
internal static class SweepCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("sweep", "Hyperparameter sweeps and replicate seeds from a manifest's [sweep] table: plan, run locally, collect.");
        command.Subcommands.Add(Plan(io));
        command.Subcommands.Add(Run(io));
        command.Subcommands.Add(Collect(io));
        command.Subcommands.Add(Slurm(io));
        return command;
    }

    private static (Argument<string> Manifest, Option<string[]> Set) Common(Command command)
    {
        var manifest = new Argument<string>("manifest") { Description = "Manifest with a [sweep] table" };
        var set = new Option<string[]>("--set") { Description = "Override a key of every run, e.g. --set train.epochs=5 (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        command.Arguments.Add(manifest);
        command.Options.Add(set);
        return (manifest, set);
    }

    private static Command Plan(CliIo io)
    {
        var console = io.Out;
        var command = new Command("plan", "List the runs a sweep expands to, with their stable ids (nothing runs).");
        var (manifest, set) = Common(command);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var plan = SweepPlanner.Plan(parse.GetValue(manifest)!, parse.GetValue(set) ?? []);
            var table = new Table().AddColumn("id");
            foreach (var key in plan.Keys) table.AddColumn(Markup.Escape(key));
            foreach (var point in plan.Points)
                table.AddRow([Markup.Escape(point.Id), .. plan.Keys.Select(k => Markup.Escape(point.Settings.First(s => s.Key == k).Value))]);
            console.Write(table);
            console.MarkupLine(Markup.Escape($"{plan.Points.Count} runs into {plan.Directory}"));
            return 0;
        }));
        return command;
    }

    private static Command Run(CliIo io)
    {
        var console = io.Out;
        var command = new Command("run", "Run a sweep here, N runs at a time; re-running skips finished runs, resumes interrupted ones and retries failed ones.");
        var (manifest, set) = Common(command);
        var jobs = new Option<int>("--jobs", "-j") { Description = "Runs at a time", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads-per-job") { Description = "CPU threads of each run; 0 = the cores shared out among the jobs", DefaultValueFactory = _ => 0 };
        var only = new Option<string[]>("--only") { Description = "Run only these point ids (a Slurm array task runs one)", AllowMultipleArgumentsPerToken = true };
        command.Options.Add(jobs);
        command.Options.Add(threads);
        command.Options.Add(only);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var plan = SweepPlanner.Plan(parse.GetValue(manifest)!, parse.GetValue(set) ?? []);
            if (parse.GetValue(only) is { Length: > 0 } ids)
            {
                var unknown = ids.FirstOrDefault(id => plan.Points.All(p => p.Id != id));
                if (unknown is not null) throw new BioTransformer.Core.InputException($"--only {unknown}: no such point in the sweep (see `sweep plan`)");
                plan = plan with { Points = [.. plan.Points.Where(p => ids.Contains(p.Id))] };
            }
            int n = parse.GetValue(jobs);
            int perJob = parse.GetValue(threads) is > 0 and var t ? t : Math.Max(1, Environment.ProcessorCount / Math.Max(1, n));
            var outcomes = SweepRunner.Run(plan, n, perJob, Self(), new ConsoleReporter(io, quiet: false));
            int failed = outcomes.Count(o => o.Status != "finished");
            console.MarkupLine(Markup.Escape($"{outcomes.Count - failed} of {outcomes.Count} runs finished in {plan.Directory}" +
                                             (failed > 0 ? $"; {failed} failed (run the sweep again to retry them)" : "")));
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Collect(CliIo io)
    {
        var console = io.Out;
        var command = new Command("collect", "Gather a sweep's finished runs into summary.csv (mean ± sd over seeds per configuration) and comparison figures.");
        var (manifest, set) = Common(command);
        var metrics = new Option<string[]>("--metric") { Description = "Metric to summarise, as a path into metrics.json; repeatable; default: the task's headline metric", AllowMultipleArgumentsPerToken = true };
        command.Options.Add(metrics);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var plan = SweepPlanner.Plan(parse.GetValue(manifest)!, parse.GetValue(set) ?? []);
            var (summary, figures) = SweepCollector.Collect(plan, parse.GetValue(metrics) ?? [], new ConsoleReporter(io, quiet: false));
            console.MarkupLine(Markup.Escape($"Wrote {summary} and {figures.Count} figure(s)"));
            return 0;
        }));
        return command;
    }

    private static Command Slurm(CliIo io)
    {
        var console = io.Out;
        var command = new Command("slurm", "Write an sbatch job-array script for the sweep (array task i runs point i); submit it with sbatch.");
        var (manifest, set) = Common(command);
        var cpus = new Option<int?>("--cpus-per-task") { Description = "CPUs of each task (its threads); default: the manifest's [slurm] cpus_per_task" };
        var mem = new Option<int?>("--mem-gib") { Description = "Memory of each task, GiB; default: [slurm] mem_gib" };
        var time = new Option<string?>("--time") { Description = "Wall-time limit of each task (Slurm format); default: [slurm] time" };
        var partition = new Option<string?>("--partition") { Description = "Partition (queue); default: [slurm] partition, else the cluster's" };
        var account = new Option<string?>("--account") { Description = "Account to charge; default: [slurm] account, else yours" };
        var parallel = new Option<int?>("--max-parallel") { Description = "At most this many tasks at once; 0 = no limit; default: [slurm] max_parallel" };
        foreach (var option in new Option[] { cpus, mem, time, partition, account, parallel }) command.Options.Add(option);
        command.SetAction(parse => BioTransformerCli.Guard(io, () =>
        {
            var plan = SweepPlanner.Plan(parse.GetValue(manifest)!, parse.GetValue(set) ?? []);
            // Resources: the manifest's [slurm] table, each flag given overriding its key.
            var slurm = plan.Slurm;
            var resources = new SlurmResources(parse.GetValue(cpus) ?? slurm.CpusPerTask, parse.GetValue(mem) ?? slurm.MemGib, parse.GetValue(time) ?? slurm.Time,
                parse.GetValue(partition) ?? slurm.Partition, parse.GetValue(parallel) ?? slurm.MaxParallel, parse.GetValue(account) ?? slurm.Account);
            var self = Self();
            var path = SlurmScript.Write(plan, resources, [self.FileName, .. self.PrefixArguments]);
            console.MarkupLine(Markup.Escape($"Wrote {path} ({plan.Points.Count} array tasks). Submit: sbatch {path}; then: biotransformer sweep collect {parse.GetValue(manifest)}"));
            return 0;
        }));
        return command;
    }

    /// <summary>How this very CLI is started again for each run (the apphost, or dotnet with its dll).</summary>
    private static SweepRunner.Launcher Self()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "biotransformer.dll");
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? new(host, [dll]) : new(host, []);
    }
}
