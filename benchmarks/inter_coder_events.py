"""Inter-coder agreement on the FA-KES events gold (issue 13, branch ``agree1``).

A blind second coding (coder B) of a seeded random sample of the gold's **tune** articles, scored
with sitrep's own article scorer (``sitrep.stages.events.article_scorer``).

* ``draw`` — the sample: 12 articles at random (seed 2027) from the tune rows of
  ``benchmarks/data/fakes_events_gold.jsonl``. Prints ids only (document, unit id, wave, era,
  outlet), never a label: the draw reads no field of a gold line but its ids, split and outlet.
  It is committed, with its output, before any article of the sample is read.
* ``score`` — on the sample: coder B (``benchmarks/data/fakes_events_second_coder.jsonl``)
  against coder A (the gold) and A against B, sitrep against A and against B, all with
  ``score_articles``: one coder's records are turned into the scorer's predicted form
  (``coder_analysis``: an ``Event`` per coded event, an ``Actor`` and a ``Mention`` per coded
  entity) so that matching, actors, places, status and dates are judged exactly as sitrep's are.
  95 % intervals by resampling articles (seeded, 2,000 draws), the per-article table, and B
  against A per era of the guide. ``--show`` prints the disagreements between A and B (unmatched
  events and matched events whose actors or recipients differ) for reading.

Usage: ``python benchmarks/inter_coder_events.py draw``;
``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/inter_coder_events.py score
[--json FILE] [--show]`` (about a minute: sitrep runs on the 12 articles).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import fakes_csv  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.records import (  # noqa: E402
    Actor,
    Analysis,
    Document,
    Event,
    EventDate,
    EventPlace,
    Evidence,
    Mention,
)
from sitrep.stages.events.article_scorer import (  # noqa: E402
    GoldArticle,
    GoldEntity,
    GoldEvent,
    match_events,
    read_article_gold,
    read_texts,
    same_entity,
    score_articles,
)
from sitrep.stages.events.lexicon import SECTOR_EQUIVALENTS  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
SECOND = REPO / "benchmarks" / "data" / "fakes_events_second_coder.jsonl"
SEED = 2027
SAMPLE_SIZE = 12
#: branch ``agree5``: the second sample, drawn from the tune rows no project text names
SECOND_UNNAMED = REPO / "benchmarks" / "data" / "fakes_events_second_coder_unnamed.jsonl"
UNNAMED_SEED = 2031
AGREE1_HEADING = "[branch agree1]"
#: the commit whose guide and docs the second sample was drawn against (main when agree5 began): later
#: edits that name more rows must not move a committed draw
DRAW_TEXTS_AT = "ed7b306a"

#: the tune half's waves in the gold file's order (as ``WAVES`` of ``events_side_missing.py``, a test
#: holds the two equal): the first sample's tune articles, the two night-4 rounds, wave 5, waves 6-29
WAVE_SIZES = (24, 4, 4, 6) + (8,) * 32
WAVE_NAMES = ("first 24 (seed 2026)", "events10 (seed 1204)", "events11 (seed 1204)",
              "wave 5 (seed 1217)") + tuple(f"wave {n}" for n in range(6, 38))
#: the guide's eras, by the day a wave was coded (fixed with the draw, before any article was read):
#: 12-03/04 (first sample to wave 7), 12-05 (waves 8-13, the report-date ruling came at the end of
#: it and was applied back to every wave), 12-06 (waves 14-28, most of the worked judgement calls),
#: 12-07 (wave 29 on, coded after both draws)
ERAS = ("12-03/04",) * 6 + ("12-05",) * 6 + ("12-06",) * 15 + ("12-07",) * 9
#: the tune articles both draws were made from: the gold's first 222 (waves up to 28, the tune half when
#: agree1 and agree5 drew). Later waves are appended at the file's end; drawing from the whole, longer
#: list would move a committed draw (``random.sample`` over a larger range picks other indices).
DRAWN_FROM = 222


@dataclass(frozen=True, slots=True)
class Drawn:
    document: str
    unit_id: str
    outlet: str
    wave: str
    era: str


def tune_ids(path: Path = GOLD) -> list[tuple[str, str, str]]:
    """(document, unit id, outlet) of the gold's tune articles, in file order; no label is read."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if rec["split"] == "tune":
                out.append((str(rec["document"]), str(rec["unit_id"]), str(rec["outlet"])))
    return out


