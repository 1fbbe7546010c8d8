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

A second judge (B, branch seeds2) judged the same 120 events blind, by the guide alone:
``benchmarks/data/seeds_events_audit_b.jsonl`` (same fields, plus ``section``: the guide section behind a
"not coded"). ``--judge B`` scores by it, ``--judge both`` by each side by side; ``--agreement`` (no export
needed) gives the two judges' agreement: "coded or not" raw and Cohen's kappa with a seeded bootstrap 95 %
interval over events, per field agreement on the events both code, and the disagreements by B's section.

    PYTHONPATH=src python benchmarks/events_seeds_audit.py /tmp/seeds_events.jsonl --judge both
    PYTHONPATH=src python benchmarks/events_seeds_audit.py --agreement

``--status`` (branch seeds3) answers the brief's warning that the seeds are full of scenarios, predictions and
denials: for each judged event, the status main gives it against the judge's call, in the three readings a user
meets (``reading``): *fact* (``asserted``, ``reported``: the report's factual section, the ACLED rows, an
incident), *background* (``historical``) and *not a fact* (``hypothetical``, ``negated``, ``future``). Rows: the
events the guide codes, by the judge's status, and the events it does not code, by the judge's reason (A: the
``event:`` error class, B: the guide section).

    PYTHONPATH=src python benchmarks/events_seeds_audit.py /tmp/seeds_events.jsonl --judge both --status
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from inter_coder_pairs import kappa  # noqa: E402  (Cohen's kappa of two binary codings)

# OUTSIDE_FACTS: what the report keeps out of its factual section; NON_FACTUAL: negated, hypothetical, future
from sitrep.report import NON_FACTUAL as OUTSIDE_FACTS
from sitrep.stages.events.modality import NON_FACTUAL

GOLD = Path(__file__).parent / "data" / "seeds_events_audit.jsonl"
GOLD_B = Path(__file__).parent / "data" / "seeds_events_audit_b.jsonl"
JUDGES = {"A": GOLD, "B": GOLD_B}
DRAWS = 2000
SEED = 13
FIELDS = ("category", "status", "actors", "recipients", "place")

Key = tuple[str, int, int, str]


@dataclass(frozen=True, slots=True)
class Judged:
    """One judged event: whether the guide codes it, its gold fields, main's error classes."""

    key: Key
    coded: bool
    gold: dict[str, object] | None
    errors: tuple[str, ...]
    section: str | None = None


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
        out[key] = Judged(key, row["coded"], row.get("gold"), tuple(row["errors"]), row.get("section"))
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


def event_key(event: dict[str, object]) -> Key:
    return (str(event["document"]), int(event["trigger_start"]),  # type: ignore[call-overload]
            int(event["trigger_end"]), str(event["category"]))  # type: ignore[call-overload]


def score(events: list[dict[str, object]], gold: dict[Key, Judged]) -> Score:
    result = Score(recorded=len(events))
    for event in events:
        judged = gold.get(event_key(event))
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


