"""PyTorch eager training-step benchmark for TinyScale's reference configurations A-D.

What it is
    The PyTorch side of issue 3's speed comparison: the same GPT-2 architecture that TinyScale's
    TinyGPT core trains, trained on the CPU in float32, eager mode (no torch.compile), for a number
    of warm-up steps and then a number of measured steps. It prints tokens/s and ms/step (split into
    forward, backward and optimizer), GFLOP/s counted the way `tinyscale bench` counts them
    (6N + 12*L*T*C FLOPs per token, N = all parameters), tokens per CPU-second and peak resident
    memory, so the two tools' outputs can be put side by side. Not a test and not in CI.

    Model: vocabulary 256 (bytes), learned token and position embeddings, pre-LayerNorm blocks
    (eps 1e-5), causal self-attention with a fused qkv projection through
    torch.nn.functional.scaled_dot_product_attention(is_causal=True) (scale 1/sqrt(head_dim)),
    MLP of width 4C with the tanh-approximated GELU, final LayerNorm, LM head tied to the token
    embedding, biases everywhere, no dropout, GPT-2 initialisation. Training: cross-entropy on
    next-byte targets, AdamW (lr 3e-4, betas (0.9, 0.95), eps 1e-8, weight decay 0.1 on tensors of
    two or more dimensions, none on biases and LayerNorm parameters, as nanoGPT groups them; the
    torch default implementation, as nanoGPT uses on CPU) and global-norm gradient clipping at 1.0.
    Input: uniformly random bytes, a fresh (B, T+1) batch every step.

    Configurations (as `tinyscale bench`):
        A  L2 C64  NH4 T64  B32
        B  L4 C128 NH4 T128 B16
        C  L6 C256 NH8 T128 B16
        D  L8 C384 NH8 T256 B8

Install (a virtual environment outside the repository)
    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install 'torch==2.13.0+cpu'
    (On the project machine /tmp/torchenv already exists with torch 2.13.0+cpu, transformers and
    safetensors; only torch is needed here.)

Run (from the repository root)
    /tmp/torchenv/bin/python benchmarks/torch_bench.py --configs A,B --threads 1 --steps 20
    /tmp/torchenv/bin/python benchmarks/torch_bench.py --configs D --threads 2 --steps 10 --warmup 2 --json

    --threads N calls torch.set_num_threads(N) and torch.set_num_interop_threads(1).
    Peak memory is the process's high-water mark (getrusage ru_maxrss), so run one configuration
    per process for its own figure, as with `tinyscale bench`.
"""

import argparse
import json
import math
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = 256

# name: (layers, channels, heads, context = sequence length, batch)
CONFIGS = {
    "A": (2, 64, 4, 64, 32),
    "B": (4, 128, 4, 128, 16),
    "C": (6, 256, 8, 128, 16),
    "D": (8, 384, 8, 256, 8),
}


