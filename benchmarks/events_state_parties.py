"""FA-KES hand-coded events, tune half: predicted state parties the coder does not give, by source (issue 13).

A predicted actor or recipient of a matched event is a **state party** when it is a state or a
state-derived group (the actor's kind is ``state``, or it carries a country: a government, its
forces, its civilians, its opposition). It is **unwanted** when it pairs with no gold party of the
same role (the coder gives none, or someone else). Each unwanted state party gets the first source
class that applies, read from the mentions of the analysis and the parse of the event's sentence:

* ``place in the sentence (territory)``: a state with no mention in the event's sentence but a
  resolved place of the sentence inside it — the territory recipient (``territory.place_recipients``:
  "attacked a town in northeastern Syria" → Syria);
* ``generic of the theatre``: a group of a country with no mention in the sentence (the generic
  civilians of the victim reader, ``<ISO3>_CVL``, take the event place's or the document's state);
* ``no mention in the sentence``: any other party with no mention in the sentence (carried from the
  text around);
* ``place hit (named state)``: a state whose mentions in the sentence are all place names;
* ``doer's nationality``: a recipient whose country is the country of one of the event's doers,
  and whose mention does not name that country ("Russian civilians" for a Russian strike);
* ``location phrase``: a mention of the party is the object of a locative preposition
  ("based in Britain", "in Syria");
* ``adjective``: a mention is a nationality adjective modifying a noun ("Syrian opposition
  fighters", "Iraqi forces");
* ``other``.

Reads the tune half only. ``--show`` prints each case; ``--waves`` counts per wave.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_state_parties.py
[--show] [--waves]``. Writes ``benchmarks/results/events_state_parties.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import TuneMatch, tune_matches  # noqa: E402
from events_recipient_misses import tune_wave_by_document  # noqa: E402

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.records import Actor  # noqa: E402
from sitrep.stages.actors.lexicon import LOCATIVE_PREPS  # noqa: E402
from sitrep.stages.events.article_scorer import _pairs  # noqa: E402
from sitrep.stages.events.territory import iso3  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_state_parties.json"


def is_state_party(actor: Actor) -> bool:
    """A state, or a group the knowledge base ties to a country."""
    return actor.kind == "state" or actor.country is not None


def _mentions_in(m: TuneMatch, actor_id: str) -> list[tuple[int, int]]:
    s0, s1 = m.gold.sentence
    return [(s, e) for s, e in m.spans.get(actor_id, []) if s0 <= s and e <= s1]


def source_of(m: TuneMatch, actor_id: str, role: str, nlp: Any) -> str:
    """The source class of an unwanted state party (the module's list)."""
    actor = m.actors[actor_id]
    inside = _mentions_in(m, actor_id)
    if not inside:
        s0, s1 = m.gold.sentence
        if actor.kind == "state" and any(s0 <= p.start and p.end <= s1 and iso3(p.country) == actor.id
                                         for p in m.analysis.places):
            return "place in the sentence (territory)"
        return "generic of the theatre" if actor.id.startswith(f"{actor.country}_") else "no mention in the sentence"
    doers = [m.actors[a] for a in m.predicted.actors if a in m.actors and a != actor_id]
    s0, s1 = m.gold.sentence
    sent = nlp(m.text[s0:s1])
    toks = [sent.char_span(s - s0, e - s0, alignment_mode="expand") for s, e in inside]
    toks = [t for t in toks if t is not None]
    if role == "recipient" and actor.kind != "state" and any(d.country == actor.country for d in doers):
        return "doer's nationality"
    if any(t.root.dep_ == "pobj" and t.root.head.lower_ in LOCATIVE_PREPS for t in toks):
        return "location phrase"
    if actor.kind == "state" and all(t.root.ent_type_ in ("GPE", "LOC") and t.root.pos_ == "PROPN" for t in toks):
        return "place hit (named state)"
    if any(t.root.pos_ == "ADJ" or t.root.ent_type_ == "NORP" for t in toks):
        return "adjective"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every case with its sentence")
    parser.add_argument("--waves", action="store_true", help="count each class per wave of the tune half")
    args = parser.parse_args()
    nlp = load_nlp()
    tally: Counter[str] = Counter()
    rows: list[tuple[str, str]] = []
    matched = 0
    for m in tune_matches():
        matched += 1
        for role, ids, gold in (("actor", m.predicted.actors, m.gold.actors),
                                ("recipient", m.predicted.recipients, m.gold.recipients)):
            for a in ids:
                actor = m.actors.get(a)
                if actor is None or not is_state_party(actor) or _pairs([a], gold, m.actors, m.spans):
                    continue
                cls = f"{role}: {source_of(m, a, role, nlp)} / coder {'none' if not gold else 'other'}"
                tally[cls] += 1
                rows.append((cls, m.document))
                if args.show:
                    print(f"{cls} {m.document} {m.text[m.gold.trigger[0]:m.gold.trigger[1]]!r} P={actor.name} "
                          f"G={[e.text for e in gold]}\n    {m.text[m.gold.sentence[0]:m.gold.sentence[1]][:240]!r}")
    per_wave: dict[str, Counter[int]] = defaultdict(Counter)
    if args.waves:
        wave = tune_wave_by_document()
        for cls, doc in rows:
            per_wave[cls][wave[doc]] += 1
    print(f"matched {matched}, unwanted state parties {sum(tally.values())}")
    for key, n in sorted(tally.items()):
        print(f"{key}: {n}" + (f" waves {sorted(per_wave[key].items())}" if args.waves else ""))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"matched": matched, "classes": dict(sorted(tally.items())),
                               "per_wave": {k: dict(sorted(v.items())) for k, v in per_wave.items()}},
                              indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
