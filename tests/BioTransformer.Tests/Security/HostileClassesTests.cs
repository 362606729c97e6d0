using System.IO.Compression;
using System.Text.Json.Nodes;
using BioTransformer.Core;
using BioTransformer.Core.Data;
using BioTransformer.Experiments;
using BioTransformer.Experiments.Chemistry;
using BioTransformer.Experiments.Contacts;
using BioTransformer.Experiments.Manifests;
using BioTransformer.Experiments.Property;
using BioTransformer.Experiments.Runs;
using BioTransformer.Modeling.Checkpoints;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Tests.Security;

/// <summary>
/// Classes 4 to 9 of the hostile-input audit, one test (or a few) per class, each reproducing the audit's
/// case: corrupted checkpoints and model files, outputs that would destroy inputs, unbounded memory, two
/// processes in one run, contacts on odd structures, internal errors that should be user errors.
/// </summary>
public class HostileClassesTests
{
    private static string TinyRun(params string[] settings) => ExperimentRunner.Run(
        ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), ["train.epochs=1", $"output.dir=\"{Repo.TempDirectory()}\"", .. settings]), SilentReporter.Instance).Directory;

    private static void FlipByte(string path, long offset)
    {
        using var stream = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        int b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x40));
    }

    // Class 4: a corrupted checkpoint or model file is a one-line error naming the file.

    [Fact]
    public void Checkpoint_OneFlippedByte_IsRefusedOnResume()
    {
        // An interrupted run: a finished run's files with its status set back to running and a checkpoint.
        var run = Path.Combine(Repo.TempDirectory(), "run");
        Directory.CreateDirectory(run);
        foreach (var file in Directory.GetFiles(TinyRun())) File.Copy(file, Path.Combine(run, Path.GetFileName(file)));
        var status = JsonNode.Parse(File.ReadAllText(Path.Combine(run, RunDirectory.StatusFile)))!.AsObject();
        status["status"] = "running";
        File.WriteAllText(Path.Combine(run, RunDirectory.StatusFile), status.ToJsonString());
        var path = Path.Combine(run, RunDirectory.CheckpointFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var module = TorchSharp.torch.nn.Linear(64, 64))
        using (var optimizer = TorchSharp.torch.optim.AdamW(module.parameters()))
            new BioTransformer.Modeling.Training.TrainingCheckpoint
            {
                Epoch = 1, BatchesDone = 1, Step = 1, LossSum = 0.5, Tokens = 10, BestScore = double.NaN, BestEpoch = 0, EpochsWithoutGain = 0,
                Completed = false, StoppedEarly = false, History = [], Seconds = 1,
            }.Save(path, module, null, optimizer);
        FlipByte(path, new FileInfo(path).Length / 2);   // inside the weights

        var error = Assert.Throws<InputException>(() => ExperimentRunner.Resume(run, SilentReporter.Instance));
        Assert.Contains("training.ckpt: checksum mismatch", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("failed", RunDirectory.StatusOf(run));
    }

    [Fact]
    public void ModelFiles_AFlippedWeightByteOrACraftedConfig_AreOneLineErrorsNamingTheFile()
    {
        var run = TinyRun();
        var model = Path.Combine(run, "model");
        Assert.True(File.Exists(Path.Combine(model, FileChecksums.FileName)));
        var input = Path.Combine(Repo.TempDirectory(), "in.smi");
        File.WriteAllText(input, "CCO\n");

        var copy = Path.Combine(Repo.TempDirectory(), "model");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(model)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        FlipByte(Path.Combine(copy, ModelFiles.WeightsFile), new FileInfo(Path.Combine(copy, ModelFiles.WeightsFile)).Length / 2);
        var error = Assert.Throws<InputException>(() => PropertyPrediction.Run(copy, new PredictionInput(input), Path.Combine(Repo.TempDirectory(), "p.csv"), "cpu", 8, SilentReporter.Instance));
        Assert.Contains("weights.bin: checksum mismatch", error.Message);

        // A crafted model.json (checksums removed, as an attacker would): negative sizes, then a 51 GB embedding.
        foreach (var (key, value) in new[] { ("dim", -8), ("vocab_size", 2_000_000_000) })
        {
            var crafted = Path.Combine(Repo.TempDirectory(), "model");
            Directory.CreateDirectory(crafted);
            foreach (var file in Directory.GetFiles(model).Where(f => !f.EndsWith(FileChecksums.FileName))) File.Copy(file, Path.Combine(crafted, Path.GetFileName(file)));
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(crafted, ModelFiles.ConfigFile)))!;
            json["config"]!["backbone"]![key] = value;
            File.WriteAllText(Path.Combine(crafted, ModelFiles.ConfigFile), json.ToJsonString());
            var e = Assert.Throws<InputException>(() => PropertyPredictionTask.LoadModel(crafted, TorchSharp.torch.CPU));
            Assert.Contains("model.json", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    // Class 5: an output that is the input is refused; an existing output is replaced only with --overwrite.

    [Fact]
    public void Output_ThatIsTheInput_IsRefused_ThroughSymbolicAndHardLinks()
    {
        var dir = Repo.TempDirectory();
        var input = Path.Combine(dir, "a.csv");
        File.WriteAllText(input, "smiles\nCCO\n");
        var symbolic = Path.Combine(dir, "link.csv");
        File.CreateSymbolicLink(symbolic, input);
        var hard = Path.Combine(dir, "hard.csv");
        using (var ln = System.Diagnostics.Process.Start("ln", [input, hard])!) ln.WaitForExit();
        Assert.True(File.Exists(hard));

        foreach (var output in new[] { input, symbolic, hard })
        {
            var error = Assert.Throws<InputException>(() => ChemistryTables.Canonicalize(new ChemistryInput(input, Overwrite: true), output));
            Assert.Contains("is the input file", error.Message);
        }
        Assert.Equal("smiles\nCCO\n", File.ReadAllText(input));   // untouched

        var other = Path.Combine(dir, "out.csv");
        File.WriteAllText(other, "keep me");
        var refused = Assert.Throws<InputException>(() => ChemistryTables.Canonicalize(new ChemistryInput(input), other));
        Assert.Contains("exists already", refused.Message);
        Assert.Contains("--overwrite", refused.Message);
        Assert.Equal("keep me", File.ReadAllText(other));
        ChemistryTables.Canonicalize(new ChemistryInput(input, Overwrite: true), other);
        Assert.StartsWith("line,smiles,valid", File.ReadAllText(other));
    }

    // Class 6: bounded memory on hostile sizes.

    [Fact]
    public void GzipOfOneEnormousLine_IsRefusedAtTheLimit_WithoutReadingItAll()
    {
        var path = Path.Combine(Repo.TempDirectory(), "bomb.smi.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.SmallestSize))
        {
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'C');
            for (int i = 0; i < 64; i++) gz.Write(block);   // 64 MiB of one line; about 64 KB compressed
        }
        Assert.True(new FileInfo(path).Length < 1 << 20);
        var before = GC.GetTotalAllocatedBytes();
        var error = Assert.Throws<InputException>(() => ChemistryTables.Canonicalize(new ChemistryInput(path), null));
        Assert.Contains("line is longer than 1,048,576 characters", error.Message);
        // The reader stopped at the limit: far less than the 64 MiB line was held (a few MiB of buffers at most).
        Assert.True(GC.GetTotalAllocatedBytes() - before < 32L << 20, "the line was read past the limit");
    }

    [Fact]
    public void Manifest_WhoseModelCannotFitInMemory_IsRefusedNamingTheKeys()
    {
        var error = Assert.Throws<InputException>(() => ManifestMemory.Check(ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"),
            ["model.dim=8192", "model.layers=96", "model.heads=16", "model.feed_forward=32768", "model.max_length=4096", "train.batch_size=4096"])));
        Assert.Contains("training this model needs about", error.Message);
        Assert.Contains("model.dim, model.layers, model.max_length, train.batch_size", error.Message);
        Assert.True(ManifestMemory.Check(ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"))) > 0);
    }

    [Fact]
    public void CanonicalSmiles_OfA10000AtomChain_IsRight()
    {
        // Was quadratic (49 s); the speed is measured by scripts, not here: this checks the answer.
        var chain = new string('C', 10_000);
        Assert.Equal(chain, BioTransformer.Molecules.Smiles.Canonical(chain));
        // 2-methylnonanonacontane written from either end: one canonical string.
        Assert.Equal(BioTransformer.Molecules.Smiles.Canonical("CC(C)" + new string('C', 97)), BioTransformer.Molecules.Smiles.Canonical(new string('C', 98) + "(C)C"));
    }

    // Class 7: one process per run directory; a dead run reads as interrupted; --resume says what it honours.

    [Fact]
    public void RunDirectory_InUse_IsRefusedToASecondProcess_AndADeadRunReadsInterrupted()
    {
        var root = Repo.TempDirectory();
        string path;
        using (var held = RunDirectory.Create(root, "locked", DateTime.UtcNow))
        {
            path = held.Path;
            File.WriteAllText(Path.Combine(path, ExperimentRunner.ManifestFile), File.ReadAllText(Repo.Fixture("tiny_esol.toml")).Replace("tiny_esol.csv", Repo.Fixture("tiny_esol.csv")));
            var error = Assert.Throws<InputException>(() => RunDirectory.Resume(path));
            Assert.Contains($"the run is in use by process {Environment.ProcessId}", error.Message);
            Assert.Equal("running", RunDirectory.StatusOf(path));
        }
        // The holder is gone (as after kill -9): status.json still says running, but nobody holds the run.
        Assert.Equal("interrupted", RunDirectory.StatusOf(path));
        using var resumed = RunDirectory.Resume(path);
        Assert.True(resumed.Resuming);
    }

    // Class 8: contacts on odd structures.

    [Fact]
    public void Contacts_TooShortProteinsAreRejectedRows_DuplicateNamesMadeUnique_OutputsOnlyComplete()
    {
        var model = ExperimentRunner.Run(ManifestLoader.Load(Repo.Fixture("tiny_contacts.toml"), ["train.epochs=1", $"output.dir=\"{Repo.TempDirectory()}\""]), SilentReporter.Instance).Directory;
        var fasta = Path.Combine(Repo.TempDirectory(), "in.fasta");
        var sequence = "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ";
        File.WriteAllText(fasta, $">one\nM\n>same\n{sequence}\n>same\n{sequence}\n>same\n{sequence}\n");
        var output = Path.Combine(Repo.TempDirectory(), "maps");

        var summary = ContactsJob.Run(model, fasta, null, output, "cpu", 1, SilentReporter.Instance);

        Assert.Equal(4, summary.Proteins);
        var files = Directory.GetFiles(output).Select(Path.GetFileName).Order().ToList();
        Assert.Contains("same_probabilities.csv", files);
        Assert.Contains("same_2_probabilities.csv", files);
        Assert.Contains("same_3_probabilities.csv", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("one_"));
        Assert.Contains("too short for contacts", File.ReadAllText(Path.Combine(output, ContactsJob.RejectedFile)));
        Assert.DoesNotContain(Directory.GetDirectories(output), d => Path.GetFileName(d).StartsWith(".partial"));

        // Nothing mappable: one line, and no partial output.
        File.WriteAllText(fasta, ">one\nM\n");
        var empty = Path.Combine(Repo.TempDirectory(), "maps");
        var error = Assert.Throws<InputException>(() => ContactsJob.Run(model, fasta, null, empty, "cpu", 1, SilentReporter.Instance));
        Assert.Contains("no protein can be mapped", error.Message);
        Assert.Empty(Directory.Exists(empty) ? Directory.GetFileSystemEntries(empty) : []);

        var giant = new ProteinChain("giant", "A", new string('A', ContactsJob.MaxProteinLength + 1), null, null, "", []);
        Assert.Contains("longer than 5,000", ContactsJob.Rejection(giant));
    }

    [Fact]
    public void Pdb_ResidueNumbersPast9999_WrappedOrHybrid36_KeepEveryResidue()
    {
        Assert.Equal(10_000, PdbReader.Hybrid36("A000"));
        Assert.Equal(10_001, PdbReader.Hybrid36("A001"));
        Assert.Null(PdbReader.Hybrid36("1234"));
        var lines = new List<string>();
        int serial = 1;
        void Residue(string number, float x)
        {
            foreach (var (atom, dx) in new[] { ("N", 0f), ("CA", 1.2f), ("C", 2.4f) })
                lines.Add($"ATOM  {serial++,5} {atom,-4} ALA A{number,4}    {x + dx,8:0.000}{0f,8:0.000}{0f,8:0.000}  1.00  0.00           {atom[0]}");
        }
        for (int i = 9995; i <= 9999; i++) Residue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i * 3.8f % 100);
        for (int i = 0; i < 5; i++) Residue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 50 + i * 3.8f);    // wrapped
        Residue("A000", 80);                                                                                                   // hybrid-36
        var path = Path.Combine(Repo.TempDirectory(), "wrap.pdb");
        File.WriteAllLines(path, lines);
        Assert.Equal(11, PdbReader.Read(path).Length);
    }

    // Class 9: what used to be internal errors are one-line user errors.

    [Fact]
    public void DeepNesting_DuplicateColumns_HugeValues_AreOneLineUserErrors()
    {
        var deep = Path.Combine(Repo.TempDirectory(), "deep.toml");
        File.WriteAllText(deep, "schema = 1\nname = \"x\"\nv = " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        Assert.Contains("nested more than 64 levels", Assert.Throws<InputException>(() => ManifestLoader.Load(deep)).Message);

        var duplicate = Path.Combine(Repo.TempDirectory(), "d.csv");
        File.WriteAllText(duplicate, "smiles,y,smiles\nCCO,1,CCN\n");
        Assert.Contains("column 'smiles' appears 2 times", Assert.Throws<InputException>(() =>
            SequenceTableReader.Read(duplicate, new TableSchema("smiles", ["y"], _ => null))).Message);

        var huge = new string('x', 10_000_000);
        var error = new InputException($"value '{huge}' is bad\u0007");
        Assert.True(error.Message.Length <= InputException.MaxLength + 100, $"{error.Message.Length} characters");
        Assert.Contains("characters cut", error.Message);
        Assert.DoesNotContain('\u0007', error.Message);
    }

    [Fact]
    public void Validate_RefusesTheInitFromThatRunWouldRefuse()
    {
        var pretrained = TinyRun();
        var manifest = ManifestLoader.Load(Repo.Fixture("tiny_esol.toml"), [$"init_from=\"{pretrained}\"", "model.layers=3"]);
        var fromValidate = Assert.Throws<InputException>(() => Pretrained.Check(manifest, BioTransformer.Core.Tokenization.Domain.Smiles));
        var fromRun = Assert.Throws<InputException>(() => ExperimentRunner.Run(manifest, SilentReporter.Instance));
        Assert.Contains("model.layers = 3 but the pretrained backbone has 2", fromValidate.Message);
        Assert.Equal(fromValidate.Message, fromRun.Message);
    }
}