class Block(nn.Module):
    def __init__(self, channels, heads):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(channels, eps=1e-5)
        self.c_attn = nn.Linear(channels, 3 * channels)
        self.attn_proj = nn.Linear(channels, channels)
        self.ln_2 = nn.LayerNorm(channels, eps=1e-5)
        self.c_fc = nn.Linear(channels, 4 * channels)
        self.mlp_proj = nn.Linear(4 * channels, channels)

    def forward(self, x):
        b, t, c = x.shape
        h = self.heads
        qkv = self.c_attn(self.ln_1(x))
        q, k, v = qkv.split(c, dim=2)
        q = q.view(b, t, h, c // h).transpose(1, 2)
        k = k.view(b, t, h, c // h).transpose(1, 2)
        v = v.view(b, t, h, c // h).transpose(1, 2)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        y = y.transpose(1, 2).contiguous().view(b, t, c)
        x = x + self.attn_proj(y)
        x = x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))
        return x


class GPT(nn.Module):
    def __init__(self, layers, channels, heads, context):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, channels)
        self.wpe = nn.Embedding(context, channels)
        self.blocks = nn.ModuleList(Block(channels, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(channels, eps=1e-5)
        # GPT-2 initialisation: normal(0, 0.02), zero biases, LayerNorm (1, 0); the residual
        # output projections scaled by 1/sqrt(2L).
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if isinstance(module, nn.Linear):
                nn.init.zeros_(module.bias)
        for block in self.blocks:
            for proj in (block.attn_proj, block.mlp_proj):
                nn.init.normal_(proj.weight, mean=0.0, std=0.02 / math.sqrt(2 * layers))

    def forward(self, idx, targets):
        _, t = idx.shape
        pos = torch.arange(t, dtype=torch.long)
        x = self.wte(idx) + self.wpe(pos)
        for block in self.blocks:
            x = block(x)
        x = self.ln_f(x)
        logits = F.linear(x, self.wte.weight)  # tied LM head, no bias
        return F.cross_entropy(logits.view(-1, VOCAB), targets.reshape(-1))


def make_optimizer(model):
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=3e-4, betas=(0.9, 0.95), eps=1e-8)


def peak_memory_bytes():
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kib * 1024 if sys.platform.startswith("linux") else kib


def bench(name, steps, warmup, seed):
    layers, channels, heads, context, batch = CONFIGS[name]
    torch.manual_seed(seed)
    model = GPT(layers, channels, heads, context)
    model.train()
    optimizer = make_optimizer(model)
    data = torch.Generator().manual_seed(seed + 1)

    n_params = sum(p.numel() for p in model.parameters())  # wte counted once (tied head)
    n_embedding = model.wte.weight.numel() + model.wpe.weight.numel()
    flops_per_token = 6 * n_params + 12 * layers * context * channels

    def step():
        tokens = torch.randint(0, VOCAB, (batch, context + 1), generator=data)
        x, y = tokens[:, :-1], tokens[:, 1:]
        t0 = time.perf_counter()
        loss = model(x, y)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        t3 = time.perf_counter()
        return loss.item(), t1 - t0, t2 - t1, t3 - t2

    for _ in range(warmup):
        step()

    fwd = bwd = opt = 0.0
    loss = float("nan")
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    for _ in range(steps):
        loss, f, b, o = step()
        fwd += f
        bwd += b
        opt += o
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0

    tokens = batch * context * steps
    gflops = tokens / wall * flops_per_token / 1e9
    return {
        "config": name,
        "layers": layers,
        "channels": channels,
        "heads": heads,
        "context": context,
        "batch": batch,
        "threads": torch.get_num_threads(),
        "warmup_steps": warmup,
        "measured_steps": steps,
        "parameters": n_params,
        "non_embedding_parameters": n_params - n_embedding,
        "tokens_per_second": tokens / wall,
        "tokens_per_cpu_second": tokens / cpu if cpu > 0 else float("nan"),
        "step_ms": wall / steps * 1000,
        "forward_ms": fwd / steps * 1000,
        "backward_ms": bwd / steps * 1000,
        "optimizer_ms": opt / steps * 1000,
        "flops_per_token": flops_per_token,
        "gflops_per_second": gflops,
        "peak_memory_bytes": peak_memory_bytes(),
        "final_loss": loss,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--configs", default="A,B,C,D", help="comma-separated names from A,B,C,D")
    parser.add_argument("--steps", type=int, default=10, help="measured steps per configuration")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured warm-up steps")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    args = parser.parse_args()

    names = [n.strip().upper() for n in args.configs.split(",") if n.strip()]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown or args.steps < 1 or args.warmup < 0 or args.threads < 1:
        parser.error(f"bad arguments (unknown configs: {unknown})" if unknown else "bad step or thread count")

    torch.set_num_interop_threads(1)  # must precede any parallel work
    torch.set_num_threads(args.threads)

    results = []
    for name in names:
        r = bench(name, args.steps, args.warmup, args.seed)
        results.append(r)
        if not args.json:
            if len(results) == 1:
                print(f"torch {torch.__version__}, {args.threads} thread(s), "
                      f"{args.warmup} warm-up + {args.steps} measured steps")
                print(f"{'config':6} {'params':>10} {'tokens/s':>9} {'tok/CPU-s':>9} {'ms/step':>9} "
                      f"{'fwd ms':>8} {'bwd ms':>8} {'opt ms':>7} {'GFLOP/s':>8} {'peak MiB':>8} {'loss':>6}")
            print(f"{name:6} {r['parameters']:>10} {r['tokens_per_second']:>9.0f} "
                  f"{r['tokens_per_cpu_second']:>9.0f} {r['step_ms']:>9.1f} {r['forward_ms']:>8.1f} "
                  f"{r['backward_ms']:>8.1f} {r['optimizer_ms']:>7.1f} {r['gflops_per_second']:>8.1f} "
                  f"{r['peak_memory_bytes'] / 2**20:>8.0f} {r['final_loss']:>6.3f}", flush=True)
    if args.json:
        print(json.dumps({"torch_version": torch.__version__, "results": results}, indent=2))


if __name__ == "__main__":
    main()
