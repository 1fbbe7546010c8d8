"""The one-switch study library of the events stage (issue 13): leave one wave out for one named switch.

``tune_study`` runs the FA-KES tune half with ``module.<switch>`` off and on
(``events_recipient_links.tune_runs``) and chooses leave one wave out (``events_side_missing.switch_study``;
per fold the setting with the larger gain on the other waves, ties off), with the waves the switch
touches and PLOVER GSR dev's tune part off and on; ``spread_passes`` and ``others_hold`` are the two
parts of the bar this library was written with (events68): when ``RARE_WAVES`` or more waves are touched
the mean per-wave gain above its sd, else a positive total with no wave losing; and on all tune the
``HELD`` figures each within ``TOLERANCE`` of off. ``check_half`` reads the check half, off and on, once
at the end of a study, for the report only.

Branch events68 built it for the military backing reading (``backing.MILITARY_BACKING``); that reading
failed its bar and was removed on 2026-12-07 (branch prune1; last in commit ``cdd3c16e55``); its results
stay in ``benchmarks/results/events_backing.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import REPO, plover_tune_gold  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import score_subset, tune_runs  # noqa: E402
from events_side_missing import PLOVER_KEYS, switch_study, wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.scorer import score as score_events  # noqa: E402

KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "actor_accuracy",
        "recipient_accuracy", "place_accuracy", "status_accuracy")
HELD = ("actor_accuracy", "recipient_accuracy", "place_accuracy", "status_accuracy")
TOLERANCE = 0.002
RARE_WAVES = 8


def matched(scored: dict[str, Any]) -> int:
    """Matched events (event F1 true positives) of a scored subset."""
    return int(scored["matched"])


def off_and_on(module: Any, switch: str, measure: Callable[[], dict[str, Any]], label: str) -> dict[str, dict[str, Any]]:
    """``measure()`` with ``module.<switch>`` off and on (restored after), each printed after ``label``."""
    saved = getattr(module, switch)
    out = {}
    try:
        for name, on in (("off", False), ("on", True)):
            setattr(module, switch, on)
            out[name] = measure()
            print(label, name, out[name], flush=True)
    finally:
        setattr(module, switch, saved)
    return out


def plover_tune(module: Any, switch: str) -> dict[str, dict[str, Any]]:
    """PLOVER GSR dev, tune part: ``PLOVER_KEYS`` with ``module.<switch>`` off and on (restored after)."""
    records, golds = plover_tune_gold()

    def measure() -> dict[str, Any]:
        scored = score_events(records, run_documents(build_for(get_task("events")), golds).analyses)
        return {k: scored[k] for k in PLOVER_KEYS}

    return off_and_on(module, switch, measure, "PLOVER dev tune")


def touched_waves(articles: list[Any], runs: dict[tuple[bool, ...], list[Any]],
                  changed: Callable[[dict[str, Any]], Any] = matched) -> list[int]:
    """The waves whose ``changed`` figures (matched events here) differ between the switch on and off (all tune)."""
    wave = wave_of(len(articles))
    out = []
    for w in sorted(set(wave)):
        idx = [i for i in range(len(articles)) if wave[i] == w]
        if changed(score_subset(articles, runs[(True,)], idx)) != changed(score_subset(articles, runs[(False,)], idx)):
            out.append(w)
    return out


def spread_passes(result: dict[str, Any]) -> bool:
    """The bar's spread part: mean per-wave gain above its sd when ``RARE_WAVES`` or more waves are
    touched, else a positive total with no wave losing."""
    lowo = result["leave_one_wave_out"]
    if len(result["touched_waves"]) >= RARE_WAVES:
        return bool(lowo["mean"] > lowo["sd"])
    return bool(sum(lowo["gains"]) > 0 and min(lowo["gains"]) >= 0)


def others_hold(result: dict[str, Any]) -> bool:
    """The bar's ``HELD`` figures all tune, switched on, within ``TOLERANCE`` of off."""
    off, on = result["all_off"], result["on_all_tune"]
    return all(on[k] >= off[k] - TOLERANCE for k in HELD)


def check_half(module: Any, switch: str, keys: tuple[str, ...] = KEYS, label: str = "check",
               after: Callable[[str], None] | None = None) -> None:
    """The FA-KES events check half, ``module.<switch>`` off and on, read once for the report (nothing
    chosen on it); ``after`` runs with "off" / "on" after each (e.g. another check set) before the switch turns."""
    from common import fakes_csv  # noqa: PLC0415

    from sitrep.stages.events.article_scorer import (  # noqa: PLC0415
        read_article_gold,
        read_texts,
        score_articles,
    )

    gold = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
    articles = read_article_gold(gold, split="check")
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, read_texts(articles, fakes_csv()), strict=True)]
    saved = getattr(module, switch)
    try:
        for on in (False, True):
            setattr(module, switch, on)
            scored = score_articles(articles, run_documents(build_for(get_task("events")), docs).analyses)["check"]
            print(label, "on" if on else "off", len(articles), {k: scored[k] for k in keys}, flush=True)
            if after is not None:
                after("on" if on else "off")
    finally:
        setattr(module, switch, saved)


def tune_study(module: Any, switch: str, gain: Callable[[dict[str, Any]], int], gain_name: str, keys: tuple[str, ...],
               changed: Callable[[dict[str, Any]], Any] = matched) -> dict[str, Any]:
    """Leave one wave out on the tune half for ``module.<switch>`` (``switch_study``, ``gain`` per wave), the
    all-tune figures switched on, the touched waves (``changed``) and PLOVER dev tune, off and on."""
    switches = (switch,)
    articles, runs = tune_runs(switches, keys, module=module)
    result = switch_study(articles, runs, switches, gain, gain_name, "event_f1", keys)
    result["on_all_tune"] = {k: score_subset(articles, runs[(True,)], list(range(len(articles))))[k] for k in keys}
    result["touched_waves"] = touched_waves(articles, runs, changed)
    result["plover_tune"] = plover_tune(module, switch)
    return result


def report(result: dict[str, Any], out: Path) -> None:
    """Print a ``tune_study`` result with its bar and write it to ``out``."""
    lowo = result["leave_one_wave_out"]
    print("per-wave gains", lowo["gains"], "mean", lowo["mean"], "sd", lowo["sd"], "touched", result["touched_waves"])
    print("all tune off", result["all_off"], "\non", result["on_all_tune"], "\nbar passes", result["bar_passes"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