def cohen_kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two judges' yes/no labels (``inter_coder_pairs.kappa``); 1.0 when both give
    one label throughout and agree."""
    if not pairs:
        raise ValueError("no paired labels: the two judgements share no event")
    value = kappa([a for a, _ in pairs], [b for _, b in pairs])
    if value is None:  # chance agreement 1: one label throughout
        return 1.0 if all(a == b for a, b in pairs) else 0.0
    return value


def bootstrap_kappa(pairs: list[tuple[bool, bool]], draws: int = DRAWS, seed: int = SEED) -> tuple[float, float]:
    """Seeded percentile 95 % interval of kappa, resampling events with replacement."""
    rng = random.Random(seed)
    values = sorted(cohen_kappa([pairs[rng.randrange(len(pairs))] for _ in pairs]) for _ in range(draws))
    return values[int(0.025 * draws)], values[min(int(0.975 * draws), draws - 1)]


def bootstrap_gap(pairs: list[tuple[bool, bool]], draws: int = DRAWS, seed: int = SEED) -> tuple[float, float]:
    """Seeded percentile 95 % interval of (share coded by A) - (share coded by B), resampling events."""
    rng = random.Random(seed)
    gaps = []
    for _ in range(draws):
        sample = [pairs[rng.randrange(len(pairs))] for _ in pairs]
        gaps.append((sum(a for a, _ in sample) - sum(b for _, b in sample)) / len(sample))
    gaps.sort()
    return gaps[int(0.025 * draws)], gaps[min(int(0.975 * draws), draws - 1)]


def reading(status: str) -> str:
    """How a user meets a status: a fact (the report's factual section, the ACLED rows), background
    (``historical``) or not a fact (``hypothetical``, ``negated``, ``future``)."""
    if status in NON_FACTUAL:
        return "not a fact"
    return "fact" if status not in OUTSIDE_FACTS else "background"


def why_not_coded(judged: Judged) -> str:
    """The judge's reason an event is not coded: B's guide section, else A's ``event:`` error class."""
    if judged.section:
        return f"section {judged.section}"
    classes = [err.split(":")[1] for err in judged.errors if err.startswith("event:")]
    return classes[0] if classes else "unstated"


def status_table(events: list[dict[str, object]], gold: dict[Key, Judged]) -> dict[str, Counter[str]]:
    """Main's status of every judged event, by row (coded: the judge's status; not coded: the judge's
    reason), counted by status and by reading; events no one judged are one row of their own."""
    table: dict[str, Counter[str]] = {}
    for event in events:
        judged = gold.get(event_key(event))
        if judged is None:
            row = "unjudged"
        elif judged.coded and judged.gold is not None:
            row = f"coded, guide status {judged.gold['status']}"
        else:
            row = f"not coded: {why_not_coded(judged)}"
        status = str(event["status"])
        for name in (row, "coded, all" if row.startswith("coded") else "not coded, all" if row != "unjudged" else ""):
            if name:
                table.setdefault(name, Counter()).update([status, reading(status)])
    return dict(sorted(table.items()))


FACT_STATUSES = ("asserted", "reported")


def factual_section(table: dict[str, Counter[str]]) -> tuple[int, int, int, int]:
    """What a user reads as facts: (events given a fact status, those the guide codes, those the guide codes
    with a fact status itself, recorded events the guide codes with a fact status) -- the precision of the
    report's factual section and of the ACLED rows, and how many of the guide's facts reach it."""
    shown = sum(counts["fact"] for row, counts in table.items() if row in ("coded, all", "not coded, all", "unjudged"))
    coded = table.get("coded, all", Counter())["fact"]
    rows = [table.get(f"coded, guide status {status}", Counter()) for status in FACT_STATUSES]
    right = sum(counts["fact"] for counts in rows)
    facts = sum(counts[name] for counts in rows for name in ("fact", "background", "not a fact"))
    return shown, coded, right, facts


def status_report(table: dict[str, Counter[str]]) -> list[str]:
    """One line per row: the count, the three readings, then main's statuses; last, the factual section."""
    lines = []
    for row, counts in table.items():
        readings = "  ".join(f"{name} {counts[name]}" for name in ("fact", "background", "not a fact"))
        statuses = ", ".join(f"{s} {n}" for s, n in counts.most_common()
                             if s not in ("fact", "background", "not a fact"))
        lines.append(f"{row:<48} {sum(counts[r] for r in ('fact', 'background', 'not a fact')):4d}  "
                     f"{readings}  ({statuses})")
    shown, coded, right, facts = factual_section(table)
    lines.append(f"factual section (fact statuses): {shown} events; the guide codes {coded} ({coded / max(shown, 1):.3f}), "
                 f"with a fact status {right} ({right / max(shown, 1):.3f}); "
                 f"of the {facts} recorded events the guide codes as facts, {right} are shown as facts")
    return lines


@dataclass(frozen=True, slots=True)
class Agreement:
    """Two judgements of the same events: coded-or-not and per field on the events both code."""

    shared: int
    coded_pairs: list[tuple[bool, bool]]
    field_same: dict[str, int]
    both_coded: int
    disagreements: Counter[str]


def agreement(a: dict[Key, Judged], b: dict[Key, Judged]) -> Agreement:
    keys = sorted(set(a) & set(b))
    pairs = [(a[k].coded, b[k].coded) for k in keys]
    field_same: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    both = 0
    for k in keys:
        ja, jb = a[k], b[k]
        if ja.coded != jb.coded:
            kinds["coded by A only: " + (jb.section or "?") if ja.coded else "coded by B only"] += 1
            continue
        if not ja.coded or ja.gold is None or jb.gold is None:
            continue
        both += 1
        for name in FIELDS:
            agree_here = same(name, ja.gold[name], jb.gold[name])
            field_same[name] += agree_here
            kinds[f"both code, {name} differs"] += not agree_here
    return Agreement(len(keys), pairs, dict(field_same), both, +kinds)


def agreement_report(result: Agreement) -> dict[str, object]:
    pairs = result.coded_pairs
    low, high = bootstrap_kappa(pairs)
    gap_low, gap_high = bootstrap_gap(pairs)
    both = max(result.both_coded, 1)
    return {"events": result.shared, "coded_by_A": sum(a for a, _ in pairs), "coded_by_B": sum(b for _, b in pairs),
            "coded_raw_agreement": round(sum(a == b for a, b in pairs) / max(len(pairs), 1), 3),
            "coded_kappa": round(cohen_kappa(pairs), 3), "coded_kappa_95": [round(low, 3), round(high, 3)],
            "precision_gap_A_minus_B_95": [round(gap_low, 3), round(gap_high, 3)],
            "both_coded": result.both_coded,
            **{f"{name}_agreement": f"{result.field_same.get(name, 0)}/{result.both_coded} "
                                     f"({result.field_same.get(name, 0) / both:.3f})" for name in FIELDS},
            "disagreements": dict(result.disagreements.most_common())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, nargs="?", help="an event export (jsonl)")
    parser.add_argument("--judge", choices=["A", "B", "both"], default="A", help="whose judgement scores (A: seeds1)")
    parser.add_argument("--agreement", action="store_true", help="the two judges' agreement (no export needed)")
    parser.add_argument("--classes", action="store_true", help="main's error classes by count")
    parser.add_argument("--status", action="store_true",
                        help="main's status of the judged events by the judge's call: fact, background, not a fact")
    args = parser.parse_args()
    if args.agreement:
        print(json.dumps(agreement_report(agreement(load_gold(GOLD), load_gold(GOLD_B))), indent=1))
    if args.export is None:
        if not args.agreement:
            parser.error("give an event export, or --agreement")
        return
    events = [json.loads(line) for line in args.export.read_text(encoding="utf-8").splitlines() if line.strip()]
    judges = ["A", "B"] if args.judge == "both" else [args.judge]
    print(json.dumps({judge: report(score(events, load_gold(JUDGES[judge]))) for judge in judges}, indent=1))
    if args.status:
        for judge in judges:
            print(f"judge {judge}: main's status by the judge's call (fact = asserted or reported)")
            print("\n".join(status_report(status_table(events, load_gold(JUDGES[judge])))))
    if args.classes:
        for judge in judges:
            gold = load_gold(JUDGES[judge])
            counts = Counter((err, judged.coded) for judged in gold.values() for err in judged.errors)
            for (err, coded), n in counts.most_common():
                print(f"{judge} {n:3d}  {err}  ({'coded event' if coded else 'event the guide does not code'})")


if __name__ == "__main__":
    main()
