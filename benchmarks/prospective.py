"""The prospective confirmation of two frozen events readings on fresh waves 30-37 (issue 13, ``pro1``).

Implements the plan committed before the draw (docs/benchmarks.md, "Prospective confirmation
(2026-12-07, morning)"): the fresh waves are the rows of ``benchmarks/data/fresh_waves.json`` that
have landed in the tune half of ``benchmarks/data/fakes_events_gold.jsonl``; every tune wave before
them and the check half are not read. Each setting runs once over the fresh articles:

* ``off``: main, every switch as shipped;
* ``R1``: the learned record check on (``record_model.USE``) with the frozen model
  ``benchmarks/data/frozen/record_model.json`` (fitted on the 230 tune articles of 28 waves before the
  draw); objective: right events per wave, 2 x matched - predicted;
* ``R2``: ``carried_doer.USE`` and ``territory.THEATRE_LOCATES`` on together; objective: strict right
  actors + strict right recipients per wave;
* ``R1+R2`` (read only when both pass) and ``recipient off`` (the learned recipient, shipped on,
  switched off: a report beside, chosen on nothing).

Per reading: the per-wave gains in its objective, a one-sided exact sign test over the waves that
moved, a one-sided paired t test (Student's t, n - 1 degrees of freedom), the reading's p = the larger
of the two; Holm over the two readings at a family alpha of 0.05; then its guards on the pooled fresh
waves and on PLOVER GSR dev, tune part. ``verdict`` is the pure function of those numbers that the plan
states (tested in ``tests/test_prospective.py`` on made-up figures).

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/prospective.py``. Writes
``benchmarks/results/prospective.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bar_strictness import wave_stats  # noqa: E402
from common import REPO, event_gold_documents, plover_tune_gold  # noqa: E402  (puts src on sys.path)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
DRAW = REPO / "benchmarks" / "data" / "fresh_waves.json"
FROZEN_RECORD_MODEL = REPO / "benchmarks" / "data" / "frozen" / "record_model.json"
OUT = REPO / "benchmarks" / "results" / "prospective.json"
FAMILY_ALPHA = 0.05
#: (field, accuracy key of the scorer) of the guards on matched events
ACCURACIES = (("actor", "actor_accuracy"), ("recipient", "recipient_accuracy"), ("place", "place_accuracy"),
              ("status", "status_accuracy"))
PLOVER_GUARDS = ("category_accuracy", "actor_f1", "recipient_f1")


@dataclass(frozen=True)
class Reading:
    """A frozen reading: the switches it sets, its objective and its guards' tolerances."""

    name: str
    switches: tuple[tuple[str, str, Any], ...]  # (module under sitrep.stages.events, attribute, value)
    objective: str  # "net" or "strict_parties"
    accuracy_tolerance: float
    event_f1_tolerance: float | None  # None: event F1 is no guard (it is what the objective moves)
    record_model: bool = False


READINGS = (
    Reading("R1", (("record_model", "USE", True),), "net", 0.005, None, record_model=True),
    Reading("R2", (("carried_doer", "USE", True), ("territory", "THEATRE_LOCATES", True)), "strict_parties",
            0.002, 0.002),
)
RECIPIENT_OFF = (("recipient_model", "LEARNED_RECIPIENTS", False),)
PLOVER_TOLERANCE = 0.002


def objective(kind: str, scored: dict[str, Any]) -> int:
    """A wave's count in the reading's unit, from the standard scorer's figures."""
    matched = int(scored["matched"])
    if kind == "net":
        return 2 * matched - int(scored["predicted_events"])
    if kind == "strict_parties":
        return (round(scored["actor_strict_accuracy"] * matched)
                + round(scored["recipient_strict_accuracy"] * matched))
    if kind == "recipients":
        return round(scored["recipient_accuracy"] * matched)
    raise ValueError(kind)


def sign_p_one_sided(gains: Sequence[float]) -> float:
    """P(X >= up) under Binomial(moved, 1/2) over the waves that moved; 1 when none moved."""
    up, down = sum(g > 0 for g in gains), sum(g < 0 for g in gains)
    moved = up + down
    if moved == 0:
        return 1.0
    return sum(math.comb(moved, k) for k in range(up, moved + 1)) / 2 ** moved


def t_p_one_sided(gains: Sequence[float]) -> tuple[float | None, float]:
    """(t, one-sided p) of the paired t test of ``gains`` against 0 (``bar_strictness.wave_stats``' t);
    p = 1 when there are fewer than two waves or every gain is equal."""
    from scipy.stats import t as student

    if len(gains) < 2:
        return None, 1.0
    stats = wave_stats(gains)
    if stats.t is None:
        return None, 1.0
    return stats.t, float(student.sf(stats.t, stats.n - 1))


