"""Place records on FA-KES development rows (even unit_id only): error classes and a hand-judged sample.

Runs parse → actors → place on every development row of FA-KES (odd unit_ids are
never read) and reports, over all place records:

- ``records``, ``documents``;
- ``on_actor_person`` / ``on_actor_org`` / ``on_actor_media``: places whose span
  the actor stage resolved to a person, an organisation, a news outlet;
- ``lowercase_word``: places whose (capitalised) word the document also writes
  in lower case (a common word: "War", "Research");
- ``abroad_small``: places that are not countries, capitals or large cities in
  a country the document never names, while the document is mostly about
  another country (the "Adra → Spain" class);
- ``contained_org``: places that stand for an unknown span resolved to the
  document's main city while that span is an organisation's name;
- ``issue_false_places``: records that are one of the false places issue 14
  lists (``ISSUE_NOT_PLACES``), or one of its Syrian places resolved abroad.

``--sample N`` prints N place records chosen by a seeded hash of their row and
offsets (stable when the stage changes; rows listed in
``training/toponym_fakes_labels.jsonl`` are left out, since they were used to fit
the toponym model) with a little context, for reading by hand. The printed text
stays on the terminal: only row references, offsets and judgements go into
docs/benchmarks.md.

Run (from the repository root; needs ../shared/data):

    OMP_NUM_THREADS=1 python benchmarks/fakes_places.py [--limit N] [--sample 100 --seed 2026] [--json out.json]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
from collections import Counter
from pathlib import Path

from common import REPO, by_geonames_id
from fakes_corpus import read_fakes

from sitrep.pipeline import build_pipeline
from sitrep.stages.place.gazetteer import load_gazetteer
from sitrep.stages.place.toponym import lower_words

LABELS = REPO / "training" / "toponym_fakes_labels.jsonl"
#: the false places issue 14 lists (words, people, organisations, page junk), as the issue spells
#: them: a place record whose text is one of them (single words) or contains one (longer names)
#: counts under ``issue_false_places``; the stage itself names none of them
ISSUE_NOT_PLACES = ("Johnson", "Congress", "War", "University", "Tomahawk", "Research", "West", "Central",
                    "Obama", "coma", "Syrian Observatory for Human Rights", "White Helmets",
                    "Jabhat Fateh al-Sham", "Print Tweet Views", "Jul 262016", "SANA")
#: ... and the Syrian places it lists that were sent abroad: they count when resolved outside Syria
ISSUE_SYRIAN_PLACES = ("Adra", "Aqareb es Safi", "Salah al-Din")
_ORG_KINDS = {"government_body", "military", "armed_group", "igo", "ngo", "party", "company"}


def _csv_rows() -> list[int]:
    """The 1-based data-row number in ``FA-KES-Dataset.csv`` of each development row, in the
    order ``read_fakes`` returns them (it numbers development rows only); held-out rows are
    counted, never used."""
    import csv

    from common import fakes_csv, is_fakes_dev

    with fakes_csv().open(encoding="utf-8", errors="replace", newline="") as fh:
        return [n for n, row in enumerate(csv.DictReader(fh), start=1) if is_fakes_dev(row)]


def _row(doc_id: str) -> str:
    """``FA-KES-Dataset.csv#rowN`` of a document ``read_fakes`` made (id ``fakes-<i>-<unit_id>``,
    ``i`` counting development rows only), the form ``fakes_split.py check`` reads."""
    return f"FA-KES-Dataset.csv#row{_csv_rows_cached()[int(doc_id.split('-')[1])]}"


@functools.lru_cache(maxsize=1)
def _csv_rows_cached() -> list[int]:
    return _csv_rows()


def issue_false_place(text: str, country: str | None) -> bool:
    """Is a place record one of the false places issue 14 lists (see ``ISSUE_NOT_PLACES``)?"""
    low = text.casefold()

    def named(name: str) -> bool:
        return name.casefold() in low if " " in name else low == name.casefold()

    return any(named(n) for n in ISSUE_NOT_PLACES) or (
        country != "SY" and any(named(n) for n in ISSUE_SYRIAN_PLACES))


def development_docs(limit: int | None = None):
    docs = [d for d in read_fakes() if int(d.id.split("-")[2]) % 2 == 0]
    return docs[:limit] if limit else docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--records", type=Path,
                        help="write every place record (row, offsets, resolution; no text) to this JSON-lines "
                             "file, to compare two versions record by record")
    args = parser.parse_args()
    gaz = load_gazetteer()
    pipeline = build_pipeline(only=["actors", "place"])
    docs = development_docs(args.limit)
    counts: Counter[str] = Counter()
    records = []
    issue_hits: list[dict] = []
    for doc, analysis in zip(docs, pipeline.analyze(docs), strict=True):
        counts["documents"] += 1
        actors = {a.id: a for a in analysis.actors}
        lower = lower_words(doc.text)
        countries = Counter(p.country for p in analysis.places if p.country)
        top = countries.most_common(1)[0][0] if countries else None
        for p in analysis.places:
            counts["records"] += 1
            kinds = {actors[m.actor].kind for m in analysis.mentions
                     if m.start < p.end and p.start < m.end and m.actor in actors}
            sectors = {actors[m.actor].sector for m in analysis.mentions
                       if m.start < p.end and p.start < m.end and m.actor in actors}
            if "person" in kinds:
                counts["on_actor_person"] += 1
            if kinds & _ORG_KINDS:
                counts["on_actor_org"] += 1
            if "media" in kinds or "JRN" in sectors:
                counts["on_actor_media"] += 1
            if any(w.lower() in lower for w in p.text.split() if w[:1].isupper()):
                counts["lowercase_word"] += 1
            entry = by_geonames_id(gaz, p.geonames_id) if p.geonames_id else None
            major = entry is not None and (entry.kind in ("country", "continent") or entry.capital
                                           or entry.population >= 100_000)
            if top and p.country and p.country != top and countries[p.country] == 1 and not major and p.level >= 3:
                counts["abroad_small"] += 1
            if issue_false_place(p.text, p.country):
                counts["issue_false_places"] += 1
                issue_hits.append({"row": _row(doc.id), "start": p.start, "end": p.end, "name": p.name,
                                   "country": p.country})
            records.append({"row": _row(doc.id), "start": p.start, "end": p.end, "name": p.name,
                            "country": p.country, "level": p.level})
    print(json.dumps(dict(counts), indent=1))
    texts = {_row(d.id): d.text for d in docs}
    for h in issue_hits:  # row, offsets and resolution only go to the JSON; the text stays on the terminal
        print("issue false place:", h["row"], f"{h['start']}-{h['end']}",
              repr(texts[h["row"]][h["start"]:h["end"]]), "->", h["name"], h["country"])
    if args.records:
        args.records.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"counts": dict(counts), "issue_false_places": issue_hits}, indent=1) + "\n",
                             encoding="utf-8")
    if args.sample:
        used = set()
        if LABELS.exists():
            used = {json.loads(line)["row"] for line in LABELS.read_text(encoding="utf-8").splitlines() if line}
        pool = [r for r in records if r["row"] not in used]
        # a stable sample: the records with the lowest hash of (seed, row, offsets), so a change of
        # the stage only swaps the records it adds or removes
        def rank(r: dict) -> str:
            return hashlib.sha256(f"{args.seed}:{r['row']}:{r['start']}-{r['end']}".encode()).hexdigest()

        for i, r in enumerate(sorted(sorted(pool, key=rank)[:args.sample], key=lambda r: (r["row"], r["start"]))):
            text = texts[r["row"]]
            ctx = text[max(0, r["start"] - 60):r["end"] + 40].replace("\n", " ")
            print(f"{i:3d} {r['row']} {r['start']}-{r['end']} {text[r['start']:r['end']]!r} -> "
                  f"{r['name']} ({r['country']}, level {r['level']}) | {ctx}")


if __name__ == "__main__":
    main()
