using BioTransformer.Cli;
using Spectre.Console;

namespace BioTransformer.Tests.Cli;

/// <summary>The `biotransformer` command invoked in-process, its output captured.</summary>
public class CliTests
{
    private static (int Exit, string Output) Invoke(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        int exit = BioTransformerCli.Invoke(args, console);
        return (exit, writer.ToString());
    }

    [Fact]
    public void Validate_ShippedManifest_SaysOk()
    {
        var (exit, output) = Invoke("validate", Repo.Path("experiments", "esol.toml"));
        Assert.Equal(0, exit);
        Assert.Contains("OK", output);
        Assert.Contains("1128 usable rows, 0 rejected", output);
    }

    [Fact]
    public void Validate_BadManifest_IsOneLineWithFileAndLine_ExitTwo()
    {
        var dir = Repo.TempDirectory();
        var path = Path.Combine(dir, "bad.toml");
        File.WriteAllText(path, File.ReadAllText(Repo.Path("experiments", "esol.toml")).Replace("epochs = 100", "epochs = -3"));
        var (exit, output) = Invoke("validate", path);
        Assert.Equal(BioTransformerCli.InputError, exit);
        var line = Assert.Single(output.Trim().Split('\n'));
        Assert.Matches(@"^error: .*bad\.toml:\d+: 'train\.epochs' = -3 is out of range", line);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Validate_SetOverride_IsApplied()
    {
        var (exit, output) = Invoke("validate", Repo.Path("experiments", "esol.toml"), "--set", "model.heads=3");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("--set model.heads=3: model.heads = 3 does not divide model.dim = 128", output);
    }

    [Fact]
    public void RunThenPredict_WritesOneOutputRowPerInputRow()
    {
        var runs = Repo.TempDirectory();
        var (exit, output) = Invoke("run", Repo.Fixture("tiny_esol.toml"), "--output", runs, "--set", "train.epochs=1", "--quiet");
        Assert.True(exit == 0, output);
        var runDir = Directory.GetDirectories(runs).Single();
        Assert.Contains(runDir, output);

        var input = Path.Combine(Repo.TempDirectory(), "library.smi");
        File.WriteAllLines(input, ["CCO ethanol", "c1ccccc1C[Xe] unknown-token", "CCQ bad", "OCC(O)CO glycerol"]);
        var predictions = Path.Combine(Repo.TempDirectory(), "out", "predictions.csv");
        (exit, output) = Invoke("predict", "--model", runDir, "--input", input, "--output", predictions, "--device", "cpu");
        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(predictions);
        // The .smi file's names are carried through.
        Assert.Equal("line,smiles,name,measured log solubility in mols per litre_pred,unknown_tokens,error", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^1,CCO,ethanol,-?\d", lines[1]);
        Assert.EndsWith(",1,", lines[2]);
        Assert.StartsWith("3,CCQ,bad,,,SMILES does not tokenize", lines[3]);
        Assert.Contains("1 rows hold tokens the model never saw", output);
    }

    [Fact]
    public void ShardedPredict_MergedInAnyOrder_IsByteIdenticalToOneRun()
    {
        var runs = Repo.TempDirectory();
        Assert.Equal(0, Invoke("run", Repo.Fixture("tiny_esol.toml"), "--output", runs, "--set", "train.epochs=1", "--quiet").Exit);
        var runDir = Directory.GetDirectories(runs).Single();
        // 9,001 rows: the 5k ChEMBL slice twice, cut short, and one bad row at the end: 3 blocks of 4,096.
        var dir = Repo.TempDirectory();
        var rows = File.ReadAllLines(Repo.Path("datasets", "chembl30", "chembl30_5k.csv"));
        var input = Path.Combine(dir, "library.csv");
        File.WriteAllLines(input, [rows[0], .. rows[1..], .. rows[1..4001], "C[Xx]C,bad"]);
        var whole = Path.Combine(dir, "whole.csv");
        Assert.Equal(0, Invoke("predict", "-m", runDir, "-i", input, "--column", "SMILES", "-o", whole).Exit);
        var parts = new List<string>();
        foreach (var i in new[] { 3, 1, 2 })
        {
            var part = Path.Combine(dir, $"part{i}.csv");
            var (exit, text) = Invoke("predict", "-m", runDir, "-i", input, "--column", "SMILES", "-o", part, "--shard", $"{i}/3");
            Assert.True(exit == 0, text);
            parts.Add(part);
        }
        Assert.Equal(4097, File.ReadAllLines(Path.Combine(dir, "part1.csv")).Length);   // header + block 1
        var merged = Path.Combine(dir, "merged.csv");
        var (code, output) = Invoke(["merge-predictions", "-o", merged, .. parts]);
        Assert.True(code == 0, output);
        Assert.Contains("9,001 rows", output);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));

        // The same shard twice, or a shard of another split, is refused.
        (code, output) = Invoke("merge-predictions", "-o", Path.Combine(dir, "bad.csv"), parts[0], parts[0]);
        Assert.Equal(BioTransformerCli.InputError, code);
        Assert.Contains("is in two shards", output);
        Assert.False(File.Exists(Path.Combine(dir, "bad.csv")));
        Assert.Equal(BioTransformerCli.InputError, Invoke("predict", "-m", runDir, "-i", input, "-o", Path.Combine(dir, "x.csv"), "--shard", "4/3").Exit);
    }

