"""Battles both sides fight in the incident record (issue 11, branch battle1; decisions §6b rule 1).

    python benchmarks/incidents_battles.py rebuild DB [--on]
    python benchmarks/incidents_battles.py score OFF.json ON.json --single-gold FILE --gold FILE \
        [--draw-limit N] [--armed-only]

``rebuild`` recomputes every incident of DB (a *copy* of a FA-KES database: it is written) with
``Settings.rollup_battles`` off or on (``--on``). ``score`` reads the JSON written by
``benchmarks/incidents_records_audit.py --split tune --json`` for the off and the on database on the
one-report and the two-report records gold (ON.json and OFF.json name the one-report files; the
two-report files are the same names with ``_single`` replaced by ``_pair``) and prints, for the
lines the rule governs, the actors and recipients outcomes off and on and their sum of right outcomes.

The lines the rule governs: the tune lines (every draw position below 240; lines of 240 or more are
never read here) that are real and whose gold ``actors`` hold two or more armed sides (a slot one of
whose ids the knowledge base holds as an armed group, a state's forces, the state or its
government, or a sector id of those: ``REB``, ``SYR_MIL``), plus the lines ``guide2`` and
``incaudit9`` re-judged by the rule (``NAMED``), whatever their gold holds now.

``--draw-limit N`` reads the lines whose draw positions are all below N (battle1: 240, the default;
battle2: 320); ``--armed-only`` leaves ``NAMED`` out: the governed lines are only those whose gold
actors hold two or more armed sides (battle2's bar). ``rebuild --frames`` makes the switch
``Settings.rollup_fight_frames`` (battle2; since battle3 the fight sides the events stage stores), set off or on
(``--on``) whatever the environment says.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from pathlib import Path
from typing import Any

import common  # noqa: F401  (puts the repository's src on sys.path)

#: the tune lines re-judged by the rule (guide2) or judged by it (incaudit9), per the task
NAMED = frozenset({"s25", "s27", "s43", "s66", "s67", "s74", "s80", "s87", "s89", "s97", "s98", "s111", "s120",
                   "s123", "s129", "s161", "s176", "s198", "g04", "g98", "s208", "s216", "s226", "s228"})
#: draw positions from this one on are never read (being judged on another branch)
DRAW_LIMIT = 240
ARMED_KINDS = frozenset({"armed_group", "military", "state", "government_body"})
ARMED_SECTOR = re.compile(r"(?:[A-Z]{3}_)?(?:REB|MIL|GOV|UAF|AF)")


def rebuild(db: Path, on: bool, switch: str = "rollup_battles") -> None:
    """Recompute every incident of DB with the ``Settings`` switch ``switch`` off or on."""
    from sitrep.incidents.settings import load_settings
    from sitrep.incidents.update import update_incidents
    from sitrep.store import Store

    settings = dataclasses.replace(load_settings(), **{switch: on})
    if switch == "rollup_fight_frames":  # battle2's switch reads fights with battle1's on (its default)
        settings = dataclasses.replace(settings, rollup_battles=True)
    with Store(db) as store:
        summary = update_incidents(store, settings=settings, rebuild_all=True)
    print(f"rebuilt {db} with {switch}={on}: {summary}", file=sys.stderr)


def armed_slot(slot: list[str], kinds: dict[str, str]) -> bool:
    return any(kinds.get(i) in ARMED_KINDS or ARMED_SECTOR.fullmatch(i) for i in slot)


def governed(gold: dict[str, Any], kinds: dict[str, str], limit: int = DRAW_LIMIT, named: bool = True) -> bool:
    if gold["split"] != "tune" or not gold["real"] or any(d >= limit for d in gold["draw"]):
        return False
    return (named and gold["id"] in NAMED) or sum(armed_slot(s, kinds) for s in gold.get("actors") or []) >= 2


def read_gold(path: Path, limit: int = DRAW_LIMIT) -> dict[str, dict[str, Any]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g["split"] == "tune" and all(d < limit for d in g["draw"]):
            out[g["id"]] = g
    return out


def outcomes(audit: Path) -> dict[str, dict[str, str]]:
    data = json.loads(audit.read_text(encoding="utf-8"))
    return {r["gold"]: {f: r["outcomes"].get(f, "") for f in ("actors", "recipients")} for r in data["incidents"]}


def score(off: Path, on: Path, golds: list[Path], limit: int = DRAW_LIMIT, named: bool = True) -> dict[str, Any]:
    from sitrep.kb import load_kb

    kinds = {a.id: a.kind for a in load_kb().actors.values()}
    lines = {}
    for gold_path, suffix in zip(golds, ("_single", "_pair"), strict=True):
        off_out = outcomes(Path(str(off).replace("_single", suffix)))
        on_out = outcomes(Path(str(on).replace("_single", suffix)))
        for gid, g in read_gold(gold_path, limit).items():
            if governed(g, kinds, limit, named) and gid in off_out:
                lines[gid] = {"off": off_out[gid], "on": on_out[gid]}
    right = {side: sum(v[side][f] == "right" for v in lines.values() for f in ("actors", "recipients"))
             for side in ("off", "on")}
    return {"lines": len(lines), "actors+recipients right": right, "per line": lines}


def parser_with_rebuild(description: str) -> tuple[argparse.ArgumentParser, Any]:
    """A command line with the ``rebuild DB [--on]`` subcommand (this script's and
    ``incidents_own_side.py``'s) and room for more subcommands (the second value)."""
    ap = argparse.ArgumentParser(description=description)
    sub = ap.add_subparsers(dest="cmd", required=True)
    rb = sub.add_parser("rebuild")
    rb.add_argument("db", type=Path)
    rb.add_argument("--on", action="store_true")
    rb.add_argument("--frames", action="store_true", help="the switch is Settings.rollup_fight_frames (battle2, battle3)")
    return ap, sub


def main() -> None:
    ap, sub = parser_with_rebuild(__doc__.splitlines()[0])
    sc = sub.add_parser("score")
    sc.add_argument("off", type=Path)
    sc.add_argument("on", type=Path)
    sc.add_argument("--single-gold", type=Path, default=common.REPO / "benchmarks/data/fakes_incident_records_single_gold.jsonl")
    sc.add_argument("--gold", type=Path, default=common.REPO / "benchmarks/data/fakes_incident_records_gold.jsonl")
    sc.add_argument("--draw-limit", type=int, default=DRAW_LIMIT)
    sc.add_argument("--armed-only", action="store_true")
    args = ap.parse_args()
    if args.cmd == "rebuild":
        rebuild(args.db, args.on, "rollup_fight_frames" if args.frames else "rollup_battles")
    else:
        print(json.dumps(score(args.off, args.on, [args.single_gold, args.gold], args.draw_limit,
                               not args.armed_only), indent=1))


if __name__ == "__main__":
    main()
