#!/usr/bin/python3
"""Reference tokenizers in Python, for the tokenizer speed comparison.

SMILES: the regular expression of Schwaller et al. (Molecular Transformer, 2019), the one most SMILES
models use; proteins: one token per residue letter, by regular expression. Median tokens/s of REPEATS
passes over the file, one thread.

usage: regex_tokenizer.py FILE smiles|protein [REPEATS]
prints: tokenize-DOMAIN,python-regex,TOKENS_PER_S,tokens/s,PEAK_MIB,SEQUENCES,TOKENS
"""
import csv
import gzip
import re
import resource
import sys
import time

SMILES = re.compile(r"(\[[^\]]+]|Br?|Cl?|N|O|S|P|F|I|b|c|n|o|s|p|\(|\)|\.|=|#|-|\+|\\|\/|:|~|@|\?|>|\*|\$|%[0-9]{2}|[0-9])")
PROTEIN = re.compile(r"[ACDEFGHIKLMNPQRSTVWYXBZUO]")


def read(path, domain):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        if domain == "protein":
            sequences, current = [], []
            for line in f:
                if line.startswith(">"):
                    if current:
                        sequences.append("".join(current))
                    current = []
                else:
                    current.append(line.strip().upper())
            if current:
                sequences.append("".join(current))
            return sequences
        rows = csv.reader(f)
        header = [h.lower() for h in next(rows)]
        column = header.index("smiles")
        return [r[column] for r in rows if len(r) > column and r[column]]


def main(path, domain, repeats=5):
    sequences = read(path, domain)
    pattern = SMILES if domain == "smiles" else PROTEIN
    tokens = sum(len(pattern.findall(s)) for s in sequences)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        n = 0
        for s in sequences:
            n += len(pattern.findall(s))
        rates.append(n / (time.perf_counter() - start))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"tokenize-{domain},python-regex,{sorted(rates)[len(rates) // 2]:.0f},tokens/s,{peak:.0f},{len(sequences)},{tokens}")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 5)
