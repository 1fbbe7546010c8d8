"""Runs of the events task on the FA-KES tune (or check) half under one rule's settings, kept so
that a search scores each setting once, on any subset of the articles and per wave.

The rule-fitting scripts (``events_context.py``, ``events_place_context.py``) and the comparison
of the searches' acceptance rules (``events_rule_acceptance.py``) share it: a setting's analyses
are computed once (one run of the half) and kept in memory, and on disk under ``cache`` when
given (a scratch folder outside the repository: the analyses are derived from the corpus). The
waves of the tune half are ``events_side_missing.WAVES`` (the tune articles in the gold file's
order).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_side_missing import WAVES, wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.records import Analysis  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    GoldArticle,
    read_article_gold,
    read_texts,
    score_articles,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
RULE_FILES = REPO / "src" / "sitrep" / "stages" / "events" / "data"


class HalfRuns:
    """The analyses of one half of the events gold under settings of one option of the events
    stage (``option``: ``context_rule`` or ``place_context``), one run per distinct setting."""

    def __init__(self, option: str, split: str, cache: Path | None = None) -> None:
        self.option = option
        self.split = split
        self.articles: list[GoldArticle] = read_article_gold(GOLD, split=split)
        self.texts = read_texts(self.articles, fakes_csv())
        self.cache = cache
        self._memo: dict[Any, list[Analysis]] = {}
        self.waves: list[int] = wave_of(len(self.articles)) if split == "tune" else [0] * len(self.articles)

    def _path(self, rule: Any) -> Path | None:
        if self.cache is None:
            return None
        # the shipped rule files the run also reads are part of the key: a rewritten file is a new run
        shipped = b"".join(f.read_bytes() for f in sorted(RULE_FILES.glob("*.json")))
        key = hashlib.sha1(f"{self.option}|{self.split}|{rule!r}".encode() + shipped).hexdigest()[:16]
        return self.cache / f"{self.option}-{self.split}-{key}.pickle"

    def analyses(self, rule: Any) -> list[Analysis]:
        """The half's analyses under ``rule`` (run once, then kept)."""
        if rule in self._memo:
            return self._memo[rule]
        path = self._path(rule)
        if path is not None and path.exists():
            stored: list[Analysis] = pickle.loads(path.read_bytes())
            self._memo[rule] = stored
            return stored
        pipeline = build_for(get_task("events"), options={"events": {self.option: rule}})
        run = run_documents(pipeline, [GoldText(a.document, t, a.published)
                                       for a, t in zip(self.articles, self.texts, strict=True)])
        self._memo[rule] = list(run.analyses)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(self._memo[rule]))
        return self._memo[rule]

    def score(self, rule: Any, waves: Sequence[int] | None = None) -> dict[str, Any]:
        """Pooled metrics of ``rule`` on the articles of ``waves`` (all the half's when ``None``)."""
        keep = [i for i, w in enumerate(self.waves) if waves is None or w in waves]
        analyses = self.analyses(rule)
        return score_articles([self.articles[i] for i in keep], [analyses[i] for i in keep])["all"]

    def score_waves(self, rule: Any, waves: Sequence[int] | None = None) -> list[dict[str, Any]]:
        """Metrics of ``rule`` on each wave of ``waves`` (all the tune half's when ``None``)."""
        return [self.score(rule, [w]) for w in (range(len(WAVES)) if waves is None else waves)]
