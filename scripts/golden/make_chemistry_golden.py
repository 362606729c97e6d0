#!/usr/bin/python3
"""Golden files for the chemistry tests, computed with RDKit (a reference only; never a runtime dependency).

Run with Debian's python3-rdkit from the repository root:
    /usr/bin/python3 scripts/golden/make_chemistry_golden.py
Writes to tests/BioTransformer.Tests/Fixtures/chemistry/:
  validity.csv     smiles, source, rdkit_valid (1/0): a mixed set of real molecules (drug-like, natural
                   products, charged, salts, organometallics) and corrupted SMILES (deleted, inserted,
                   swapped characters), judged by Chem.MolFromSmiles with sanitization.
  descriptors.csv  one row per valid molecule of a sample: RDKit canonical SMILES, aromatic atom count,
                   formula, molecular weight, heavy atoms, rings, aromatic rings, H-bond donors and
                   acceptors, rotatable bonds, TPSA, Crippen logP, QED, Bemis-Murcko scaffold, and the
                   on-bits of RDKit's Morgan fingerprint (radius 2, 2048 bits).
The inputs come from ../shared/data/molecules (ChEMBL 30, MoleculeNet) plus the hand-written lists below.
Everything is seeded, so the files are reproducible for a given RDKit version.
"""
import csv
import gzip
import os
import random
import sys

import rdkit
from rdkit import Chem, RDLogger
from rdkit.Chem import AllChem, Crippen, Descriptors, QED
from rdkit.Chem import rdMolDescriptors as rd
from rdkit.Chem.Scaffolds import MurckoScaffold

RDLogger.DisableLog("rdApp.*")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "data", "molecules"))
OUT = os.path.join(ROOT, "tests", "BioTransformer.Tests", "Fixtures", "chemistry")

