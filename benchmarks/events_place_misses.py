"""FA-KES hand-coded events, tune half: the place misses on matched events, by class (issues 13, 14).

For every matched pair of the ``tune`` half whose place is not right (``article_scorer.place_right``),
one class (the first that applies, in this order):

* ``coder has none``: the coder gives the event no place, sitrep does;
* ``from context``: the coder's place is told outside the event's sentence;
* ``resolved elsewhere``: the place stage resolved the coder's toponym, to another entry than the
  name as written (a neighbourhood placed at its city by ``Resolver.container``, a namesake),
  split by whether sitrep's event place is that resolution or another place;
* ``resolved, not chosen``: the place stage resolved the coder's toponym as itself and the event
  took another place (or none);
* ``finer found, not chosen``: the coder's toponym is an unresolved name ``finer`` found, and the
  event took another place (or none);
* ``finer missed:<why>``: the coder's toponym is neither resolved nor found by ``finer``; why, read
  from the parse, the first that applies: ``headline`` (a title-case line), ``actor`` (inside an
  actor mention), ``noun <w>`` (it heads or compounds a common noun that is no place noun: "the
  Bab al-Salama crossing" if "crossing" were missing), ``lower case``, ``not proper`` (no token
  tagged a proper noun or a place entity), ``not placed`` (not the object of a locative
  preposition, nor "of" under a place noun), ``other``;
* ``gold convention / other``: anything else (the coder's place is in the sentence, sitrep's place
  overlaps no toponym of it).

Each miss also says the level of sitrep's place (country / region / city ...). Reads the tune half
only (``sitrep eval events`` scores the check half). ``--show`` prints each miss with its sentence;
``--waves`` adds the count per wave of the gold (``tests/test_gold_events.py``'s draw order).

``--search`` chooses the settings of the surface names and of "of" locating (``finer``'s
``SURFACE_NAMES``, ``SURFACE_ADJECTIVES``, ``SURFACE_PREP_GAP``, ``OF_LOCATES``, ``CLAUSE_NAMES``) leave one wave
out on the tune half: for each wave, the setting with the most right places on the other waves,
scored on the held-out wave; it prints each setting's right places per wave and the out-of-fold
sum against the stage as it was (both off).

``--context`` splits the ``from context`` misses (events54) by where the coder's toponym is told in
the text that the place stage resolved (``told_where``: ``headline`` when its first resolved mention
is in the document's first sentence, ``before N`` for the nearest resolved mention N sentences
before the event's (5 = five or more), ``after`` when only later ones, ``not resolved`` when the place
stage resolved it nowhere in the document) and by sitrep's place (none, a country, another place).

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/events_place_misses.py [--show] [--waves] [--search]
[--context]``.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from common import REPO, fakes_csv, from_raw  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.records import Analysis, Event  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    GoldEvent,
    _norm,
    match_events,
    place_right,
    read_article_gold,
    read_texts,
)
from sitrep.stages.events.finer import _placed, headline, unresolved_names  # noqa: E402
from sitrep.stages.events.lexicon import PLACE_NOUNS  # noqa: E402
from sitrep.stages.place.normalize import fold  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from spacy.tokens import Doc, Span

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
LEVELS = {1: "country", 2: "region", 3: "district", 4: "city", 5: "sub-city"}


def _taken(an: Analysis, doc: Doc, at: Callable[[int], int]) -> set[int]:
    """The events stage's taken tokens (``_Context.taken``): actor mentions that are no provisional
    actor, resolved places, time expressions (``at``: a gold offset's offset in the parsed text)."""
    out: set[int] = set()
    spans = [(m.start, m.end) for m in an.mentions if not m.actor.startswith("provisional")]
    spans += [(p.start, p.end) for p in an.places] + [(t.start, t.end) for t in an.times]
    for start, end in spans:
        span = doc.char_span(at(start), at(end - 1) + 1, alignment_mode="expand")
        out.update(range(span.start, span.end) if span is not None else ())
    return out


def _why_missed(sent: Span, lo: int, hi: int, an: Analysis, glo: int, ghi: int) -> str:
    """Why ``finer`` did not find the name at chars [lo, hi) of the parse (gold [glo, ghi)) (the
    module's list)."""
    words = [t for t in sent if lo <= t.idx < hi and not t.is_punct]
    if not words:
        return "other"
    if headline(sent):
        return "headline"
    if any(m.start < ghi and glo < m.end for m in an.mentions if not m.actor.startswith("provisional")):
        return "actor"
    last = words[-1]
    if last.head.i > last.i and last.dep_ == "compound" and last.head.pos_ == "NOUN" \
            and last.head.lemma_.lower() not in PLACE_NOUNS:
        return f"noun {last.head.lemma_.lower()}"
    if not any(t.is_title or t.is_upper for t in words):
        return "lower case"
    if not any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "LOC", "FAC") for t in words):
        return "not proper"
    heads = {t.i for t in words}
    top = [t for t in words if t.head.i not in heads or t.head.i == t.i]
    if not any(_placed(t) or (t.dep_ == "compound" and _placed(t.head)) for t in top):
        return "not placed"
    return "other"


