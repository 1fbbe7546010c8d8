"""``sitrep eval actors FILE.jsonl``: NGEC's actor-resolution cases.

Format (one JSON object a line): ``text`` plus optional ``context``, ``date``,
``country``, ``sector``, ``wiki_title``. Each case runs :func:`resolve_text`.

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
from pathlib import Path
from typing import Any

from ...errors import EvalError
from ...kb.model import parse_date
from ...kb.normalize import key
from ...nlp import DEFAULT_MODEL
from .api import resolve_text

NO_SECTOR = {"", "UNK", "JNK"}


def _date(value: Any) -> str | None:
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


def score_case(case: dict[str, Any], *, model: str = DEFAULT_MODEL) -> dict[str, bool | None]:
    """Per-case correctness (None where the case does not test that field)."""
    actor = resolve_text(str(case.get("text", "")), date=_date(case.get("date")),
                         context=case.get("context") or None, model=model)
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


def evaluate(path: Path, *, model: str = DEFAULT_MODEL) -> dict[str, Any]:
    cases = load_cases(Path(path))
    tallies = {k: [0, 0] for k in ("country", "sector", "name")}
    for case in cases:
        for field, ok in score_case(case, model=model).items():
            if ok is None:
                continue
            tallies[field][0] += int(ok)
            tallies[field][1] += 1

    def acc(field: str) -> float:
        right, total = tallies[field]
        return round(right / total, 4) if total else 0.0

    return {
        "country_accuracy": acc("country"),
        "sector_accuracy": acc("sector"),
        "name_accuracy": acc("name"),
        "n": len(cases),
    }