NATURAL_PRODUCTS = [
    "CN1CC[C@]23[C@@H]4Oc5c3c(C[C@@H]1[C@@H]2C=C[C@@H]4O)ccc5O",  # morphine
    "Cn1cnc2c1c(=O)n(C)c(=O)n2C",  # caffeine
    "COc1ccc2nccc([C@@H](O)[C@H]3C[C@@H]4CCN3C[C@@H]4C=C)c2c1",  # quinine
    "O=C1C[C@H]2OCC=C3CN4CC[C@@]56[C@@H]4C[C@@H]3[C@@H]2[C@H]6N1c1ccccc15",  # strychnine
    "CC(C)CCC[C@@H](C)[C@H]1CC[C@H]2[C@@H]3CC=C4C[C@@H](O)CC[C@]4(C)[C@H]3CC[C@]12C",  # cholesterol
    "CC(=O)O[C@@H]1C(=O)[C@]2(C)[C@@H](O)C[C@H]3OC[C@@]3(OC(C)=O)[C@H]2[C@H](OC(=O)c2ccccc2)[C@]2(O)C[C@H](OC(=O)[C@H](O)[C@@H](NC(=O)c3ccccc3)c3ccccc3)C(C)=C1C2(C)C",  # paclitaxel
    "C[C@@H]1CC[C@H]2[C@@H](C)C(=O)O[C@@H]3O[C@@]4(C)CC[C@@H]1[C@]32OO4",  # artemisinin
    "CC1(C)S[C@@H]2[C@H](NC(=O)Cc3ccccc3)C(=O)N2[C@H]1C(=O)O",  # penicillin G
    "CN1CCC[C@H]1c1cccnc1",  # nicotine
    "COc1cc(CNC(=O)CCCC/C=C/C(C)C)ccc1O",  # capsaicin
    "Oc1ccc(/C=C/c2cc(O)cc(O)c2)cc1",  # resveratrol
    "O=c1c(O)c(-c2ccc(O)c(O)c2)oc2cc(O)cc(O)c12",  # quercetin
    "CC[C@@]1(O)C(=O)OCc2c1cc1-c3nc4ccccc4cc3Cn1c2=O",  # camptothecin
    "COC(=O)[C@H]1[C@@H](OC)[C@@H](OC(=O)c2cc(OC)c(OC)c(OC)c2)C[C@@H]2CN3CCc4c([nH]c5cc(OC)ccc45)[C@@H]3C[C@@H]21",  # reserpine
    "CC[C@@H]1[C@@]([C@@H]([C@H](C(=O)[C@@H](C[C@@]([C@@H]([C@H]([C@@H]([C@H](C(=O)O1)C)O[C@H]2C[C@@]([C@H]([C@@H](O2)C)O)(C)OC)C)O[C@H]3[C@@H]([C@H](C[C@H](O3)C)N(C)C)O)(C)O)C)C)O)(C)O",  # erythromycin
    "COC1=CC=C2C(=CC1=O)[C@H](CCc1cc(OC)c(OC)c(OC)c12)NC(C)=O",  # colchicine
    "CN1[C@@H]2CC[C@H]1CC(OC(=O)C(CO)c1ccccc1)C2",  # atropine
    "COC(=O)[C@H]1[C@@H](OC(=O)c2ccccc2)C[C@@H]2CC[C@H]1N2C",  # cocaine
    "OC[C@H]1OC(O)[C@H](O)[C@@H](O)[C@@H]1O",  # glucose
    "OC[C@H]1O[C@@](CO)(O[C@H]2O[C@H](CO)[C@@H](O)[C@H](O)[C@H]2O)[C@@H](O)[C@@H]1O",  # sucrose
    "Nc1ncnc2c1ncn2[C@@H]1O[C@H](COP(=O)(O)OP(=O)(O)OP(=O)(O)O)[C@@H](O)[C@H]1O",  # ATP
    "CC(=O)OC1=CC=CC=C1C(=O)O",  # aspirin (Kekule)
    "C=CC(=O)[C@@]12OC(C)(C)O[C@@H]1C[C@H]1[C@@H]3CCC4=CC(=O)C=C[C@]4(C)[C@@]3(F)[C@@H](O)C[C@@]21C",  # steroid-like
    "CC1=C(C(=O)C[C@@H]1O)/C=C/C(C)=C/C=C/C(C)=C/C=C/C=C(C)/C=C/C=C(C)/C=C/C1=C(C)C[C@H](O)CC1(C)C",  # carotenoid-like
    "OC(=O)[C@@H]1CCCN1",  # proline
    "N[C@@H](Cc1c[nH]c2ccccc12)C(=O)O",  # tryptophan
    "CC(C)[C@H](NC(=O)[C@@H]1CCCN1C(=O)[C@H](N)CC(=O)O)C(=O)O",  # peptide
    "O=C(O)C[C@@](O)(CC(=O)O)C(=O)O",  # citric acid
    "C/C=C/C=C/C(=O)O",  # sorbic acid
    "c1ccc2c(c1)ccc1ccccc12",  # phenanthrene
    "c1cc2ccc3cccc4ccc(c1)c2c34",  # pyrene
    "c1ccc2cc3ccccc3cc2c1",  # anthracene
    "c1ccc-2c(c1)-c1cccc3cccc-2c13",  # fluoranthene
    "C1=CC2=CC=CC2=C1",  # azulene Kekule
    "c1cc2cccc2c1",  # azulene aromatic... invalid or not per RDKit
    "O=C1C=CC(=O)C=C1",  # quinone
    "C1=CC=CC=CC=C1",  # cyclooctatetraene
    "c1ccccc1-c1ccccc1",  # biphenyl
    "C12C3C4C1C5C2C3C45",  # cubane
    "C1CC2CCC1CC2",  # bicyclooctane
]

