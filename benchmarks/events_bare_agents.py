"""Bare agent nouns of the security sectors as actors (issue 13, branch ``bare1``): on against off.

The change: the actor stage makes a bare agent noun of a security sector ("Police arrested …", "the army
shelled …") an actor mention when it refers (``actors.resolve.STANDALONE_AGENTS``; the nouns derived from
the KB's agents dictionary, ``kb.load.standalone_agents``), and the events stage reads such a mention of a
state force without a country as the theatre's forces (``events.stage.THEATRE_FORCES``). Both switches go
together: ``off`` is the stage before the change, ``on`` the change. A second design, ``gov``, lets the
government-role nouns (``GOV``: "the government", "the president") stand alone as well; ``state`` only the state
forces' (``MIL COP SPY``: the REB and UAF nouns left to the hand list and the events stage's descriptions).

Runs, in one process with one pipeline: the FA-KES events gold's **tune** half under each design (pooled
scores and the per-wave gains of every design against ``off`` and of ``gov`` against ``on``, with
``bar_strictness.wave_stats``), and leave-one-wave-out choices of ``on`` against ``state`` and ``gov`` (each wave's
choice made by the pooled event F1 of the other waves); PLOVER GSR dev, tune part; and the modality study
(``modality.run``). No check half is read. Nothing is fitted.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_bare_agents.py``
(a few minutes). Writes ``benchmarks/results/events_bare_agents.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import modality  # noqa: E402
from bar_strictness import wave_stats  # noqa: E402
from common import REPO, event_gold_documents, plover_tune_gold  # noqa: E402  (puts src on sys.path)
from events_recipient_links import GOLD, score_subset  # noqa: E402
from events_side_missing import PLOVER_KEYS, wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.kb.load import load_kb, standalone_agents  # noqa: E402
from sitrep.stages.actors import resolve  # noqa: E402
from sitrep.stages.events import stage as events_stage  # noqa: E402
from sitrep.stages.events.article_scorer import score_articles  # noqa: E402
from sitrep.stages.events.scorer import score as score_events  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_bare_agents.json"
DESIGNS = ("off", "on", "state", "gov")
#: the sector sets of the designs; ``STATE`` is the shipped one (``standalone_sectors`` of ``kb/agents_curated.yaml``)
SECURITY = ("MIL", "COP", "REB", "UAF", "SPY")
STATE = ("MIL", "COP", "SPY")
WITH_GOV = (*SECURITY, "GOV")
SECTORS = {"on": SECURITY, "state": STATE, "gov": WITH_GOV, "off": SECURITY}
KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "actor_accuracy",
        "actor_strict_accuracy", "recipient_accuracy", "place_accuracy", "status_accuracy")
#: right answers per field on matched events (accuracy x matched), as every events study counts them
RIGHT = (("actor", "actor_accuracy"), ("recipient", "recipient_accuracy"), ("place", "place_accuracy"),
         ("status", "status_accuracy"))


@contextmanager
def design(name: str) -> Iterator[None]:
    """The switches and the KB's standalone nouns of one design (restored afterwards)."""
    kb = load_kb()
    saved = (resolve.STANDALONE_AGENTS, events_stage.THEATRE_FORCES, kb.standalone_agents)
    try:
        resolve.STANDALONE_AGENTS = events_stage.THEATRE_FORCES = name != "off"
        kb.standalone_agents = standalone_agents(kb.agents, SECTORS[name])
        yield
    finally:
        resolve.STANDALONE_AGENTS, events_stage.THEATRE_FORCES, kb.standalone_agents = saved


def counts(scored: dict[str, Any]) -> dict[str, float]:
    """Matched events, F1's parts and the right answers per field of one scored subset."""
    out = {"matched": float(scored["matched"]), "predicted": float(scored["predicted_events"]),
           "gold": float(scored["gold_events"]), "f1": float(scored["event_f1"])}
    out.update({name: scored[k] * scored["matched"] for name, k in RIGHT})
    return out


def per_wave(articles: list[Any], runs: dict[str, list[Any]], base: str, new: str) -> dict[str, Any]:
    """Per-wave gains of ``new`` over ``base`` (event F1 and the right answers per field)."""
    waves = wave_of(len(articles))
    by_wave: dict[str, list[float]] = {k: [] for k in ("f1", "matched", "actor", "recipient", "place", "status")}
    for w in range(max(waves) + 1):
        idx = [i for i, x in enumerate(waves) if x == w]
        a, b = counts(score_subset(articles, runs[base], idx)), counts(score_subset(articles, runs[new], idx))
        for k, gains in by_wave.items():
            gains.append(round(b[k] - a[k], 4))
    return {k: {"gains": gains, **asdict(wave_stats(gains))} for k, gains in by_wave.items()}


def leave_one_wave_out(articles: list[Any], runs: dict[str, list[Any]], a: str, b: str) -> dict[str, Any]:
    """For each wave, the design (``a`` or ``b``) with the higher pooled event F1 on the other waves
    (``a`` on a tie)."""
    waves = wave_of(len(articles))
    picks = []
    for w in range(max(waves) + 1):
        rest = [i for i, x in enumerate(waves) if x != w]
        f1 = {d: score_subset(articles, runs[d], rest)["event_f1"] for d in (a, b)}
        picks.append(b if f1[b] > f1[a] else a)
    return {"picks": picks, f"{b}_chosen": picks.count(b), "waves": len(picks)}


def main() -> None:
    articles, _, docs = event_gold_documents(GOLD, "tune")
    records, golds = plover_tune_gold()
    pipeline = build_for(get_task("events"))
    runs: dict[str, list[Any]] = {}
    result: dict[str, Any] = {"fakes_tune": {}, "plover_tune": {}, "modality": {}}
    for name in DESIGNS:
        with design(name):
            runs[name] = run_documents(pipeline, docs).analyses
            whole = score_articles(articles, runs[name])["tune"]
            result["fakes_tune"][name] = {k: whole[k] for k in KEYS}
            scored = score_events(records, run_documents(pipeline, golds).analyses)
            result["plover_tune"][name] = {k: scored[k] for k in PLOVER_KEYS}
            found = modality.run()
            result["modality"][name] = {k: found[k] for k in ("status_accuracy", "non_factual_exported_as_asserted",
                                                               "event_coverage", "event_coverage_by_status",
                                                               "event_coverage_by_source")}
        print(name, result["fakes_tune"][name], result["plover_tune"][name], result["modality"][name], flush=True)
    result["waves"] = {"on_vs_off": per_wave(articles, runs, "off", "on"),
                       "gov_vs_off": per_wave(articles, runs, "off", "gov"),
                       "state_vs_off": per_wave(articles, runs, "off", "state"),
                       "gov_vs_on": per_wave(articles, runs, "on", "gov")}
    result["leave_one_wave_out"] = {"on_or_state": leave_one_wave_out(articles, runs, "on", "state"),
                                    "on_or_gov": leave_one_wave_out(articles, runs, "on", "gov")}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: {d: {m: v["mean"] for m, v in w.items()} for d, w in result[k].items()}
                      for k in ("waves",)}, indent=1))
    print("leave one wave out:", result["leave_one_wave_out"])
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
