"""FA-KES hand-coded events, tune half, waves up to 20: the place misses out of the gazetteer's reach,
what the text holds, and a scorer-side ceiling for an unresolved event place (issue 13; events56).

**1. What the text holds** (``--classes``). For the place misses of two of ``events_place_misses.py``'s
classes: ``from context`` whose coder's toponym the place stage resolves nowhere in the article
(events54's 64, ``told_where`` = ``not resolved``) and ``finer missed`` (56), the first that applies,
read from the parse at the coder's toponym:

* ``ner place``: a GPE, LOC or FAC entity of the tagger overlaps the toponym and lies inside it or
  equals it (the place stage dropped it: no gazetteer entry, or the toponym model refused it);
* ``inside longer span``: an entity of the tagger strictly contains the toponym (a longer place
  name, an organisation, a person: "the <Name> Brigade");
* ``place noun of``: no such entity, and "the village / town / district / ... of" stands before it
  (``lexicon.PLACE_NOUNS`` + "of");
* ``untagged``: none of these (the tagger marks nothing there).

Each is also split by whether ``finer`` finds it as an unresolved name anywhere in the document
(``finer.unresolved_names`` over every sentence), and, for the ``from context`` ones, whether the
same name is written in the event's own sentence too.

**2. A scorer-side ceiling** (default). The events stage is left as it is; on the stage's output the
scorer replaces the place of a matched event by an *unresolved name* (name as written, its offsets,
no coordinates, no country), and the right places are counted again. An event is a candidate when
its category is one of ``assemble.CONTEXT_CATEGORIES`` and its place is none (with ``country``: or a
country); its name is the unresolved name told last before its trigger (its own sentence: the
nearest one in it, before or after the trigger) at most ``window`` sentences back; ``source``
``finer`` takes ``finer.unresolved_names`` only, ``finer+ner`` adds the tagger's GPE / LOC / FAC
spans on no taken token (resolved places, actor mentions, times); with ``told`` only an event whose
status is asserted or reported. Settings: off, and window 0, 1, 2, 3 x country x source x told
(32). Nothing of the record, store or export is changed by this script.

**The bar, written and committed before the run** (events56, 2026-12-06): leave one wave out over
the 19 tune waves of events54 (waves up to 20; wave 21 is not used): for each held-out wave the
setting with the most right places on the other waves (ties: the earlier in the list, off first),
scored on the held-out wave. A treatment passes when (1) the mean per-wave gain in right places is
greater than its sd, (2) the held-out place accuracy beats off; (3) no other events figure falls
(event F1, matched events, actor, recipient and status: unchanged by construction here, as only the
place is replaced); (4) of the new unresolved names the chosen setting gives on 20 random tune
articles (``random.Random(2026)``, listed by ``--read``), at least 95 % are real places, read by
hand in their sentences. A pass is evidence for building the treatment in the stage behind a
switch (default off); this script ships nothing on.

**The second look, its bar written and committed before its run** (said plainly: the same 19 waves,
after the first look failed (1) and (4)): ``--second`` adds two dimensions and three candidate filters.
``coarser``: an event placed at a resolved place finer than a country (level 2-4) is a candidate too,
when its unresolved name is told in a sentence that also tells that same resolved place (the text
locates the name in it: "the village of X in Y province"); ``after``: an event with no name in its
own sentence nor before it takes the first name of the next sentence (a lead that says "a town" and
names it next). Filters, every candidate, general classes read on the tune half: a name with a word
the tagger marks as a date, time or number (``finer.NOT_PLACES``); a name that is a resolved place's
name of the document with an "s" added (a possessive whose apostrophe the corpus lost); a name the
tagger alone gives whose last word is also written in lower case in the document (a common word, as
the toponym model's ``lower_words``). Settings: off, and window x country x source x told x coarser x
after (128). The bar is the first look's, unchanged: (1)-(4).

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/events_place_unresolved.py [--classes]
[--show] [--read [--all]] [--second] [--setting W,COUNTRY,SOURCE,TOLD,COARSER,AFTER]``.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from common import fakes_csv, from_raw  # noqa: E402  (puts the repository's src on sys.path)
from events_place_misses import GOLD, WAVE_NAMES, _taken, _waves, classify, told_where  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.records import EventPlace  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    _norm,
    match_events,
    place_right,
    read_article_gold,
    read_texts,
)
from sitrep.stages.events.assemble import CONTEXT_CATEGORIES  # noqa: E402
from sitrep.stages.events.finer import NOT_PLACES, unresolved_names  # noqa: E402
from sitrep.stages.events.lexicon import PLACE_NOUNS  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: the last wave used (index of ``WAVE_NAMES``: 18 = wave 20); later waves belong to other helpers
LAST_WAVE = WAVE_NAMES.index("wave 20")
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
WINDOWS = (0, 1, 2, 3)
SOURCES = ("finer", "finer+ner")
#: (window, country, source, told); None is off
Setting = tuple[int, bool, str, bool, bool, bool]
SETTINGS: tuple[Setting | None, ...] = (
    None, *((w, c, s, t, False, False) for s in SOURCES for t in (False, True) for c in (False, True) for w in WINDOWS))
#: the second look's (window, country, source, told, coarser, after)
SECOND: tuple[Setting | None, ...] = (
    None, *((w, c, s, t, co, af) for af in (False, True) for co in (False, True) for s in SOURCES
            for t in (False, True) for c in (False, True) for w in WINDOWS))


@dataclass(frozen=True, slots=True)
class Candidate:
    """An unresolved name of a document: its sentence index, first token, gold-coordinate offsets."""

    sentence: int
    token: int
    start: int
    end: int
    text: str
    source: str


def text_class(doc: Doc, lo: int, hi: int) -> str:
    """The first class of the module's list for the toponym at parse chars [lo, hi)."""
    ents = [e for e in doc.ents if e.start_char < hi and lo < e.end_char]
    if any(e.label_ in PLACE_ENTS and lo <= e.start_char and e.end_char <= hi + 1 for e in ents):
        return "ner place"
    if any(e.start_char <= lo and hi <= e.end_char and (e.end_char - e.start_char) > (hi - lo) for e in ents):
        return "inside longer span"
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is not None:
        before = [t for t in doc[max(0, span.start - 3):span.start] if t.lower_ not in ("the", "a")]
        if len(before) >= 2 and before[-1].lower_ == "of" and before[-2].lemma_.lower() in PLACE_NOUNS:
            return "place noun of"
    return "untagged"