SPECIAL = [
    "[cH-]1cccc1.[cH-]1cccc1.[Fe+2]", "Cl[Pt](Cl)([NH3])[NH3]", "N.N.Cl[Pt]Cl", "C[Mg]Br", "CC[Pb](CC)(CC)CC",
    "OB(O)c1ccccc1", "C[Si](C)(C)Cl", "c1cc[se]c1", "O=[As](O)(O)c1ccccc1", "CCCC[Sn](CCCC)(CCCC)Cl",
    "[Cu+2].[O-]C(=O)C.[O-]C(=O)C", "[Na+].[Cl-]", "CC(=O)[O-].[Na+]", "[K+].[Br-]", "C[N+](C)(C)C.[I-]",
    "C[N+](C)(C)CC(=O)[O-]", "[NH4+]", "[O-][N+](=O)c1ccccc1", "C[S+](C)C", "[BH4-].[Na+]", "[H-]", "[H+]", "[H]",
    "CN(=O)=O", "O=N(=O)c1ccccc1", "O=Cl(=O)(=O)O", "O=Cl(=O)(=O)[O-]", "[O-]Cl(=O)(=O)=O", "C=P(=O)C", "CP(=O)(O)O",
    "[CH3]", "[O]", "C[N]C", "[CH2]", "[C]", "[Na]", "[Li]C", "[Zn](C)C", "[Ti](Cl)(Cl)(Cl)Cl", "[Co]", "[U+6]",
    "C[n+]1ccccc1", "c1cc[nH+]cc1", "O=c1cc[nH]cc1", "c1ccn2cncc2c1", "Cn1cccc1", "c1cccn1C", "c1ccnc1", "c1cc[nH]c1",
    "c1ccccc1", "c1cccc1", "C1=CC=CC1", "c1ccc2ccccc2c1", "c1ccccc1c", "c", "cC", "Cc1cccc1", "c1cscc1", "c1ccoc1",
    "O=S1(=O)C=CC=C1", "O=s1cccc1", "c1ccs(=O)cc1", "O=c1ccocc1", "c1cc[o+]cc1", "[cH+]1cccccc1", "c1cc2ccccc2[nH]1",
    "C1CC1C1CC1", "C11", "C1CC", "C(C", "CC)", "C12CC1C2", "C1CC1C1", "C%10CC%10", "C%1CC", "C[C@@H](O)N", "F/C=C/F",
    "F/C=C\\F", "C/C=C/C=C/C", "[13CH4]", "[2H]C([2H])([2H])O", "[C@@H](Cl)(Br)I", "C[C@](F)(Cl)Br", "[Si]1cccc1",
    "B1C=CC=C1", "b1cccc1", "[B-]1(F)(F)F", "F[B-](F)(F)F", "CC(=O)O.[Na]", "[Na+].[Na+].[O-]S(=O)(=O)[O-]",
    "NS(=O)(=O)c1ccccc1", "CS(C)=O", "CS(=O)(=O)C", "C=S(=O)=O", "S(=O)(=O)(=O)=O", "OS(O)(O)(O)(O)O", "FS(F)(F)(F)(F)F",
    "FP(F)(F)(F)F", "F[P-](F)(F)(F)(F)F", "C=N=N", "C=[N+]=[N-]", "CN=N#N", "CN=[N+]=[N-]", "[N-]=[N+]=N", "N#N",
    "C#N", "[C-]#[O+]", "C#[O+]", "O=C=O", "C=C=C", "N=C=O", "OO", "O=O", "[O-][O-]", "Cl", "ClCl", "I", "II", "BrBr",
    "IC(I)(I)I", "I(=O)(=O)O", "O=I(=O)c1ccccc1", "OI(O)(O)(O)(O)O", "[I+](c1ccccc1)c1ccccc1", "C[Se]C", "C[Te]C",
    "[Se]", "[se]1cccc1", "c1cc[te]c1", "[Xe]", "F[Xe]F", "[He]", "*C", "c1ccc*c1", "*1ccccc1", "[*]CC", "[1*]C",
]


def mutate(s, rng):
    alphabet = "CNOSPFclnos()[]=#+-@1234567890%/\\.H"
    t = list(s)
    for _ in range(rng.choice([1, 1, 2, 3])):
        op = rng.choice(["delete", "insert", "swap"])
        if op == "delete" and len(t) > 1:
            del t[rng.randrange(len(t))]
        elif op == "insert":
            t.insert(rng.randrange(len(t) + 1), rng.choice(alphabet))
        elif op == "swap" and len(t) > 1:
            i = rng.randrange(len(t) - 1)
            t[i], t[i + 1] = t[i + 1], t[i]
    return "".join(t)


def read_column(path, column):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return [row[column].strip() for row in csv.DictReader(f)]