def wave_index(n_articles: int) -> list[int]:
    if sum(WAVE_SIZES) != n_articles:
        raise SystemExit(f"the tune half has {n_articles} articles, WAVE_SIZES counts {sum(WAVE_SIZES)}")
    return [w for w, size in enumerate(WAVE_SIZES) for _ in range(size)]


def drawn_population(path: Path = GOLD) -> tuple[list[tuple[str, str, str]], list[int]]:
    """The tune articles the draws were made from (``DRAWN_FROM``) and their waves."""
    ids = tune_ids(path)
    return ids[:DRAWN_FROM], wave_index(len(ids))[:DRAWN_FROM]


def draw(path: Path = GOLD, seed: int = SEED, size: int = SAMPLE_SIZE) -> list[Drawn]:
    """The seeded sample of tune articles, in drawn order."""
    ids, waves = drawn_population(path)
    picked = random.Random(seed).sample(range(len(ids)), size)
    out = []
    for i in picked:
        document, unit_id, outlet = ids[i]
        assert int(unit_id) % 2 == 0, f"{document} is a held-out row"
        out.append(Drawn(document, unit_id, outlet, WAVE_NAMES[waves[i]], ERAS[waves[i]]))
    return out


# --- the second sample (branch agree5): rows no project text names -----------------------------
#: a row list starts at "row"/"rows" (also "#row12") or at "drawn were:"; it runs over numbers joined
#: by commas, semicolons, "and", "or", slashes and bracketed remarks ("49 (trt), 530 (reuters)"),
#: across line breaks, and stops at the first other word. It errs on the side of naming too many
#: (an event count after a row list may be read as a row): a row wrongly excluded costs nothing.
_LIST_START = re.compile(r"(?:\brows?\b|#row|drawn were:)\s*", re.IGNORECASE)
_LIST_ITEM = re.compile(r"(\d{1,4})\b|\s+|[,;/]|\band\b|\bor\b|\([^()]*\)|`[^`]*`", re.IGNORECASE)


def named_rows(text: str) -> set[int]:
    """Every FA-KES row number that ``text`` names in a row list (see ``_LIST_START``)."""
    rows: set[int] = set()
    for start in _LIST_START.finditer(text):
        at = start.end()
        while (item := _LIST_ITEM.match(text, at)) and item.end() > at:
            if item.group(1):
                rows.add(int(item.group(1)))
            at = item.end()
    return rows


def section(doc: str, heading_mark: str) -> str:
    """The text of the ``###`` section whose heading holds ``heading_mark``, down to the next heading."""
    lines = doc.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("### ") and heading_mark in line]
    if not starts:
        raise SystemExit(f"no section headed with {heading_mark!r}")
    out = [lines[starts[0]]]
    for line in lines[starts[0] + 1:]:
        if line.startswith("#"):
            break
        out.append(line)
    return "\n".join(out)


