"""Build sitrep's derived PLOVER verb lexicon from the PETRARCH2 CAMEO verb dictionary.

Inputs (read at run time, never copied into the repository):

* ``actors/petrarch2/CAMEO.2.0.txt`` — PETRARCH2 CAMEO verb pattern dictionary (MIT,
  openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf);
* ``events/CAMEO2PLOVER-2021.txt`` — CAMEO → PLOVER conversion table (CC BY-SA 4.0,
  openeventdata/PLOVER @ 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f).

Output: ``src/sitrep/stages/events/data/cameo_plover_verbs.json`` with a ``provenance``
block, ``verbs`` (verb lemma or verb+particle phrase → CAMEO code, PLOVER category and
mode) and ``patterns`` (verb + words that must occur around it → code; a null category
means the pattern suppresses the event, e.g. "killed in an accident"). The output is
CC BY-SA 4.0 because it is derived from the CAMEO2PLOVER table.

Our own decisions (recorded in the provenance block):

* CAMEO 01x (public statements) is not an event in PLOVER and is dropped;
* CAMEO 02x (appeals) has no row in the 2021 table and is mapped to REQUEST, which the
  PLOVER manual defines as "all requests, demands, and orders";
* the table's older mode names are mapped to the manual's modes (assassinate/massacre →
  targeted, ban/political → restrict, 195 "employ aerial weapons" → aerial); modes the
  manual does not define for the category are dropped.

Usage: ``python scripts/convert_cameo_verbs.py [--shared ../shared/data]``. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
from sitrep.errors import SitrepError  # noqa: E402

OUT = REPO / "src" / "sitrep" / "stages" / "events" / "data" / "cameo_plover_verbs.json"

#: modes the PLOVER manual (2.0 draft, 2024) defines per category
MANUAL_MODES: dict[str, set[str]] = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
MODE_RENAMES = {"assassinate": "targeted", "massacre": "targeted", "ban": "restrict",
                "political": "restrict"}
#: per-code corrections to the 2021 table, each justified by the manual's mode definitions
CODE_OVERRIDES = {
    "195": ("ASSAULT", "aerial"),   # "Employ aerial weapons": the manual has an aerial mode
    "1712": ("ASSAULT", "destroy"),  # "Destroy property": ASSAULT destroy, not "seize"
}

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")


def read_plover_table(path: Path) -> dict[str, tuple[str, str | None]]:
    """CAMEO code → (PLOVER category, manual mode or None)."""
    table: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{3,4}):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        category = parts[0].upper()
        mode = parts[1].lower() if len(parts) > 1 and parts[1] else None
        mode = MODE_RENAMES.get(mode, mode) if mode else None
        if mode not in MANUAL_MODES.get(category, set()):
            mode = None
        table.setdefault(m.group(1), (category, mode))
    table.update(CODE_OVERRIDES)
    return table


def to_plover(code: str, table: dict[str, tuple[str, str | None]]) -> tuple[str, str | None] | None:
    """Map a CAMEO code, falling back to its parent codes; 01x → None, 02x → REQUEST."""
    if code.startswith("01"):
        return None
    if code.startswith("02"):
        return ("REQUEST", None)
    for n in (len(code), 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return None


def primary_code(raw: str) -> str | None:
    """'042:043' → '042'; '---' → '---'; ':110' → None."""
    raw = raw.strip()
    if raw.startswith("---"):
        return "---"
    first = raw.split(":", 1)[0].strip()
    return first if re.fullmatch(r"\d{2,4}", first) else None


def read_sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        if line.startswith("&"):
            current = line.split()[0].rstrip("_")
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(word_form(line[1:].split("#")[0].strip()))
        elif not line.strip():
            current = None
    return sets


def word_form(token: str) -> str:
    return token.strip("_").replace("_", " ").lower()


def pattern_slots(text: str, sets: dict[str, list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Split a pattern at '*' into slots before/after; each slot lists alternatives."""
    before, _, after = text.partition("*")

    def slots(part: str) -> list[list[str]]:
        out: list[list[str]] = []
        for tok in re.findall(r"[&A-Z0-9'][A-Z0-9_'\-]*", part):
            if tok.startswith("&"):
                alts = sets.get(tok.rstrip("_"), [])
                if alts:
                    out.append(sorted(set(alts)))
            else:
                out.append([word_form(tok)])
        return out

    return slots(before), slots(after)


