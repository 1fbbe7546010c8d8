"""Triangles of the incident pair gold's tune half (issue 11): where "same" is not transitive.

Reads only the **tune** pairs of ``benchmarks/data/fakes_incident_pairs.jsonl`` (the check half's
labels are skipped before they are looked at) and lists, for every three reports A, B, C with
A~B and B~C labelled *same*:

- ``same-same-different``: A/C is a tune pair labelled *different*;
- ``same-same-unlabelled``: A/C is not a tune pair.

Each triangle is printed with its rows, the three labels and each pair's ``incident`` and
``note`` as the gold file holds them. No article text is read here.

    python benchmarks/incident_gold_triangles.py [--gold FILE] [--kind ssd|ssu|all]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "data" / "fakes_incident_pairs.jsonl"
SPLIT = "tune"


@dataclass(frozen=True)
class GoldPair:
    """One labelled tune pair, its two references ordered."""

    a: str
    b: str
    label: str
    incident: str | None
    note: str


@dataclass(frozen=True)
class Triangle:
    """Three reports whose pairs A/B and B/C are *same*; ``third`` is A/C (None when unlabelled)."""

    hub: str
    ends: tuple[str, str]
    first: GoldPair
    second: GoldPair
    third: GoldPair | None

    @property
    def kind(self) -> str:
        return "same-same-unlabelled" if self.third is None else f"same-same-{self.third.label}"


def _key(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x <= y else (y, x)


def load_pairs(lines: Iterable[str], split: str = SPLIT) -> dict[tuple[str, str], GoldPair]:
    """The pairs of ``split``, keyed by their ordered references; other splits are skipped unread."""
    pairs: dict[tuple[str, str], GoldPair] = {}
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("split") != split:
            continue
        a, b = _key(row["a"], row["b"])
        pairs[(a, b)] = GoldPair(a, b, row["label"], row.get("incident"), row.get("note") or "")
    return pairs


def find_triangles(pairs: dict[tuple[str, str], GoldPair]) -> list[Triangle]:
    """Every triangle with two *same* sides meeting at a report (the hub), in a stable order."""
    same: dict[str, set[str]] = {}
    for (a, b), pair in pairs.items():
        if pair.label == "same":
            same.setdefault(a, set()).add(b)
            same.setdefault(b, set()).add(a)
    found: list[Triangle] = []
    for hub in sorted(same, key=_row_order):
        for x, y in itertools.combinations(sorted(same[hub], key=_row_order), 2):
            third = pairs.get(_key(x, y))
            if third is not None and third.label == "same":
                continue  # a closed triangle: transitive, nothing to audit
            found.append(Triangle(hub, (x, y), pairs[_key(hub, x)], pairs[_key(hub, y)], third))
    return found


def _row_order(ref: str) -> tuple[int, str]:
    tail = ref.rsplit("#row", 1)
    return (int(tail[1]), ref) if len(tail) == 2 and tail[1].isdigit() else (sys.maxsize, ref)


def _short(ref: str) -> str:
    return ref.rsplit("#", 1)[-1]


def _describe(pair: GoldPair | None, x: str, y: str) -> str:
    if pair is None:
        return f"  {_short(x)}/{_short(y)}: (not a tune pair)"
    return f"  {_short(x)}/{_short(y)}: {pair.label} | incident: {pair.incident} | note: {pair.note}"


def render(triangles: list[Triangle], kinds: set[str]) -> list[str]:
    """Text lines: one block per triangle of the asked kinds, then counts per kind."""
    out: list[str] = []
    for tri in triangles:
        if tri.kind not in kinds:
            continue
        x, y = tri.ends
        out.append(f"[{tri.kind}] hub {_short(tri.hub)}, ends {_short(x)} and {_short(y)}")
        out.append(_describe(tri.first, tri.hub, x))
        out.append(_describe(tri.second, tri.hub, y))
        out.append(_describe(tri.third, x, y))
    for kind in sorted(kinds):
        out.append(f"{kind}: {sum(1 for t in triangles if t.kind == kind)}")
    return out


KINDS = {"ssd": {"same-same-different"}, "ssu": {"same-same-unlabelled"},
         "all": {"same-same-different", "same-same-unlabelled"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="the pair gold (JSON Lines)")
    parser.add_argument("--kind", choices=sorted(KINDS), default="all", help="which triangles to list")
    args = parser.parse_args(argv)
    with args.gold.open(encoding="utf-8") as fh:
        pairs = load_pairs(fh)
    for line in render(find_triangles(pairs), KINDS[args.kind]):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
