"""The learned background-vs-incident decision (issue 12, follow-up of 2026-12-04 morning).

The scope rules (``scope.rule_scope``) read cue words in a figure's own zone ("last month", a
date long before publication, "ago"). An earlier incident that the article recalls without
such a cue — a named past massacre, "this week's" battle in a round-up, a related story's toll
— stays ``incident`` and, when its toll is larger, becomes the article's headline toll. On the
tune half of the casualty gold that was the largest class of main-killed misses (5 of 9, the
night-4 follow-up in ``docs/benchmarks.md``).

``background_features`` describes a figure against its **article**: where it sits (sentence,
third, distance from the lead), how it relates to the headline (the headline gives the same
count; the figure is larger than the headline's toll; the sentence shares content words, places
or actors with the headline and the lead), date and tense cues of the whole sentence (a year
before publication, "last month", "ago", the past perfect), a named incident ("the Ghouta
Massacre"), a quotation, a round-up opener, and how often the article gives the same count;
plus the scope rules' own time and tense features. ``BackgroundModel`` is a logistic
regression over them, fitted by ``scripts/train_casualty_background.py`` (``make models``) on
the tune half only; leave-one-article-out cross-validation there chose its regularisation,
feature groups and threshold. Its decision extends the rules in one direction: a figure the
rules keep as ``incident`` outside the headline becomes ``background`` when the probability of
background reaches the threshold. The headline reports its own incident and is never moved;
``war_total`` and ``background`` stay as the rules say.

Every figure's features are computed before any decision (no decision feeds another), so the
training script's cross-validation replays the stage exactly. The model ships as plain JSON
(``src/sitrep/models/casualty_background.json``); when it is missing the rules decide alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ...records import Mention, Place, Quote
from ...sparse_model import SparseLogistic
from .lexicon import CasualtyLexicon
from .record import secondary_incident
from .tokens import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

BACKGROUND_MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "casualty_background.json"

#: the scope rules' features the background model also reads (time, tense, position, neighbours)
SCOPE_FEATURES = ("earlier_year", "earlier_date", "much_earlier_date", "background_cue", "pluperfect", "perfect",
                  "perfect_chain", "after_clause", "period_date", "day_date", "incident_noun", "incident_nouns",
                  "before_lead", "fronted_day", "prev_much_earlier", "after_incident", "above_lead",
                  "repeats_incident", "since=clause", "since=recent", "vague", "place=country", "place=local")
#: prefixes of scope features read as well (kind, status of the event, position)
SCOPE_PREFIXES = ("kind=", "status=", "sent=", "third=")
#: feature groups (by name prefix) the training script may leave out; ``scope`` is the rules' features
GROUPS = {"scope": "s:", "position": "pos:", "title": "title:", "tense": "tense:", "article": "art:",
          "other": "oth:"}

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
#: content parts of speech compared with the headline's words
_CONTENT = ("NOUN", "PROPN", "VERB", "ADJ")
#: words after "last" / "previous" / "earlier" that date an earlier incident ("last month")
_PERIODS = frozenset({"month", "year", "week", "weekend", "summer", "winter", "spring", "autumn", "fall"})


@dataclass(frozen=True, slots=True)
class FigureView:
    """What the background features read of one figure (the extractor's view of it)."""

    sent: int
    kind: str
    value: int
    start: int
    #: the scope rules' decision and features for it
    scope: str
    scope_features: Mapping[str, float]
    subset: bool = False


def _bucket(n: int, edges: Sequence[int]) -> str:
    """The first edge ``n`` does not exceed, or ``edges[-1]+`` ("0", "1", "2-3" style labels)."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def _lemmas(sent: Span, common: frozenset[str]) -> set[str]:
    cols = columns(sent.doc)
    return {cols.lemma[i] for i in range(sent.start, sent.end) if cols.pos[i] in _CONTENT and not cols.is_stop[i]
            and cols.is_alpha[i] and cols.lemma[i] not in common}


def _names_in(items: Sequence[tuple[str, int]], lo: int, hi: int) -> set[str]:
    return {name for name, start in items if lo <= start < hi}


@dataclass(frozen=True, slots=True)
class ArticleView:
    """What the features read of the whole article, computed once per article."""

    #: content lemmas of the headline and of the headline with the lead sentence
    title_lemmas: frozenset[str]
    lead_lemmas: frozenset[str]
    #: the first sentence after the headline that opens a round-up ("Meanwhile ..."), if any
    roundup_from: int | None
    #: per sentence, the keys of its sources (``source_key``); empty when none were given
    sources: tuple[frozenset[str], ...] = ()
    #: the sources and weekday names of the lead: the headline and the first body sentence with a figure
    lead_sources: frozenset[str] = frozenset()
    lead_days: frozenset[str] = frozenset()


def source_key(text: str, actor: str | None) -> str:
    """What two mentions of one source share: the KB actor, else the head (last) word of the
    mention ("the Syrian Observatory" and "the observatory" -> "observatory")."""
    words = text.lower().split()
    return actor or (words[-1] if words else "")


def _days(sent: Span, lex: CasualtyLexicon) -> frozenset[str]:
    return frozenset(w for w in columns(sent.doc).lower[sent.start:sent.end] if w in lex.weekdays)


def article_view(sents: Sequence[Span], lex: CasualtyLexicon, figures: Sequence[FigureView] = (),
                 sources: Sequence[frozenset[str]] = ()) -> ArticleView:
    """The article-wide facts the features compare a figure with; ``figures`` and ``sources``
    (per sentence, ``source_key``s) give the lead's sources and days (the "other" group)."""
    common = lex.title_common_lemmas
    title = frozenset(_lemmas(sents[0], common)) if sents else frozenset()
    lead = title | frozenset(_lemmas(sents[1], common)) if len(sents) > 1 else title
    roundup = next((i for i, s in enumerate(sents) if i > 0
                    and secondary_incident(columns(s.doc).span_text(s), lex.roundup_openers, lex.incident_nouns)), None)
    body = min((f.sent for f in figures if f.sent > 0), default=None)
    lead_sents = [0] + ([body] if body is not None else [])
    lead_sources = frozenset(k for i in lead_sents if i < len(sources) for k in sources[i])
    lead_days = frozenset(d for i in lead_sents if i < len(sents) for d in _days(sents[i], lex))
    return ArticleView(title, lead, roundup, tuple(sources), lead_sources, lead_days)


def background_features(sents: Sequence[Span], figures: Sequence[FigureView], index: int, *,
                        lex: CasualtyLexicon, published: date | None = None, places: Sequence[Place] = (),
                        mentions: Sequence[Mention] = (), quotes: Sequence[Quote] = (),
                        article: ArticleView | None = None) -> dict[str, float]:
    """Sparse features of ``figures[index]`` for the background decision (see the module
    docstring); names are prefixed by their group (``GROUPS``). ``article``: the article's
    ``article_view`` (computed here when not given)."""
    article = article or article_view(sents, lex)
    fig = figures[index]
    feats: dict[str, float] = {"bias:kind=" + fig.kind: 1.0}
    for key, value in fig.scope_features.items():
        if value and (key in SCOPE_FEATURES or key.startswith(SCOPE_PREFIXES)):
            feats["s:" + key] = 1.0
    feats.update(_position(fig, figures))
    feats.update(_headline(sents, fig, figures, article, lex, places, mentions))
    feats.update(_tense(sents[fig.sent], lex, published))
    if fig.scope_features.get("sent_long_before"):
        # every date of the sentence lies long before the article's (``extract.sentences_long_before``),
        # wherever the parse hangs it ("over an August 21 gas attack the US says killed …")
        feats["tense:dated_long_before"] = 1.0
    feats.update(_article(fig, figures, article, quotes))
    feats.update(_other(sents, fig, article, lex, published))
    return feats


def _position(fig: FigureView, figures: Sequence[FigureView]) -> dict[str, float]:
    """The sentence, the distance from the first body sentence with a figure, first of its kind."""
    feats = {f"pos:sent={_bucket(fig.sent, (0, 1, 2, 4, 8))}": 1.0}
    body = [f.sent for f in figures if f.sent > 0]
    if body and fig.sent > 0:
        feats[f"pos:from_lead={_bucket(fig.sent - min(body), (0, 1, 3, 6))}"] = 1.0
    same_kind = [f for f in figures if f.kind == fig.kind]
    if same_kind and same_kind[0] is fig:
        feats["pos:first_of_kind"] = 1.0
    return feats


def _headline(sents: Sequence[Span], fig: FigureView, figures: Sequence[FigureView], article: ArticleView,
              lex: CasualtyLexicon, places: Sequence[Place], mentions: Sequence[Mention]) -> dict[str, float]:
    """The headline's counts, and the words, places and actors the sentence shares with the
    headline (and the lead, for a later sentence)."""
    feats: dict[str, float] = {}
    title = [f for f in figures if f.sent == 0 and f.kind == fig.kind and not f.subset]
    if any(f.value == fig.value for f in title):
        feats["title:same_value"] = 1.0
    elif title:
        top = max(f.value for f in title)
        feats["title:above_title" if fig.value > top else "title:below_title"] = 1.0
    else:
        feats["title:no_count"] = 1.0
    if fig.sent == 0:
        return feats
    sent = sents[fig.sent]
    head = [sents[0]] + ([sents[1]] if len(sents) > 1 and fig.sent > 1 else [])
    shared = _lemmas(sent, lex.title_common_lemmas) & (article.lead_lemmas if fig.sent > 1 else article.title_lemmas)
    feats[f"title:shared_words={_bucket(len(shared), (0, 1, 3))}"] = 1.0
    lo, hi = head[0].start_char, head[-1].end_char
    place_names = [(p.name, p.start) for p in places]
    actor_ids = [(m.actor, m.start) for m in mentions]
    for group, items in (("place", place_names), ("actor", actor_ids)):
        own = _names_in(items, sent.start_char, sent.end_char)
        if own:
            feats[f"title:{group}_" + ("shared" if own & _names_in(items, lo, hi) else "other")] = 1.0
    return feats


def _tense(sent: Span, lex: CasualtyLexicon, published: date | None) -> dict[str, float]:
    """Dates and tense of the whole sentence."""
    feats: dict[str, float] = {}
    cols = columns(sent.doc)
    lo, hi = sent.start, sent.end
    words = cols.lower[lo:hi]
    if published is not None and any(_YEAR.match(t) and int(t) < published.year for t in cols.text[lo:hi]):
        feats["tense:earlier_year"] = 1.0
    if any(a in ("last", "previous", "earlier") and b in _PERIODS or b in lex.months and a == "last"
           for a, b in zip(words, words[1:], strict=False)):
        feats["tense:last_period"] = 1.0
    if "ago" in words:
        feats["tense:ago"] = 1.0
    deps = cols.dep[lo:hi]
    if any(w == "had" and d in ("aux", "auxpass") for w, d in zip(words, deps, strict=True)):
        feats["tense:pluperfect"] = 1.0
    if any(w in ("has", "have") and d in ("aux", "auxpass") for w, d in zip(words, deps, strict=True)):
        feats["tense:perfect"] = 1.0
    if "VBD" in cols.tag[lo:hi]:
        feats["tense:past"] = 1.0
    if any(cols.lemma[i] in lex.incident_nouns and cols.is_title[i] and i > lo and cols.pos[i - 1] == "PROPN"
           for i in range(lo, hi)):
        feats["tense:named_incident"] = 1.0  # "the Ghouta Massacre", "the Houla Massacre"
    if any(w in ("anniversary", "recalled", "remember", "commemorate") for w in words):
        feats["tense:anniversary"] = 1.0
    return feats


def _article(fig: FigureView, figures: Sequence[FigureView], article: ArticleView,
             quotes: Sequence[Quote]) -> dict[str, float]:
    """A quotation, a round-up, how often the same count is given, the largest killed figure."""
    feats: dict[str, float] = {}
    if any(q.start <= fig.start < q.end for q in quotes):
        feats["art:quoted"] = 1.0
    if article.roundup_from is not None and 0 < article.roundup_from <= fig.sent:
        feats["art:after_roundup"] = 1.0
    repeats = Counter((f.kind, f.value) for f in figures)[(fig.kind, fig.value)]
    feats[f"art:repeated={_bucket(repeats, (1, 2))}"] = 1.0
    killed = [f.value for f in figures if f.kind == "killed" and not f.subset]
    if fig.kind == "killed" and killed and fig.value == max(killed) and len(set(killed)) > 1:
        feats["art:largest_killed"] = 1.0
    return feats


def _other(sents: Sequence[Span], fig: FigureView, article: ArticleView, lex: CasualtyLexicon,
           published: date | None) -> dict[str, float]:
    """Signs that a figure belongs to the article's own days or account rather than to an
    earlier incident: its sentence credits a source the lead also names, names the lead's
    weekday, opens a round-up's other incident ("Elsewhere ..."); and two open either way: a
    claim (another party's toll of the same attack), a month other than the publication's.
    Only the lead-side facts are features: "a source / a weekday the lead does not name" was
    tried as well and lost a tune article in cross-validation (another monitor's toll of the
    same strike "on Sunday" read as an earlier incident), so it is not computed."""
    feats: dict[str, float] = {}
    if fig.sent == 0:
        return feats
    sent = sents[fig.sent]
    own = article.sources[fig.sent] if fig.sent < len(article.sources) else frozenset()
    if own & article.lead_sources:
        feats["oth:source_lead"] = 1.0
    cols = columns(sent.doc)
    lemmas, words = cols.lemma[sent.start:sent.end], cols.lower[sent.start:sent.end]
    if any(lemma == "claim" and not any(n in lex.not_reported_objects for n in lemmas[k + 1:k + 4])
           for k, lemma in enumerate(lemmas)):
        feats["oth:claim"] = 1.0
    if secondary_incident(cols.span_text(sent), lex.roundup_openers, lex.incident_nouns):
        feats["oth:roundup_opener"] = 1.0
    days = _days(sent, lex)
    if days & article.lead_days:
        feats["oth:day_lead"] = 1.0
    if published is not None:
        month = published.strftime("%b").lower()  # "Apr" and "April" alike
        titles = cols.is_title[sent.start:sent.end]
        named = {w[:3] for w, title in zip(words, titles, strict=True) if w in lex.months and title}
        if named and month not in named:
            feats["oth:other_month"] = 1.0
    return feats


def keep_groups(feats: Mapping[str, float], groups: Sequence[str]) -> dict[str, float]:
    """The features of the named ``GROUPS`` (and the kind bias, always kept)."""
    prefixes = tuple(GROUPS[g] for g in groups) + ("bias:",)
    return {k: v for k, v in feats.items() if k.startswith(prefixes)}


@dataclass(frozen=True, slots=True)
class BackgroundModel(SparseLogistic):
    """P(background | features of a figure the rules call ``incident``) and its threshold."""

    def background_probability(self, feats: Mapping[str, float]) -> float:
        return self.probability(feats)

    def decide(self, rule_scope: str, feats: Mapping[str, float]) -> str:
        """The rules' scope, or ``background`` for an ``incident`` figure outside the headline
        whose probability of background reaches the threshold."""
        if rule_scope != "incident" or feats.get("pos:sent=0"):
            return rule_scope
        return "background" if self.background_probability(feats) >= self.threshold else rule_scope


def load_background_model(path: Path | None = None) -> BackgroundModel | None:
    """The shipped model, or None when its file is missing (logged) or its training script did
    not ship it (cross-validation on tune did not beat the rules): the scope rules decide alone."""
    path = path or BACKGROUND_MODEL_PATH
    if path.exists() and not json.loads(path.read_text(encoding="utf-8")).get("shipped", True):
        return None
    return BackgroundModel.load(path, without="background by the scope rules only")
