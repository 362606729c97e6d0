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
using BioTransformer.Experiments.Reports;
using BioTransformer.Experiments.Tasks;
using BioTransformer.Modeling;
using BioTransformer.Plotting;

namespace BioTransformer.Experiments.Contacts;

/// <summary>
/// task = "contacts": residue contact prediction from protein structures (CB–CB &lt; 8 Å). Chains are
/// split by their cluster (split = "cluster") so homologues never straddle train and test; training
/// uses random crops, validation and test score full-length predictions with the field's precisions.
/// Writes the model, per-split means, a per-protein CSV, the learning curve, precision by range and
/// contact maps of a few test proteins.
/// </summary>
public sealed class ContactsTask : TrainingTask<ContactsTask.Data, ContactModel>
{
    public const string PerProteinFile = "contacts_per_protein.csv";

    /// <summary>Contact maps (data in contact_maps/, figures from it) saved for this many test proteins.</summary>
    public const int MapFigures = 3;

    /// <summary>The task's name: the manifest's task, its table and its models' kind.</summary>
    public const string Kind = "contacts";

    public override string Name => Kind;
    public override string Summary => "residue contacts from protein structures";
    /// <summary>Loads a contact model saved by a run of this task onto <paramref name="device"/>, in eval mode.</summary>
    public static (ContactModel Model, Vocabulary Vocabulary) LoadModel(string directory, TorchSharp.torch.Device device) =>
        ModelFiles.Load<ContactModel, ContactModelConfig>(directory, Kind, device, c => new ContactModel(c));

    public override Type SectionType => typeof(ContactsSection);
    public override IReadOnlyList<SplitKind> Splits => [SplitKind.Random, SplitKind.Cluster];

    /// <summary>What the steps of a contacts run share: the usable chains, their split and tokens, the vocabulary.</summary>
    public sealed record Data(ContactsSection Section, IReadOnlyList<ProteinChain> Chains, SplitIndices Split, bool ByCluster,
        IReadOnlyList<IReadOnlyList<string>> Tokens, Vocabulary Vocabulary)
    {
        public int Clusters(IReadOnlyList<int> rows) => rows.Select(i => Chains[i].Group).Distinct().Count();
    }

    public override void Validate(Manifest manifest, ManifestError error)
    {
        if (manifest.Data.Domain != Domain.Protein)
            throw error("data.domain", "task = \"contacts\" reads protein structures: data.domain must be \"protein\"");
        if (manifest.Section<ContactsSection>().Head == ContactHeadKind.Attention && manifest.InitFrom.Length == 0)
            throw error("contacts.head", "the attention head reads a pretrained backbone's attention maps: set init_from to an mlm run");
    }

    public override HeadMemory HeadMemory(Manifest manifest) =>
        manifest.Section<ContactsSection>() is { Head: ContactHeadKind.Pair } c
            ? new HeadMemory(c.Channels * c.Blocks, c.Crop, "contacts.crop, contacts.channels, contacts.blocks")
            : Tasks.HeadMemory.None;

    public override DataCheckReport CheckData(Manifest manifest)
    {
        var chains = StructureFiles.Read(manifest.Data.Path);
        var without = chains.Where(c => !c.HasStructure).Take(5).Select(c => $"{c.Name}: no coordinates").ToList();
        return new DataCheckReport(chains.Count(c => c.HasStructure), chains.Count(c => !c.HasStructure), without);
    }

    public override EvaluationResult Evaluate(EvaluateJob.Request request, string modelDirectory, TorchSharp.torch.Device device, IRunReporter reporter) =>
        ContactsEvaluation.Evaluate(request, modelDirectory, device);

    public override string HeadlineMetric(SavedRun run) => "precision.test.long.L/5";

    public override string LossLabel(SavedRun run) => "Loss (binary cross-entropy per pair)";

    public override void DrawFigures(SavedRun run, Func<string, string> output, FigureOutput format, List<FigureFile> figures) =>
        ContactRunFigures.Draw(run, output, format, figures);