def classify(g: GoldEvent, p: Event, an: Analysis, doc: Doc, taken: set[int], at: Callable[[int], int]) -> str:
    """The class of a place miss on the matched pair (``g``, ``p``) (the module's list)."""
    if g.place is None:
        return "coder has none"
    lo, hi = g.place.start, g.place.end
    s0, s1 = g.sentence
    if not s0 <= lo < s1:
        return "from context"
    res = [pl for pl in an.places if pl.start < hi and lo < pl.end]
    chose = p.place is not None and p.place.start is not None and any(
        pl.start == p.place.start for pl in res)
    if res:
        if fold(res[0].name) != fold(g.place.text) and not fold(g.place.text).startswith(fold(res[0].name) + " "):
            return "resolved elsewhere:" + ("chosen" if chose else "not chosen")
        return "resolved, not chosen"
    span = doc.char_span(at(s0), at(s1 - 1) + 1, alignment_mode="expand")
    if span is None:
        return "other"
    sents = list(span.sents)
    names = [n for s in sents for n in unresolved_names(s, taken)]
    dlo, dhi = at(lo), at(hi - 1) + 1
    if any(doc[n.first].idx < dhi and dlo < n.end for n in names):
        return "finer found, not chosen"
    within = next((s for s in sents if s.start_char <= dlo < s.end_char), sents[0])
    return "finer missed:" + _why_missed(within, dlo, dhi, an, lo, hi)


def told_where(g: GoldEvent, an: Analysis, sentence_of: Callable[[int], int]) -> str:
    """Where the coder's toponym of a ``from context`` miss is told (``--context``; the module's
    docstring): by the place stage's resolved mentions of the same name (as ``place_right`` compares)."""
    assert g.place is not None
    want = _norm(g.place.text)
    told = sorted({sentence_of(pl.start) for pl in an.places
                   if want in (_norm(pl.text), _norm(pl.name)) or want.startswith(_norm(pl.name) + " ")})
    if not told:
        return "not resolved"
    here = sentence_of(g.sentence[0])
    if told[0] == 0 and here > 0:
        return "headline"
    before = [n for n in told if n < here]
    return f"before {min(here - before[-1], 5)}" if before else "after"


#: the names docs/benchmarks.md gives the draws of ``_waves``
WAVE_NAMES = ("first 24", "events10", "events11", "events17", "wave 6", "wave 7", "wave 8", "wave 9", "wave 10",
              "wave 11", "wave 12", "wave 13", "wave 14", "wave 15", "wave 16", "wave 17", "wave 18", "wave 19",
              "wave 20", "wave 21", "wave 22", "wave 23", "wave 24", "wave 25",
              "wave 26", "wave 27", "wave 28", "wave 29",
              "wave 30", "wave 31", "wave 32", "wave 33", "wave 34", "wave 35", "wave 36", "wave 37")


def _waves() -> dict[str, int]:
    """The wave of each tune article: 0 the first 24, then ``LATER_ROUNDS`` in order."""
    import sys

    sys.path.insert(0, str(REPO / "tests"))
    from test_gold_events import _sample, later_round_draws  # type: ignore[import-not-found]

    order = [r["document"] for r in _sample(48, 2026)]
    out = {doc: 0 for k, doc in enumerate(order) if k % 2 == 0}
    for w, drawn in enumerate(later_round_draws(set(order)), start=1):
        out.update({doc: w for doc in drawn})
    return out


#: the settings ``--search`` compares: (SURFACE_NAMES, SURFACE_ADJECTIVES, SURFACE_PREP_GAP, OF_LOCATES,
#: CLAUSE_NAMES); the first is the stage as it was
SETTINGS: tuple[tuple[bool, int, int, bool, bool], ...] = (
    (False, 0, 0, False, False), (False, 0, 0, True, False), (False, 0, 0, False, True),
    *((True, adj, gap, of, clause) for clause in (False, True) for of in (True, False)
      for adj in (0, 1, 2) for gap in (1, 3)),
)


