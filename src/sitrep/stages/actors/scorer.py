"""``sitrep eval actors FILE.jsonl``: NGEC's actor-resolution cases.

Format (one JSON object a line): ``text`` plus optional ``context``, ``date``,
``country``, ``sector``, ``wiki_title``. The evaluation runner (``sitrep.evaluation``)
resolves each case with the actors stage's resolver (``resolve_text``); this module
reads the cases and scores the actors it is given. Pure: no pipeline here.

- ``country_accuracy``: over cases with a ``country`` key; ``""`` means "no
  country" and is matched by an actor without a country (or no actor);
- ``sector_accuracy``: over cases with a ``sector`` key; NGEC writes ``UNK``
  (unknown) and ``JNK`` (junk) for "no usable sector", scored like ``""``;
- ``name_accuracy``: over cases with a non-empty ``wiki_title``: the canonical
  name of the resolved actor equals it (case- and diacritic-insensitive);
- ``n``: number of cases.

Dates such as ``"today"`` / ``"Today"`` are not dates: they count as no date
(sitrep never uses the clock to resolve roles).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...errors import EvalError
from ...kb.model import parse_date
from ...kb.normalize import key
from ...records import Actor

NO_SECTOR = {"", "UNK", "JNK"}


def case_date(value: Any) -> str | None:
    """A case's ``date`` as ISO, or None (never "today": sitrep does not read the clock)."""
    if not value:
        return None
    parsed = parse_date(value)
    if parsed is None:
        import dateparser

        if str(value).strip().lower() in ("today", "now", "yesterday", "tomorrow"):
            return None
        got = dateparser.parse(str(value))
        if got is None:
            return None
        parsed = got.date()
    return parsed.isoformat()


def load_cases(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"Cannot read NGEC actor cases from {path}: {exc}. Expected JSON Lines.") from exc


def score_case(case: dict[str, Any], actor: Actor | None) -> dict[str, bool | None]:
    """Per-case correctness of the resolved ``actor`` (None where the case does not test that field)."""
    country = (actor.country if actor else None) or ""
    sector = (actor.sector if actor else None) or ""
    out: dict[str, bool | None] = {"country": None, "sector": None, "name": None}
    if "country" in case and case["country"] is not None:
        out["country"] = country == case["country"]
    if "sector" in case and case["sector"] is not None:
        gold = "" if case["sector"] in NO_SECTOR else case["sector"]
        out["sector"] = (sector if sector not in NO_SECTOR else "") == gold
    if case.get("wiki_title"):
        out["name"] = actor is not None and key(actor.name) == key(case["wiki_title"])
    return out


def score(cases: Sequence[dict[str, Any]], actors: Sequence[Actor | None]) -> dict[str, Any]:
    """Accuracies over the cases, given the actor resolved for each (same order)."""
    tallies = {k: [0, 0] for k in ("country", "sector", "name")}
    for case, actor in zip(cases, actors, strict=True):
        for name, ok in score_case(case, actor).items():
            if ok is None:
                continue
            tallies[name][0] += int(ok)
            tallies[name][1] += 1

    def acc(name: str) -> float:
        right, total = tallies[name]
        return round(right / total, 4) if total else 0.0

    return {
        "country_accuracy": acc("country"),
        "sector_accuracy": acc("sector"),
        "name_accuracy": acc("name"),
        "n": len(cases),
    }