def _filtered(c: Candidate, doc: Doc, resolved: set[str], lower: set[str]) -> bool:
    """The second look's filters (the module's docstring): is the candidate no place name?"""
    if any(t.ent_type_ in NOT_PLACES for t in doc[c.token:c.token + len(c.text.split())]):
        return True
    if _norm(c.text).endswith("s") and _norm(c.text)[:-1] in resolved:
        return True
    return c.source == "ner" and c.text.split()[-1].lower() in lower


def candidates(doc: Doc, taken: set[int], back: dict[int, int], second: bool = False,
               resolved: frozenset[str] = frozenset()) -> list[Candidate]:
    """Every unresolved name of the document, both sources, in text order (``back``: parse char ->
    gold char; ``second``: the second look's filters, ``resolved`` the document's resolved names)."""
    out: list[Candidate] = []
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        names = unresolved_names(sent, taken)
        for n in names:
            a, b = doc[n.first].idx, doc[n.last].idx + len(doc[n.last])
            if a in back and b - 1 in back:
                out.append(Candidate(k, n.first, back[a], back[b - 1] + 1, doc[n.first:n.last + 1].text, "finer"))
        for e in sent.ents:
            if e.label_ not in PLACE_ENTS or any(i in taken for i in range(e.start, e.end)):
                continue
            if any(n.first <= e.end - 1 and e.start <= n.last for n in names):
                continue
            if not any(t.is_title or t.is_upper for t in e):
                continue
            if e.start_char in back and e.end_char - 1 in back:
                out.append(Candidate(k, e.start, back[e.start_char], back[e.end_char - 1] + 1, e.text, "ner"))
    if second:
        lower = {t.text for t in doc if t.is_lower}
        out = [c for c in out if not _filtered(c, doc, set(resolved), lower)]
    return sorted(out, key=lambda c: c.token)


