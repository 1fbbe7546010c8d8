"""The readings the standard events bar turned down, together on today's main (issue 13, ``bar1``).

Descriptive only: it chooses nothing, changes no switch and reads no check half. The candidates are
the switched-off readings ``bar_strictness.py`` lists as meeting "no losing wave, pooled >= +8" whose
own bar failed on clause 1 only (``CANDIDATES``; a test holds the two lists together). Each is set
as its own study chose it on all tune (so a fitted part — the carried doer's chooser, fitted on all
tune, and the place-ahead window chosen on all tune — is in sample here).

Runs of the FA-KES events tune half (``common.switch_runs`` through ``Switchboard``): every
candidate on together against all off, and each candidate alone against all off. Per held-out wave
of ``events_side_missing.WAVES`` and pooled: matched events (event F1 true positives), matched
minus extra events (``net``: the war-tolls study's objective) and right
actors, recipients, places and status on matched events (the standard scorer,
``events_recipient_links.score_subset``), with ``bar_strictness.wave_stats`` of each per-wave gain.
No setting is fitted per wave, so a wave's figure is the fixed setting's score on it. For each
candidate alone, the waves coded after its own study (which its design never saw) are given apart.
PLOVER GSR dev, tune part: ``events_theatre_locates.plover_tune`` with the same switchboard.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/bar_candidates.py``
(seven runs of the tune half, a few minutes). Writes ``benchmarks/results/bar_candidates.json``.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from bar_strictness import wave_stats  # noqa: E402
from common import REPO, event_gold_documents, switch_runs  # noqa: E402  (puts src on sys.path)
from events_recipient_links import GOLD, score_subset  # noqa: E402
from events_side_missing import WAVES, wave_of  # noqa: E402
from events_theatre_locates import plover_tune  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "bar_candidates.json"
#: right answers per field: (name, accuracy key) — right = accuracy x matched, as every events study
FIELDS = (("actor", "actor_accuracy"), ("recipient", "recipient_accuracy"), ("place", "place_accuracy"),
          ("status", "status_accuracy"), ("strict actor", "actor_strict_accuracy"),
          ("strict recipient", "recipient_strict_accuracy"))


@dataclass(frozen=True)
class Candidate:
    """A switched-off reading: ``module.attribute`` set to ``on`` (off is the shipped default)."""

    name: str
    module: str  # under ``sitrep.stages.events``
    attribute: str
    on: Any
    waves_at_study: int  # the tune waves its own study had: later waves are fresh for its design
    fitted_on_all_tune: bool


CANDIDATES = (
    Candidate("carried_doer.USE", "carried_doer", "USE", True, 28, True),
    Candidate("territory.THEATRE_LOCATES", "territory", "THEATRE_LOCATES", True, 25, False),
)
#: candidates whose code was removed (branch prune2, ``docs/benchmarks/pruned.md``; the
#: code last exists at main ``cdd3c16e55``): ``benchmarks/results/bar_candidates.json`` holds their figures
REMOVED = ("war_tolls.USE", "assemble.DESCRIBED_MENTIONS", "assemble.PLACES_AHEAD_WINDOW")
TOGETHER = "TOGETHER"


class Switchboard:
    """Named on/off switches over several modules, read and set as attributes (so that
    ``common.switch_runs`` and ``plover_tune``, written for one module's boolean, drive them):
    a candidate's name sets its own attribute, ``TOGETHER`` every candidate."""

    def __init__(self, candidates: tuple[Candidate, ...] = CANDIDATES) -> None:
        object.__setattr__(self, "_candidates", {c.name: c for c in candidates})

    def _module(self, c: Candidate) -> Any:
        return importlib.import_module(f"sitrep.stages.events.{c.module}")

    def _is_on(self, c: Candidate) -> bool:
        return bool(getattr(self._module(c), c.attribute) == c.on)

    def _set(self, c: Candidate, on: bool) -> None:
        off = False if isinstance(c.on, bool) else 0
        setattr(self._module(c), c.attribute, c.on if on else off)

    def __getattr__(self, name: str) -> bool:
        cands = object.__getattribute__(self, "_candidates")
        if name == TOGETHER:
            return all(self._is_on(c) for c in cands.values())
        if name in cands:
            return self._is_on(cands[name])
        raise AttributeError(name)

    def __setattr__(self, name: str, on: bool) -> None:
        cands = self._candidates
        if name not in cands and name != TOGETHER:
            raise AttributeError(name)
        for c in cands.values() if name == TOGETHER else (cands[name],):
            self._set(c, on)


def rights(scored: dict[str, Any]) -> dict[str, int]:
    """Matched events, matched minus extra (predicted events the coder did not code) and right
    answers per field of a scored subset."""
    return {"matched": int(scored["matched"]), "net": 2 * int(scored["matched"]) - int(scored["predicted_events"]),
            **{name: round(scored[key] * scored["matched"]) for name, key in FIELDS}}


def per_wave(articles: list[Any], off: list[Any], on: list[Any], first_fresh: int = 0) -> dict[str, Any]:
    """Per wave (from ``first_fresh``), the gain on against off in matched events and right answers per
    field, each with ``wave_stats``; and the pooled figures of both settings over those waves."""
    wave = wave_of(len(articles))
    waves = list(range(first_fresh, len(WAVES)))
    gains: dict[str, list[int]] = {k: [] for k in ("matched", "net", *(n for n, _ in FIELDS))}
    for w in waves:
        idx = [i for i in range(len(articles)) if wave[i] == w]
        a, b = rights(score_subset(articles, on, idx)), rights(score_subset(articles, off, idx))
        for k in gains:
            gains[k].append(a[k] - b[k])
    idx = [i for i in range(len(articles)) if wave[i] >= first_fresh]
    keys = ("event_f1", "matched", "predicted_events", *(key for _, key in FIELDS))
    pooled = {label: {k: score_subset(articles, runs, idx)[k] for k in keys}
              for label, runs in (("off", off), ("on", on))}
    stats = {k: asdict(wave_stats(g)) if len(g) > 1 else None for k, g in gains.items()}
    return {"waves": waves, "gains": gains, "stats": stats, "pooled": pooled}


def summary(name: str, r: dict[str, Any]) -> str:
    """One printed line of a setting's pooled gains and per-wave statistics."""
    parts = []
    for k, g in r["gains"].items():
        s = r["stats"][k]
        t = "-" if s is None or s["t"] is None else f"{s['t']:.2f}"
        ud = "" if s is None else f" {s['up']}/{s['down']}"
        parts.append(f"{k} {sum(g):+d} (t {t}{ud})")
    f1 = r["pooled"]["off"]["event_f1"], r["pooled"]["on"]["event_f1"]
    return f"{name:32} waves {r['waves'][0]}-{r['waves'][-1]}: F1 {f1[0]:.4f} -> {f1[1]:.4f}; " + "; ".join(parts)


def main() -> None:
    from sitrep.evaluation import build_for, get_task

    board = Switchboard()
    articles, _, docs = event_gold_documents(GOLD, "tune")
    pipeline = build_for(get_task("events"))
    runs = switch_runs(board, TOGETHER, pipeline, docs)
    result: dict[str, Any] = {"candidates": [asdict(c) for c in CANDIDATES],
                              "together": per_wave(articles, runs[False], runs[True])}
    print(summary("together", result["together"]), flush=True)
    result["plover_tune_together"] = plover_tune(TOGETHER, board)
    for c in CANDIDATES:
        alone = switch_runs(board, c.name, pipeline, docs)
        entry = {"all waves": per_wave(articles, alone[False], alone[True]),
                 "plover_tune": plover_tune(c.name, board)}
        print(summary(c.name, entry["all waves"]), flush=True)
        if c.waves_at_study < len(WAVES):
            entry["waves after its study"] = per_wave(articles, alone[False], alone[True], c.waves_at_study)
            print(summary(f"  fresh for {c.name}", entry["waves after its study"]), flush=True)
        result[c.name] = entry
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
