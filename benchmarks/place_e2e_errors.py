"""End-to-end geoparsing errors split by type and recognition class (TUNING halves only).

Run (from the repository root; needs ../shared/data/geo):

    OMP_NUM_THREADS=1 python benchmarks/place_e2e_errors.py [--show CLASS] [--limit N]

Each tuning article goes through parse, actors and place as ``place_recognition.py`` runs it (the
article's text as one document, no ingest). Every error that ``scorer.score_e2e`` counts is given
one **type**:

- ``resolution``: a system place on exactly a required gold span, farther than 161 km;
- ``boundary``: a system place that only partly covers a required gold span (or a second place on
  one) and is counted wrong, or a required span whose only overlapping place is such a place;
- ``recognition FN``: a required gold toponym no system place overlaps;
- ``recognition FP``: a system place overlapping no gold annotation that scores it (no required,
  optional or neutral span).

Recognition errors get a **class**, read from the parse, the actors stage and the gold's own type
(GWN's Demonym/Language/Homonym/Non_Toponym are negatives): see :func:`fn_class` and :func:`fp_class`.
Places that partly cover a gold span and still score right are counted apart (``boundary, harmless``):
the scorer matches by overlap, so "northern Syria" against "Syria" costs nothing.
The held-out halves are never read.
"""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from place_recognition import _over, analyses, tuning_halves  # noqa: E402

from sitrep.stages.place.gazetteer import haversine_km  # noqa: E402
from sitrep.stages.place.normalize import fold  # noqa: E402
from sitrep.stages.place.scorer import KM, GoldArticle, GoldToponym  # noqa: E402
from sitrep.stages.place.stage import ORGANISATION_KINDS as ORG_KINDS  # noqa: E402
from sitrep.stages.place.toponym import lower_words  # noqa: E402


def gwn_types(path: Path) -> dict[tuple[str, int, int], str]:
    """(article file, start, end) -> GWN pragmatic type of every GWN annotation (empty for LGL)."""
    out: dict[tuple[str, int, int], str] = {}
    for art in ET.parse(path).getroot().findall("article"):
        for t in art.find("toponyms") or []:
            out[(art.get("file", ""), int(t.findtext("start") or 0), int(t.findtext("end") or 0))] = \
                t.findtext("type") or ""
    return out


def _context(analysis: Any, start: int, end: int) -> dict[str, Any]:
    """What the parse and the actors stage say about one stretch of text."""
    ents = [e for e in analysis.entities if _over(e.start, e.end, start, end)]
    actors = {a.id: a for a in analysis.actors}
    kinds, longer_kinds, metonym = set(), set(), False
    for m in analysis.mentions:
        if _over(m.start, m.end, start, end):
            metonym |= m.method == "metonym"
            a = actors.get(m.actor)
            kind = a.kind if a is not None else "other"
            kinds.add(kind)
            if (m.end - m.start) > (end - start):
                longer_kinds.add(kind)
    longer = [e for e in ents if (e.end - e.start) > (end - start) and e.label not in ("GPE", "LOC", "FAC")]
    return {"labels": {e.label for e in ents}, "longer": {e.label for e in longer}, "kinds": kinds,
            "longer_kinds": longer_kinds, "metonym": metonym}


def _common_word(text: str, lower: set[str]) -> bool:
    """Every word of the name is written in lower case in the document too, or the name is ("Reading")."""
    words = text.split()
    return text[:1].islower() or all(fold(w) in lower for w in words)


def fn_class(g: GoldToponym, analysis: Any, place: Any, proposed: bool, lower: set[str]) -> str:
    """The recognition class of a required gold toponym no system place overlaps."""
    c = _context(analysis, g.start, g.end)
    if c["metonym"]:
        return "metonym not read as a place (the actors stage's metonym)"
    if not place.gaz.lookup(g.text):
        return "gazetteer lacks the name (coverage: streets, buildings, features)"
    if "ORG" in c["longer"] or c["longer_kinds"] & ORG_KINDS:
        return "place inside an organisation's name"
    if "PERSON" in c["labels"] or "person" in c["kinds"]:
        return "place read as a person"
    if _common_word(g.text, lower):
        return "place named by a common word"
    if "NORP" in c["labels"]:
        return "place read as a demonym (NORP)"
    if c["labels"] & {"GPE", "LOC", "FAC"} or proposed:
        return "found, then dropped (a model, a rule or no gazetteer entry)"
    return "small or unknown place the NER misses"


