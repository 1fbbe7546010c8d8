"""Generate a large sitrep database for the `sitrep serve` benchmark (no pipeline, no model).

Every text is written here, from templates and word lists made up for this benchmark: no
sentence comes from a dataset. Each document gets the records the pipeline writes (sentences,
actor mentions, events with places and dates, quotes, place and time mentions, framings), all
with offsets into its text, through the store's public writes (so every trigger-maintained
index is filled as in real use). Deterministic for a seed.

    python benchmarks/serve_corpus.py --documents 100000 --db /tmp/serve_bench.db
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitrep.records import (  # noqa: E402
    EVENT_CATEGORIES,
    Actor,
    Document,
    Event,
    EventDate,
    EventPlace,
    Evidence,
    Framing,
    Label,
    Mention,
    Place,
    Quote,
    Sentence,
    SentimentScore,
    TimeExpr,
)
from sitrep.stages.base import Analysis  # noqa: E402
from sitrep.store import Store  # noqa: E402

OUTLETS = [f"{a} {b}" for a in ("Northern", "Coastal", "Capital", "Valley", "Harbour", "Desert", "River")
           for b in ("Times", "Herald", "Wire", "Post", "Bulletin", "Monitor")]
_FIRST = ("Northern", "Eastern", "Western", "Southern", "Central", "Highland", "Lowland", "Coastal", "Inland", "Frontier")
_UNITS = (("Army", "military", "MIL"), ("Council", "government_body", "GOV"), ("Front", "armed_group", "REB"),
          ("Brigade", "armed_group", "REB"), ("Ministry", "government_body", "GOV"), ("Relief Agency", "ngo", "NGO"),
          ("Alliance", "igo", "IGO"), ("Militia", "armed_group", "REB"))
ACTORS = [Actor(f"A{i:03d}", f"{first} {unit}", kind, None, sector)
          for i, (first, (unit, kind, sector)) in enumerate((f, u) for f in _FIRST for u in _UNITS)]
TOWNS = [(f"{p}{s}", 32.0 + 5.0 * ((i * 37) % 100) / 100, 35.5 + 7.0 * ((i * 53) % 100) / 100)
         for i, (p, s) in enumerate((p, s) for p in ("Tal ", "Ain ", "Deir ", "Kafr ", "Jisr ", "Bab ", "Qasr ", "Ras ")
                                    for s in ("Hadid", "Saba", "Nur", "Amal", "Zahra", "Rahma", "Salam", "Wadi",
                                              "Jabal", "Bahr"))]
VERBS = {"ASSAULT": "shelled", "AID": "delivered aid to", "CONSULT": "met", "ACCUSE": "accused", "AGREE": "agreed with",
         "COERCE": "detained members of", "PROTEST": "protested against", "SUPPORT": "praised", "THREATEN": "threatened",
         "REJECT": "rejected a proposal from", "REQUEST": "asked for help from", "COOPERATE": "worked with",
         "MOBILIZE": "moved troops toward", "SANCTION": "imposed penalties on", "CONCEDE": "released prisoners to",
         "RETREAT": "withdrew from positions held against"}
FILLER = ["Residents described a tense night.", "Roads into the area were closed for hours.",
          "Officials gave no further details.", "The situation remained unclear by evening.",
          "Markets reopened after a short pause.", "Aid workers said supplies were running low.",
          "Schools in the district stayed shut.", "Several families left for nearby villages."]
assert set(VERBS) == set(EVENT_CATEGORIES)


def _doc(rng: random.Random, n: int) -> Analysis:
    outlet = rng.choice(OUTLETS)
    day = f"20{rng.randint(14, 19)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    parts: list[str] = []
    pos = 0

    def add(sentence: str) -> int:
        nonlocal pos
        start = pos
        parts.append(sentence)
        pos += len(sentence) + 1
        return start

    events_spec = []
    for _ in range(rng.randint(2, 6)):
        a, b = rng.sample(ACTORS, 2)
        town = rng.choice(TOWNS)
        category = rng.choice(EVENT_CATEGORIES)
        when = rng.choice(["on Monday", "on Tuesday", "last week", "on Friday", f"on {day}"])
        s = f"The {a.name} {VERBS[category]} the {b.name} near {town[0]} {when}."
        start = add(s)
        events_spec.append((start, s, a, b, town, category, when))
        for _ in range(rng.randint(0, 3)):
            add(rng.choice(FILLER))
    speaker = rng.choice(ACTORS)
    quote_text = f"we will not accept any attack on {rng.choice(TOWNS)[0]}"
    q_sentence = f"A spokesman for the {speaker.name} said {quote_text}."
    q_start = add(q_sentence)
    text = " ".join(parts)
    sha = hashlib.sha256(f"{n}:{text}".encode()).hexdigest()
    doc = Document(id=sha[:16], sha256=sha, text=text, title=f"{events_spec[0][2].name} and {events_spec[0][3].name} near {events_spec[0][4][0]}",
                   publisher=outlet, published=day, source_path=f"generated#{n}", language="en", status="ingested")
    an = Analysis(document=doc)
    offset = 0
    for i, s in enumerate(parts):
        an.sentences.append(Sentence(doc.id, i, offset, offset + len(s), s))
        offset += len(s) + 1
    seen = {}
    for k, (start, s, a, b, town, category, when) in enumerate(events_spec):
        for actor in (a, b):
            at = start + s.index(actor.name)
            an.mentions.append(Mention(doc.id, actor.id, at, at + len(actor.name), actor.name, s))
            seen[actor.id] = actor
        p_at = start + s.index(town[0])
        an.places.append(Place(doc.id, p_at, p_at + len(town[0]), town[0], s, town[0], town[1], town[2], "SY", None, None, 4))
        w_at = start + s.index(when)
        an.times.append(TimeExpr(doc.id, w_at, w_at + len(when), when, s, "DATE", day if day in when else None))
        an.events.append(Event(f"ev_{doc.id}_{k}", doc.id, category, rng.choice(["asserted", "asserted", "reported"]),
                               Evidence(start, start + len(s), s), VERBS[category].split()[0], actors=[a.id],
                               recipients=[b.id], place=EventPlace(town[0], town[1], town[2], "SY", None, town[0]),
                               date=EventDate(day, "day", when) if day in when else None, confidence=0.7))
    q_at = q_start + q_sentence.index(quote_text)
    an.quotes.append(Quote(f"q_{doc.id}", doc.id, quote_text, "indirect", q_at, q_at + len(quote_text), q_sentence,
                           speaker=speaker.id, speaker_text=speaker.name, cue="said"))
    seen[speaker.id] = speaker
    an.actors = list(seen.values())
    for actor in seen.values():
        an.framings.append(Framing(doc.id, actor.id, labels=[Label(actor.name.lower(), 1)],
                                   sentiment=SentimentScore(round(rng.uniform(-1, 1), 2), rng.choice(["negative", "neutral", "positive"]), 1)))
    return an


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=100_000)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--first", type=int, default=0,
                    help="start at this document number (the ones before it are drawn, not written), so two "
                         "processes can write halves of one corpus, then `sitrep migrate --from half2.db --to half1.db`")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    with Store(args.db) as store:
        # a throw-away benchmark database: no fsync per transaction (a crash would only lose it)
        store.conn.execute("PRAGMA synchronous = OFF")
        for n in range(args.first):  # the same draws as a run from 0, so document n is the same document
            _doc(rng, n)
        for n in range(args.first, args.documents):
            an = _doc(rng, n)
            store.add_document(an.document)
            store.save_analysis(an, "generated")
            if (n + 1) % 10_000 == 0:
                print(f"{n + 1} documents, {time.perf_counter() - t0:.0f} s", flush=True)
        counts = store.overview().counts
    print(f"done in {time.perf_counter() - t0:.0f} s: {counts}")


if __name__ == "__main__":
    main()
