"""Reach on real news of the actor readings that fix only PLOVER tune records (issue 13, plover1).

``actors_plover_ablation.py`` finds three readings of the actor stage whose only measured effect is
on PLOVER GSR tune records (7, 15, 58, 59): the described-group grammar (``groups.DESCRIBED_GROUPS``),
its NER path for an unknown ethnic name (``groups.UNPLACED_LABELS``) and the near spelling of a
state the NER left out (``context.UNLABELLED_STATES``). The FA-KES tune gold shows no effect; this
counts what each does on unlabelled development text: the first ``--limit`` FA-KES development
articles (even ``unit_id``; held-out rows are never read) that are not articles of the events gold's
check half (``benchmarks/data/fakes_events_gold.jsonl``, split ``check``), parsed once, the actor stage run with
the reading on and off; the mentions (span, country, sector) that differ are counted and listed
with their surface on the console (the file keeps references only), so that a reader can judge them. No gold, no tuning: a reach count.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/actors_plover_reach.py
[--limit 150]``. Writes ``benchmarks/results/actors_plover_reach.json``.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from actors_plover_ablation import MECHANISMS, switched  # noqa: E402
from common import REPO, fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.records import Document  # noqa: E402
from sitrep.stages.actors import ActorStage  # noqa: E402
from sitrep.stages.base import Analysis  # noqa: E402
from sitrep.stages.parse import ParseStage  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "actors_plover_reach.json"
GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
READINGS = ("described_groups", "ner_group_modifiers", "unlabelled_states")


def mentions(stage: ActorStage, parsed: Analysis) -> set[tuple[int, int, str, str | None, str | None]]:
    done = stage(parsed)
    actors = {a.id: a for a in done.actors}
    return {(m.start, m.end, m.text, actors[m.actor].country, actors[m.actor].sector) for m in done.mentions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=150)
    args = parser.parse_args()
    nlp = load_nlp()
    parse, stage = ParseStage(nlp), ActorStage(nlp)
    check = {json.loads(line)["unit_id"] for line in GOLD.read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line).get("split") == "check"}
    rows = [r for r in fakes_dev_rows() if r.get("article_content") and r["unit_id"] not in check][:args.limit]
    parsed = [parse(Analysis(document=Document(id=r["unit_id"], sha256=r["unit_id"], text=r["article_content"])))
              for r in rows]
    base = [mentions(stage, a) for a in parsed]
    result: dict[str, Any] = {"articles": len(parsed)}
    for name in READINGS:
        with switched(MECHANISMS[name][0]):
            off = [mentions(stage, a) for a in parsed]
        added = [(r["unit_id"], *m) for r, on_m, off_m in zip(rows, base, off, strict=True) for m in sorted(on_m - off_m)]
        removed = [(r["unit_id"], *m) for r, on_m, off_m in zip(rows, base, off, strict=True) for m in sorted(off_m - on_m)]
        result[name] = {"mentions_with_it_only": len(added), "mentions_without_it_only": len(removed),
                        # references only (unit_id, offsets): no text of the corpus in the repository
                        "with_it": [{"unit_id": u, "start": s, "end": e, "country": c, "sector": sec}
                                    for u, s, e, _, c, sec in added],
                        "without_it": [{"unit_id": u, "start": s, "end": e, "country": c, "sector": sec}
                                       for u, s, e, _, c, sec in removed]}
        print(name, len(added), len(removed), "with:", [(x[3], x[4], x[5]) for x in added[:40]],
              "without:", [(x[3], x[4], x[5]) for x in removed[:20]], flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