    protected override Data Prepare(RunContext context)
    {
        var (manifest, run, _, _, reporter) = context;
        var all = StructureFiles.Read(manifest.Data.Path);
        var chains = all.Where(c => c.HasStructure && ContactsJob.Rejection(c) is null).ToList();
        RunRecords.WriteDataRecord(run, manifest.Data.Path, all.Count, chains.Count);
        if (chains.Count < all.Count) reporter.Warning($"{all.Count - chains.Count} of {all.Count} records skipped: no coordinates, shorter than 7 or longer than {ContactsJob.MaxProteinLength:N0} residues");
        if (chains.Count == 0) throw InputException.At(manifest.Data.Path, null, "no protein chain with coordinates", "contacts are learned from structures (JSON lines with CB coordinates, PDB or mmCIF)");

        bool byCluster = manifest.Data.Split == SplitKind.Cluster;
        if (byCluster && chains.FirstOrDefault(c => c.Group.Length == 0) is { } ungrouped)
            throw InputException.At(manifest.Data.Path, null, $"chain {ungrouped.Name} has no cluster", "give every record a \"cluster\" field, or use split = \"random\"");
        var split = Split(manifest, chains.Select(c => byCluster ? c.Group : c.Name).ToList());
        var tokenizer = Tokenizers.For(Domain.Protein);
        var tokens = chains.Select(c => tokenizer.Tokenize(c.Sequence)).ToList();
        int Clusters(IReadOnlyList<int> rows) => rows.Select(i => chains[i].Group).Distinct().Count();
        reporter.Info($"{chains.Count} chains: {split.Train.Count} train, {split.Valid.Count} valid, {split.Test.Count} test ({ManifestEnums.Text(manifest.Data.Split)} split, seed {manifest.Seed}" +
                      (byCluster ? $"; {Clusters(split.Train)}/{Clusters(split.Valid)}/{Clusters(split.Test)} clusters)" : ")"));
        RequireTraining(split);

        var vocabulary = Pretrained.Vocabulary(manifest, Domain.Protein, () => Tokenizers.BuildVocabulary(Domain.Protein, split.Train.Select(i => tokens[i])),
            tokens, reporter);
        return new Data(manifest.Section<ContactsSection>(), chains, split, byCluster, tokens, vocabulary);
    }

    protected override Vocabulary VocabularyOf(Data data) => data.Vocabulary;

    protected override ContactModel Build(RunContext context, Data data)
    {
        var section = data.Section;
        return new ContactModel(new ContactModelConfig(ManifestConfigs.Backbone(context.Manifest, data.Vocabulary.Count),
            section.Head, section.PairDim, section.Channels, section.Blocks));
    }

    protected override IModelConfig ConfigOf(ContactModel model) => model.Config;

    protected override string Describe(RunContext context, Data data, ContactModel model)
    {
        var m = context.Manifest.Model;
        return $"({Trainable(model):N0} trained), {ManifestEnums.Text(data.Section.Head)} head, backbone {m.Layers} layers × dim {m.Dim}, " +
               $"crops of {data.Section.Crop} residues, device {context.Device.type}";
    }

    protected override TrainingSession Train(RunContext context, Data data, ContactModel model)
    {
        var (manifest, run, device, _, _) = context;
        var (chains, split, vocabulary) = (data.Chains, data.Split, data.Vocabulary);
        var train = split.Train.Select(i => new ContactExample(vocabulary.Encode(Domain.Protein, data.Tokens[i]), ContactMap.FromChain(chains[i]).Labels.ToArray())).ToList();
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
        return new TrainingSession(trainer.Loop, () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = trainer.Fit(train, data.Section.Crop, validate);
            run.RecordTiming("training_seconds", clock.Elapsed.TotalSeconds);
            return result;
        }, "long_P@L/5", "long-range P@L/5");
    }

    protected override JsonObject Finish(RunContext context, Data data, ContactModel model, TrainingResult result, long parameters)
    {
        var (_, run, device, _, reporter) = context;
        var (chains, split, vocabulary) = (data.Chains, data.Split, data.Vocabulary);
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
            ["task"] = Name,
            ["head"] = ManifestEnums.Text(data.Section.Head),
            ["precision"] = perSplit,
            ["precision_definition"] = "mean over proteins of the fraction of true contacts (CB-CB < 8 Å, CA for glycine) among the top L, L/2, L/5 upper-triangle pairs of each separation range; pairs with unknown coordinates are not ranked",
        };
        AddTraining(metrics, result, parameters);
        metrics["trained_parameters"] = Trainable(model);
        metrics["chains"] = new JsonObject { ["train"] = split.Train.Count, ["valid"] = split.Valid.Count, ["test"] = split.Test.Count };
        metrics["clusters"] = data.ByCluster ? new JsonObject { ["train"] = data.Clusters(split.Train), ["valid"] = data.Clusters(split.Valid), ["test"] = data.Clusters(split.Test) } : null;
        return metrics;
    }

    private static long Trainable(ContactModel model) => TorchRuntime.ParameterCounts(model).Trained;

    /// <summary>A protein name usable as a file name.</summary>
    public static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
