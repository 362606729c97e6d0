using BioTransformer.Core;
using BioTransformer.Proteins.Structures;

namespace BioTransformer.Tests.Proteins;

/// <summary>PDB, mmCIF, JSON-lines and FASTA readers on fixtures made by scripts/fixtures/make_structure_fixtures.py.</summary>
public class StructureReaderTests
{
    private static string Fixture(string name) => Repo.Fixture(Path.Combine("proteins", name));

    public static TheoryData<string> CoordinateFiles => new() { "fixture.pdb", "fixture.cif" };

    [Theory]
    [MemberData(nameof(CoordinateFiles))]
    public void Read_FirstModelFirstChain_FullSequenceWithUnobservedResidueMasked(string file)
    {
        var chain = StructureFiles.Read(Fixture(file)).Single();
        Assert.Equal("9TST", chain.Id);
        Assert.Equal("A", chain.Chain);
        // SEQRES / poly-seq scheme: MET 1 is not observed but stays in the sequence; MSE reads as M; SER 5A (insertion) kept.
        Assert.Equal("MAGMLSKEVW", chain.Sequence);
        Assert.True(float.IsNaN(chain.Cb![0, 0]));
        Assert.False(float.IsNaN(chain.Cb[1, 0]));
        Assert.Contains(chain.Notes, n => n.Contains("2 models"));
        Assert.Contains(chain.Notes, n => n.Contains("chains A, B"));
        Assert.Contains(chain.Notes, n => n.Contains("MSE x1"));
        Assert.Contains(chain.Notes, n => n.Contains("insertion codes"));
        Assert.Contains(chain.Notes, n => n.Contains("alternate locations"));
        Assert.Contains(chain.Notes, n => n.Contains("1 residues of the full sequence have no coordinates"));
        Assert.Contains(chain.Notes, n => n.Contains("virtual CB"));
    }

    [Theory]
    [MemberData(nameof(CoordinateFiles))]
    public void Read_AltLocs_HighestOccupancyWins_GlycineCbIsCa(string file)
    {
        var chain = StructureFiles.Read(Fixture(file)).Single();
        int val = chain.Sequence.IndexOf('V');
        int gly = chain.Sequence.IndexOf('G');
        // Conformer B (occupancy 0.60) is shifted +0.5 Å in x against A (0.40).
        var cbOther = StructureFiles.Read(Fixture(file)).Single();
        Assert.Equal(chain.Ca![gly, 0], chain.Cb![gly, 0]);
        Assert.Equal(chain.Ca[gly, 2], chain.Cb[gly, 2]);
        Assert.True(chain.Ca[val, 0] > -100);
        Assert.Equal(cbOther.Ca![val, 0], chain.Ca[val, 0]);
    }

    [Fact]
    public void Read_PdbAndMmcif_GiveTheSameChain()
    {
        var pdb = PdbReader.Read(Fixture("fixture.pdb"));
        var cif = MmcifReader.Read(Fixture("fixture.cif"));
        Assert.Equal(pdb.Sequence, cif.Sequence);
        for (int i = 0; i < pdb.Length; i++)
            for (int d = 0; d < 3; d++)
            {
                Assert.Equal(pdb.Ca![i, d], cif.Ca![i, d], 3);
                Assert.Equal(pdb.Cb![i, d], cif.Cb![i, d], 3);
            }
    }

    [Theory]
    [MemberData(nameof(CoordinateFiles))]
    public void Read_ChainSelection(string file)
    {
        Assert.Equal("GPH", StructureFiles.Read(Fixture(file), "B").Single().Sequence);
        var error = Assert.Throws<InputException>(() => StructureFiles.Read(Fixture(file), "Q"));
        Assert.Contains("chain 'Q' has no protein residues", error.Message);
        Assert.Contains("A, B", error.Message);
    }

    [Fact]
    public void Read_HetatmOnly_IsAClearError()
    {
        var error = Assert.Throws<InputException>(() => PdbReader.Read(Fixture("hetatm_only.pdb")));
        Assert.Contains("only HETATM records", error.Message);
    }

    [Fact]
    public void Read_TruncatedRecord_NamesTheLine()
    {
        var error = Assert.Throws<InputException>(() => PdbReader.Read(Fixture("truncated.pdb")));
        Assert.Contains("truncated.pdb:2:", error.Message);
    }

    [Fact]
    public void Read_VirtualCb_MatchesTheIdealGeometry()
    {
        // N, CA, C of an ideal residue; the virtual CB sits about 1.52 Å from CA.
        var cb = Residues.VirtualCb((-1.458f, 0f, 0f), (0f, 0f, 0f), (0.551f, 1.420f, 0f));
        double d = Math.Sqrt(cb.X * cb.X + cb.Y * cb.Y + cb.Z * cb.Z);
        Assert.InRange(d, 1.50, 1.56);
    }

    [Fact]
    public void JsonLines_RealChains_ReadWithClusters()
    {
        var chains = StructureJsonLines.Read(Fixture("tiny_structures.jsonl"));
        Assert.Equal(40, chains.Count);
        Assert.All(chains, c =>
        {
            Assert.Equal(c.Length, c.Cb!.GetLength(0));
            Assert.NotEqual("", c.Group);
        });
    }

    [Fact]
    public void JsonLines_BadLines_NameLineAndProblem()
    {
        var dir = Repo.TempDirectory();
        var path = Path.Combine(dir, "bad.jsonl");
        File.WriteAllText(path, "{\"id\":\"X\",\"seq\":\"ACD\",\"ca\":[1,2,3],\"cb\":null}\n");
        Assert.Contains("bad.jsonl:1: field 'ca' holds 3 numbers; 3 residues need 9", Assert.Throws<InputException>(() => StructureJsonLines.Read(path)).Message);
        File.WriteAllText(path, "{\"id\":\"X\",\"seq\":\"AC1\"}\n");
        Assert.Contains("bad.jsonl:1: field 'seq'", Assert.Throws<InputException>(() => StructureJsonLines.Read(path)).Message);
        File.WriteAllText(path, "{\"id\":\"X\",\"seq\":\n");
        Assert.Contains("bad.jsonl:1: not valid JSON", Assert.Throws<InputException>(() => StructureJsonLines.Read(path)).Message);
    }

    [Fact]
    public void Fasta_ReadsMultilineRecords_RejectsGapsWithTheirPosition()
    {
        var dir = Repo.TempDirectory();
        var path = Path.Combine(dir, "s.fasta");
        File.WriteAllText(path, ">p1 first protein\nMKT\nayq*\n\n>p2\nGGG\n");
        var records = FastaReader.Read(path);
        Assert.Equal(["p1", "p2"], records.Select(r => r.Id));
        Assert.Equal("MKTAYQ", records[0].Sequence);
        File.WriteAllText(path, ">p1\nMK-T\n");
        var error = Assert.Throws<InputException>(() => FastaReader.Read(path));
        Assert.Contains("s.fasta:2: '-' at column 3", error.Message);
        Assert.Contains("alignment gaps", error.Message);
        File.WriteAllText(path, "MKT\n");
        Assert.Contains("before the first '>'", Assert.Throws<InputException>(() => FastaReader.Read(path)).Message);
    }

    [Fact]
    public void Align_PutsObservedResiduesOnTheFullSequence()
    {
        Assert.Equal([1, 2, 4], ChainAssembler.Align("AGL".ToCharArray(), "MAGSL".ToCharArray())!);
        Assert.Null(ChainAssembler.Align("WWWW".ToCharArray(), "MAGSL".ToCharArray()));
    }
}
