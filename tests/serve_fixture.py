"""A small database for the `sitrep serve` tests, written by hand (no pipeline, no model).

Six reports from three outlets about invented events in real places, with actor mentions,
events (cooperation and conflict), quotes, places, times and framings; one report carries
hostile markup in its title and text (a script tag, an event attribute, a javascript: link)
that must never run in a page. Every record points into its document's text by offsets,
as the pipeline's do.
"""

from __future__ import annotations

from pathlib import Path

from sitrep.records import (
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
from sitrep.stages.base import Analysis
from sitrep.store import Store

HOSTILE_TITLE = 'Report <script>window.__pwned = "title"</script>'
HOSTILE_TEXT = (
    'The ministry said the convoy reached Aleppo. <script>window.__pwned = "script"</script> '
    '<img src="x" onerror="window.__pwned = &quot;img&quot;"> '
    '<a href="javascript:window.__pwned=\'link\'">click here</a> for more.'
)

ACTORS = {
    "SYR_GOV": Actor("SYR_GOV", "Syrian government", "government_body", "SYR", "GOV"),
    "UN": Actor("UN", "United Nations", "igo", "IGO", "IGO"),
    "ISIS": Actor("ISIS", "Islamic State", "armed_group", None, "REB"),
    "TUR": Actor("TUR", "Turkey", "state", "TUR", "GOV"),
}
PLACES = {"Aleppo": (36.2021, 37.1343, "SY"), "Idlib": (35.9306, 36.6339, "SY"), "Raqqa": (35.9528, 39.0079, "SY")}

# (outlet, published, title, text, [(actor, word)], [(category, trigger, actors, recipients, place, date)], quote)
REPORTS = [
    ("Daily Ledger", "2016-03-04", "Aid convoy reaches Aleppo",
     "The United Nations sent an aid convoy to Aleppo on Monday. The Syrian government said the road was open.",
     [("UN", "United Nations"), ("SYR_GOV", "Syrian government")],
     [("AID", "sent", ["UN"], ["SYR_GOV"], "Aleppo", "2016-02-29")], ("the road was open", "SYR_GOV")),
    ("Evening Courier", "2016-03-05", "Shelling near Idlib",
     "Islamic State fighters shelled a village near Idlib on Friday. Turkey condemned the attack.",
     [("ISIS", "Islamic State"), ("TUR", "Turkey")],
     [("ASSAULT", "shelled", ["ISIS"], [], "Idlib", "2016-03-04"), ("ACCUSE", "condemned", ["TUR"], ["ISIS"], None, None)],
     None),
    ("Morning Wire", "2016-04-10", "Talks in Raqqa",
     "Turkey and the Syrian government held talks about Raqqa in April. The United Nations welcomed the talks.",
     [("TUR", "Turkey"), ("SYR_GOV", "Syrian government"), ("UN", "United Nations")],
     [("CONSULT", "held talks", ["TUR"], ["SYR_GOV"], "Raqqa", "2016-04"),
      ("SUPPORT", "welcomed", ["UN"], ["TUR"], None, None)], None),
    ("Daily Ledger", "2016-05-01", "Strikes on Raqqa",
     "Turkey struck Islamic State positions in Raqqa. The strikes were the heaviest this year, officials said.",
     [("TUR", "Turkey"), ("ISIS", "Islamic State")],
     [("ASSAULT", "struck", ["TUR"], ["ISIS"], "Raqqa", "2016-05-01")], ("The strikes were the heaviest this year", None)),
    ("Evening Courier", None, "Undated note on the United Nations",
     "An undated note: the United Nations asked for access to Idlib.",
     [("UN", "United Nations")], [("REQUEST", "asked", ["UN"], [], "Idlib", None)], None),
    ("Morning Wire", "2016-06-02", HOSTILE_TITLE, HOSTILE_TEXT,
     [("SYR_GOV", "ministry")], [("COOPERATE", "reached", ["SYR_GOV"], [], "Aleppo", None)], None),
]


def _sentences(doc_id: str, text: str) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(text.split(". ")):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        out.append(Sentence(doc_id, i, start, min(end, len(text)), text[start:min(end, len(text))]))
        start = end + 1
    return out


def _sentence(sentences: list[Sentence], offset: int) -> Sentence:
    return next(s for s in sentences if s.start <= offset < s.end + 1)


def build(path: Path) -> dict[str, list[str]]:
    """Write the database at ``path``; returns the ids of its documents, events and quotes."""
    from sitrep.ingest import document_id

    ids: dict[str, list[str]] = {"documents": [], "events": [], "quotes": []}
    with Store(path) as store:
        for n, (outlet, published, title, text, mentions, events, quote) in enumerate(REPORTS):
            doc_id, sha = document_id(text)
            doc = Document(doc_id, sha, text, title=title, publisher=outlet, published=published,
                           source_path=f"reports.csv#row{n + 1}", language="en", status="ingested")
            store.add_document(doc)
            ids["documents"].append(doc_id)
            sentences = _sentences(doc_id, text)
            a = Analysis(document=doc, sentences=sentences, actors=[ACTORS[x] for x, _ in mentions])
            for actor, word in mentions:
                at = text.index(word)
                s = _sentence(sentences, at)
                a.mentions.append(Mention(doc_id, actor, at, at + len(word), word, s.text))
                a.framings.append(Framing(doc_id, actor, labels=[Label(word, 1)],
                                          sentiment=SentimentScore(-0.5 if "ISIS" == actor else 0.2,
                                                                   "negative" if actor == "ISIS" else "neutral", 1),
                                          evidence=[Evidence(s.start, s.end, s.text)]))
            for k, (category, trigger, who, whom, place, day) in enumerate(events):
                at = text.index(trigger)
                s = _sentence(sentences, at)
                ev_place = None
                if place:
                    lat, lon, cc = PLACES[place]
                    p_at = text.index(place) if place in text else at
                    ev_place = EventPlace(place, lat, lon, cc, None, place)
                    if place in text:
                        a.places.append(Place(doc_id, p_at, p_at + len(place), place, s.text, place, lat, lon, cc, None, None, 4))
                event_id = f"ev_{doc_id[:8]}_{k}"
                a.events.append(Event(event_id, doc_id, category, "asserted", Evidence(s.start, s.end, s.text), trigger,
                                      actors=who, recipients=whom, place=ev_place,
                                      date=EventDate(day, "day" if day and len(day) == 10 else "month") if day else None,
                                      confidence=0.8))
                ids["events"].append(event_id)
            for word in ("Monday", "Friday", "April"):
                if word in text:
                    at = text.index(word)
                    a.times.append(TimeExpr(doc_id, at, at + len(word), word, _sentence(sentences, at).text, "DATE", None))
            if quote:
                q_text, speaker = quote
                at = text.index(q_text)
                s = _sentence(sentences, at)
                quote_id = f"q_{doc_id[:8]}"
                a.quotes.append(Quote(quote_id, doc_id, q_text, "indirect", at, at + len(q_text), s.text, speaker=speaker,
                                      speaker_text=ACTORS[speaker].name if speaker else "officials", cue="said"))
                ids["quotes"].append(quote_id)
            store.save_analysis(a, "test-pipeline")
    return ids