def text_at(relative: str, commit: str = DRAW_TEXTS_AT) -> str:
    """A repository file as it was at ``commit`` (``git show``)."""
    done = subprocess.run(["git", "-C", str(REPO), "show", f"{commit}:{relative}"], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    if done.returncode:
        raise SystemExit(f"cannot read {relative} at {commit}: {done.stderr.strip()}")
    return done.stdout


def draw_texts() -> tuple[str, str]:
    """The coding guide and docs/benchmarks.md as they were when the second sample was drawn."""
    return text_at("docs/coding-guide-events.md"), text_at("docs/benchmarks.md")


def excluded_rows(guide: str, benchmarks_doc: str, first_sample: Sequence[Drawn]) -> set[int]:
    """The rows the second sample may not hold: named in the coding guide, named in agree1's section
    of ``docs/benchmarks.md``, or in agree1's sample."""
    first = {int(d.document.rsplit("#row", 1)[1]) for d in first_sample}
    return named_rows(guide) | named_rows(section(benchmarks_doc, AGREE1_HEADING)) | first


def draw_unnamed(path: Path = GOLD, seed: int = UNNAMED_SEED, size: int = SAMPLE_SIZE,
                 excluded: set[int] | None = None) -> list[Drawn]:
    """The seeded second sample: ``size`` tune articles at random among those no project text names
    (``excluded_rows``), in drawn order; reads ids, split and outlet only, never a label."""
    if excluded is None:
        excluded = excluded_rows(*draw_texts(), draw(path))
    ids, waves = drawn_population(path)
    pool = [i for i, (document, _, _) in enumerate(ids) if int(document.rsplit("#row", 1)[1]) not in excluded]
    out = []
    for i in random.Random(seed).sample(pool, size):
        document, unit_id, outlet = ids[i]
        assert int(unit_id) % 2 == 0, f"{document} is a held-out row"
        out.append(Drawn(document, unit_id, outlet, WAVE_NAMES[waves[i]], ERAS[waves[i]]))
    return out


# --- the adapter: one coder's records in the scorer's predicted form ---------------------------
#: the coder's sector -> the knowledge base's sector the scorer accepts for it (``SECTOR_EQUIVALENTS``
#: read backwards: POL -> COP, MED -> JRN; a sector the scorer accepts as itself stays)
KB_SECTOR = {s: s if s in accepted else sorted(accepted)[0] for s, accepted in SECTOR_EQUIVALENTS.items()}


def _actor(entity: GoldEntity, actor_id: str) -> Actor:
    """A coded entity as a resolved actor: its name (the coder's canonical name, else its words),
    its sector in the KB's codes, its country (a coder's null country — no state — becomes the KB's
    non-state code: IGO for an international organisation, IMG otherwise)."""
    sector = KB_SECTOR.get(entity.sector or "", entity.sector)
    country = entity.country or ("IGO" if entity.sector == "IGO" else "IMG")
    return Actor(id=actor_id, name=entity.name or entity.text, kind="igo" if entity.sector == "IGO" else "other",
                 country=country, sector=sector)


def coder_event(event: GoldEvent, document: str, roles: tuple[list[str], list[str]]) -> Event:
    """A coded event as a predicted one (trigger, sentence as evidence, place, date, status)."""
    place = event.place
    return Event(
        id=event.id, document=document, category=event.category, status=event.status,  # type: ignore[arg-type]
        evidence=Evidence(event.sentence[0], event.sentence[1], ""), trigger="", mode=event.mode,
        actors=roles[0], recipients=roles[1],
        place=EventPlace(name=place.text, country=place.country, text=place.text, start=place.start, end=place.end)
        if place else None,
        date=EventDate(value=event.date) if event.date else None,
        trigger_start=event.trigger[0], trigger_end=event.trigger[1])


def coder_analysis(article: GoldArticle, text: str = "") -> Analysis:
    """One coder's article as an analysis the article scorer reads as predictions: an ``Actor`` and a
    ``Mention`` (the coder's span) per coded entity, an ``Event`` per coded event."""
    analysis = Analysis(document=Document(id=article.document, sha256="", text=text, published=article.published))
    for event in article.events:
        roles: tuple[list[str], list[str]] = ([], [])
        for k, (role, entities) in enumerate((("a", event.actors), ("r", event.recipients))):
            for i, entity in enumerate(entities):
                actor_id = f"{event.id}:{role}{i}"
                analysis.actors.append(_actor(entity, actor_id))
                analysis.mentions.append(Mention(document=article.document, actor=actor_id, start=entity.start,
                                                 end=entity.end, text=entity.text, sentence=""))
                roles[k].append(actor_id)
        analysis.events.append(coder_event(event, article.document, roles))
    return analysis


# --- scoring ------------------------------------------------------------------------------------
KEYS = ("event_precision", "event_recall", "event_f1", "actor_accuracy", "recipient_accuracy", "place_accuracy",
        "status_accuracy", "date_accuracy", "actor_strict_accuracy", "recipient_strict_accuracy",
        "predicted_per_gold")
DRAWS = 2000


def sample_articles(path: Path, documents: Sequence[str]) -> list[GoldArticle]:
    """The articles of ``path`` that are in the sample, in the sample's order."""
    by_doc = {a.document: a for a in read_article_gold(path)}
    missing = [d for d in documents if d not in by_doc]
    if missing:
        raise SystemExit(f"{path.name} has no article {missing[0]} of the sample")
    return [by_doc[d] for d in documents]


def percentile_bounds(values: dict[str, list[float]]) -> dict[str, list[float]]:
    """The 2.5th and 97.5th percentiles of each figure's resampled values (sorted in place), rounded
    to 4 places; an empty list for a figure no draw gave."""
    out = {}
    for k, v in values.items():
        v.sort()
        out[k] = [round(v[int(0.025 * len(v))], 4), round(v[min(len(v) - 1, int(0.975 * len(v)))], 4)] if v else []
    return out


def interval(gold: Sequence[GoldArticle], predicted: Sequence[Analysis], seed: int = SEED,
             draws: int = DRAWS) -> dict[str, list[float]]:
    """95 % percentile intervals of each figure, resampling articles with replacement."""
    rng = random.Random(seed)
    values: dict[str, list[float]] = {k: [] for k in KEYS}
    n = len(gold)
    for _ in range(draws):
        pick = [rng.randrange(n) for _ in range(n)]
        m = score_articles([gold[i] for i in pick], [predicted[i] for i in pick])["all"]
        for k in KEYS:
            if m.get(k) is not None:
                values[k].append(float(m[k]))
    return percentile_bounds(values)


def per_article(gold: Sequence[GoldArticle], predicted: Sequence[Analysis]) -> list[dict[str, Any]]:
    rows = []
    for g, p in zip(gold, predicted, strict=True):
        m = score_articles([g], [p])["all"]
        rows.append({"document": g.document, **{k: m[k] for k in ("gold_events", "predicted_events", "matched",
                                                                     "event_f1", "actor_accuracy", "recipient_accuracy",
                                                                     "place_accuracy", "status_accuracy")}})
    return rows


def sitrep_analyses(articles: Sequence[GoldArticle], texts: Sequence[str]) -> list[Analysis]:
    """sitrep's analyses of the sample, run as ``sitrep eval events`` runs them."""
    from sitrep.evaluation import build_for, get_task, run_documents
    from sitrep.evaluation.runner import GoldText

    pipeline = build_for(get_task("events"))
    golds = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    return run_documents(pipeline, golds).analyses


def score(show: bool = False) -> dict[str, Any]:
    drawn = draw()
    documents = [d.document for d in drawn]
    coder_a, coder_b = sample_articles(GOLD, documents), sample_articles(SECOND, documents)
    texts = read_texts(coder_a, fakes_csv())
    as_a = [coder_analysis(a, t) for a, t in zip(coder_a, texts, strict=True)]
    as_b = [coder_analysis(b, t) for b, t in zip(coder_b, texts, strict=True)]
    run = sitrep_analyses(coder_a, texts)
    result: dict[str, Any] = {"sample": documents, "seed": SEED, "draws": DRAWS}
    for name, gold, predicted in (("B_vs_A", coder_a, as_b), ("A_vs_B", coder_b, as_a),
                                  ("sitrep_vs_A", coder_a, run), ("sitrep_vs_B", coder_b, run)):
        result[name] = {"all": score_articles(gold, predicted)["all"], "per_article": per_article(gold, predicted)}
    result["B_vs_A"]["interval"] = interval(coder_a, as_b)
    result["sitrep_vs_A"]["interval"] = interval(coder_a, run)
    result["B_vs_A_by_era"] = {}
    for era in dict.fromkeys(d.era for d in drawn):
        idx = [i for i, d in enumerate(drawn) if d.era == era]
        result["B_vs_A_by_era"][era] = {
            "documents": [documents[i] for i in idx],
            **score_articles([coder_a[i] for i in idx], [as_b[i] for i in idx])["all"]}
    if show:
        show_disagreements(coder_a, coder_b, as_a, as_b, texts)
    return result


# --- the second sample and the pool (branch agree5) ----------------------------------------------
@dataclass(frozen=True, slots=True)
class Coded:
    """One sample as both coders coded it: the drawn ids, A's and B's articles, the texts, both
    coders in the scorer's predicted form, and sitrep's analyses (filled in by ``with_sitrep``)."""
    drawn: list[Drawn]
    coder_a: list[GoldArticle]
    coder_b: list[GoldArticle]
    texts: list[str]
    as_a: list[Analysis]
    as_b: list[Analysis]
    run: list[Analysis]


def load_sample(drawn: Sequence[Drawn], second: Path, gold: Path = GOLD, csv_path: Path | None = None) -> Coded:
    documents = [d.document for d in drawn]
    coder_a, coder_b = sample_articles(gold, documents), sample_articles(second, documents)
    texts = read_texts(coder_a, csv_path or fakes_csv())
    return Coded(list(drawn), coder_a, coder_b, texts, [coder_analysis(a, t) for a, t in zip(coder_a, texts, strict=True)],
                 [coder_analysis(b, t) for b, t in zip(coder_b, texts, strict=True)], [])


def with_sitrep(samples: Sequence[Coded]) -> list[Coded]:
    """The samples with sitrep's analyses, from one run over all their articles."""
    run = sitrep_analyses([a for c in samples for a in c.coder_a], [t for c in samples for t in c.texts])
    out, at = [], 0
    for c in samples:
        out.append(dataclasses.replace(c, run=run[at:at + len(c.drawn)]))
        at += len(c.drawn)
    return out


def subset(coded: Coded, keep: Sequence[int]) -> Coded:
    """The articles ``keep`` (indices) of a sample."""
    def pick(items: Sequence[Any]) -> list[Any]:
        return [items[i] for i in keep] if items else []
    return Coded(pick(coded.drawn), pick(coded.coder_a), pick(coded.coder_b), pick(coded.texts), pick(coded.as_a),
                 pick(coded.as_b), pick(coded.run))


#: a pairing: (name, the gold side, the predicted side) read off a ``Coded``
PAIRINGS = (("B_vs_A", "coder_a", "as_b"), ("A_vs_B", "coder_b", "as_a"), ("sitrep_vs_A", "coder_a", "run"),
            ("sitrep_vs_B", "coder_b", "run"))


def stratified_interval(strata: Sequence[tuple[Sequence[GoldArticle], Sequence[Analysis]]], seed: int = UNNAMED_SEED,
                        draws: int = DRAWS) -> dict[str, list[float]]:
    """95 % percentile intervals of each pooled figure, resampling articles with replacement within each
    stratum (each keeps its size; the strata are unweighted: every article counts once in the pool)."""
    rng = random.Random(seed)
    values: dict[str, list[float]] = {k: [] for k in KEYS}
    for _ in range(draws):
        gold: list[GoldArticle] = []
        predicted: list[Analysis] = []
        for g, p in strata:
            pick = [rng.randrange(len(g)) for _ in range(len(g))]
            gold += [g[i] for i in pick]
            predicted += [p[i] for i in pick]
        m = score_articles(gold, predicted)["all"]
        for k in KEYS:
            if m.get(k) is not None:
                values[k].append(float(m[k]))
    return percentile_bounds(values)


def pooled(samples: Sequence[Coded], seed: int = UNNAMED_SEED, draws: int = DRAWS) -> dict[str, Any]:
    """The four pairings scored over the union of the samples (each sample a stratum of the intervals;
    intervals for B against A and sitrep against A; sitrep's only when its analyses are there)."""
    out: dict[str, Any] = {"documents": [d.document for c in samples for d in c.drawn]}
    for name, gold_side, pred_side in PAIRINGS:
        if pred_side == "run" and not all(c.run for c in samples):
            continue
        gold = [a for c in samples for a in getattr(c, gold_side)]
        predicted = [p for c in samples for p in getattr(c, pred_side)]
        out[name] = {"all": score_articles(gold, predicted)["all"]}
        if name in ("B_vs_A", "sitrep_vs_A"):
            out[name]["interval"] = stratified_interval(
                [(getattr(c, gold_side), getattr(c, pred_side)) for c in samples], seed, draws)
    return out


#: agree1's own list of its rows whose coding the guide does not give ("the 3 rows the guide does not name
#: (653, 750, 223; ...)"), read from its section
_AGREE1_UNNAMED = re.compile(r"rows the guide does not name \(([\d, ]+);")


def first_unnamed_rows(first: Sequence[Drawn], guide: str, agree1_section: str | None = None) -> list[int]:
    """Indices of agree1's sample whose rows the coding guide does not name: by agree1's own list when
    its section is given (the rows section 9 does not code for the reader), else by ``named_rows`` (no
    mention anywhere, which also drops a row the guide lists only as already coded when skipped)."""
    if agree1_section is not None:
        found = _AGREE1_UNNAMED.search(" ".join(agree1_section.split()))
        if not found:
            raise SystemExit("agree1's section no longer lists its unnamed rows")
        free = {int(n) for n in found.group(1).replace(",", " ").split()}
    else:
        named = named_rows(guide)
        free = {int(d.document.rsplit("#row", 1)[1]) for d in first} - named
    return [i for i, d in enumerate(first) if int(d.document.rsplit("#row", 1)[1]) in free]


def score_unnamed(show: bool = False) -> dict[str, Any]:
    """This sample alone, pooled with agree1's (two strata), and pooled without the guide-named rows."""
    mine, first = with_sitrep([load_sample(draw_unnamed(), SECOND_UNNAMED), load_sample(draw(), SECOND)])
    guide, doc = draw_texts()
    agree1 = section(doc, AGREE1_HEADING)
    first_free = subset(first, first_unnamed_rows(first.drawn, guide, agree1))
    first_unmentioned = subset(first, first_unnamed_rows(first.drawn, guide))
    result: dict[str, Any] = {"seed": UNNAMED_SEED, "draws": DRAWS, "unnamed": pooled([mine]),
                              "pooled": pooled([first, mine]), "pooled_unnamed": pooled([first_free, mine]),
                              "pooled_unmentioned": pooled([first_unmentioned, mine])}
    result["unnamed"]["per_article"] = {name: per_article(getattr(mine, g), getattr(mine, p))
                                        for name, g, p in PAIRINGS}
    both = [(c, i) for c in (first, mine) for i in range(len(c.drawn))]
    result["pooled_B_vs_A_by_era"] = {}
    for era in dict.fromkeys(c.drawn[i].era for c, i in both):
        idx = [(c, i) for c, i in both if c.drawn[i].era == era]
        result["pooled_B_vs_A_by_era"][era] = {
            "documents": [c.drawn[i].document for c, i in idx],
            **score_articles([c.coder_a[i] for c, i in idx], [c.as_b[i] for c, i in idx])["all"]}
    if show:
        show_disagreements(mine.coder_a, mine.coder_b, mine.as_a, mine.as_b, mine.texts)
    return result


def print_unnamed(result: dict[str, Any]) -> None:
    for block in ("unnamed", "pooled_unnamed", "pooled_unmentioned", "pooled"):
        print(f"\n[{block}] {len(result[block]['documents'])} articles")
        print("pairing".ljust(13) + "".join(k.replace("_accuracy", "").replace("event_", "").rjust(11) for k in KEYS))
        for name, _, _ in PAIRINGS:
            m = result[block][name]["all"]
            print(name.ljust(13) + "".join(str(m[k]).rjust(11) for k in KEYS))
        for name in ("B_vs_A", "sitrep_vs_A"):
            print(f"{name} 95 %: " + "  ".join(f"{k} {v}" for k, v in result[block][name]["interval"].items()))
    for era, m in result["pooled_B_vs_A_by_era"].items():
        print(f"B_vs_A era {era} ({len(m['documents'])} articles): " +
              "  ".join(f"{k} {m[k]}" for k in KEYS))


def _who(entities: Sequence[GoldEntity]) -> str:
    return ",".join(f"{e.text}[{e.country}/{e.sector}{'/' + e.name if e.name else ''}{'*' if e.from_context else ''}]"
                    for e in entities)


def _line(text: str, e: GoldEvent) -> str:
    return (f"{e.id} {text[e.trigger[0]:e.trigger[1]]!r} {e.category} {e.status} A={_who(e.actors)} "
            f"R={_who(e.recipients)} P={e.place.text if e.place else None} D={e.date}")


def show_disagreements(coder_a: Sequence[GoldArticle], coder_b: Sequence[GoldArticle], as_a: Sequence[Analysis],
                       as_b: Sequence[Analysis], texts: Sequence[str]) -> None:
    """Print, per article, A's events B has no match for, B's events A has none for, and the matched
    pairs whose actors or recipients differ (the scorer's one-to-one pairing), with sentences."""
    for a, b, an_b, text in zip(coder_a, coder_b, as_b, texts, strict=True):
        pairs = match_events(a.events, an_b.events)
        hit_a = {g.id for g, _ in pairs}
        hit_b = {p.id for _, p in pairs}
        b_by_id = {e.id: e for e in b.events}
        print(f"\n=== {a.document}: A {len(a.events)} / B {len(b.events)} / matched {len(pairs)}")
        for e in a.events:
            if e.id not in hit_a:
                print(f"  A only {_line(text, e)}\n      {text[e.sentence[0]:e.sentence[1]][:220]!r}")
        for e in b.events:
            if e.id not in hit_b:
                print(f"  B only {_line(text, e)}\n      {text[e.sentence[0]:e.sentence[1]][:220]!r}")
        actors = {x.id: x for x in an_b.actors}
        spans = {m.actor: [(m.start, m.end)] for m in an_b.mentions}
        for g, p in pairs:
            for role, gold, pred in (("actor", g.actors, p.actors), ("recipient", g.recipients, p.recipients)):
                hits = sum(1 for pid in pred if any(same_entity(actors[pid], spans[pid], x) for x in gold))
                if not (hits == len(pred) == len(gold)):
                    print(f"  {role} differs: A {_line(text, g)}\n                  B {_line(text, b_by_id[p.id])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    drawing = sub.add_parser("draw", help="print the seeded sample (ids only)")
    drawing.add_argument("--unnamed", action="store_true",
                         help="the second sample (agree5, seed 2031): tune rows no project text names")
    scoring = sub.add_parser("score", help="score B against A, A against B, sitrep against both")
    scoring.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    scoring.add_argument("--show", action="store_true", help="print the disagreements between A and B")
    scoring.add_argument("--unnamed", action="store_true",
                         help="the second sample (agree5): alone, pooled with agree1's, pooled without named rows")
    args = parser.parse_args()
    if args.command == "draw":
        if args.unnamed:
            ids, _ = drawn_population()
            excluded = excluded_rows(*draw_texts(), draw())
            pool = sum(1 for d, _, _ in ids if int(d.rsplit("#row", 1)[1]) not in excluded)
            print(f"# tune articles {len(ids)}, named or in agree1's sample {len(ids) - pool}, pool {pool}, "
                  f"seed {UNNAMED_SEED}")
        for d in draw_unnamed() if args.unnamed else draw():
            print(f"{d.document}\t{d.unit_id}\t{d.wave}\t{d.era}\t{d.outlet}")
        return
    if args.unnamed:
        result = score_unnamed(show=args.show)
        print_unnamed(result)
        if args.json:
            args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        return
    result = score(show=args.show)
    print("pairing".ljust(13) + "".join(k.replace("_accuracy", "").replace("event_", "").rjust(11) for k in KEYS))
    for name in ("B_vs_A", "A_vs_B", "sitrep_vs_A", "sitrep_vs_B"):
        m = result[name]["all"]
        print(name.ljust(13) + "".join(str(m[k]).rjust(11) for k in KEYS))
    for name in ("B_vs_A", "sitrep_vs_A"):
        print(f"{name} 95 %: " + "  ".join(f"{k} {v}" for k, v in result[name]["interval"].items()))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