def choose(cands: list[Candidate], sent_k: int, trig: int, setting: Setting) -> Candidate | None:
    """The unresolved name an event (its sentence ``sent_k``, trigger token ``trig``) takes."""
    window, _, source, _, _, after = setting
    pool = [c for c in cands if source == "finer+ner" or c.source == "finer"]
    own = [c for c in pool if c.sentence == sent_k]
    if own:
        return min(own, key=lambda c: abs(c.token - trig))
    before = [c for c in pool if sent_k - window <= c.sentence < sent_k]
    if before:
        return before[-1]
    later = [c for c in pool if c.sentence == sent_k + 1] if after else []
    return later[0] if later else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", action="store_true", help="what the text holds at the 64 + 56 misses")
    parser.add_argument("--show", action="store_true", help="print each of the 64 + 56 with its sentences")
    parser.add_argument("--read", action="store_true", help="list the new names on 20 random tune articles")
    parser.add_argument("--second", action="store_true", help="the second look (the module's docstring)")
    parser.add_argument("--check", action="store_true",
                        help="read the check half once, off against --setting (waves up to 20); nothing chosen")
    parser.add_argument("--all", action="store_true", help="with --read, every tune article instead of 20")
    parser.add_argument("--setting", default="", help="W,COUNTRY,SOURCE,TOLD,COARSER,AFTER (0/1) for --read (else the all-tune choice)")
    args = parser.parse_args()
    waves = _waves()
    half = "check" if args.check else "tune"
    articles = [a for a in read_article_gold(GOLD, split=half) if waves.get(a.document, 0) <= LAST_WAVE]
    texts = read_texts(articles, fakes_csv())
    run = run_documents(build_for(get_task("events")),
                        [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)],
                        keep_doc=True)
    print(f"{len(articles)} {half} articles (waves up to {WAVE_NAMES[LAST_WAVE]})")
    settings = SECOND if args.second else SETTINGS
    if args.check:
        w_, c_, s_, t_, co_, af_ = args.setting.split(",")
        settings = (None, (int(w_), c_ == "1", s_, t_ == "1", co_ == "1", af_ == "1"))
        waves = {a.document: 0 for a in articles}
    classes: Counter[tuple[str, str]] = Counter()
    right: dict[Setting | None, Counter[int]] = {s: Counter() for s in settings}
    new_names: dict[Setting, list[tuple[str, str, str, str]]] = {s: [] for s in settings if s is not None}
    matched = 0
    for art, text, an, ingested in zip(articles, texts, run.analyses, run.documents, strict=True):
        doc = an.doc
        if doc is None or ingested is None:
            continue
        char_map = ingested.char_map

        def at(offset: int, char_map: list[tuple[int, int]] = char_map) -> int:
            return from_raw(char_map, offset)

        back = {at(i): i for i in range(len(text))}
        taken = _taken(an, doc, at)
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]

        def sentence_of(offset: int, char_map: list[tuple[int, int]] = char_map, starts: list[int] = starts) -> int:
            return max((k for k, st in enumerate(starts) if st <= from_raw(char_map, offset)), default=0)

        resolved = frozenset(_norm(x) for pl in an.places for x in (pl.name, pl.text))
        cands = candidates(doc, taken, back, args.second, resolved)
        finer_texts = {_norm(c.text) for c in cands if c.source == "finer"}
        wave = waves[art.document]
        for g, p in match_events(art.events, an.events):
            matched += 1
            ok = place_right(p.place, g.place)
            right[None][wave] += ok
            if not ok and g.place is not None:
                cls = classify(g, p, an, doc, taken, at)
                lo, hi = at(g.place.start), at(g.place.end - 1) + 1
                if cls == "from context" and told_where(g, an, sentence_of) == "not resolved":
                    own = text[g.sentence[0]:g.sentence[1]].lower().find(g.place.text.lower()) >= 0
                    found = "finer finds it" if _norm(g.place.text) in finer_texts else "finer does not"
                    delta = sentence_of(g.place.start) - sentence_of(g.sentence[0])
                    side = "told after" if delta > 0 else "told in the headline" if sentence_of(g.place.start) == 0 \
                        else "told before"
                    classes[("not resolved", f"{text_class(doc, lo, hi)} | {found} | {side} | "
                             f"{'also in own sentence' if own else 'not in own sentence'}")] += 1
                    classes[("not resolved", f"= {side}")] += 1
                    classes[("not resolved", f"= {found}")] += 1
                    classes[("not resolved", f"= {text_class(doc, lo, hi)}")] += 1
                elif cls.startswith("finer missed"):
                    classes[("finer missed", text_class(doc, lo, hi))] += 1
                else:
                    cls = ""
                if args.show and cls:
                    where = " ".join(sents[sentence_of(g.place.start)].text.split())[:200]
                    level = next((pl.level for pl in an.places if p.place is not None and pl.start == p.place.start), None)
                    print(f"SHOW {cls} {art.document} {text_class(doc, lo, hi)} G={g.place.text!r} "
                          f"S={p.place.text if p.place else None!r}/{p.place.name if p.place else None!r} L={level} "
                          f"{p.category} {p.status}\n    event: {' '.join(text[g.sentence[0]:g.sentence[1]].split())[:200]!r}"
                          f"\n    gold: {where!r}")
            trig_char = p.trigger_start if p.trigger_start is not None else p.evidence.start
            sent_k = sentence_of(trig_char)
            tok = doc.char_span(at(trig_char), at(trig_char) + 1, alignment_mode="expand")
            trig = tok.start if tok is not None else sents[sent_k].start
            own_place = next((pl for pl in an.places if p.place is not None and p.place.start is not None
                              and pl.start == p.place.start), None)
            is_country = own_place is not None and own_place.level == 1
            told_in = {sentence_of(pl.start) for pl in an.places
                       if own_place is not None and pl.geonames_id is not None and pl.geonames_id == own_place.geonames_id}
            coarse = own_place is not None and own_place.level in (2, 3, 4)
            for setting in settings[1:]:
                assert setting is not None
                _, country, _, told, coarser, _ = setting
                eligible = p.category in CONTEXT_CATEGORIES and (
                    p.place is None or (country and is_country) or (coarser and coarse)) \
                    and (not told or p.status in ("asserted", "reported"))
                c = choose(cands, sent_k, trig, setting) if eligible else None
                if c is not None and p.place is not None and not is_country and c.sentence not in told_in:
                    c = None  # coarser: only a name told beside the event's own resolved place
                place = p.place if c is None else EventPlace(name=c.text, text=c.text, start=c.start, end=c.end)
                right[setting][wave] += place_right(place, g.place)
                if c is not None:
                    new_names[setting].append((art.document, c.text, c.source, sents[c.sentence].text))
    print(f"matched {matched}")
    if args.classes:
        for (group, cls), n in sorted(classes.items(), key=lambda kv: (kv[0][0], -kv[1])):
            print(f"{group:14s} {n:4d}  {cls}")
    used = sorted(w for w in set(waves.values()) if w <= LAST_WAVE)
    for s in settings:
        print(s, sum(right[s].values()), [right[s][w] for w in used], flush=True)
    if args.check:
        return
    gains, total, base_total = [], 0, 0
    for w in used:
        best = max(settings, key=lambda st: (sum(n for v, n in right[st].items() if v != w), -settings.index(st)))
        total += right[best][w]
        base_total += right[None][w]
        gains.append(right[best][w] - right[None][w])
        print(f"wave {WAVE_NAMES[w]}: chosen {best}, held-out right {right[best][w]} (off {right[None][w]})")
    mean = sum(gains) / len(gains)
    sd = (sum((x - mean) ** 2 for x in gains) / (len(gains) - 1)) ** 0.5
    print(f"out of fold: {total} right of {matched} ({total / matched:.4f}) vs off {base_total} "
          f"({base_total / matched:.4f}); per-wave gains {gains}; mean {mean:+.2f} sd {sd:.2f}; "
          f"passes (1)-(2): {mean > sd and total > base_total}")
    chosen = max(settings, key=lambda st: (sum(right[st].values()), -settings.index(st)))
    print(f"chosen on all tune: {chosen} ({sum(right[chosen].values())} right)")
    if args.read:
        if args.setting:
            w_, c_, s_, t_, co_, af_ = args.setting.split(",")
            chosen = (int(w_), c_ == "1", s_, t_ == "1", co_ == "1", af_ == "1")
        if chosen is None:
            return
        docs = sorted({a.document for a in articles})
        sample = set(docs) if args.all else set(random.Random(2026).sample(docs, 20))
        for document, name, source, sentence in new_names[chosen]:
            if document in sample:
                print(f"READ {document} [{source}] {name!r}\n    {' '.join(sentence.split())[:300]!r}")


if __name__ == "__main__":
    main()
