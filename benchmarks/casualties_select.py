"""Pick FA-KES development rows likely to hold the casualty classes tune lacks (issue 12).

The rule was written and committed before any row it picks was read (2026-12-03, late):

1. the order is `fakes_split.py sample 408 --seed 1212` (every development row, even
   `unit_id`; its first 166 rows are the gold set already, a prefix of this order);
2. the split of a row is its position in that order, as for every row of the gold:
   position 1, 3, 5, … (1-based) `tune`, 2, 4, 6, … `check`;
3. a row after position 166 is a candidate when its `article_content` matches at least two
   of the four cue groups below (case-insensitive regular expressions on the raw cell, no
   parse, no sitrep output): several tolls, a war-wide total, a round-up word, a source-only
   sentence right after a sentence;
4. candidates are taken in sample order. This round labels the first N = 9 candidates whose
   position is a `tune` one; the `check` candidates between them are listed (so the rule's
   check share is visible) but not labelled or read.

Run: `python3 benchmarks/casualties_select.py [N]` (prints JSON Lines: document, position,
split, cue groups matched). It prints row references and counts only, never text.

Round 3 (2026-12-03, night 2; written and committed before any row it picks was read):
`python3 benchmarks/casualties_select.py --round 3 [N]`. Same order and same position split;
rows after position 166 that rounds 1–2 did not already pick. Two cue groups are added for the
classes the check half still misses: `period_total` (a toll counted over a period phrased like
an event's: "since the strikes began", "since the start of the Russian campaign", "this year",
"so far this month") and `two_sources` (at least two different source names: the Observatory,
SANA / state media, activists, a ministry, the civil defence / White Helmets, a military
source, local sources). A row is a candidate when it matches at least two of the six groups
and at least one of `period_total`, `two_sources`, `source_next_sentence`; the first N = 6
candidates at `tune` positions are labelled; the `check` candidates between them are listed,
never read or labelled.

Round 4 (2026-12-03, night 3; written and committed before any row it picks was read):
`python3 benchmarks/casualties_select.py --round 4 [N]`. Same order and same position split;
rows after position 166 that rounds 1–3 did not already pick. Three cue groups are added for
the classes the brief of branch casualties8 names (main-killed: cumulative vs incident, updated
tolls, tolls in headline vs body; attribution: activists, officials, agencies, the outlet):
`updated_toll` (a toll that "rose to" / "has risen to" / "climbed to" / "increased to" or an
"earlier toll"), `headline_toll` (the `article_title` cell holds a number next to a killed /
wounded word and the content holds at least two different toll numbers) and `other_sources`
(a source outside the round-3 list: officials, an official, a spokesman, residents, witnesses,
medics / doctors, a news agency named AFP / Reuters / AP / Anadolu / TASS / RIA, "a source").
A row is a candidate when it matches at least two of the nine groups and at least one of the
three new ones; the first N = 8 candidates at `tune` positions are labelled; the `check`
candidates between them are listed, never read or labelled.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

#: the shared folder: ``$SITREP_SHARED`` as the tests and every other benchmark read it, else ``../shared``
SHARED = Path(os.environ.get("SITREP_SHARED", str(Path(__file__).resolve().parents[2] / "shared")))
TOOL = SHARED / "tools" / "fakes_split.py"
GOLD_ROWS = 166

_TOLL = re.compile(r"\b(\d[\d,]*|dozens|scores|hundreds|thousands)\b[^.]{0,40}?\b(killed|dead|died|wounded|injured)\b", re.I)
CUES = {
    "several_tolls": lambda t: len(_TOLL.findall(t)) >= 4,
    "war_total": re.compile(r"(war|conflict|fighting|violence)\s+(has|had|have)\s+(killed|left|claimed)"
                            r"|since\s+(the\s+(start|beginning|outbreak)|march\s+2011|2011)|death toll .{0,30}since",
                            re.I).search,
    "round_up": re.compile(r"\b(elsewhere|separately|meanwhile|in another (attack|strike|incident)|"
                           r"in a separate)\b", re.I).search,
    "source_next_sentence": re.compile(r"\.\s+(according to [^.]{3,60}\.|[^.]{0,40}\b(observatory|monitor|activists|"
                                       r"sources?|ministry|sana)\b[^.]{0,30}\b(said|reported|says)\.)", re.I).search,
}

# round 3 (night 2): the classes the check half still misses
_SOURCE_NAMES = {
    "observatory": re.compile(r"\bobservatory\b|\bSOHR\b", re.I),
    "state_media": re.compile(r"\bSANA\b|state (media|news agency|television|tv)", re.I),
    "activists": re.compile(r"\bactivists?\b", re.I),
    "ministry": re.compile(r"\bministry\b", re.I),
    "civil_defence": re.compile(r"civil defen[cs]e|white helmets", re.I),
    "military_source": re.compile(r"military source|security source", re.I),
    "local_sources": re.compile(r"local sources|local (co-?ordination )?committees?", re.I),
}
CUES_ROUND3 = dict(CUES)
CUES_ROUND3["period_total"] = re.compile(
    r"since\s+(the\s+)?(russian\s+|russia's\s+|coalition\s+|us-led\s+)?(air\s*strikes|strikes|bombing|raids|"
    r"campaign|intervention|offensive|operations?)\s+(began|started)"
    r"|since\s+the\s+(start|beginning)\s+of\s+(the\s+)?(russian|russia's|its|coalition|us-led|air)"
    r"|\bthis\s+year\b|so\s+far\s+this\s+(year|month)", re.I).search
CUES_ROUND3["two_sources"] = lambda t: sum(bool(rx.search(t)) for rx in _SOURCE_NAMES.values()) >= 2
TARGETED_ROUND3 = {"period_total", "two_sources", "source_next_sentence"}
# round 4 (night 3): main-killed and attribution classes named in the brief
CUES_ROUND4 = dict(CUES_ROUND3)
CUES_ROUND4["updated_toll"] = re.compile(
    r"\b(rose|risen|climbed|jumped|increased|raising|raised|bringing|brought)\s+(the\s+\w+\s+)?(toll\s+)?to\s+"
    r"(at\s+least\s+|more\s+than\s+|over\s+|nearly\s+)?\d|earlier\s+(death\s+)?toll", re.I).search
CUES_ROUND4["other_sources"] = re.compile(
    r"\bofficials?\s+(said|say|told)|\bspokes(man|woman|person)\b|\b(residents|witnesses|medics|doctors)\s+(said|say|told)"
    r"|\b(AFP|Reuters|AP|Anadolu|TASS|RIA)\b|\ba\s+(security\s+|medical\s+|local\s+)?source\b", re.I).search
TARGETED_ROUND4 = {"updated_toll", "headline_toll", "other_sources"}
PICKED_ROUND_3 = {f"FA-KES-Dataset.csv#row{n}" for n in (454, 256, 303, 237, 634, 555)}
PICKED_ROUNDS_1_2 = {f"FA-KES-Dataset.csv#row{n}" for n in (306, 548, 194, 549, 377, 82, 450, 456, 190)}


def _headline_toll(title: str, content: str) -> bool:
    """Round 4's `headline_toll`: a toll in the title and two different toll numbers in the content."""
    if not _TOLL.search(title or ""):
        return False
    return len({m.group(1).lower() for m in _TOLL.finditer(content)}) >= 2


