"""Gold parties that are toponyms (places as parties, metonymy), by syntactic role, and how sitrep
reads them — **tune halves only** (issue 13).

Two gold sets, both on their tune half (never the check half):

- the PLOVER GSR dev records of ``plover_split`` == ``tune`` (sources and targets);
- the FA-KES hand-coded articles of ``benchmarks/data/fakes_events_gold.jsonl`` with
  ``split`` == ``tune`` (every gold event's actors and recipients).

A gold party is a **toponym** when the head word of its text lies inside a named entity the
parser labels ``GPE``/``LOC`` or inside a place the place stage resolved; ``government of X`` (a
party whose head is a noun with an ``of`` complement that is a toponym) is counted apart. Its
**role** is read from the dependency parse of its head (climbing conjunctions and appositions):
``subject`` (nsubj/nsubjpass/agent), ``object`` (dobj/dative/iobj), ``possessor`` (``X's``/poss),
``modifier`` (compound/amod: "Serbian forces"), ``locative`` (object of a locative preposition —
the PLOVER manual does not code those as parties), ``prep-object`` (object of another
preposition: "against X", "with X"), ``other``. **How sitrep reads it**: ``mention`` (an actor
mention overlaps it), ``place`` (only a place overlaps it), ``none``; and whether the aligned /
matched event has it as a party (``party``) or not.

    SITREP_SHARED=/work/shared python benchmarks/events_toponym_parties.py [--list]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from common import REPO, fakes_csv, plover_tune_gold  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.actors.lexicon import LOCATIVE_PREPS  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    match_events,
    read_article_gold,
    read_texts,
)
from sitrep.stages.events.scorer import align, gold_parties  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})


def _governing(tok: Any) -> Any:
    seen = 0
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i and seen < 5:
        tok, seen = tok.head, seen + 1
    return tok


def _is_topo(tok: Any, place_spans: list[tuple[int, int]], base: int) -> bool:
    if tok.ent_type_ in PLACE_LABELS:
        return True
    at = tok.idx + base
    return any(s <= at < e for s, e in place_spans)


def role_of(head: Any) -> str:
    doc = head.doc
    tok = _governing(head)
    if tok.dep_ == "poss" or (head.i + 1 < len(doc) and doc[head.i + 1].tag_ == "POS"):
        return "possessor"
    if tok.dep_ in SUBJECT_DEPS:
        return "subject"
    if tok.dep_ in OBJECT_DEPS:
        return "object"
    if tok.dep_ in ("compound", "amod", "nmod"):
        return "modifier"
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        if prep == "of":
            return "of-complement"
        if prep in LOCATIVE_PREPS:
            return "locative"
        if prep == "by":
            return "subject"
        return "prep-object"
    return "other"


def classify(doc: Any, start: int, end: int, place_spans: list[tuple[int, int]],
             base: int = 0) -> tuple[str, str] | None:
    """(kind, role) of the party at doc offsets [start, end): kind ``toponym`` or
    ``government-of``; None when it is no toponym."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if _is_topo(head, place_spans, base):
        return "toponym", role_of(head)
    of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
    if of and any(_is_topo(g, place_spans, base) for g in of[0].subtree if g.i < span.end):
        return "government-of", role_of(head)
    return None


def _read(span: tuple[int, int], mentions: list[Any], places: list[Any]) -> str:
    s, e = span
    if any(m.start < e and s < m.end for m in mentions):
        return "mention"
    if any(p.start < e and s < p.end for p in places):
        return "place"
    return "none"


def plover(tally: Counter[tuple[str, ...]], listing: list[str]) -> None:
    records, golds = plover_tune_gold()
    pipeline = build_for(get_task("events"))
    run = run_documents(pipeline, golds, keep_doc=True)
    for rec, an in zip(records, run.analyses, strict=True):
        if an.doc is None:
            continue
        ev = align(an.events, rec.get("eventText", ""))
        places = [(p.start, p.end) for p in an.places]
        for role_name, key in (("actor", "source"), ("recipient", "target")):
            for g in gold_parties(rec.get(key)):
                text = str(g.get("actorText") or "")
                at = an.doc.text.find(text) if text else -1
                if at < 0:
                    continue
                got = classify(an.doc, at, at + len(text), places)
                if got is None:
                    continue
                read = _read((at, at + len(text)), an.mentions, an.places)
                ids = (ev.actors if role_name == "actor" else ev.recipients) if ev else []
                hit = any(m.actor in ids and m.start < at + len(text) and at < m.end for m in an.mentions)
                tally[("plover", role_name, got[0], got[1], read, "party" if hit else "not-party")] += 1
                listing.append(f"plover {role_name} {got} {read} {'party' if hit else '-'} {text!r} "
                               f"[{g.get('code')}/{g.get('sector')}] :: {rec['text'][:160]!r}")


def fakes(tally: Counter[tuple[str, ...]], listing: list[str]) -> None:
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    pipeline = build_for(get_task("events"))
    run = run_documents(pipeline, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)],
                        keep_doc=True)
    for art, text, an in zip(articles, texts, run.analyses, strict=True):
        if an.doc is None:
            continue
        pairs = {id(g): p for g, p in match_events(art.events, an.events)}
        places = [(p.start, p.end) for p in an.places]
        for g in art.events:
            p = pairs.get(id(g))
            for role_name, ents in (("actor", g.actors), ("recipient", g.recipients)):
                for ent in ents:
                    if ent.from_context or ent.start is None or ent.end is None:
                        continue
                    # the doc's text is the ingested one: find the gold words near their gold offsets
                    words = text[ent.start:ent.end]
                    at = an.doc.text.find(words, max(0, ent.start - 400))
                    if at < 0:
                        at = an.doc.text.find(words)
                    if at < 0:
                        continue
                    got = classify(an.doc, at, at + len(words), places, base=ent.start - at)
                    if got is None:
                        continue
                    read = _read((ent.start, ent.end), an.mentions, an.places)
                    ids = (p.actors if role_name == "actor" else p.recipients) if p else []
                    hit = any(m.actor in ids and m.start < ent.end and ent.start < m.end for m in an.mentions)
                    state = "party" if hit else ("not-party" if p else "unmatched-event")
                    tally[("fakes", role_name, got[0], got[1], read, state)] += 1
                    listing.append(f"fakes {role_name} {got} {read} {state} {words!r} "
                                   f"[{ent.country}/{ent.sector}] {art.document}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every toponym party (tune halves only)")
    parser.add_argument("--only", choices=["plover", "fakes"], default=None)
    args = parser.parse_args()
    tally: Counter[tuple[str, ...]] = Counter()
    listing: list[str] = []
    if args.only in (None, "plover"):
        plover(tally, listing)
    if args.only in (None, "fakes"):
        fakes(tally, listing)
    if args.list:
        print("\n".join(listing))
    for k, v in sorted(tally.items()):
        print(f"{v:4d}  " + " ".join(k))
    print(json.dumps({" ".join(k): v for k, v in sorted(tally.items())}))


if __name__ == "__main__":
    main()
