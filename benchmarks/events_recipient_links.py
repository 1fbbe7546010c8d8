"""The switch runs of the FA-KES events tune half, the library of the events stage's switch studies (issue 13).

``tune_runs`` analyses the tune articles once per on/off combination of named switches of an events
module (restored after); ``score_subset`` scores a subset of them. ``events_side_missing`` builds
the leave-one-wave-out choice on these runs. The ``check`` half is never run here.

Branch events17 built this module as the out-of-fold study of four readings of ``arguments``
(``CLAUSAL_CAUSE``, ``RESULT_OBJECTS``, ``SHARED_PASSIVE_SUBJECT``, ``STATE_NAMES_LOCATE_PLACES``); they
failed their bar and were removed on 2026-12-07 (branch prune1; last in commit ``cdd3c16e55``); its
results stay in ``benchmarks/results/events_recipient_links*.json``.
"""

from __future__ import annotations

import itertools
from types import ModuleType
from typing import Any

from common import REPO, event_gold_documents  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    score_articles,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
KEYS = ("event_f1", "matched", "actor_accuracy", "recipient_accuracy", "recipient_f1", "place_accuracy",
        "status_accuracy")


def tune_runs(switches: tuple[str, ...], keys: tuple[str, ...], module: ModuleType
              ) -> tuple[list[Any], dict[tuple[bool, ...], list[Any]]]:
    """The tune half's gold articles and their analyses under every on/off combination of the
    named switches of ``module`` (an events module; restored after), each combination's ``keys``
    printed as it finishes."""
    articles, _, docs = event_gold_documents(GOLD, "tune")
    pipeline = build_for(get_task("events"))
    saved = {name: getattr(module, name) for name in switches}
    runs: dict[tuple[bool, ...], list[Any]] = {}
    try:
        for combo in itertools.product((False, True), repeat=len(switches)):
            for name, on in zip(switches, combo, strict=True):
                setattr(module, name, on)
            runs[combo] = run_documents(pipeline, docs).analyses
            whole = score_articles(articles, runs[combo])["tune"]
            print(dict(zip(switches, combo, strict=True)), {k: whole[k] for k in keys}, flush=True)
    finally:
        for name, value in saved.items():
            setattr(module, name, value)
    return articles, runs


def score_subset(articles: list[Any], analyses: list[Any], idx: list[int]) -> dict[str, Any]:
    """The tune scores of the articles at ``idx`` (counts summed over them)."""
    result: dict[str, Any] = score_articles([articles[i] for i in idx], [analyses[i] for i in idx])["tune"]
    return result