def main() -> None:
    args = sys.argv[1:]
    round3 = round4 = False
    if args[:1] == ["--round"]:
        round3 = args[1] == "3"
        round4 = args[1] == "4"
        args = args[2:]
    want = int(args[0]) if args else (8 if round4 else 6 if round3 else 9)
    cues = CUES_ROUND4 if round4 else CUES_ROUND3 if round3 else CUES
    import csv
    with open(SHARED / "data" / "corpus" / "fakes" / "FA-KES-Dataset.csv", encoding="utf-8",
              errors="replace", newline="") as f:
        rows = {f"FA-KES-Dataset.csv#row{n}": r for n, r in enumerate(csv.DictReader(f), 1)}
    text = {doc: r["article_content"] for doc, r in rows.items()}
    out = subprocess.run([sys.executable, str(TOOL), "sample", "408", "--seed", "1212"],
                         check=True, capture_output=True, text=True).stdout
    taken = 0
    for position, line in enumerate(out.splitlines(), start=1):
        if position <= GOLD_ROWS or not line.strip():
            continue
        document = json.loads(line)["document"]
        if (round3 or round4) and document in PICKED_ROUNDS_1_2:
            continue
        if round4 and document in PICKED_ROUND_3:
            continue
        hits = [name for name, test in cues.items() if test(text[document])]
        if round4 and _headline_toll(rows[document]["article_title"], text[document]):
            hits.append("headline_toll")
        if len(hits) < 2 or (round3 and not TARGETED_ROUND3 & set(hits)):
            continue
        if round4 and not TARGETED_ROUND4 & set(hits):
            continue
        split = "tune" if position % 2 == 1 else "check"
        print(json.dumps({"document": document, "position": position, "split": split, "cues": hits}))
        taken += split == "tune"
        if taken >= want:
            break


if __name__ == "__main__":
    main()