@dataclass
class Test:
    """One reading's test on the fresh waves."""

    name: str
    gains: list[int]
    sign_p: float
    t: float | None
    t_p: float
    p: float = field(init=False)

    def __post_init__(self) -> None:
        self.p = max(self.sign_p, self.t_p)


def holm(tests: Sequence[Test], alpha: float = FAMILY_ALPHA) -> dict[str, bool]:
    """Holm's step-down over the readings' p: the k-th smallest must be <= alpha / (m - k); a failure
    stops the procedure (every later reading fails too)."""
    out, m, going = {}, len(tests), True
    for k, test in enumerate(sorted(tests, key=lambda t: (t.p, t.name))):
        going = going and test.p <= alpha / (m - k)
        out[test.name] = going
    return out


def guards(reading: Reading, off: dict[str, Any], on: dict[str, Any], plover_off: dict[str, Any],
           plover_on: dict[str, Any]) -> dict[str, bool]:
    """Each guard of ``reading``: pooled fresh-wave figures on against off, PLOVER dev tune on against off."""
    out = {name: on[key] >= off[key] - reading.accuracy_tolerance for name, key in ACCURACIES}
    if reading.event_f1_tolerance is not None:
        out["event_f1"] = on["event_f1"] >= off["event_f1"] - reading.event_f1_tolerance
    out.update({f"plover {k}": plover_on[k] >= plover_off[k] - PLOVER_TOLERANCE for k in PLOVER_GUARDS})
    return out


def verdict(tests: Sequence[Test], guard_results: dict[str, dict[str, bool]],
            together_ok: bool | None) -> dict[str, bool]:
    """Which readings ship on: Holm passed and every guard held; when both pass and the two together
    fall below either alone (``together_ok`` False), only the one with the smaller p ships."""
    stepped = holm(tests)
    passed = {t.name: stepped[t.name] and all(guard_results[t.name].values()) for t in tests}
    if all(passed.values()) and len(tests) > 1 and together_ok is False:
        best = min(tests, key=lambda t: (t.p, t.name)).name
        passed = {name: name == best for name in passed}
    return passed


@contextmanager
def switched(settings: Sequence[tuple[str, str, Any]], record_model_file: Path | None = None) -> Iterator[None]:
    """The module attributes of ``settings`` set (and the frozen record model loaded), restored after."""
    import importlib

    from sitrep.stages.events import record_model

    saved = []
    loaded = dict(record_model._LOADED)
    try:
        for module, attribute, value in settings:
            mod = importlib.import_module(f"sitrep.stages.events.{module}")
            saved.append((mod, attribute, getattr(mod, attribute)))
            setattr(mod, attribute, value)
        if record_model_file is not None:
            model = record_model.RecordModel.load(record_model_file)
            if model is None:
                raise SystemExit(f"no frozen record model at {record_model_file}")
            record_model._LOADED[record_model.MODEL_FILE] = model
        yield
    finally:
        for mod, attribute, value in reversed(saved):
            setattr(mod, attribute, value)
        record_model._LOADED.clear()
        record_model._LOADED.update(loaded)


def fresh_articles() -> tuple[list[Any], list[Any], list[int]]:
    """The landed fresh articles (tune rows of the draw), their documents and their wave numbers."""
    draw = json.loads(DRAW.read_text(encoding="utf-8"))
    wave_of_row = {r["document"]: int(w) for w, rows in draw["waves"].items() for r in rows}
    articles, _, docs = event_gold_documents(GOLD, "tune")
    keep = [i for i, a in enumerate(articles) if a.document in wave_of_row]
    if not keep:
        raise SystemExit("no fresh wave has landed in the gold file yet")
    return [articles[i] for i in keep], [docs[i] for i in keep], [wave_of_row[articles[i].document] for i in keep]


def plover(settings: Sequence[tuple[str, str, Any]], record_model_file: Path | None) -> dict[str, Any]:
    """PLOVER GSR dev, tune part, under ``settings``."""
    from events_side_missing import PLOVER_KEYS  # noqa: E402

    from sitrep.evaluation import build_for, get_task, run_documents
    from sitrep.stages.events.scorer import score as score_events

    records, golds = plover_tune_gold()
    with switched(settings, record_model_file):
        scored = score_events(records, run_documents(build_for(get_task("events")), golds).analyses)
    return {k: scored[k] for k in PLOVER_KEYS}