def fp_class(p: Any, analysis: Any, negative: str, lower: set[str]) -> str:
    """The recognition class of a system place no scoring gold annotation overlaps (``negative``: the
    GWN type of a negative annotation it overlaps, else empty)."""
    c = _context(analysis, p.start, p.end)
    if negative in ("Demonym", "Language"):
        return "demonym or language read as a place"
    if "ORG" in c["longer"]:
        return "place inside an organisation's name, read as a place"
    if "ORG" in c["labels"] or c["kinds"] & ORG_KINDS:
        return "organisation read as a place"
    if "PERSON" in c["labels"] or "person" in c["kinds"]:
        return "person read as a place"
    if c["metonym"] or "state" in c["kinds"]:
        return "metonymic place (a state as an actor) read as a place"
    if _common_word(p.text, lower):
        return "common word read as a place"
    if negative:
        return f"GWN {negative} read as a place"
    return "other (unannotated name)"


def ner_label(analysis: Any, start: int, end: int, text: str) -> str:
    """The NER label of the entity overlapping a stretch (the longest), ``lower`` for a name written in
    lower case ("syrian", "downtown"), ``caps`` for one in capitals that NER left alone, else ``none``."""
    ents = sorted((e for e in analysis.entities if _over(e.start, e.end, start, end)),
                  key=lambda e: e.start - e.end)
    if ents:
        return ents[0].label
    if text[:1].islower():
        return "lower"
    return "caps" if text.isupper() and len(text) > 3 else "none"


def fn_stage(g: GoldToponym, spans: dict[str, list[Any]], place: Any) -> str:
    """What became of the spans over a missed toponym: ``not proposed``, ``rule`` (proposed, then a
    rule of ``find_spans`` removed it), ``n-gram model`` (an n-gram span ``plausible`` dropped),
    ``unresolved``, ``toponym model`` or ``acceptance`` (resolved, then dropped)."""
    if not any(_over(s.start, s.end, g.start, g.end) for s in spans["every"]):
        return "not proposed"
    kept = [s for s in spans["kept"] if _over(s.start, s.end, g.start, g.end)]
    if not kept:
        return "rule"
    if not any(_over(s.start, s.end, g.start, g.end) for s in spans["plausible"]):
        return "n-gram model"
    for r, p in spans["resolved"]:
        if _over(r.span.start, r.span.end, g.start, g.end):
            if r.entry is None:
                return "unresolved"
            return "toponym model" if p < place._threshold(r.span) else "acceptance"
    return "unresolved"


def _stage_spans(analysis: Any, place: Any) -> dict[str, list[Any]]:
    """The place stage's spans at each of its steps (as ``PlaceStage.__call__`` takes them)."""
    kept = place.find_spans(analysis)
    _first, anchors = place.document_anchors(analysis, kept)
    plausible = place.plausible(analysis, kept, anchors)
    res = place.resolver.resolve(analysis.text, plausible, dateline=analysis.document.dateline)
    probs = place.toponym_probabilities(analysis, res, anchors)
    return {"every": place.find_spans(analysis, keep_rejected=True), "kept": kept, "plausible": plausible,
            "resolved": list(zip(res, probs, strict=True))}