def convert(cameo_path: Path, table_path: Path) -> dict:
    lines = cameo_path.read_text(encoding="utf-8", errors="replace").splitlines()
    table = read_plover_table(table_path)
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    end = next(i for i, line in enumerate(lines) if line.startswith("######## TRANSFORMATIONS"))
    sets = read_sets(lines[:start])
    verbs: dict[str, dict] = {}
    patterns: list[dict] = []
    block_verbs: list[str] = []
    block_code: str | None = None
    for line in lines[start + 1:end]:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        head = HEADER.match(line)
        if head:
            block_code = primary_code(head.group(2))
            block_verbs = []
            continue
        if body.startswith("-"):
            m = CODE.search(body)
            code = primary_code(m.group(1)) if m else None
            if code is None or not block_verbs:
                continue
            text = CODE.sub("", body[1:])
            before, after = pattern_slots(text, sets)
            if not before and not after:
                continue
            mapped = None if code == "---" else to_plover(code, table)
            if code != "---" and mapped is None:
                continue
            patterns.append({
                "verbs": sorted(set(block_verbs)), "before": before, "after": after,
                "cameo": None if code == "---" else code,
                "category": mapped[0] if mapped else None, "mode": mapped[1] if mapped else None,
            })
            continue
        # a synonym line: WORD [{forms}] [code]
        token = body.split()[0]
        if re.search(r"_(AND|OR)$|_(AND|OR)_", token):
            continue  # coordination fragments ("KILLED_AND"), not lemmas
        lemma = word_form(token.lstrip("+"))
        block_verbs.append(lemma)
        m = CODE.search(body)
        code = primary_code(m.group(1)) if m else block_code
        if code in (None, "---"):
            continue
        mapped = to_plover(code, table)
        if mapped is None or lemma in verbs:
            continue
        verbs[lemma] = {"cameo": code, "category": mapped[0], "mode": mapped[1]}
    return {
        "provenance": {
            "generated_by": "scripts/convert_cameo_verbs.py",
            "licence": "CC BY-SA 4.0 (derived from CAMEO2PLOVER-2021, CC BY-SA 4.0, and "
                       "PETRARCH2 CAMEO.2.0 verb dictionary, MIT)",
            "sources": [
                {"file": "CAMEO.2.0.txt", "repo": "openeventdata/petrarch2",
                 "path": "petrarch2/data/dictionaries/CAMEO.2.0.txt",
                 "commit": "676801cd9cb2924bbbad09f86d15c9323e7097bf", "licence": "MIT"},
                {"file": "CAMEO2PLOVER-2021.txt", "repo": "openeventdata/PLOVER",
                 "path": "CAMEO2PLOVER-2021.txt",
                 "commit": "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f", "licence": "CC BY-SA 4.0"},
            ],
            "decisions": [
                "CAMEO 01x (public statements) dropped: not a PLOVER event",
                "CAMEO 02x (appeal) mapped to REQUEST (absent from the 2021 table)",
                "modes renamed to PLOVER manual 2.0 modes: " + json.dumps(MODE_RENAMES),
                "code overrides: " + json.dumps(CODE_OVERRIDES),
                "patterns with code [---] kept with category null: they suppress an event",
            ],
        },
        "verbs": dict(sorted(verbs.items())),
        "patterns": patterns,
    }


def find_shared() -> Path:
    from sitrep.datasets import shared_data_dir

    try:
        return shared_data_dir(REPO)
    except SitrepError as exc:
        raise SystemExit(str(exc)) from exc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared data folder (default: $SITREP_SHARED/data or ../shared/data)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    shared = args.shared or find_shared()
    data = convert(shared / "actors" / "petrarch2" / "CAMEO.2.0.txt",
                   shared / "events" / "CAMEO2PLOVER-2021.txt")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['verbs'])} verbs, {len(data['patterns'])} patterns")


if __name__ == "__main__":
    main()
