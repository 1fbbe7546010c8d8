"""Two sentiment model folders side by side: accuracy with a paired bootstrap, and cost.

For a smaller sentiment model (``scripts/train_sentiment.py --layers N``) against the shipped one:
both models predict the same NewsMTSC targets; the script prints macro-F1 and accuracy of each
and a **paired bootstrap** of the difference (new − old): the sentences (with all their targets,
as NewsMTSC's targets of one sentence are not independent) are resampled with replacement
``--rounds`` times and both models are scored on each resample; the 2.5 / 97.5 percentiles of
the difference are its 95 % interval. Cost: CPU seconds (``process_time``, one thread) of each
model on the same inputs, run one input at a time as the framing stage runs them (cache off),
the two models alternating ``--repeat`` times. Inputs get the framing stage's token window
(``--max-len``, 64), as ``sitrep eval sentiment`` runs them.

``--split dev`` scores the dev split that ``train_sentiment.py`` carves out of ``train`` (10 % of
the sentences, seed 13: the split the models were selected on); ``--split FILE.jsonl`` scores a
NewsMTSC file (``devtest_mt`` is the held-out evaluation set: measure a chosen model on it once).

    OMP_NUM_THREADS=1 python benchmarks/sentiment_layers.py --old src/sitrep/models/sentiment \\
        --new /tmp/l3 --split dev [--rounds 2000] [--repeat 2] [--out FILE.json]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.datasets import shared_data_dir  # noqa: E402
from sitrep.stages.framing.newsmtsc import TargetExample, read_newsmtsc  # noqa: E402
from sitrep.stages.framing.scorer import macro_f1  # noqa: E402
from sitrep.stages.framing.sentiment import TargetSentimentModel  # noqa: E402
from sitrep.stages.framing.stage import DEFAULT_MAX_LEN  # noqa: E402

#: the bootstrap's seed (fixed: the same resamples for every comparison)
BOOTSTRAP_SEED = 7


def dev_split(train: Path) -> list[TargetExample]:
    """The dev split of ``train_sentiment.py`` (its own function, its default fraction and seed)."""
    sys.path.insert(0, str(REPO / "scripts"))
    from train_sentiment import parse_args, split_by_sentence

    defaults = parse_args([])
    return split_by_sentence(read_newsmtsc(train), defaults.dev_fraction, defaults.seed)[1]


def _f1_from_counts(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """Macro-F1 per resample from (resamples, classes) counts; a class absent from both counts 0."""
    denom = 2 * tp + fp + fn
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0).mean(axis=1)  # type: ignore[no-any-return]


def paired_bootstrap(gold: Sequence[str], old: Sequence[str], new: Sequence[str], groups: Sequence[str],
                     rounds: int, seed: int = BOOTSTRAP_SEED) -> dict[str, float]:
    """Percentiles of macro-F1(new) − macro-F1(old) over resamples of whole groups (sentences)."""
    labels = sorted(set(gold) | set(old) | set(new))
    code = {name: i for i, name in enumerate(labels)}
    group_ids = {g: i for i, g in enumerate(dict.fromkeys(groups))}
    gi = np.array([group_ids[g] for g in groups])
    y = np.array([code[v] for v in gold])
    diffs = np.zeros(rounds)
    rng = np.random.default_rng(seed)
    weights = np.stack([np.bincount(rng.integers(0, len(group_ids), len(group_ids)), minlength=len(group_ids))
                        for _ in range(rounds)])[:, gi]  # (rounds, targets): how often each target is drawn
    f1 = {}
    for name, pred in (("old", old), ("new", new)):
        p = np.array([code[v] for v in pred])
        tp = np.stack([weights[:, (y == c) & (p == c)].sum(axis=1) for c in range(len(labels))], axis=1)
        fp = np.stack([weights[:, (y != c) & (p == c)].sum(axis=1) for c in range(len(labels))], axis=1)
        fn = np.stack([weights[:, (y == c) & (p != c)].sum(axis=1) for c in range(len(labels))], axis=1)
        f1[name] = _f1_from_counts(tp, fp, fn)
    diffs = np.sort(f1["new"] - f1["old"])
    return {
        "rounds": rounds,
        "diff_f1_macro": round(macro_f1(gold, new) - macro_f1(gold, old), 4),
        "ci95_low": round(float(np.percentile(diffs, 2.5)), 4),
        "ci95_high": round(float(np.percentile(diffs, 97.5)), 4),
        "p_new_lower": round(float((diffs < 0).mean()), 4),
    }


def cpu_seconds(model: TargetSentimentModel, items: Sequence[tuple[str, int, int]]) -> float:
    c0 = time.process_time()
    model.predict(items)
    return time.process_time() - c0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", type=Path, default=REPO / "src" / "sitrep" / "models" / "sentiment")
    ap.add_argument("--new", type=Path, required=True)
    ap.add_argument("--split", default="dev", help="'dev' (carved from train) or a NewsMTSC .jsonl file")
    ap.add_argument("--rounds", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=2, help="cost: alternating runs of each model (0 = skip)")
    ap.add_argument("--cost-limit", type=int, default=400, help="cost: the first N targets")
    ap.add_argument("--max-len", type=int, default=DEFAULT_MAX_LEN,
                    help="token window around the target (default: the framing stage's, as `sitrep eval` runs it)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    sentiment = shared_data_dir() / "sentiment" / "newsmtsc"
    examples = dev_split(sentiment / "train.jsonl") if args.split == "dev" else read_newsmtsc(Path(args.split))
    items = [(e.sentence, e.start, e.end) for e in examples]
    gold = [e.label for e in examples]
    models = {name: TargetSentimentModel(path, max_len=args.max_len, cache_size=0) for name, path in (("old", args.old), ("new", args.new))}
    preds = {name: [p.label for p in m.predict(items)] for name, m in models.items()}
    result: dict[str, object] = {"split": args.split, "n": len(examples), "max_len": args.max_len,
                                 "sentences": len({e.sentence_id for e in examples})}
    for name, m in models.items():
        p = preds[name]
        result[name] = {"model_dir": str(getattr(args, name)), "architecture": m.meta.get("architecture"),
                        "f1_macro": round(macro_f1(gold, p), 4),
                        "accuracy": round(sum(int(a == b) for a, b in zip(gold, p, strict=True)) / len(gold), 4)}
    result["bootstrap"] = paired_bootstrap(gold, preds["old"], preds["new"], [e.sentence_id for e in examples],
                                           args.rounds)
    if args.repeat:
        sample = items[: args.cost_limit]
        runs: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.repeat):
            for name, m in models.items():
                runs[name].append(round(cpu_seconds(m, sample), 3))
        result["cost"] = {"targets": len(sample), "cpu_seconds": runs,
                          "new_over_old_best": round(min(runs["new"]) / min(runs["old"]), 3),
                          "load_average": os.getloadavg()[0]}
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