SCORE_KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "actor_accuracy",
              "recipient_accuracy", "place_accuracy", "status_accuracy", "actor_strict_accuracy",
              "recipient_strict_accuracy")


def run_setting(pipeline: Any, docs: list[Any], settings: Sequence[tuple[str, str, Any]],
                record_model_file: Path | None = None) -> list[Any]:
    from sitrep.evaluation import run_documents

    with switched(settings, record_model_file):
        return list(run_documents(pipeline, list(docs)).analyses)


def per_wave(articles: list[Any], analyses: list[Any], waves: list[int]) -> dict[int, dict[str, Any]]:
    """The standard scorer's figures per fresh wave."""
    from events_recipient_links import score_subset  # noqa: E402

    return {w: score_subset(articles, analyses, [i for i, x in enumerate(waves) if x == w]) for w in sorted(set(waves))}


def pooled(articles: list[Any], analyses: list[Any]) -> dict[str, Any]:
    from events_recipient_links import score_subset  # noqa: E402

    scored = score_subset(articles, analyses, list(range(len(articles))))
    return {k: scored[k] for k in SCORE_KEYS}


def test_of(name: str, kind: str, off: dict[int, dict[str, Any]], on: dict[int, dict[str, Any]]) -> Test:
    gains = [objective(kind, on[w]) - objective(kind, off[w]) for w in sorted(off)]
    t, t_p = t_p_one_sided(gains)
    return Test(name, gains, sign_p_one_sided(gains), t, t_p)


def main() -> None:
    from sitrep.evaluation import build_for, get_task

    articles, docs, waves = fresh_articles()
    drawn = json.loads(DRAW.read_text(encoding="utf-8"))["waves"]
    landed = sorted(set(waves))
    print(f"fresh waves landed: {landed} ({len(articles)} articles); missing: "
          f"{sorted(int(w) for w in drawn if int(w) not in landed)}", flush=True)
    pipeline = build_for(get_task("events"))
    settings: dict[str, tuple[tuple[tuple[str, str, Any], ...], Path | None]] = {
        "off": ((), None),
        **{r.name: (r.switches, FROZEN_RECORD_MODEL if r.record_model else None) for r in READINGS},
        "R1+R2": (tuple(s for r in READINGS for s in r.switches), FROZEN_RECORD_MODEL),
        "recipient off": (RECIPIENT_OFF, None),
    }
    runs = {name: run_setting(pipeline, docs, *s) for name, s in settings.items()}
    waves_scored = {name: per_wave(articles, a, waves) for name, a in runs.items()}
    pools = {name: pooled(articles, a) for name, a in runs.items()}
    for name, p in pools.items():
        print(f"{name:14}", {k: round(v, 4) if isinstance(v, float) else v for k, v in p.items()}, flush=True)
    plovers = {name: plover(*settings[name]) for name in ("off", *(r.name for r in READINGS))}
    tests = [test_of(r.name, r.objective, waves_scored["off"], waves_scored[r.name]) for r in READINGS]
    guard_results = {r.name: guards(r, pools["off"], pools[r.name], plovers["off"], plovers[r.name]) for r in READINGS}
    together_ok = all(pools["R1+R2"][k] >= pools[r.name][k] - 0.002 for r in READINGS
                      for k in ("event_f1", *(key for _, key in ACCURACIES)))
    ships = verdict(tests, guard_results, together_ok)
    recipient = test_of("recipient model (on - off)", "recipients", waves_scored["recipient off"], waves_scored["off"])
    result: dict[str, Any] = {
        "landed_waves": landed, "articles": len(articles),
        "pooled": pools, "per_wave": {name: {str(w): {k: s[k] for k in SCORE_KEYS} for w, s in ws.items()}
                                      for name, ws in waves_scored.items()},
        "plover_dev_tune": plovers, "tests": [asdict(t) for t in tests], "holm": holm(tests),
        "guards": guard_results, "together_not_below_either": together_ok, "ships_on": ships,
        "recipient_model_readings": asdict(recipient),
    }
    for t in tests:
        print(f"{t.name}: gains {t.gains} sign p {t.sign_p:.4f} t {t.t} t p {t.t_p:.4f} -> p {t.p:.4f}; "
              f"Holm {result['holm'][t.name]}; guards {guard_results[t.name]}; ships {ships[t.name]}")
    print(f"recipient model, on - off right recipients per fresh wave: {recipient.gains}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
