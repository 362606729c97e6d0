using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Core.Tokenization;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Modeling.Heads;
using BioTransformer.Modeling.Training;
using BioTransformer.Proteins.Contacts;
using BioTransformer.Proteins.Structures;
using TorchSharp;

namespace BioTransformer.Experiments.Contacts;

/// <summary>
/// task = "contacts": residue contact prediction from protein structures (CB–CB &lt; 8 Å). Chains are
/// split by their cluster (split = "cluster") so homologues never straddle train and test; training
/// uses random crops, validation and test score full-length predictions with the field's precisions.
/// Writes the model, per-split means, a per-protein CSV, the learning curve, precision by range and
/// contact maps of a few test proteins.
/// </summary>
public static class ContactExperiment
{
    public const string PerProteinFile = "contacts_per_protein.csv";

    /// <summary>Contact maps (data in contact_maps/, figures from it) saved for this many test proteins.</summary>
    public const int MapFigures = 3;

    public static JsonObject Execute(RunContext context)
    {
        var (manifest, run, device, _, reporter) = context;
        var section = manifest.Contacts!;
        reporter.Info($"Reading {manifest.Data.Path}");
        var all = StructureFiles.Read(manifest.Data.Path);
        var chains = all.Where(c => c.HasStructure && ContactsJob.Rejection(c) is null).ToList();
        RunRecords.WriteDataRecord(run, manifest.Data.Path, all.Count, chains.Count);
        if (chains.Count < all.Count) reporter.Warning($"{all.Count - chains.Count} of {all.Count} records skipped: no coordinates, shorter than 7 or longer than {ContactsJob.MaxProteinLength:N0} residues");
        if (chains.Count == 0) throw InputException.At(manifest.Data.Path, null, "no protein chain with coordinates", "contacts are learned from structures (JSON lines with CB coordinates, PDB or mmCIF)");

        bool byCluster = manifest.Data.Split == "cluster";
        if (byCluster && chains.FirstOrDefault(c => c.Group.Length == 0) is { } ungrouped)
            throw InputException.At(manifest.Data.Path, null, $"chain {ungrouped.Name} has no cluster", "give every record a \"cluster\" field, or use split = \"random\"");
        var f = manifest.Data.Fractions;
        var keys = chains.Select(c => byCluster ? c.Group : c.Name).ToList();
        var split = Splitters.For(manifest.Data.Split).Split(keys, new SplitFractions(f[0], f[1], f[2]), manifest.Seed);
        int Clusters(IReadOnlyList<int> rows) => rows.Select(i => chains[i].Group).Distinct().Count();
        reporter.Info($"{chains.Count} chains: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test ({manifest.Data.Split} split, seed {manifest.Seed}" +
                      (byCluster ? $"; {Clusters(split.Train)}/{Clusters(split.Valid)}/{Clusters(split.Test)} clusters)" : ")"));
        if (split.Train.Count == 0) throw new InputException("the training split is empty: use more data or a larger train fraction");

        var tokenizer = Tokenizers.For(Domain.Protein);
        var tokens = chains.Select(c => tokenizer.Tokenize(c.Sequence)).ToList();
        var vocabulary = Pretrained.Vocabulary(manifest, Domain.Protein, () => Tokenizers.BuildVocabulary(Domain.Protein, split.Train.Select(i => tokens[i])),
            tokens, reporter);

        var config = new ContactModelConfig(ManifestConfigs.Backbone(manifest, vocabulary.Count),
            section.Head == "attention" ? ContactHeadKind.Attention : ContactHeadKind.Pair, section.PairDim, section.Channels, section.Blocks);
        torch.manual_seed(manifest.Seed);
        using var model = new ContactModel(config);
        Pretrained.LoadInto(manifest, model);
        model.to(device);
        long parameters = model.parameters().Sum(p => p.numel());
        long trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        reporter.Info($"Model: {parameters:N0} parameters ({trainable:N0} trained), {section.Head} head, backbone {manifest.Model.Layers} layers × dim {manifest.Model.Dim}, " +
                      $"crops of {section.Crop} residues, device {device.type}");

        var train = split.Train.Select(i => new ContactExample(vocabulary.Encode(Domain.Protein, tokens[i]), ContactMap.FromChain(chains[i]).Labels.ToArray())).ToList();
        Func<ValidationResult>? validate = split.Valid.Count == 0 ? null : () =>
        {
            var losses = new List<double>();
            var scored = split.Valid.Select(i =>
            {
                var p = ContactScoring.Predict(model, vocabulary, chains[i], device);
                losses.Add(ContactScoring.CrossEntropy(p));
                return p.Summary();
            }).ToList();
            var means = ContactScoring.Means(scored);
            return new ValidationResult(losses.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(), means[(ContactRange.Long, "L/5")]);
        };

        var trainer = new ContactTrainer(model, ManifestConfigs.Training(manifest), device);
        var epochs = RunRecords.RecordEpochs(trainer.Loop, run, reporter, "long_P@L/5", manifest.Train.CheckpointEvery);
        trainer.Loop.NewBest += _ => ModelFiles.SaveContactModel(run.ModelDirectory, model, vocabulary);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = trainer.Fit(train, section.Crop, validate);
        run.RecordTiming("training_seconds", clock.Elapsed.TotalSeconds);
        reporter.Info(RunRecords.Outcome(result, "long-range P@L/5"));

        // Held-out splits scored full length; the train split is left out (it costs as much as training and says little).
        var perSplit = new JsonObject();
        var rows = new List<(string, string, double)>();
        var perProtein = new List<IReadOnlyList<string>>();
        foreach (var name in new[] { "valid", "test" })
        {
            if (split[name].Count == 0)
            {
                perSplit[name] = null;
                continue;
            }
            var scored = new List<ProteinContacts>();
            foreach (var i in split[name])
            {
                var p = ContactScoring.Predict(model, vocabulary, chains[i], device);
                if (name == "test" && scored.Count < MapFigures)
                    ContactMapFile.Write(run.File(Path.Combine(ContactMapFile.Folder, $"{Sanitize(p.Chain.Name)}.csv")), p);
                scored.Add(p.Summary());
            }
            var means = ContactScoring.Means(scored);
            perSplit[name] = ContactScoring.ToJson(means, scored.Count);
            rows.AddRange(ContactScoring.ResultRows(name, means));
            perProtein.AddRange(scored.Select(p => ContactScoring.PerProteinRow(name, p)));
        }
        CsvOutput.Write(run.File(PerProteinFile), ContactScoring.PerProteinHeader(), perProtein);
        reporter.Results(rows);

        var metrics = new JsonObject
        {
            ["task"] = "contacts",
            ["head"] = section.Head,
            ["precision"] = perSplit,
            ["precision_definition"] = "mean over proteins of the fraction of true contacts (CB-CB < 8 Å, CA for glycine) among the top L, L/2, L/5 upper-triangle pairs of each separation range; pairs with unknown coordinates are not ranked",
            ["best_epoch"] = result.BestEpoch,
            ["epochs_run"] = result.Epochs.Count,
            ["stopped_early"] = result.StoppedEarly,
            ["parameters"] = parameters,
            ["trained_parameters"] = trainable,
            ["chains"] = new JsonObject { ["train"] = split.Train.Count, ["valid"] = split.Valid.Count, ["test"] = split.Test.Count },
            ["clusters"] = byCluster ? new JsonObject { ["train"] = Clusters(split.Train), ["valid"] = Clusters(split.Valid), ["test"] = Clusters(split.Test) } : null,
        };
        run.WriteJson(ExperimentRunner.MetricsFile, metrics);
        return metrics;
    }

    /// <summary>A protein name usable as a file name.</summary>
    public static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
