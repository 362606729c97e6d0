#!/usr/bin/python3
"""The BioTransformer backbone's training step in PyTorch, for a side-by-side speed comparison.

Same model as `biotransformer-bench train-speed`: token + learned position embeddings, pre-LayerNorm
blocks (multi-head self-attention with a causal mask, GELU feed-forward), final LayerNorm, output
projection tied to the token embedding, dropout 0.1; AdamW (weight decay 0.01 on matrices only),
warm-up + cosine schedule, gradient clipping at 1.0; random token sequences of exactly SEQ tokens.
PyTorch 1.13 (Debian's python3-torch) has no fused attention, so attention is written out
(softmax(QK^T / sqrt(d)) V), as the issue asks.

usage: torch_backbone.py DIM LAYERS HEADS FF SEQ BATCH VOCAB WARMUP STEPS THREADS
prints: train,pytorch,TOKENS_PER_S,tokens/s,PEAK_MIB,PARAMETERS,MODEL_FLOPS,MATMUL_FLOPS
"""
import math
import resource
import sys
import time

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, dim, heads, ff, dropout):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.ff1 = nn.Linear(dim, ff)
        self.ff2 = nn.Linear(ff, dim)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, mask):
        b, t, d = x.shape
        h = self.heads
        q, k, v = self.qkv(self.norm1(x)).view(b, t, 3, h, d // h).permute(2, 0, 3, 1, 4)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d // h) + mask
        attention = self.drop(scores.softmax(-1)) @ v
        x = x + self.drop(self.out(attention.transpose(1, 2).reshape(b, t, d)))
        return x + self.drop(self.ff2(self.drop(nn.functional.gelu(self.ff1(self.norm2(x))))))


class LanguageModel(nn.Module):
    def __init__(self, vocab, dim, layers, heads, ff, max_length, dropout=0.1):
        super().__init__()
        self.tokens = nn.Embedding(vocab, dim)
        self.positions = nn.Embedding(max_length, dim)
        self.blocks = nn.ModuleList(Block(dim, heads, ff, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        self.drop = nn.Dropout(dropout)
        self.bias = nn.Parameter(torch.zeros(vocab))   # the output layer's bias, as BioTransformer's head has

    def forward(self, ids):
        t = ids.shape[1]
        x = self.drop(self.tokens(ids) + self.positions(torch.arange(t)))
        mask = torch.full((t, t), float("-inf")).triu(1)
        for block in self.blocks:
            x = block(x, mask)
        return self.norm(x) @ self.tokens.weight.T + self.bias


def matmul_flops(n=2048, repeats=5):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - start)
    return 2.0 * n ** 3 / sorted(times)[len(times) // 2]


def main(dim, layers, heads, ff, seq, batch, vocab, warmup, steps, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = LanguageModel(vocab, dim, layers, heads, ff, seq + 1)
    parameters = sum(p.numel() for p in model.parameters())
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=5e-4)
    total = warmup + steps
    warm_steps = round(0.05 * total)
    generator = torch.Generator().manual_seed(0)
    stamps = []
    start = time.perf_counter()
    model.train()
    for step in range(total):
        lr = 5e-4 * (step + 1) / max(1, warm_steps) if step < warm_steps else \
            5e-4 * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * (step - warm_steps) / max(1, total - warm_steps))))
        for group in optimizer.param_groups:
            group["lr"] = lr
        ids = torch.randint(8, vocab, (batch, seq), generator=generator)
        optimizer.zero_grad()
        logits = model(ids[:, :-1])
        loss = nn.functional.cross_entropy(logits.reshape(-1, vocab), ids[:, 1:].reshape(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        loss.item()
        stamps.append(time.perf_counter() - start)
    seconds = stamps[-1] - stamps[warmup - 1]
    tokens_per_second = steps * batch * seq / seconds
    per_token = 6.0 * (parameters - (seq + 1) * dim) + 12.0 * layers * seq * dim
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"train,pytorch,{tokens_per_second:.0f},tokens/s,{peak:.0f},{parameters},{per_token * tokens_per_second:.0f},{matmul_flops():.0f}")


if __name__ == "__main__":
    if len(sys.argv) != 11:
        sys.exit(__doc__)
    main(*map(int, sys.argv[1:]))
