"""Derive the people nouns that may name the victims of an event (issue 13, branch events40).

The events stage reads a victim of force as a recipient when its head noun is a word of people
(``lexicon.yaml``'s ``victim_nouns``: "civilians", "children", …). That list was written by hand,
and the nouns it lacks grew with each fresh wave of the FA-KES gold ("medics", "the victims",
"students"). This script replaces growing it with a list derived from two openly licensed
resources the project already reads, and **never** from FA-KES:

1. the **PETRARCH2 agents dictionary** (MIT), as our KB script converted it
   (``src/sitrep/kb/petrarch2_agents.csv``, ``scripts/convert_petrarch2.py``): every one-word
   agent noun with its CAMEO sector ("medic" MED, "student" EDU, "victim" CVL);
2. two openly licensed English news texts, parsed with the project's spaCy model: the **NGEC
   synthetic stories** (``events/ngec_synthetic_events.csv``, MIT per the project's classifier)
   and the **NewsMTSC** sentences (``sentiment/newsmtsc/train.jsonl``, MIT). A noun counts as a
   *person* each time a relative clause on it is opened by "who" or "whom" ("the teachers who
   marched", "a nurse whom the guards beat") — English marks people, not things, that way — and
   as *harmed* each time it is the object or the passive subject of a harm verb (``lexicon.yaml``'s
   ``harm_verbs``; reported, not used to choose).

A noun is kept when it is an agent noun of the dictionary, named as a person at least
``--min-person`` times in the texts (the evidence that it names people, not a building, a
unit or a website; 2 by default, since one "who" clause hung on the wrong noun by the parser
makes a "kingdom" or a "regime" a person — seen on the list at 1, not chosen on any gold), is no hand-listed victim noun already, and its sector is not an armed one
(a soldier's, a rebel's or a militant's side is not told by the noun: the actor stage reads
those). The sector written is the dictionary's, or CVL where the coding guide has no such
sector (the scorer's equivalence table, ``scorer_sector_equivalents``, names the sectors it
knows).

Writes ``src/sitrep/stages/events/victim_agents.csv`` (noun lemma, sector, person and harmed
counts, provenance) — read only when ``arguments.VICTIM_AGENT_NOUNS`` is on. Parsing the texts
takes minutes on two cores: ``--counts FILE`` keeps the counts (JSON) and reuses them.

    python scripts/build_victim_nouns.py --shared /work/shared/data [--min-person 2] [--counts FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sitrep.stages.events.lexicon import HARM_VERBS, SECTOR_EQUIVALENTS, VICTIM_NOUNS  # noqa: E402

AGENTS = REPO / "src" / "sitrep" / "kb" / "petrarch2_agents.csv"
OUT = REPO / "src" / "sitrep" / "stages" / "events" / "victim_agents.csv"
NGEC = Path("events") / "ngec_synthetic_events.csv"
NEWSMTSC = Path("sentiment") / "newsmtsc" / "train.jsonl"
#: relative pronouns that open a clause on a person
PERSON_RELATIVES = frozenset({"who", "whom"})
#: sectors whose people fight: their side is not told by the noun (the actor stage reads them)
ARMED = frozenset({"MIL", "REB", "UAF", "COP", "PRM", "RAD", "IMG", "SPY", "CRM"})


def agent_nouns(path: Path = AGENTS) -> dict[str, tuple[str, str]]:
    """One-word agent nouns of the converted dictionary -> (sector, provenance), first entry wins."""
    out: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            noun = (row["noun"] or "").strip().lower()
            if noun and noun.isalpha() and noun not in out:
                out[noun] = (row["sector"], row["provenance"])
    return out


def evidence(texts: list[str], nlp) -> dict[str, Counter[str]]:  # type: ignore[no-untyped-def]
    """Lemma -> how often a noun is named as a person (a "who"/"whom" relative clause on it) and
    how often it is harmed (the object or the passive subject of a harm verb)."""
    person: Counter[str] = Counter()
    harmed: Counter[str] = Counter()
    for doc in nlp.pipe(texts, batch_size=32):
        for tok in doc:
            if tok.pos_ != "NOUN":
                continue
            lemma = tok.lemma_.lower()
            if any(c.dep_ == "relcl" and any(w.lower_ in PERSON_RELATIVES for w in c.children)
                   for c in tok.children):
                person[lemma] += 1
            if tok.dep_ in ("dobj", "obj", "nsubjpass") and tok.head.lemma_.lower() in HARM_VERBS:
                harmed[lemma] += 1
    return {"person": person, "harmed": harmed}


def guide_sector(sector: str) -> str:
    """The dictionary's sector when the scorer's table knows it, else CVL (unaffiliated people)."""
    known = {s for accepted in SECTOR_EQUIVALENTS.values() for s in accepted}
    return sector if sector in known else "CVL"


def derive(agents: dict[str, tuple[str, str]], counts: dict[str, Counter[str]],
           min_person: int) -> list[dict[str, str]]:
    rows = []
    person, harmed = counts["person"], counts["harmed"]
    for noun, (sector, provenance) in sorted(agents.items()):
        if noun in VICTIM_NOUNS or sector in ARMED or person[noun] < min_person:
            continue
        rows.append({"noun": noun, "sector": guide_sector(sector), "person": str(person[noun]),
                     "harmed": str(harmed[noun]), "provenance": f"petrarch2 {provenance} ({sector})"})
    return rows


def read_texts(shared: Path) -> list[str]:
    csv.field_size_limit(10_000_000)
    with (shared / NGEC).open(encoding="utf-8", newline="") as fh:
        texts = [row["text"] for row in csv.DictReader(fh) if row.get("text")]
    with (shared / NEWSMTSC).open(encoding="utf-8") as fh:
        texts += [json.loads(line)["sentence_normalized"] for line in fh if line.strip()]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="the shared data folder (holds events/)")
    parser.add_argument("--min-person", type=int, default=2)
    parser.add_argument("--counts", type=Path, default=None, help="JSON cache of the parsed texts' counts")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    from sitrep.nlp import load_nlp

    nlp = load_nlp()
    texts = read_texts(args.shared)
    if args.counts is not None and args.counts.exists():
        cached = json.loads(args.counts.read_text(encoding="utf-8"))
        counts = {k: Counter(v) for k, v in cached.items()}
    else:
        counts = evidence(texts, nlp)
        if args.counts is not None:
            args.counts.write_text(json.dumps(counts, sort_keys=True), encoding="utf-8")
    agents = agent_nouns()
    # an agent noun may be listed in its plural only ("taxpayers"): it is counted by its lemma
    merged: dict[str, tuple[str, str]] = {}
    for noun, value in agents.items():
        merged.setdefault(nlp(noun)[0].lemma_.lower(), value)
    rows = derive(merged, counts, args.min_person)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# derived by scripts/build_victim_nouns.py (--min-person {args.min_person}) from the "
                 f"PETRARCH2 agents dictionary (MIT, src/sitrep/kb/petrarch2_agents.csv) and {len(texts)} "
                 f"NGEC synthetic stories and NewsMTSC sentences (MIT); do not edit by hand\n")
        writer = csv.DictWriter(fh, fieldnames=["noun", "sector", "person", "harmed", "provenance"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} nouns written to {args.out}")
    for row in rows:
        print(f"  {row['noun']:<16} {row['sector']:<4} person {row['person']:>4}  harmed {row['harmed']}")


if __name__ == "__main__":
    main()
