#!/usr/bin/python3
"""Golden file for SMILES with escaped backslash bonds ("\\\\" for "\\"), as tools that escape strings export them.

RDKit reads "\\\\" as one "\\" bond; this records, for SMILES with directional bonds taken from the validity
golden set (and a few hand-made ones), the escaped string, whether RDKit accepts it, and RDKit's canonical
SMILES of it. Run with Debian's python3-rdkit from the repository root:
    /usr/bin/python3 scripts/golden/make_escaped_backslash_golden.py
Writes tests/BioTransformer.Tests/Fixtures/chemistry/escaped_backslash.csv (escaped, rdkit_valid, rdkit_canonical).
"""
import csv
import os
import sys

import rdkit
from rdkit import Chem, RDLogger

RDLogger.DisableLog("rdApp.*")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "BioTransformer.Tests", "Fixtures", "chemistry")


def main():
    with open(os.path.join(FIXTURES, "validity.csv"), newline="") as f:
        stereo = [row["smiles"] for row in csv.DictReader(f) if row["source"] != "corrupted" and "\\" in row["smiles"]]
    hand = ["C\\C=C\\C", "F/C=C\\F", "CC\\1CC1", "C\\C=C\\\\C", "Cl\\C=C/Br"]
    rows = []
    for s in hand + stereo[:300]:
        escaped = s.replace("\\", "\\\\")
        m = Chem.MolFromSmiles(escaped)
        rows.append((escaped, 1 if m is not None else 0, Chem.MolToSmiles(m) if m is not None else ""))
    with open(os.path.join(FIXTURES, "escaped_backslash.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["escaped", "rdkit_valid", "rdkit_canonical"])
        writer.writerows(rows)
    print(f"RDKit {rdkit.__version__}: {len(rows)} escaped SMILES, {sum(r[1] for r in rows)} accepted", file=sys.stderr)


if __name__ == "__main__":
    main()
