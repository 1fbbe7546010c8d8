"""The showcase read as a user reads it: sitrep's events on the four seed articles, judged.

Gold: ``benchmarks/data/seeds_events_audit.jsonl`` (branch seeds1): one row per event main
``aa043aa9`` recorded on ``../shared/data/corpus/seeds/``, keyed by document id, trigger offsets
and category (no seed text); ``coded`` says whether the coding guide (``docs/coding-guide-events.md``)
codes it; for a coded event ``gold`` holds its category, status, actors, recipients and place (a
gazetteer name or null); ``errors`` lists main's error classes as ``field:class:layer``.

Scores an event export (``sitrep export --db DB --format jsonl --type event``): precision of the
recorded events (judged events the guide codes / judged events recorded), per field the share right
on the recorded events the guide codes, and the events the judgements do not cover (a changed
pipeline may record events no one judged: counted, never guessed).

    sitrep run --db /tmp/seeds.db ../shared/data/corpus/seeds/
    sitrep export --db /tmp/seeds.db --format jsonl --type event > /tmp/seeds_events.jsonl
    PYTHONPATH=src python benchmarks/events_seeds_audit.py /tmp/seeds_events.jsonl [--classes]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

GOLD = Path(__file__).parent / "data" / "seeds_events_audit.jsonl"
FIELDS = ("category", "status", "actors", "recipients", "place")

Key = tuple[str, int, int, str]


@dataclass(frozen=True, slots=True)
class Judged:
    """One judged event: whether the guide codes it, its gold fields, main's error classes."""

    key: Key
    coded: bool
    gold: dict[str, object] | None
    errors: tuple[str, ...]


@dataclass(slots=True)
class Score:
    recorded: int = 0
    judged: int = 0
    coded: int = 0
    right: Counter[str] = field(default_factory=Counter)
    unjudged: int = 0


def load_gold(path: Path = GOLD) -> dict[Key, Judged]:
    out: dict[Key, Judged] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = (row["document"], row["trigger_start"], row["trigger_end"], row["category"])
        out[key] = Judged(key, row["coded"], row.get("gold"), tuple(row["errors"]))
    return out


def predicted_fields(event: dict[str, object]) -> dict[str, object]:
    place = event.get("place")
    return {"category": event["category"], "status": event["status"],
            "actors": event["actors"], "recipients": event["recipients"],
            "place": place["name"] if isinstance(place, dict) else None}


def same(name: str, predicted: object, gold: object) -> bool:
    """Actors and recipients as sets of ids; the rest as values."""
    if name in ("actors", "recipients"):
        return set(_ids(predicted)) == set(_ids(gold))
    return bool(predicted == gold)


def _ids(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def score(events: list[dict[str, object]], gold: dict[Key, Judged]) -> Score:
    result = Score(recorded=len(events))
    for event in events:
        key = (str(event["document"]), int(event["trigger_start"]),  # type: ignore[call-overload]
               int(event["trigger_end"]), str(event["category"]))  # type: ignore[call-overload]
        judged = gold.get(key)
        if judged is None:
            result.unjudged += 1
            continue
        result.judged += 1
        if not judged.coded or judged.gold is None:
            continue
        result.coded += 1
        mine = predicted_fields(event)
        for name in FIELDS:
            result.right[name] += same(name, mine[name], judged.gold[name])
    return result


def report(result: Score) -> dict[str, object]:
    coded = max(result.coded, 1)
    return {"recorded": result.recorded, "judged": result.judged, "unjudged": result.unjudged,
            "coded": result.coded, "precision": round(result.coded / max(result.judged, 1), 3),
            **{f"{name}_right": f"{result.right[name]}/{result.coded} ({result.right[name] / coded:.3f})"
               for name in FIELDS}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, help="an event export (jsonl)")
    parser.add_argument("--classes", action="store_true", help="main's error classes by count")
    args = parser.parse_args()
    gold = load_gold()
    events = [json.loads(line) for line in args.export.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(json.dumps(report(score(events, gold)), indent=1))
    if args.classes:
        counts = Counter((err, judged.coded) for judged in gold.values() for err in judged.errors)
        for (err, coded), n in counts.most_common():
            print(f"{n:3d}  {err}  ({'coded event' if coded else 'event the guide does not code'})")


if __name__ == "__main__":
    main()