    [Fact]
    public void Predict_MissingModel_IsAnInputError()
    {
        var (exit, output) = Invoke("predict", "--model", "/nonexistent/run", "--input", Repo.Fixture("tiny_esol.csv"), "--output", "/tmp/x.csv", "--device", "cpu");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("model directory not found", output);
    }

    [NoCudaFact]
    public void Run_DeviceCudaWithoutGpu_IsAnInputError()
    {
        var (exit, output) = Invoke("run", Repo.Fixture("tiny_esol.toml"), "--device", "cuda", "--output", Repo.TempDirectory());
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("no CUDA device is available", output);
    }

    [Fact]
    public void UnknownCommand_FailsWithUsage()
    {
        var (exit, output) = Invoke("trian", "x.toml");
        Assert.NotEqual(0, exit);
        Assert.Contains("trian", output);
    }

    [Fact]
    public void Help_ListsTheSubcommands()
    {
        var (exit, output) = Invoke("--help");
        Assert.Equal(0, exit);
        foreach (var command in new[] { "run", "validate", "predict", "info" }) Assert.Contains(command, output);
    }

    private static string SmilesFile(string text)
    {
        var path = Path.Combine(Repo.TempDirectory(), "in.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private const string MixedSmiles = "smiles,name\nc1ccccc1,benzene\nc1cccc1,bad ring\n,empty\nOC(=O)c1ccccc1,benzoic acid\nC1CC,open ring\n";

    [Fact]
    public void ChemValidate_ListsEachInvalidLineAndWhy_ExitTwo()
    {
        var (exit, output) = Invoke("chem", "validate", SmilesFile(MixedSmiles));
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("line 3: aromatic ring cannot be kekulized", output);
        Assert.Contains("line 4: empty SMILES", output);
        Assert.Contains("line 6: ring bond is opened but never closed at position 2 of 'C1CC'", output);
        Assert.Contains("5 rows: 2 valid, 3 invalid", output);
        Assert.Equal(0, Invoke("chem", "validate", SmilesFile("smiles\nCCO\nc1ccccc1\n")).Exit);
    }

    [Fact]
    public void ChemCanonicalize_WritesOneRowPerInputRow()
    {
        var output = Path.Combine(Repo.TempDirectory(), "canonical.csv");
        var (exit, _) = Invoke("chem", "canonicalize", SmilesFile(MixedSmiles), "-o", output);
        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(output);
        // Every input column is kept (here the name), then the chemistry.
        Assert.Equal("line,smiles,name,valid,canonical_smiles,error_kind,error_position,error", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Equal("2,c1ccccc1,benzene,1,c1ccccc1,,,", lines[1]);
        Assert.StartsWith("3,c1cccc1,bad ring,0,,Kekulization,1,", lines[2]);
        Assert.Equal($"5,OC(=O)c1ccccc1,benzoic acid,1,{BioTransformer.Molecules.Smiles.Canonical("C1=CC=CC=C1C(O)=O")},,,", lines[4]);
        Assert.StartsWith("6,C1CC,open ring,0,,RingClosure,2,", lines[5]);
    }

    [Fact]
    public void Predict_KeepsEveryInputColumn_MatchesColumnCaseInsensitively_AndExplainsTooLongSmiles()
    {
        var runs = Repo.TempDirectory();
        Assert.Equal(0, Invoke("run", Repo.Fixture("tiny_esol.toml"), "--output", runs, "--set", "train.epochs=1", "--quiet").Exit);
        var runDir = Directory.GetDirectories(runs).Single();
        var input = Path.Combine(Repo.TempDirectory(), "library.csv");
        File.WriteAllText(input, "ID,SMILES,note\nm1,CCO,\"first, with a comma\"\n\nm3," + string.Concat(Enumerable.Repeat("C", 300)) + ",long\n");
        var output = Path.Combine(Repo.TempDirectory(), "p.csv");

        var (exit, text) = Invoke("predict", "-m", runDir, "-i", input, "-o", output, "--device", "cpu");

        Assert.Equal(0, exit);
        Assert.Contains("column 'SMILES' used for 'smiles' (matched ignoring case)", text);
        var lines = File.ReadAllLines(output);
        Assert.Equal("line,ID,SMILES,note,measured log solubility in mols per litre_pred,unknown_tokens,error", lines[0]);
        Assert.Matches("^2,m1,CCO,\"first, with a comma\",-?\\d", lines[1]);
        Assert.Equal("3,,,,,,blank line", lines[2]);                       // a blank line is a rejected row, never missing
        Assert.Contains("which was fixed when it was trained", lines[3]);     // the model's window, not a manifest key
        Assert.DoesNotContain("raise model.max_length", lines[3]);
    }

    [Fact]
    public void Evaluate_TargetColumn_ScoresAFileWhoseLabelHasAnotherName()
    {
        var runs = Repo.TempDirectory();
        Assert.Equal(0, Invoke("run", Repo.Fixture("tiny_esol.toml"), "--output", runs, "--set", "train.epochs=1", "--quiet").Exit);
        var runDir = Directory.GetDirectories(runs).Single();
        var data = Path.Combine(Repo.TempDirectory(), "other.csv");
        var source = File.ReadAllLines(Repo.Fixture("tiny_esol.csv"));
        File.WriteAllLines(data, [source[0].Replace("measured log solubility in mols per litre", "logS"), .. source[1..]]);
        var outputDir = Path.Combine(Repo.TempDirectory(), "eval");

        var (exit, text) = Invoke("evaluate", "-m", runDir, "-d", data, "-o", outputDir, "--device", "cpu");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("--target-column names the column to use", text);

        (exit, text) = Invoke("evaluate", "-m", runDir, "-d", data, "-o", outputDir, "--device", "cpu", "--target-column", "logS");
        Assert.True(exit == 0, text);
        Assert.Contains("\"rmse\"", File.ReadAllText(Path.Combine(outputDir, "metrics.json")));
    }

    [Fact]
    public void ChemDescriptors_WritesRDKitCompatibleValues()
    {
        var output = Path.Combine(Repo.TempDirectory(), "descriptors.csv");
        Assert.Equal(0, Invoke("chem", "descriptors", SmilesFile("smiles\nCC(=O)Oc1ccccc1C(=O)O\nc1cccc1\n"), "-o", output).Exit);
        var lines = File.ReadAllLines(output);
        Assert.Equal("line,smiles,valid,formula,molecular_weight,heavy_atoms,rings,aromatic_rings,hbd,hba,rotatable_bonds,tpsa,logp,qed,error", lines[0]);
        // Aspirin, RDKit 2022.09: MW 180.159, TPSA 63.6, Crippen logP 1.3101, QED 0.5501.
        Assert.Equal("2,CC(=O)Oc1ccccc1C(=O)O,1,C9H8O4,180.159,13,1,1,1,3,2,63.6,1.3101,0.5501,", lines[1]);
        Assert.StartsWith("3,c1cccc1,0,,,,,,,,,,,,aromatic ring cannot be kekulized", lines[2]);
    }

    [Fact]
    public void ChemDescriptors_Rdkit2DSet_WritesRDKitsNamesAndValues()
    {
        var output = Path.Combine(Repo.TempDirectory(), "rdkit2d.csv");
        var (exit, text) = Invoke("chem", "descriptors", SmilesFile("smiles\nCC(=O)Oc1ccccc1C(=O)O\nc1cccc1\n"), "--set", "rdkit2d", "-o", output);
        Assert.True(exit == 0, text);
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split(',');
        Assert.Equal(["line", "smiles", "valid", .. Molecules.Descriptors.Rdkit2D.Rdkit2DDescriptors.Names, "error"], header);
        var aspirin = lines[1].Split(',');
        double Value(string name) => double.Parse(aspirin[Array.IndexOf(header, name)], System.Globalization.CultureInfo.InvariantCulture);
        // Aspirin, RDKit 2022.09.3 (Descriptors.descList).
        Assert.Equal(343.2228677267164, Value("BertzCT"), 1e-9);
        Assert.Equal(2.104306980957856, Value("BCUT2D_CHGHI"), 1e-9);
        Assert.Equal(12.13273413692322, Value("PEOE_VSA7"), 1e-9);
        Assert.Equal(2.297415032519928, Value("Kappa3"), 1e-9);
        Assert.Equal(1.3711546649445037, Value("Chi3v"), 1e-9);
        Assert.Equal(74.75705264447721, Value("LabuteASA"), 1e-9);
        Assert.Equal(729.6807528797516, Value("Ipc"), 1e-6);
        Assert.Equal(1, Value("fr_COO"));
        Assert.StartsWith("3,c1cccc1,0,", lines[2]);
        Assert.Contains(",aromatic ring cannot be kekulized", lines[2]);
    }

    [Fact]
    public void ChemFingerprints_DenseAndSparse()
    {
        var input = SmilesFile("smiles\nc1ccccc1\n");
        var dense = Path.Combine(Repo.TempDirectory(), "fp.csv");
        Assert.Equal(0, Invoke("chem", "fingerprints", input, "-o", dense, "--bits", "2048").Exit);
        var lines = File.ReadAllLines(dense);
        var header = lines[0].Split(',');
        Assert.Equal(2048 + 4, header.Length);
        var row = lines[1].Split(',');
        var on = Enumerable.Range(0, 2048).Where(j => row[3 + j] == "1").ToList();
        Assert.Equal([389, 1088, 1873], on);

        var sparse = Path.Combine(Repo.TempDirectory(), "fp_sparse.csv");
        Assert.Equal(0, Invoke("chem", "fingerprints", input, "-o", sparse, "--sparse", "--counts").Exit);
        Assert.Equal("2,c1ccccc1,1,389:6 1088:6 1873:6,", File.ReadAllLines(sparse)[1]);
    }

    [Fact]
    public void ChemFingerprints_BadLength_IsOneLineError()
    {
        var (exit, output) = Invoke("chem", "fingerprints", SmilesFile("smiles\nC\n"), "-o", Path.Combine(Repo.TempDirectory(), "x.csv"), "--bits", "0");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("fingerprint length 0 is out of range", output);
    }

    private static readonly Lazy<string> TinyGenerationRun = new(() =>
    {
        var output = Repo.TempDirectory();
        var manifest = BioTransformer.Experiments.Manifests.ManifestLoader.Load(Repo.Fixture("tiny_generation.toml"),
            [$"output.dir=\"{output}\"", "generation.samples=0", "train.epochs=1"]);
        return BioTransformer.Experiments.ExperimentRunner.Run(manifest, BioTransformer.Experiments.Runs.SilentReporter.Instance).Directory;
    });

    [Fact]
    public void Generate_WritesRequestedRows_SameSeedSameFile()
    {
        var a = Path.Combine(Repo.TempDirectory(), "a.csv");
        var b = Path.Combine(Repo.TempDirectory(), "b.csv");
        var (exit, output) = Invoke("generate", "-m", TinyGenerationRun.Value, "-n", "30", "-o", a, "--threads", "2", "--seed", "4");
        Assert.Equal(0, exit);
        Assert.Contains("30 sampled", output);
        Assert.Equal(31, File.ReadAllLines(a).Length);
        Assert.Equal(0, Invoke("generate", "-m", TinyGenerationRun.Value, "-n", "30", "-o", b, "--threads", "2", "--seed", "4", "--no-cache").Exit);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));   // the key/value cache changes speed, not samples
    }

    [Fact]
    public void Generate_Sharded_SharesTheCount_InterleavesIndices_AndMergesDeterministically()
    {
        var dir = Repo.TempDirectory();
        var parts = new List<string>();
        foreach (var i in new[] { 2, 1 })
        {
            var part = Path.Combine(dir, $"g{i}.csv");
            Assert.Equal(0, Invoke("generate", "-m", TinyGenerationRun.Value, "-n", "7", "-o", part, "--shard", $"{i}/2", "--threads", "2").Exit);
            parts.Add(part);
        }
        Assert.Equal(["0", "2", "4", "6"], File.ReadLines(Path.Combine(dir, "g1.csv")).Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(["1", "3", "5"], File.ReadLines(Path.Combine(dir, "g2.csv")).Skip(1).Select(l => l.Split(',')[0]));
        var merged = Path.Combine(dir, "merged.csv");
        Assert.Equal(0, Invoke(["merge-predictions", "-o", merged, .. parts]).Exit);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => i.ToString()), File.ReadLines(merged).Skip(1).Select(l => l.Split(',')[0]));
        var again = Path.Combine(dir, "again.csv");
        Assert.Equal(0, Invoke("generate", "-m", TinyGenerationRun.Value, "-n", "7", "-o", again, "--shard", "1/2", "--threads", "2").Exit);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "g1.csv")), File.ReadAllBytes(again));
    }

    [Fact]
    public void Generate_UniqueFilter_WritesNoDuplicate()
    {
        var path = Path.Combine(Repo.TempDirectory(), "u.csv");
        Assert.Equal(0, Invoke("generate", "-m", TinyGenerationRun.Value, "-n", "20", "-o", path, "--unique", "--valid-only", "--temperature", "0.7").Exit);
        var canonical = File.ReadLines(path).Skip(1).Select(l => l.Split(',')[3]).ToList();
        Assert.Equal(canonical.Count, canonical.Distinct().Count());
        Assert.All(canonical, c => Assert.NotEqual("", c));
    }

    [Fact]
    public void Generate_Mistakes_AreOneLineErrors()
    {
        var output = Path.Combine(Repo.TempDirectory(), "x.csv");
        var (exit, text) = Invoke("generate", "-m", TinyGenerationRun.Value, "-n", "5", "-o", output, "--condition", "2");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("not conditioned", text);
        (exit, text) = Invoke("generate", "-m", TinyGenerationRun.Value, "-n", "5", "-o", output, "--temperature", "0");
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("temperature must be positive", text);
        (exit, text) = Invoke("generate", "-m", Repo.TempDirectory(), "-n", "5", "-o", output);
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("no model.json", text);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Plot_DoubleColumnPngOnly_AndReport_WriteTheirFiles()
    {
        var run = Repo.Fixture(Path.Combine("runs", "tiny-bbbp-20261130-193948"));
        var output = Repo.TempDirectory();
        var (exit, text) = Invoke("plot", run, "-o", output, "--width", "double", "--format", "png", "--dpi", "150");
        Assert.Equal(0, exit);
        Assert.Contains("Wrote 4 files (4 figures)", text);
        var roc = Path.Combine(output, "tiny-bbbp-20261130-193948", "roc_test.png");
        using (var bitmap = SkiaSharp.SKBitmap.Decode(roc)) Assert.Equal(1080, bitmap.Width);   // 7.2 in × 150 dpi
        Assert.Equal(150, BioTransformer.Plotting.PngDensity.Read(roc));
        Assert.Empty(Directory.GetFiles(output, "*.svg", SearchOption.AllDirectories));

        var report = Repo.TempDirectory();
        (exit, text) = Invoke("report", run, "-o", report);
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(report, "report.md")) && File.Exists(Path.Combine(report, "report.html")), text);
    }

    [Fact]
    public void Plot_Mistakes_AreOneLineErrors()
    {
        var run = Repo.Fixture(Path.Combine("runs", "tiny-bbbp-20261130-193948"));
        foreach (var args in new[]
                 {
                     new[] { "plot", Path.Combine(Repo.TempDirectory(), "nope") },
                     ["plot", run, "--width", "wide"],
                     ["plot", run, "--dpi", "20"],
                     ["report", Repo.Fixture("proteins"), "-o", Repo.TempDirectory()],
                 })
        {
            var (exit, text) = Invoke(args);
            Assert.Equal(BioTransformerCli.InputError, exit);
            Assert.Single(text.Trim().Split('\n'));
        }
    }

    [Fact]
    public void Run_OfASweepManifest_PointsToSweepRun_AndSweepPlanListsTheGrid()
    {
        var dir = Repo.TempDirectory();
        File.Copy(Repo.Fixture("tiny_esol.csv"), Path.Combine(dir, "tiny_esol.csv"));
        var manifest = Path.Combine(dir, "s.toml");
        File.WriteAllText(manifest, File.ReadAllText(Repo.Fixture("tiny_esol.toml")) + "\n[sweep]\nseed = [1, 2]\n");
        var (exit, text) = Invoke("run", manifest);
        Assert.Equal(BioTransformerCli.InputError, exit);
        Assert.Contains("sweep run", text);
        (exit, text) = Invoke("sweep", "plan", manifest);
        Assert.Equal(0, exit);
        Assert.Contains("seed-1", text);
        Assert.Contains("2 runs into", text);

        // Slurm resources: the manifest's [slurm] table, each flag given overriding its key.
        File.AppendAllText(manifest, "\n[slurm]\ncpus_per_task = 3\npartition = \"short\"\ntime = \"02:00:00\"\n");
        (exit, text) = Invoke("sweep", "slurm", manifest, "--time", "00:30:00");
        Assert.True(exit == 0, text);
        var script = File.ReadAllText(Directory.GetFiles(dir, "sweep.sbatch", SearchOption.AllDirectories).Single());
        Assert.Contains("#SBATCH --cpus-per-task=3\n", script);
        Assert.Contains("#SBATCH --partition=\"short\"\n", script);
        Assert.Contains("#SBATCH --time=00:30:00\n", script);
        Assert.Contains("#SBATCH --array=0-1\n", script);
    }
}
