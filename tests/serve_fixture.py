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
                                          sentiment=SentimentScore(-0.5 if actor == "ISIS" else 0.2,
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


def add_incidents(path: Path, ids: dict[str, list[str]]) -> dict[str, str]:
    """Hand-written incidents over the reports of :func:`build` (as the incident layer would
    store them): returns ``{name: incident id}``.

    - ``aid``: the Aleppo convoy, told by two outlets that disagree on who did it (contested
      blame), 2 independent sources, dated 2016-02-29;
    - ``idlib``: the shelling near Idlib, one news report and one denial, 3-5 killed, 2016-03-04;
    - ``raqqa``: the strikes on Raqqa, one report, 2016-05-01;
    - ``talks``: the talks, no place and no date (listed last).
    """
    from sitrep.incidents.records import (
        CasualtyFigure,
        Contested,
        Incident,
        IncidentDate,
        IncidentPlace,
        Member,
        ReportLink,
        StatusCounts,
        Version,
    )
    from sitrep.incidents.update import Change

    docs, ev = ids["documents"], ids["events"]
    # events in build order: r0 AID; r1 ASSAULT, ACCUSE; r2 CONSULT, SUPPORT; r3 ASSAULT; r4 REQUEST; r5 COOPERATE
    aleppo = IncidentPlace("Aleppo", 4, PLACES["Aleppo"][0], PLACES["Aleppo"][1], "SY", "Aleppo Governorate")
    idlib = IncidentPlace("Idlib", 4, PLACES["Idlib"][0], PLACES["Idlib"][1], "SY", "Idlib Governorate")
    raqqa = IncidentPlace("Raqqa", 4, PLACES["Raqqa"][0], PLACES["Raqqa"][1], "SY", "Raqqa Governorate")
    incidents = {
        "aid": Incident("inc_aid", "AID", None, ["UN"], ["SYR_GOV"], aleppo, IncidentDate("2016-02-29", "2016-02-29", "day"),
                        [ev[0], ev[7]], [], [docs[0], docs[5]], ["Daily Ledger", "Morning Wire"], "2016-03-04", 2,
                        StatusCounts(asserted=2), [],
                        [Contested("blame", [Version("UN", [docs[0]], ["Daily Ledger"]),
                                             Version("SYR_GOV", [docs[5]], ["Morning Wire"])])], 0.8,
                        [ReportLink(docs[0], 0.74, docs[5], [docs[5]]), ReportLink(docs[5], 0.74, docs[0], [docs[0]])],
                        0.74),
        "idlib": Incident("inc_idlib", "ASSAULT", None, ["ISIS"], [], idlib, IncidentDate("2016-03-04", "2016-03-04", "day"),
                          [ev[1]], [], [docs[1], docs[4]], ["Evening Courier"], "2016-03-05", 1,
                          StatusCounts(asserted=1, denied=1), [CasualtyFigure("killed", 3, 3, 5, ["Evening Courier"])], [],
                          0.7),
        "raqqa": Incident("inc_raqqa", "ASSAULT", None, ["TUR"], ["ISIS"], raqqa, IncidentDate("2016-05-01", "2016-05-01", "day"),
                          [ev[5]], [], [docs[3]], ["Daily Ledger"], "2016-05-01", 1, StatusCounts(asserted=1), [], [], 0.6),
        "talks": Incident("inc_talks", "CONSULT", None, ["TUR"], ["SYR_GOV"], None, None, [ev[3]], [], [docs[2]],
                          ["Morning Wire"], "2016-04-10", 1, StatusCounts(reported=1), [], [], 0.5),
    }
    members = [Member(ev[0], "inc_aid", docs[0], "news"), Member(ev[7], "inc_aid", docs[5], "news"),
               Member(ev[1], "inc_idlib", docs[1], "news"), Member(ev[6], "inc_idlib", docs[4], "denial"),
               Member(ev[5], "inc_raqqa", docs[3], "news"), Member(ev[3], "inc_talks", docs[2], "news")]
    with Store(path) as store:
        store.save_incident_state(Change(reset=True, incidents=list(incidents.values()), members=members))
    return {name: i.id for name, i in incidents.items()}