def article_errors(art: GoldArticle, analysis: Any, place: Any,
                   types: dict[tuple[str, int, int], str]) -> list[tuple[str, str, int, int, str]]:
    """(type, class, start, end, text) of every end-to-end error of one article, and the harmless
    boundary matches (type ``boundary, harmless``)."""
    places = sorted(place(analysis).places, key=lambda p: p.start)
    lower = lower_words(analysis.text)
    required = [t for t in art.toponyms if t.role == "required"]
    matched: dict[int, Any] = {}
    out: list[tuple[str, str, int, int, str]] = []
    for p in places:
        open_ = [i for i, t in enumerate(required) if i not in matched and _over(t.start, t.end, p.start, p.end)]
        hit = next((i for i in open_ if haversine_km(p.lat, p.lon, required[i].lat, required[i].lon) <= KM), None)
        if hit is not None:
            matched[hit] = p
            t = required[hit]
            if (t.start, t.end) != (p.start, p.end):
                out.append(("boundary, harmless", "", p.start, p.end, f"{p.text} / {t.text}"))
            continue
        over = [t for t in art.toponyms if _over(t.start, t.end, p.start, p.end)]
        if open_:
            t = required[open_[0]]
            kind = "resolution" if (t.start, t.end) == (p.start, p.end) else "boundary"
            out.append((kind, "partly covered" if kind == "boundary" else "", p.start, p.end,
                        f"{p.text} -> {p.name}/{p.country}"))
        elif any(t.role == "required" for t in over):
            out.append(("boundary", "second place on one toponym", p.start, p.end, p.text))
        elif not any(t.role in ("optional", "neutral") for t in over):
            neg = next((types.get((art.id, t.start, t.end), "") for t in over), "")
            out.append(("recognition FP", fp_class(p, analysis, neg, lower), p.start, p.end,
                        f"{p.text} -> {p.name}/{p.country}"))
    steps = _stage_spans(analysis, place)
    proposed = steps["every"]
    for i, g in enumerate(required):
        if i in matched:
            continue
        on = [p for p in places if _over(p.start, p.end, g.start, g.end)]
        if on:  # counted above through the place on it, unless that place matched another toponym
            if all(any(m is p for m in matched.values()) for p in on):
                out.append(("boundary", "one place over two toponyms", g.start, g.end, g.text))
            continue
        was = any(_over(s.start, s.end, g.start, g.end) for s in proposed)
        out.append(("recognition FN", fn_class(g, analysis, place, was, lower), g.start, g.end, g.text))
        detail = f"{ner_label(analysis, g.start, g.end, g.text)} / {fn_stage(g, steps, place)}"
        out.append(("recognition FN by NER label / stage", detail, g.start, g.end, g.text))
    source = {(s.start, s.end): (s.source if s.source != "ner" else s.ner_label) for s in steps["kept"]}
    for kind, _cls, start, end, text in list(out):
        if kind == "recognition FP":
            out.append(("recognition FP by source", source.get((start, end), "?"), start, end, text))
    return out


def run(corpus: str, path: Path, tune: list[GoldArticle], show: str) -> dict[str, Any]:
    types = gwn_types(path) if corpus == "GeoWebNews" else {}
    by_type: Counter[str] = Counter()
    by_class: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for art, analysis, place in analyses(tune):
        for kind, cls, start, end, text in article_errors(art, analysis, place, types):
            if " by " not in kind:  # the "by NER label / stage" and "by source" rows re-count the same errors
                by_type[kind] += 1
            if cls:
                by_class[f"{kind}: {cls}"] += 1
            label = f"{kind}: {cls}" if cls else kind
            if show and label.startswith(show):
                ctx = art.text[max(0, start - 60):end + 40].replace("\n", " ")
                shown[label].append(f"{text!r:40} | {ctx}")
    print(f"== {corpus} tuning half: {len(tune)} articles")
    for kind, n in by_type.most_common():
        print(f"  {n:5d}  {kind}")
    for cls, n in sorted(by_class.items()):
        print(f"     {n:5d}  {cls}")
    for cls, rows in shown.items():
        print(f"-- {cls}")
        for row in rows:
            print("   ", row)
    return {"types": dict(by_type.most_common()), "classes": dict(sorted(by_class.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", default="", help="print the members of type/classes starting with this")
    parser.add_argument("--limit", type=int, default=0, help="first N tuning articles of each corpus")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "place_e2e_errors.json")
    args = parser.parse_args()
    result = {corpus: run(corpus, path, tune, args.show) for corpus, path, tune in tuning_halves(args.limit)}
    if not args.limit:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