def search() -> None:
    """Leave one wave out over ``SETTINGS`` (the module's docstring)."""
    from sitrep.stages.events import finer

    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    waves = _waves()
    pipeline = build_for(get_task("events"))
    golds = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    right: dict[tuple[bool, int, int, bool, bool], Counter[int]] = {}
    for setting in SETTINGS:
        (finer.SURFACE_NAMES, finer.SURFACE_ADJECTIVES, finer.SURFACE_PREP_GAP, finer.OF_LOCATES,
         finer.CLAUSE_NAMES) = setting
        run = run_documents(pipeline, golds)
        count: Counter[int] = Counter()
        for art, an in zip(articles, run.analyses, strict=True):
            count[waves[art.document]] += sum(place_right(p.place, g.place) for g, p in match_events(art.events, an.events))
        right[setting] = count
        print(setting, sum(count.values()), [count[w] for w in sorted(set(waves.values()))], flush=True)
    base = SETTINGS[0]
    total = base_total = 0
    gains = []
    for w in sorted(set(waves.values())):
        best = max(SETTINGS, key=lambda st: (sum(n for v, n in right[st].items() if v != w), -SETTINGS.index(st)))
        total += right[best][w]
        base_total += right[base][w]
        gains.append(right[best][w] - right[base][w])
        print(f"wave {w} ({WAVE_NAMES[w]}): chosen {best}, held-out right {right[best][w]} (as it was {right[base][w]})")
    mean = sum(gains) / len(gains)
    sd = (sum((g - mean) ** 2 for g in gains) / (len(gains) - 1)) ** 0.5
    print(f"out of fold: {total} right places vs {base_total} as it was; per-wave gain mean {mean:+.2f} (sd {sd:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every miss with its sentence")
    parser.add_argument("--waves", action="store_true", help="count the misses per wave of the gold")
    parser.add_argument("--search", action="store_true", help="choose the settings leave one wave out")
    parser.add_argument("--context", action="store_true", help="split the from-context misses (where told)")
    args = parser.parse_args()
    if args.search:
        search()
        return
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    run = run_documents(build_for(get_task("events")),
                        [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)],
                        keep_doc=True)
    waves = _waves() if args.waves else {}
    tally: Counter[str] = Counter()
    by_wave: Counter[tuple[int, str]] = Counter()
    context: Counter[tuple[str, str]] = Counter()
    matched = 0
    for art, text, an, ingested in zip(articles, texts, run.analyses, run.documents, strict=True):
        doc = an.doc
        if doc is None or ingested is None:
            continue
        char_map = ingested.char_map

        def at(offset: int, char_map: list[tuple[int, int]] = char_map) -> int:
            return from_raw(char_map, offset)

        taken = _taken(an, doc, at)
        for g, p in match_events(art.events, an.events):
            matched += 1
            if place_right(p.place, g.place):
                continue
            cls = classify(g, p, an, doc, taken, at)
            level = next((LEVELS.get(pl.level or 0, "?") for pl in an.places
                          if p.place is not None and pl.start == p.place.start), "unresolved" if p.place else "none")
            tally[cls] += 1
            by_wave[(waves.get(art.document, -1), cls.split(":")[0])] += 1
            if args.context and cls == "from context":
                starts = [s.start_char for s in doc.sents]

                def sentence_of(offset: int, at: Callable[[int], int] = at, starts: list[int] = starts) -> int:
                    return max((k for k, st in enumerate(starts) if st <= at(offset)), default=0)

                sitrep = "none" if p.place is None else "a country" if level == "country" else "another place"
                context[(told_where(g, an, sentence_of), sitrep)] += 1
            if args.show:
                print(f"{cls} [{level}] {art.document} {text[g.trigger[0]:g.trigger[1]]!r} "
                      f"G={g.place.text if g.place else None} S={p.place.text if p.place else None}"
                      f"/{p.place.name if p.place else None}\n    {text[g.sentence[0]:g.sentence[1]][:300]!r}")
    print(f"matched {matched}, place misses {sum(tally.values())}")
    for key, n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:4d}  {key}")
    for (where, sitrep), n in sorted(context.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"from context, told {where}, sitrep's place {sitrep}: {n}")
    if waves:
        for (w, cls), n in sorted(by_wave.items()):
            print(f"wave {w} ({WAVE_NAMES[w]}): {cls} {n}")


if __name__ == "__main__":
    main()