def main():
    rng = random.Random(20261130)
    os.makedirs(OUT, exist_ok=True)
    chembl = read_column(os.path.join(SHARED, "chembl30_a.csv.gz"), "SMILES")
    tox21 = read_column(os.path.join(SHARED, "tox21.csv"), "smiles")
    bbbp = read_column(os.path.join(SHARED, "bbbp.csv"), "smiles")
    esol = read_column(os.path.join(SHARED, "esol.csv"), "smiles")
    freesolv = read_column(os.path.join(SHARED, "freesolv.csv"), "smiles")
    lipo = read_column(os.path.join(SHARED, "lipophilicity.csv"), "smiles")
    bace = read_column(os.path.join(SHARED, "bace.csv"), "mol")

    metals = ("Na", "K", "Li", "Mg", "Ca", "Fe", "Cu", "Zn", "Co", "Ni", "Pt", "Pd", "Hg", "Sn", "Pb", "As", "Al", "Cr", "Mn", "Ti", "Ag", "Au", "Cd", "Sb", "Bi", "Ba", "Gd", "Tl", "Zr")
    tox_special = [s for s in tox21 if "." in s or any(f"[{m}" in s for m in metals) or "+" in s]
    rows = []
    rows += [(s, "drug-like/chembl30") for s in rng.sample(chembl, 2000)]
    rows += [(s, "moleculenet/bbbp") for s in bbbp]
    rows += [(s, "moleculenet/tox21-charged-salts-metals") for s in tox_special]
    rows += [(s, "moleculenet/tox21") for s in rng.sample(tox21, 500)]
    rows += [(s, "moleculenet/esol") for s in esol]
    rows += [(s, "moleculenet/freesolv") for s in freesolv]
    rows += [(s, "moleculenet/lipophilicity") for s in rng.sample(lipo, 500)]
    rows += [(s, "moleculenet/bace") for s in rng.sample(bace, 300)]
    rows += [(s, "natural-product") for s in NATURAL_PRODUCTS]
    rows += [(s, "special") for s in SPECIAL]
    parents = [s for s, _ in rows if Chem.MolFromSmiles(s) is not None]
    rows += [(mutate(s, rng), "corrupted") for s in rng.sample(parents, 4000)]

    seen = set()
    unique = []
    for s, source in rows:
        if s and s not in seen and "," not in s and '"' not in s and " " not in s:
            seen.add(s)
            unique.append((s, source))

    with open(os.path.join(OUT, "validity.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["smiles", "source", "rdkit_valid"])
        for s, source in unique:
            w.writerow([s, source, 1 if Chem.MolFromSmiles(s) is not None else 0])

    valid = [(s, source) for s, source in unique if source != "corrupted" and Chem.MolFromSmiles(s) is not None]
    sample = [x for x in valid if x[1] in ("natural-product", "special")]
    sample += rng.sample([x for x in valid if x[1] not in ("natural-product", "special")], 2000)
    with open(os.path.join(OUT, "descriptors.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["smiles", "source", "canonical", "aromatic_atoms", "formula", "mol_weight", "heavy_atoms", "rings",
                    "aromatic_rings", "hbd", "hba", "rotatable_bonds", "tpsa", "logp", "qed", "scaffold", "morgan2_2048"])
        for s, source in sample:
            m = Chem.MolFromSmiles(s)
            try:
                scaffold = MurckoScaffold.MurckoScaffoldSmiles(mol=m)
            except Exception:
                scaffold = "ERROR"
            bits = AllChem.GetMorganFingerprintAsBitVect(m, 2, nBits=2048)
            w.writerow([
                s, source, Chem.MolToSmiles(m), sum(1 for a in m.GetAtoms() if a.GetIsAromatic()),
                rd.CalcMolFormula(m), f"{Descriptors.MolWt(m):.6f}", m.GetNumHeavyAtoms(), rd.CalcNumRings(m),
                rd.CalcNumAromaticRings(m), rd.CalcNumHBD(m), rd.CalcNumHBA(m), rd.CalcNumRotatableBonds(m),
                f"{rd.CalcTPSA(m):.6f}", f"{Crippen.MolLogP(m):.6f}", f"{QED.qed(m):.6f}", scaffold,
                " ".join(str(b) for b in bits.GetOnBits()),
            ])
    n_valid = sum(1 for s, _ in unique if Chem.MolFromSmiles(s) is not None)
    print(f"RDKit {rdkit.__version__}: {len(unique)} SMILES ({n_valid} valid) -> validity.csv; {len(sample)} -> descriptors.csv", file=sys.stderr)


if __name__ == "__main__":
    main()
