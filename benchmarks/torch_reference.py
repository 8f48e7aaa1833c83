#!/usr/bin/env python3
"""PyTorch cross-check of a TinyScale checkpoint (issue 3's optional proof; not part of CI).

In the spirit of llm.c's test_gpt2.c: an independent implementation scores the same bytes with the
same weights, and the numbers must agree. Four things are checked:

1. Format. The checkpoint folder loads unchanged with
   ``transformers.GPT2LMHeadModel.from_pretrained(folder)``: no missing, unexpected or mismatched
   tensors (the tied ``lm_head.weight`` is not stored and must come out tied to
   ``transformer.wte.weight``), safetensors metadata ``{"format": "pt"}``.
2. Architecture. A small hand-written PyTorch GPT-2 (pre-LayerNorm, fused qkv in the Conv1D
   layout, causal attention scaled by 1/sqrt(head_dim), tanh GELU, tied head), built directly from
   ``model.safetensors``, gives the same logits and loss as the ``transformers`` model.
3. TinyScale. The mean cross-entropy (nats per byte) of the ``transformers`` model over the byte
   file equals what ``tinyscale eval <folder> --data <file> --context T --batch B --json``
   prints, within ``--tolerance`` (default 1e-6; issue 3 asks for 1e-4, which some real mistakes pass).
4. Logits, loss and gradients of the first batch, as llm.c's test_gpt2.c checks them. The same
   ``tinyscale eval`` run gets ``--dump-first-batch``, which writes a safetensors file with
   ``logits`` [B, T, 256], ``loss`` [1] and ``grad.<name>`` for every checkpoint tensor: the gradient
   of the mean loss of the first evaluation batch. The ``transformers`` model runs the same batch,
   ``loss.backward()`` on its mean cross-entropy, and every parameter gradient is compared per
   tensor (the tied ``transformer.wte.weight`` gradient includes the LM head's part in both).
   Logits must agree within ``--logit-tolerance`` (default 1e-5) times the largest |logit|, the
   batch loss within ``--tolerance``, and each gradient tensor within ``--gradient-tolerance``
   (default 1e-4) times that tensor's largest |gradient| in PyTorch. Both bounds are relative
   because scales differ: trained byte models have logits up to about 30, and gradient scales
   differ by two orders of magnitude between tensors (one global bound, the weak spot of
   test_gpt2.c, is loose for the small tensors or tight for the large ones). Float32 rounding in
   two implementations that sum in different orders left at most 1.7e-6 of the largest logit and
   1.8e-5 of a tensor's largest gradient (a LayerNorm bias, whose gradient is a sum with
   cancellation) on the checkpoints in benchmarks/RESULTS.md, so the defaults keep a margin of
   about five; the mistakes below move both by 20 to 200 times the tolerance.

Windowing is TinyScale's (``GPTModel.evaluate(bytes:sequenceLength:batchSize:)``): window w holds
bytes ``[w*T, w*T + T]`` (T + 1 bytes), inputs are its first T bytes and targets its last T, so
consecutive windows start T bytes apart and share one byte; every byte after the first is scored
exactly once, and trailing bytes that fill no window are ignored (``(n - 1) // T`` windows).

The first batch is windows 0 .. B-1 (fewer when the file has fewer than B windows), exactly the
batch ``GPTModel.evaluate`` runs first; the dump file is written to a temporary directory and
removed afterwards.

Read the printed difference, not just PASS: some real mistakes move the loss by less than 1e-4
(on a trained 3-layer model, exact-erf GELU instead of tanh GELU moved it 3e-5 and LayerNorm eps
1e-6 instead of 1e-5 moved it 1.5e-5), while a correct implementation agrees to about 1e-8.
Check 4 catches both: on another trained 3-layer model, LayerNorm eps 1e-6 moved the first batch's
loss by only 6e-5 but its logits by 3e-4 of the largest logit and the wpe gradient by 2e-3 of its
largest entry; erf GELU moved them by 2e-3 and 4e-3.

Install (outside the repository; torch from the PyTorch CPU index, or from PyPI if that index is
unreachable):

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install 'torch==2.13.0+cpu' --index-url https://download.pytorch.org/whl/cpu
    /tmp/torchenv/bin/pip install transformers safetensors

Run (build TinyScale first with ``swift build -c release``):

    nice -n 10 /tmp/torchenv/bin/python benchmarks/torch_reference.py \\
        <checkpoint folder> <byte file> [--context T] [--batch B] [--tinyscale PATH] [--json] \\
        [--tolerance X] [--logit-tolerance X] [--gradient-tolerance X]

Exit status: 0 when every check passes, 1 when one fails, 2 when the inputs cannot be used.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import torch
import torch.nn.functional as F
from safetensors import safe_open
from safetensors.torch import load_file
from transformers import GPT2LMHeadModel
from transformers.utils import logging as transformers_logging

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_TINYSCALE = REPOSITORY / ".build" / "release" / "tinyscale"


def window_count(byte_count: int, context: int) -> int:
    """Number of full TinyScale evaluation windows in a file of ``byte_count`` bytes."""
    return 0 if byte_count == 0 else (byte_count - 1) // context


def window_batches(data: bytes, context: int, batch: int):
    """Yields (inputs, targets) LongTensors of shape (rows, T), ``batch`` windows at a time."""
    everything = torch.frombuffer(bytearray(data), dtype=torch.uint8).long()
    windows = window_count(len(data), context)
    for first in range(0, windows, batch):
        rows = min(batch, windows - first)
        starts = torch.arange(first, first + rows) * context
        index = starts[:, None] + torch.arange(context + 1)[None, :]
        chunk = everything[index]
        yield chunk[:, :-1], chunk[:, 1:]


def expected_tensor_shapes(config: dict) -> dict[str, tuple[int, ...]]:
    """The tensors a TinyScale checkpoint stores, by Hugging Face name, with Conv1D (in, out) shapes."""
    c, t, v = config["n_embd"], config["n_positions"], config["vocab_size"]
    shapes = {
        "transformer.wte.weight": (v, c),
        "transformer.wpe.weight": (t, c),
        "transformer.ln_f.weight": (c,),
        "transformer.ln_f.bias": (c,),
    }
    for i in range(config["n_layer"]):
        p = f"transformer.h.{i}."
        shapes.update({
            p + "ln_1.weight": (c,), p + "ln_1.bias": (c,),
            p + "attn.c_attn.weight": (c, 3 * c), p + "attn.c_attn.bias": (3 * c,),
            p + "attn.c_proj.weight": (c, c), p + "attn.c_proj.bias": (c,),
            p + "ln_2.weight": (c,), p + "ln_2.bias": (c,),
            p + "mlp.c_fc.weight": (c, 4 * c), p + "mlp.c_fc.bias": (4 * c,),
            p + "mlp.c_proj.weight": (4 * c, c), p + "mlp.c_proj.bias": (c,),
        })
    return shapes


class ReferenceGPT:
    """GPT-2 forward pass written out from the stored tensors, independent of ``transformers``."""

    def __init__(self, tensors: dict[str, torch.Tensor], config: dict):
        self.w = tensors
        self.layers = config["n_layer"]
        self.heads = config["n_head"]
        self.eps = config["layer_norm_epsilon"]

    def _layer_norm(self, x, name):
        mean = x.mean(dim=-1, keepdim=True)
        variance = ((x - mean) ** 2).mean(dim=-1, keepdim=True)
        return (x - mean) / torch.sqrt(variance + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _linear(self, x, name):
        # Conv1D layout: weight is (in, out), so y = x @ W + b.
        return x @ self.w[name + ".weight"] + self.w[name + ".bias"]

    @staticmethod
    def _gelu_tanh(x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))

    def logits(self, inputs: torch.Tensor) -> torch.Tensor:
        b, t = inputs.shape
        x = self.w["transformer.wte.weight"][inputs] + self.w["transformer.wpe.weight"][:t]
        c = x.shape[-1]
        hd = c // self.heads
        causal = torch.ones(t, t, dtype=torch.bool).tril()
        for i in range(self.layers):
            p = f"transformer.h.{i}."
            qkv = self._linear(self._layer_norm(x, p + "ln_1"), p + "attn.c_attn")
            q, k, v = (part.view(b, t, self.heads, hd).transpose(1, 2) for part in qkv.split(c, dim=-1))
            scores = (q @ k.transpose(-2, -1)) / math.sqrt(hd)
            scores = scores.masked_fill(~causal, float("-inf"))
            y = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(b, t, c)
            x = x + self._linear(y, p + "attn.c_proj")
            h = self._gelu_tanh(self._linear(self._layer_norm(x, p + "ln_2"), p + "mlp.c_fc"))
            x = x + self._linear(h, p + "mlp.c_proj")
        x = self._layer_norm(x, "transformer.ln_f")
        return x @ self.w["transformer.wte.weight"].T


def mean_loss(logits_of, data: bytes, context: int, batch: int) -> tuple[float, int]:
    """Token-weighted mean cross-entropy (nats) over all windows, summed in float64."""
    total = 0.0
    tokens = 0
    for inputs, targets in window_batches(data, context, batch):
        logits = logits_of(inputs)
        losses = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none")
        total += losses.double().sum().item()
        tokens += targets.numel()
    return total / tokens, tokens


def run_tinyscale(binary: Path, folder: Path, data_path: Path, context: int, batch: int,
                  dump: Path) -> tuple[dict, list[str]]:
    command = [str(binary), "eval", str(folder), "--data", str(data_path),
               "--context", str(context), "--batch", str(batch), "--json", "--dump-first-batch", str(dump)]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {completed.returncode}: {completed.stderr.strip()}")
    return json.loads(completed.stdout.strip().splitlines()[-1]), command


def first_batch_gradients(model, inputs: torch.Tensor, targets: torch.Tensor):
    """Logits, the float64 mean loss and every parameter's gradient of the float32 mean loss."""
    model.zero_grad(set_to_none=True)
    with torch.enable_grad():
        logits = model(input_ids=inputs).logits
        losses = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none")
        losses.mean().backward()
    # named_parameters lists the tied wte/lm_head tensor once, as transformer.wte.weight, and its
    # .grad holds both the embedding and the LM-head contributions.
    gradients = {name: parameter.grad.detach().clone() for name, parameter in model.named_parameters()}
    return logits.detach(), losses.detach().double().mean().item(), gradients


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", type=Path, help="TinyScale checkpoint folder (config.json + model.safetensors)")
    parser.add_argument("data", type=Path, help="byte file to score")
    parser.add_argument("--context", type=int, help="context T (default: the model's n_positions)")
    parser.add_argument("--batch", type=int, default=8, help="windows per forward pass (default 8, as tinyscale eval)")
    parser.add_argument("--tinyscale", type=Path, default=DEFAULT_TINYSCALE, help=f"tinyscale binary (default {DEFAULT_TINYSCALE})")
    parser.add_argument("--tolerance", type=float, default=1e-6, help="largest allowed |loss difference| in nats (default 1e-6; issue 3 asks for 1e-4)")
    parser.add_argument("--logit-tolerance", type=float, default=1e-5,
                        help="largest allowed |logit difference| on the first batch, relative to the largest |logit| (default 1e-5)")
    parser.add_argument("--gradient-tolerance", type=float, default=1e-4,
                        help="largest allowed |gradient difference| per tensor, relative to the tensor's largest |PyTorch gradient| (default 1e-4)")
    parser.add_argument("--threads", type=int, default=1, help="PyTorch threads (default 1; the machine is shared)")
    parser.add_argument("--json", action="store_true", help="also print a one-line JSON summary")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    transformers_logging.disable_progress_bar()
    folder = args.checkpoint.resolve()
    config = json.loads((folder / "config.json").read_text())
    context = args.context or config["n_positions"]
    if not 1 <= context <= config["n_positions"] or args.batch < 1:
        print(f"error: need 1 <= --context <= {config['n_positions']} and --batch >= 1", file=sys.stderr)
        return 2
    data = args.data.read_bytes()
    if window_count(len(data), context) < 1:
        print(f"error: {args.data} ({len(data)} bytes) fills no window of {context} + 1 bytes", file=sys.stderr)
        return 2

    failures: list[str] = []
    shape = f"L{config['n_layer']} C{config['n_embd']} H{config['n_head']} T{config['n_positions']}"
    print(f"checkpoint  {folder}  ({shape})")
    print(f"data        {args.data}  ({len(data)} bytes, context {context}, {window_count(len(data), context)} windows)")
    print(f"versions    torch {torch.__version__}, transformers {__import__('transformers').__version__}, "
          f"safetensors {__import__('safetensors').__version__}, python {sys.version.split()[0]}")

    # 1. Format: the stored tensors, their metadata, and from_pretrained on the unchanged folder.
    with safe_open(str(folder / "model.safetensors"), framework="pt") as f:
        metadata = f.metadata()
    if metadata != {"format": "pt"}:
        failures.append(f"safetensors metadata is {metadata}, expected {{'format': 'pt'}}")
    stored = load_file(str(folder / "model.safetensors"))
    expected = expected_tensor_shapes(config)
    found = {name: tuple(t.shape) for name, t in stored.items()}
    if found != expected:
        missing = sorted(set(expected) - set(found))
        extra = sorted(set(found) - set(expected))
        wrong = sorted(n for n in set(found) & set(expected) if found[n] != expected[n])
        failures.append(f"stored tensors differ: missing {missing}, extra {extra}, wrong shape {wrong}")
    if any(t.dtype != torch.float32 for t in stored.values()):
        failures.append("not every stored tensor is float32")

    model, info = GPT2LMHeadModel.from_pretrained(str(folder), output_loading_info=True)
    model.eval()
    # The tied head is not stored; some transformers versions list it as missing before tying it.
    problems = {key: sorted(map(str, value)) for key, value in info.items() if value and key != "error_msgs"}
    if set(problems.get("missing_keys", [])) <= {"lm_head.weight"}:
        problems.pop("missing_keys", None)
    if problems or info.get("error_msgs"):
        failures.append(f"from_pretrained reported {problems} {info.get('error_msgs') or ''}".strip())
    if model.lm_head.weight.data_ptr() != model.transformer.wte.weight.data_ptr():
        failures.append("lm_head.weight is not tied to transformer.wte.weight")
    hf_state = model.state_dict()
    max_weight_difference = max((hf_state[name] - tensor).abs().max().item() for name, tensor in stored.items())
    if max_weight_difference != 0.0:
        failures.append(f"transformers' weights differ from the file by up to {max_weight_difference}")
    print(f"format      from_pretrained loaded {len(stored)} tensors, lm_head tied, weights identical: "
          f"{'yes' if max_weight_difference == 0.0 else 'NO'}")

    # 2. Architecture: logits of the first batch, transformers against the hand-written model.
    reference = ReferenceGPT(stored, config)

    def hf_logits(inputs):
        return model(input_ids=inputs).logits

    with torch.inference_mode():
        first_inputs, _ = next(window_batches(data, context, args.batch))
        a, b = hf_logits(first_inputs), reference.logits(first_inputs)
        logit_difference = (a - b).abs().max().item()
        hf_loss, hf_tokens = mean_loss(hf_logits, data, context, args.batch)
        ref_loss, _ = mean_loss(reference.logits, data, context, args.batch)
    print(f"logits      first batch ({first_inputs.shape[0]}x{context}), transformers vs hand-written: "
          f"max |diff| {logit_difference:.3e}")
    print(f"loss        transformers {hf_loss:.9f}  hand-written {ref_loss:.9f}  nats/byte over {hf_tokens} bytes")
    if logit_difference > 1e-4:
        failures.append(f"transformers and the hand-written model differ in logits by {logit_difference:.3e}")
    if abs(hf_loss - ref_loss) > args.tolerance:
        failures.append(f"transformers and the hand-written model differ in loss by {abs(hf_loss - ref_loss):.3e}")

    # 3. TinyScale's own number for the same windows.
    summary = {"checkpoint": str(folder), "shape": shape, "context": context, "batch": args.batch,
               "tokens": hf_tokens, "torch_loss_nats": hf_loss, "reference_loss_nats": ref_loss,
               "logits_max_abs_diff_torch_vs_reference": logit_difference}
    try:
        with tempfile.TemporaryDirectory(prefix="torch-reference-") as scratch:
            dump_path = Path(scratch) / "first-batch.safetensors"
            tinyscale, command = run_tinyscale(args.tinyscale, folder, args.data, context, args.batch, dump_path)
            dump = load_file(str(dump_path))
    except (OSError, RuntimeError, ValueError) as error:
        print(f"error: tinyscale eval failed: {error}", file=sys.stderr)
        return 2
    difference = abs(tinyscale["loss_nats"] - hf_loss)
    print(f"tinyscale   {' '.join(command)}")
    print(f"            -> {json.dumps(tinyscale)}")
    print(f"compare     TinyScale {tinyscale['loss_nats']:.9f}  PyTorch {hf_loss:.9f}  |diff| {difference:.3e} "
          f"(bits/byte {tinyscale['bits_per_byte']:.6f} vs {hf_loss / math.log(2):.6f}); tolerance {args.tolerance:g}")
    if "tokens" in tinyscale and tinyscale["tokens"] != hf_tokens:
        failures.append(f"TinyScale scored {tinyscale['tokens']} bytes, PyTorch {hf_tokens}: windowing differs")
    if difference > args.tolerance:
        failures.append(f"|TinyScale - PyTorch| loss = {difference:.3e} > {args.tolerance:g}")
    summary.update({"tinyscale_loss_nats": tinyscale["loss_nats"], "tinyscale_tokens": tinyscale.get("tokens"),
                    "abs_difference": difference})

    # 4. Logits, loss and every gradient of the first batch: TinyScale's dump against transformers.
    first_inputs, first_targets = next(window_batches(data, context, args.batch))
    torch_logits, torch_batch_loss, torch_gradients = first_batch_gradients(model, first_inputs, first_targets)
    expected_dump = {"logits": (*first_inputs.shape, config["vocab_size"]), "loss": (1,)}
    expected_dump.update({"grad." + name: shape for name, shape in expected.items()})
    found_dump = {name: tuple(t.shape) for name, t in dump.items()}
    if found_dump != expected_dump:
        failures.append(f"the dump's tensors differ: missing {sorted(set(expected_dump) - set(found_dump))}, "
                        f"extra {sorted(set(found_dump) - set(expected_dump))}, wrong shape "
                        f"{sorted(n for n in set(found_dump) & set(expected_dump) if found_dump[n] != expected_dump[n])}")
    if sorted(torch_gradients) != sorted(expected):
        failures.append(f"transformers' parameters are not the checkpoint's tensors: {sorted(torch_gradients)}")
    rows = first_inputs.shape[0]
    first_logits = None
    if found_dump.get("logits") == expected_dump["logits"]:
        first_logits = (dump["logits"] - torch_logits).abs().max().item()
        largest_logit = torch_logits.abs().max().item()
        print(f"first batch {rows}x{context} windows 0..{rows - 1}: logits max |diff| {first_logits:.3e} "
              f"= {first_logits / largest_logit:.2e} of the largest |logit| {largest_logit:.3g}; "
              f"tolerance {args.logit_tolerance:g} of it")
        if first_logits > args.logit_tolerance * largest_logit:
            failures.append(f"first-batch logits differ by {first_logits:.3e} > {args.logit_tolerance:g} x {largest_logit:.3g}")
    first_loss = None
    if "loss" in dump:
        tinyscale_batch_loss = dump["loss"].double().item()
        first_loss = abs(tinyscale_batch_loss - torch_batch_loss)
        print(f"            loss TinyScale {tinyscale_batch_loss:.9f}  PyTorch {torch_batch_loss:.9f}  "
              f"|diff| {first_loss:.3e}; tolerance {args.tolerance:g}")
        if first_loss > args.tolerance:
            failures.append(f"first-batch loss differs by {first_loss:.3e} > {args.tolerance:g}")

    gradient_rows = []
    print(f"gradients   of the first batch's mean loss; a tensor fails when max |diff| > "
          f"{args.gradient_tolerance:g} x max |g_torch|")
    print(f"            {'tensor':<36} {'shape':<12} {'max |g_torch|':>13} {'max |diff|':>11} {'ratio':>10}")
    for name in expected:
        key = "grad." + name
        if key not in dump or name not in torch_gradients or tuple(dump[key].shape) != expected[name]:
            continue
        torch_gradient = torch_gradients[name]
        scale = torch_gradient.abs().max().item()
        largest = (dump[key] - torch_gradient).abs().max().item()
        ratio = largest / scale if scale > 0 else (0.0 if largest == 0 else math.inf)
        passed = largest <= args.gradient_tolerance * scale
        shape_text = "x".join(map(str, expected[name]))
        print(f"            {name:<36} {shape_text:<12} {scale:>13.4e} {largest:>11.3e} {ratio:>10.3e}"
              f"{'' if passed else '  FAIL'}")
        gradient_rows.append({"tensor": name, "max_abs_torch": scale, "max_abs_diff": largest, "relative": ratio})
        if not passed:
            failures.append(f"gradient of {name} differs by {largest:.3e} = {ratio:.3e} of its largest |gradient| "
                            f"> {args.gradient_tolerance:g}")
    worst = max(gradient_rows, key=lambda row: row["relative"]) if gradient_rows else None
    if worst:
        print(f"            worst: {worst['tensor']}, max |diff| {worst['max_abs_diff']:.3e} = "
              f"{worst['relative']:.3e} of its largest |gradient|; largest absolute |diff| "
              f"{max(row['max_abs_diff'] for row in gradient_rows):.3e}")
    summary.update({"first_batch": {"rows": rows, "logits_max_abs_diff": first_logits,
                                    "logits_max_abs_torch": torch_logits.abs().max().item(),
                                    "loss_abs_diff": first_loss, "torch_loss_nats": torch_batch_loss,
                                    "gradients": gradient_rows,
                                    "gradient_max_abs_diff": max((r["max_abs_diff"] for r in gradient_rows), default=None),
                                    "gradient_max_relative": worst["relative"] if worst else None},
                    "passed": not failures})

    for failure in failures:
        print(f"FAIL        {failure}")
    print("PASS" if not failures else "FAIL")
    if args.json:
        print(json.dumps(summary))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
