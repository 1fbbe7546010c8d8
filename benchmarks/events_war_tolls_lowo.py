"""War-wide and period tolls read as events: the switch ``war_tolls.USE`` measured leave one wave out
(issue 13, issue 12's "war totals on events"; branch events71).

``benchmarks/events_war_tolls.py`` counts, on the FA-KES tune half, the predicted events whose sentence
holds a figure the casualties stage scopes as a war-wide or period total. With the switch on, the events
stage drops an event whose only substance is such a toll (``sitrep.stages.events.war_tolls``: no actor,
no day-precise date, no place finer than the country, a ``war_total`` figure in its sentence).

The tune half is run with the switch off and on (``events_recipient_links.tune_runs``); the study is
``events_side_missing.switch_study`` (leave one wave out over ``events_side_missing.WAVES``; per fold the
setting with more matched-minus-extra events on the other waves, ties off; the gain is matched minus
extra events on the held-out wave). PLOVER GSR dev, tune part (``scorer.plover_split``), and the
casualty gold's tune half (``sitrep eval casualties``, tune keys only) are scored off and on. The
``check`` half is not run here.

**The bar (pre-registered, events71, written 20:18 UTC, committed before the deciding run):**
``touched`` = the waves whose matched or predicted events differ between on and off on all tune.
(A) if touched >= 8: the mean per-wave gain in matched minus extra events (leave one wave out) > its
sd; (B) if touched < 8: the rare-class bar of ``casualties35`` read for events: the summed per-wave
gain > 0 and no wave's gain below 0. And in both: on all tune, on against off, actor, recipient,
place and status accuracy each not lower by more than 0.002; PLOVER GSR dev tune part category
accuracy and actor F1 not lower by more than 0.002; casualty gold tune main-killed accuracy and
figure F1 not lower, war totals on events (``war_totals_on_incidents``) not higher. Passes ->
"passes: switch on at the next refit" (the switch stays off this round either way); else off,
reported as failed.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_war_tolls_lowo.py``
(``--check``: the events check half, off and on, once at the end, for the report only; ``--speed``: the
ratio of the events pipeline's time on the tune articles, on against off, in one run).
Writes ``benchmarks/results/events_war_tolls_lowo.json``.
"""

from __future__ import annotations

from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_backing import (  # noqa: E402
    TOLERANCE,
    check_half,
    off_and_on,
    others_hold,
    report,
    spread_passes,
    tune_study,
)  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.evaluation.tasks import evaluate_casualties  # noqa: E402
from sitrep.stages.events import war_tolls  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    read_article_gold,
    read_texts,
)

OUT = REPO / "benchmarks" / "results" / "events_war_tolls_lowo.json"
SWITCH = "USE"
KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "actor_accuracy",
        "recipient_accuracy", "place_accuracy", "status_accuracy")
CASUALTY_KEYS = ("tune_main_killed_accuracy", "tune_figure_f1", "tune_war_totals_on_incidents")


def net(scored: dict[str, Any]) -> int:
    """Matched minus extra (unmatched predicted) events of a scored subset."""
    return 2 * int(scored["matched"]) - int(scored["predicted_events"])


def counts(scored: dict[str, Any]) -> tuple[int, int]:
    """Matched and predicted events of a scored subset (a wave is touched when either differs)."""
    return int(scored["matched"]), int(scored["predicted_events"])


def _switched(on: bool) -> None:
    war_tolls.USE = on


def casualties_tune() -> dict[str, dict[str, Any]]:
    """The casualty gold's tune figures (``CASUALTY_KEYS`` only) with the switch off and on."""
    gold = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"

    def measure() -> dict[str, Any]:
        scored = evaluate_casualties(gold, build_for(get_task("casualties")))
        return {k: scored[k] for k in CASUALTY_KEYS}

    return off_and_on(war_tolls, SWITCH, measure, "casualties tune")


def passes(result: dict[str, Any]) -> bool:
    """The pre-registered bar (module docstring)."""
    plover, cas = result["plover_tune"], result["casualties_tune"]
    return (spread_passes(result) and others_hold(result)
            and all(plover["on"][k] >= plover["off"][k] - TOLERANCE for k in ("category_accuracy", "actor_f1"))
            and cas["on"]["tune_main_killed_accuracy"] >= cas["off"]["tune_main_killed_accuracy"]
            and cas["on"]["tune_figure_f1"] >= cas["off"]["tune_figure_f1"]
            and cas["on"]["tune_war_totals_on_incidents"] <= cas["off"]["tune_war_totals_on_incidents"])


def speed(rounds: int = 2) -> None:
    """The events pipeline's time on the tune articles, switch off and on alternately in one run
    (``rounds`` each, after a warm-up): the ratio on / off, printed (no timed test)."""
    import time

    articles = read_article_gold(REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl", split="tune")
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, read_texts(articles, fakes_csv()), strict=True)]
    pipeline = build_for(get_task("events"))
    saved, spent = war_tolls.USE, {False: 0.0, True: 0.0}
    try:
        run_documents(pipeline, docs[:4])
        for _ in range(rounds):
            for on in (False, True):
                _switched(on)
                begin = time.perf_counter()
                run_documents(pipeline, docs)
                spent[on] += time.perf_counter() - begin
    finally:
        _switched(saved)
    print("events stage pipeline, tune articles:", {str(k): round(v, 1) for k, v in spent.items()},
          "ratio on/off", round(spent[True] / spent[False], 3))


def main() -> None:
    import sys

    if "--speed" in sys.argv:
        speed()
        return
    if "--check" in sys.argv:
        check_half(war_tolls, SWITCH, KEYS)
        return
    result = tune_study(war_tolls, SWITCH, net, "net_gain", KEYS, counts)
    result["casualties_tune"] = casualties_tune()
    result["bar_passes"] = passes(result)
    report(result, OUT)


if __name__ == "__main__":
    main()
