"""War-wide and period totals against an attack's toll, on sitrep's own sentences (issue 12; branch
war2, 2026-12-07).

Data: ``benchmarks/data/casualties_war_totals_sentences.jsonl``, written for the project (never taken
from a data set) before the casualty rules' word lists were read. One item per number: the short
text ``before + sentence + after`` (``before`` is a lead with its own attack toll, a headline without
a number, or nothing), the figure's ``kind`` and ``value`` and its label:

* ``war``: a war-wide or campaign-wide cumulative total ("the war has killed 400,000",
  "bringing to 86 the number killed in the offensive");
* ``period``: a total over a named period ("in September", "this week", "in 2016");
* ``toll``: one attack's toll, often in a sentence that also names the war ("the deadliest attack
  since the conflict began").

``war`` and ``period`` figures are ``war_total`` in the casualty gold's guide: neither may sit on an
event. The split (``split`` in the file) is the seeded one of ``split_of`` below, written down and
committed with the file before any measurement: the items are grouped by sentence (a sentence with
two numbers gives two items that stay together), the groups of each stratum (the label, or "pair"
for a two-number sentence) are sorted by their first id, shuffled with ``random.Random(SEED)`` and
dealt alternately to ``tune`` and ``check`` (tune first). Only the tune half's misses are studied.

Per half it prints: war and period totals attached to an event (target 0), attack tolls lost (not
on any event, whatever the reason), and each item's reading (``--items``).

Usage: ``OMP_NUM_THREADS=1 SITREP_SHARED=/work/shared python benchmarks/casualties_war_totals.py
[--half tune|check|all] [--items] [--write-split]``; ``--fakes-tune`` prints the FA-KES casualty
gold's tune-half figures instead (its check half is not run). The two time-span readings war2
measured with this script failed their bar and were removed with their ``--switch`` and
``--fakes-lowo`` modes (tidy2; the code last exists at ``fdda7b9d``, docs/benchmarks/pruned.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

DATA = REPO / "benchmarks" / "data" / "casualties_war_totals_sentences.jsonl"
#: the split's seed (chosen 2026-12-07 09:40 UTC, before any item was run through sitrep)
SEED = 20261207
STAGES = ["actors", "time", "place", "events", "quotes", "casualties"]
LABELS = ("war", "period", "toll")


@dataclasses.dataclass(frozen=True)
class Item:
    id: str
    label: str
    kind: str
    value: int
    before: str
    sentence: str
    after: str
    published: str
    split: str = ""

    @property
    def text(self) -> str:
        return self.before + self.sentence + self.after


@dataclasses.dataclass(frozen=True)
class Reading:
    """What sitrep made of one item: the scopes of the figures of its kind and value that start
    in its sentence, on events and loose."""
    item: Item
    on_event: tuple[str, ...]
    loose: tuple[str, ...]

    @property
    def wrong(self) -> bool:
        """A war or period total on an event, or an attack's toll on none."""
        return bool(self.on_event) if self.item.label != "toll" else not self.on_event


def load_items(path: Path = DATA) -> list[Item]:
    return [Item(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_of(items: Sequence[Item], seed: int = SEED) -> dict[str, str]:
    """The seeded split (see the module's docstring): item id -> ``tune`` or ``check``."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        groups[it.sentence].append(it)
    strata: dict[str, list[list[Item]]] = defaultdict(list)
    for members in groups.values():
        strata["pair" if len(members) > 1 else members[0].label].append(sorted(members, key=lambda m: m.id))
    rng = random.Random(seed)
    out: dict[str, str] = {}
    for name in sorted(strata):
        ordered = sorted(strata[name], key=lambda g: g[0].id)
        rng.shuffle(ordered)
        for n, group in enumerate(ordered):
            for it in group:
                out[it.id] = "tune" if n % 2 == 0 else "check"
    return out


def read_items(items: Iterable[Item]) -> list[Reading]:
    """Run the casualty pipeline on each item's text and read its figure."""
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    pipeline = build_pipeline(only=STAGES)
    out = []
    for it in items:
        doc = Document(id=it.id, sha256=it.id, text=it.text, published=it.published, publisher="Example Wire")
        analysis = next(pipeline.analyze([doc]))
        lo, hi = len(it.before), len(it.before) + len(it.sentence)

        def wanted(c, it: Item = it, lo: int = lo, hi: int = hi) -> bool:  # type: ignore[no-untyped-def]
            return lo <= c.start < hi and c.best == it.value and c.kind == it.kind

        on_event = tuple(c.scope for e in analysis.events for c in e.casualties if wanted(c))
        loose = tuple(c.scope for c in analysis.casualties if wanted(c))
        out.append(Reading(it, on_event, loose))
    return out


def summary(readings: Sequence[Reading]) -> dict[str, object]:
    totals = [r for r in readings if r.item.label != "toll"]
    tolls = [r for r in readings if r.item.label == "toll"]
    return {
        "items": len(readings),
        "war_period_totals": len(totals),
        "totals_on_events": sum(r.wrong for r in totals),
        "totals_on_events_ids": [r.item.id for r in totals if r.wrong],
        "totals_not_read": sum(not (r.on_event or r.loose) for r in totals),
        "tolls": len(tolls),
        "tolls_lost": sum(r.wrong for r in tolls),
        "tolls_lost_ids": [r.item.id for r in tolls if r.wrong],
        "tolls_not_read": sum(not (r.on_event or r.loose) for r in tolls),
    }


def fakes_tune(shared: Path) -> dict[str, object]:
    """The casualty scorer on the FA-KES gold's **tune** half only (the check half is not run):
    figure F1, main-killed, attribution, war totals on events, as ``sitrep eval casualties``."""
    from casualties_main_misses import tune_predictions

    from sitrep.stages.casualties.scorer import score

    gold, predicted = tune_predictions(shared)
    out = score(gold, predicted)
    return {k: v for k, v in out.items() if isinstance(v, (int, float)) or v is None} | {"articles": len(gold)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", choices=("tune", "check", "all"), default="tune")
    ap.add_argument("--items", action="store_true", help="print each item's reading")
    ap.add_argument("--write-split", action="store_true", help="write split_of into the data file")
    ap.add_argument("--fakes-tune", action="store_true", help="score the FA-KES casualty gold's tune half instead")
    args = ap.parse_args()
    if args.fakes_tune:
        from sitrep.datasets import fakes_data_dir

        print(json.dumps(fakes_tune(fakes_data_dir())))
        return
    items = load_items()
    if args.write_split:
        split = split_of(items)
        lines = [json.dumps({**dataclasses.asdict(it), "split": split[it.id]}, ensure_ascii=False) for it in items]
        DATA.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print({h: sum(v == h for v in split.values()) for h in ("tune", "check")})
        return
    halves = ("tune", "check") if args.half == "all" else (args.half,)
    chosen = [it for it in items if it.split in halves]
    readings = read_items(chosen)
    for half in halves:
        rs = [r for r in readings if r.item.split == half]
        print(json.dumps({"half": half, **summary(rs)}))
        if args.items:
            for r in rs:
                print(json.dumps({"id": r.item.id, "label": r.item.label, "value": r.item.value,
                                  "on_event": r.on_event, "loose": r.loose, "wrong": r.wrong}))


if __name__ == "__main__":
    main()
