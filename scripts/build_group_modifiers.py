"""Build the actor stage's vocabulary of group modifiers (issue 13, actors; ``make models``).

A *described group* is a party named by what its members are, not by a name: "Kurdish
fighters", "Sunni militants", "Islamic fundamentalists", "Christian militiamen". The actor
stage composes such a phrase (``stages/actors/groups.py``) from a **modifier** (an ethnic or
religious adjective) and a **group head** (any agent noun of the KB, which gives the sector).
This script writes the modifiers the KB and the PETRARCH2 dictionaries already hold; the
parse's NORP entities add the others at run time.

Sources (nothing is typed in here):

- ``Phoenix.agents.txt`` (PETRARCH2, MIT; ``../shared/data/actors/petrarch2``): every
  one-word agent whose CAMEO code is a religion code (``[~MUS]`` ISLAMIC, MUSLIM, SUNNI,
  ISLAMIST; ``[~CHR]`` CHRISTIAN; ``[~JEW]`` JEWISH …). The KB's sector list has no ``MUS``,
  so ``convert_petrarch2.py`` leaves the Muslim words out of the agents; here they are
  modifiers only. Role nouns of the same codes ("imam", "bishop") come along: the stage takes
  a modifier only when it is capitalised in the text, which a role noun before another noun
  seldom is.
- the KB's ethnic and religious groups (``kind: ethnic_religious_group``, curated): the first
  word of each alias ("Kurdish people" -> ``kurdish``; "Alawite community" -> ``alawite``;
  "Bosniak" -> ``bosniak``), unless that word names a state or is a state's demonym (the
  stage composes those already: "Iraqi Kurds"). The group's country, when the KB gives one,
  goes with the word; else the stage takes the country from the document.

Writes ``src/sitrep/stages/actors/group_modifiers.csv`` (``word,country,source``), sorted.
Deterministic.

Usage: ``python scripts/build_group_modifiers.py [--src DATA_DIR/actors/petrarch2]``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sitrep.kb.load import load_kb  # noqa: E402
from sitrep.kb.normalize import key  # noqa: E402

OUT = REPO / "src" / "sitrep" / "stages" / "actors" / "group_modifiers.csv"
AGENT_FILE = "Phoenix.agents.txt"
#: CAMEO religion codes (CAMEO manual, religion codes table): the first three letters of an
#: agent's code that make the agent a religious group or one of its members
RELIGION_CODES = frozenset({"REL", "MUS", "CHR", "JEW", "HIN", "BUD", "JAN", "SIK", "TAO", "ZRO",
                            "CON", "SHI", "SUN", "ALE", "DOX", "CTH", "PRO", "MAR", "BAH", "ITH"})
_LINE = re.compile(r"^([A-Z][A-Z'\-]*)_?\s+\[~([A-Z]{3})")


def petrarch_modifiers(path: Path) -> dict[str, str]:
    """One-word religion-coded agents of the PETRARCH2 agents file -> source tag."""
    out: dict[str, str] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.partition("#")[0].strip()
        m = _LINE.match(line)
        if m and m.group(2) in RELIGION_CODES:
            out.setdefault(key(m.group(1)), f"petrarch2 agents:{n}")
    return out


def kb_modifiers() -> dict[str, tuple[str, str]]:
    """First words of the KB's ethnic/religious groups' aliases -> (country or "", source)."""
    kb = load_kb()
    out: dict[str, tuple[str, str]] = {}
    for actor in sorted(kb.actors.values(), key=lambda a: a.id):
        if actor.kind != "ethnic_religious_group" or actor.provenance != "curated":
            continue
        for alias in actor.aliases:
            first = key(alias).split(" ")[0]
            if not first.isalpha():
                continue
            claims = kb.aliases.get(first, [])
            if any(kb.actors[c.actor].kind == "state" for c in claims):
                continue  # "iraqi" in "Iraqi Kurds": a state's demonym
            country = actor.country or ""
            prev = out.get(first)
            if prev is not None and prev[0] != country:
                country = ""  # two groups of different countries share the word
            out[first] = (country, f"kb {actor.id}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=REPO.parent / "shared" / "data" / "actors" / "petrarch2")
    args = ap.parse_args()
    rows: dict[str, tuple[str, str]] = {w: ("", src) for w, src in petrarch_modifiers(args.src / AGENT_FILE).items()}
    for word, (country, src) in kb_modifiers().items():
        if word in rows:
            rows[word] = (country, rows[word][1] + "; " + src)
        else:
            rows[word] = (country, src)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["word", "country", "source"])
        for word in sorted(rows):
            writer.writerow([word, *rows[word]])
    print(f"wrote {len(rows)} modifiers to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
