#!/usr/bin/python3
"""Golden file for the RDKit 2D descriptor set, computed with RDKit (a reference only; never a runtime dependency).

Run with Debian's python3-rdkit from the repository root:
    /usr/bin/python3 scripts/golden/make_rdkit2d_golden.py
Reads the molecules of tests/BioTransformer.Tests/Fixtures/chemistry/descriptors.csv (every second row: drug-like
ChEMBL molecules, MoleculeNet sets, natural products, charged molecules, salts, organometallics) and writes
tests/BioTransformer.Tests/Fixtures/chemistry/rdkit2d.csv.gz: the input SMILES, then every descriptor of
rdkit.Chem.Descriptors.descList (RDKit 2022.09: 208) under RDKit's names, as repr() floats ("nan" where RDKit
returns NaN). Reproducible for a given RDKit version.
"""
import csv
import gzip
import math
import os

import numpy

# RDKit 2022.09's Ipc (Chem/Graphs.py) still calls numpy.float, which NumPy 1.24 removed; without this alias
# every Ipc value comes out NaN. The alias is the builtin float the old name stood for.
if not hasattr(numpy, "float"):
    numpy.float = float

import rdkit
from rdkit import Chem, RDLogger
from rdkit.Chem import Descriptors

RDLogger.DisableLog("rdApp.*")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "tests", "BioTransformer.Tests", "Fixtures", "chemistry")


def main():
    with open(os.path.join(FIXTURES, "descriptors.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    names = [name for name, _ in Descriptors.descList]
    out = os.path.join(FIXTURES, "rdkit2d.csv.gz")
    written = 0
    with gzip.open(out, "wt", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["smiles"] + names)
        for row in rows[::2]:
            mol = Chem.MolFromSmiles(row["smiles"])
            if mol is None:
                continue
            values = []
            for name, function in Descriptors.descList:
                try:
                    value = float(function(mol))
                except Exception:
                    value = float("nan")
                values.append("nan" if math.isnan(value) else repr(value))
            writer.writerow([row["smiles"]] + values)
            written += 1
    print(f"RDKit {rdkit.__version__}: {written} molecules x {len(names)} descriptors -> {out}")


if __name__ == "__main__":
    main()
