"""Contested fields: where the reports of one incident give incompatible versions.

Each report's version of a field is read from its own mentions of the incident (what
it says in its own voice and what it quotes others as saying); silence is not a
version. Following docs/incident-guide.md §3:

- **casualties**: exact figures of one kind and one count class (totals with totals,
  children with children) from two *named* sources (``attributed_to``) that differ by
  more than ``CASUALTY_TOLERANCE`` of the larger and, when neither is zero, by at most
  ``MAX_VERSION_RATIO`` times (further apart they are tolls of different scopes); one
  source's revised figure (also when two outlets spell the source differently, or one
  report names it once and then by a descriptor with the same head noun: "the defence
  ministry in Moscow" ... "the ministry"), vague figures ("dozens") and unattributed running
  tolls are not versions; a hedged count ("around twenty") is one, read with ``HEDGE_MARGIN``;
  a report's figures are those of its events in the incident and, with ``TIED_VERSIONS``, the
  incident-scope figures of its sentences tied to them that carry no event (a headline's toll,
  a quoted source's: ``tied_figures``);
- **blame**: two reports that name perpetrators (actors of assaults told by the incident's
  means, and the accused of the report's accusations about it: "the army blamed the rebels
  for the strike") from no common party, unless each names the other's perpetrator in the
  incident as well (one fight of the same two parties, or roles read the other way round), or
  a party named by one report denying it (a denial, or a rejection on the incident's days:
  "Moscow denied any role", read next to the incident's sentences and to later sentences
  that refer back to them: "... warplanes came back to hit the convoy. Moscow denied any role");
- **occurred**: a report's sentence about it says it did not happen, that the reports are false
  or fabricated (``OCCURRENCE_DENIAL``; not a denial of *who* did it, ``BLAME_WORDS``),
  and a report tells it as news; such a sentence is read for this field only, never for blame;
- **victims**: one report's victims are civilians, another's fighters, and neither
  gives both;
- **place**: two reports' finest places cannot both be right (``blocking.place_relation``);
- **date**: two reports state days more than one day apart (a night spans two dates).

Every version lists the documents and outlets that give it. Pure.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from .blocking import day_gap, place_relation
from .inputs import Figure, figure_start
from .mentions import Mention, PlaceKey, normal
from .names import skeleton
from .records import Contested, ContestedField, Version
from .settings import Settings

#: two figures of one kind further apart than this share of the larger contest each other
CASUALTY_TOLERANCE = 0.10
#: two non-zero figures of one kind and class whose larger is more than this many times the
#: smaller are read as tolls of different scopes (a city's week against one strike, a nearby
#: town's two wounded against a hospital's hundred), not as rival versions of one toll
#: (incident-guide §3: figures over different scopes do not contest). ``inf`` turns it off.
MAX_VERSION_RATIO = 5.0
#: stated days further apart than this contest each other (a night spans two dates)
DATE_TOLERANCE_DAYS = 1
#: a higher toll published at least this many days after a lower one (any sources) is the
#: running toll of the incident as it rose (bodies recovered, the wounded dying), not a rival
#: version of the count the earlier report gave (incident-guide §3: a later figure presented as
#: a risen toll is not contested). ``inf`` turns it off.
RUNNING_TOLL_DAYS: float = 3
#: a hedged count ("around twenty", "some 20", "nearly 50") stands for a toll within this share
#: of its number either way, so it contests another figure only when the two differ by more
#: than this share of the larger (incident-guide §3: "about N" is a count, unlike "dozens").
#: Vague words ("dozens", "scores", "hundreds") are never versions. ``inf`` turns hedged
#: counts off (main before 2026-12-04 afternoon: every hedged figure was left out).
HEDGE_MARGIN: float = 0.25

_VIOLENT = frozenset({"ASSAULT", "COERCE"})
#: knowledge-base roles whose holder's figures are their organisation's
_SPEAKS_FOR = frozenset({"leader_of", "spokesperson"})


def _by_document(ms: Iterable[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        out[m.document].append(m)
    return out


def _versions(values: Mapping[str, Iterable[str]], outlets: Mapping[str, str]) -> list[Version]:
    """value -> documents giving it, as ``Version`` records sorted by value."""
    by_value: dict[str, set[str]] = defaultdict(set)
    for doc, vals in values.items():
        for v in vals:
            by_value[v].add(doc)
    return [Version(v, sorted(docs), sorted({outlets[d] for d in docs})) for v, docs in sorted(by_value.items())]


#: victims read as an incident's whole toll; any other class (children, women, police, a
#: named side) is a sub-count, compared only with figures of its own class
_TOTAL_VICTIMS = frozenset({"people", "civilians"})
#: two source names at least this similar (rapidfuzz token-set ratio) are one source
#: ("state TV" and "state television" quoted by two outlets)
SOURCE_SIMILARITY = 85.0


def named_source(figure: Figure) -> bool:
    """Whether a figure's source is named (incident-guide §3: only figures of *named* sources
    contest each other): a knowledge-base actor, or words that hold a name ("Doctor Ibrahim",
    "the Syrian Center for Policy Research"); "a monitoring group", "the sources", "Analysts"
    name no one."""
    words = figure.source_text
    if not figure.attributed_to:
        return False
    if words is None or figure.attributed_to != words:
        return True
    split = words.split()
    return any(w[:1].isupper() for w in split[1:]) or any(len(w) > 1 and w.isupper() for w in split)


def is_outlet(figure: Figure, outlet: str) -> bool:
    """Whether a figure's named source is the reporting outlet itself ("SANA" in a SANA
    report, "the state news agency SANA"): the outlet's own voice, not a source it quotes."""
    key = "".join(c for c in outlet.lower() if c.isalnum())
    if not key:
        return False
    names = (figure.source_text or "", figure.attributed_to or "")
    return any(key == "".join(c for c in w.lower() if c.isalnum()) for name in names for w in name.split())


@functools.lru_cache(maxsize=1)
def spokespeople() -> Mapping[str, str]:
    """Knowledge-base person id -> the organisation they lead or speak for (a monitor's
    director quoting its toll is the monitor): read once, only when figures are compared."""
    from ..kb import load_kb

    kb = load_kb()
    return {person: org for (org, role), holders in kb.holders.items()
            if role in _SPEAKS_FOR and org in kb.actors and kb.actors[org].kind not in ("state", "country")
            for person, _ in holders}


def _source_of(figure: Figure) -> str:
    name = figure.attributed_to or ""
    return spokespeople().get(name, name)


#: words that end a descriptor's head noun phrase ("monitors with contacts on the ground")
_POSTMODIFIERS = frozenset({"with", "in", "at", "of", "from", "on", "who", "that", "based"})


def descriptor_source(figure: Figure, named: Mapping[str, frozenset[str]]) -> str | None:
    """The knowledge-base actor an unnamed source descriptor stands for: "a monitor said 29
    were killed" in a report that names exactly one monitor (the Syrian Observatory, anywhere
    in it: ``named``, its ``Mention.sources``) is that monitor's figure, so its later toll
    revises it (incident-guide §3: one source revising its own figure). None when the
    descriptor's last word names no kind of ``mentions.DESCRIPTOR_KINDS`` or the report names
    no single actor of it. The kind is read from the head of the descriptor: its last word
    before a post-modifier ("monitors with contacts on the ground")."""
    head = source_head(figure)
    if head is None or named_source(figure):
        return None
    found = named.get(head, frozenset())
    return next(iter(found)) if len(found) == 1 else None


def source_head(figure: Figure) -> str | None:
    """The head noun of the words naming a figure's source, normalised: the last word before
    a post-modifier ("the defence ministry in Moscow" -> "ministry", "monitors with contacts
    on the ground" -> "monitor"); None when no words name one."""
    words = (figure.source_text or figure.attributed_to or "").split()
    if not words:
        return None
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _POSTMODIFIERS), len(words))
    return normal(words[cut - 1])


def _heads(figures: Iterable[tuple[Mention, Figure]]) -> dict[tuple[str, str], frozenset[str]]:
    """(document, head noun) -> the named sources of that report's figures whose words have
    that head ("the defence ministry in Moscow": "ministry" -> the Russian government)."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m, f in figures:
        if named_source(f) and (head := source_head(f)) is not None:
            out[(m.document, head)].add(_source_of(f))
    return {k: frozenset(v) for k, v in out.items()}


def _resolve(m: Mention, f: Figure, heads: Mapping[tuple[str, str], frozenset[str]]) -> str | None:
    """The named source an unnamed descriptor of a figure stands for: a knowledge-base actor
    of its kind the report names (``descriptor_source``), else the one named source of the
    report's figures with the same head noun ("the ministry said another 40 were killed" after
    "the defence ministry in Moscow said 60": the ministry's figure, not the outlet's own)."""
    actor = descriptor_source(f, m.sources)
    if actor is not None or named_source(f) or (head := source_head(f)) is None:
        return actor
    found = heads.get((m.document, head), frozenset())
    return next(iter(found)) if len(found) == 1 else None


@functools.lru_cache(maxsize=1)
def _number_words() -> tuple[frozenset[str], frozenset[str]]:
    """The casualty lexicon's number words: (cardinals "twenty", vague quantities "dozens")."""
    from ..stages.casualties.lexicon import load_lexicon

    lex = load_lexicon()
    return frozenset(lex.units) | frozenset(lex.multipliers), frozenset(lex.vague)


def hedged(figure: Figure) -> bool:
    """Whether an approximate figure is a hedged count of a number ("around twenty", "some 20
    civilians", "nearly 50"), not a vague quantity ("dozens", "several dozen", "hundreds of"):
    its words hold a numeral or a cardinal word and no vague quantity."""
    if not getattr(figure, "approximate", False):
        return False
    words = [w.strip('.,"\'').lower() for w in (getattr(figure, "text", None) or "").split()]
    cardinals, vague = _number_words()
    return not any(w in vague for w in words) and any(w.isdigit() or w in cardinals for w in words)


def _comparable(figure: Figure) -> bool:
    """A figure that can be a version of the toll: exact, or a hedged count when
    ``HEDGE_MARGIN`` is finite."""
    if figure.best is None:
        return False
    return not getattr(figure, "approximate", False) or (math.isfinite(HEDGE_MARGIN) and hedged(figure))


def _count_class(figure: Figure) -> str:
    victims = getattr(figure, "victims", None)
    return "total" if victims is None or victims in _TOTAL_VICTIMS else str(victims)


def _source_names(names: Iterable[str]) -> dict[str, str]:
    """Each source name -> the first similar name (sorted), so that spellings of one source
    given by different outlets are one source."""
    canonical: list[str] = []
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        key = name.lower()
        found = next((c for c in canonical if fuzz.token_set_ratio(key, c.lower()) >= SOURCE_SIMILARITY), None)
        if found is None:
            canonical.append(name)
        out[name] = found or name
    return out


def lead_event(report: Sequence[Mention]) -> Mention | None:
    """A report's main violent event: its first news mention of the violence family (ties:
    the smaller id); None when it tells no violent news."""
    violent = [m for m in report if m.role == "news" and m.event.category in _VIOLENT]
    return min(violent, key=lambda m: (m.order, m.id)) if violent else None


def _same_scope(m: Mention, lead: Mention, settings: Settings) -> bool:
    """Whether another news mention of a report can tell its lead event: violent, within the
    date window of it, at no place that contradicts it."""
    gap = day_gap(m, lead, settings)
    if m.specific and lead.specific and gap:
        return False  # two stated days: another part of the story ("71 on Tuesday and Wednesday")
    return (m.role == "news" and m.event.category in _VIOLENT and (gap is None or gap <= settings.window_days)
            and place_relation(m, lead, settings) != "far")


def _same_means(m: Mention, own: Sequence[Mention]) -> bool:
    """Whether a report's other sentence can name the doer of the event its mentions of the
    incident tell, by how it was carried out: it names no means, they name none, or they share
    one ("the bombing by jets" is not the suicide bombing of the wedding the report leads with:
    the jets' side did not do it). Read for blame only: a toll sentence often names the means
    by its effect ("killed in the blast") whatever the attack was."""
    told = frozenset().union(*(h.means for h in own))
    return not m.means or not told or bool(m.means & told)


def report_scope(ms: Sequence[Mention], reports: Mapping[str, Sequence[Mention]],
                 settings: Settings) -> dict[str, list[Mention]]:
    """Per report, the mentions that give its version of the incident: its own mentions in
    it and, when the incident holds the report's lead event, the report's other news
    mentions that can tell the same event (``_same_scope``); when it holds another of the
    report's events, the report's other news mentions that can tell that event *and* name
    its very town or village (``_same_place``: "the strike on Tokhar killed 56 ... the toll at
    Tokhar has risen to 85" in a report that leads with the day before's strike elsewhere) or
    refer back to one of its mentions (``_refers_back``: "shells hit a bakery ... the
    bakery's owner said nine died").

    A report often gives the toll and the perpetrator in other sentences than the one the
    linker matched ("Jets struck the market on Monday. The monitor said 20 were killed.");
    the events stage makes each its own event, but what the report says about its lead
    event is said about the incident that event belongs to. Only the report's own mentions
    are read, so the result is the same in an incremental update and a rebuild."""
    docs = _by_document(ms)
    held = {m.id for m in ms}
    out: dict[str, list[Mention]] = {}
    for doc, own in docs.items():
        lead = lead_event(reports.get(doc, ()))
        others = [r for r in reports.get(doc, ()) if r.id not in held]
        if lead is not None and lead.id in held:
            extra = [r for r in others if _same_scope(r, lead, settings)]
        else:
            extra = [r for r in others if any(_anchored(r, h, settings) or _refers_back(r, h, settings) for h in own)]
        out[doc] = [*own, *extra]
    return out


#: how distinctive (IDF, ``Settings.weight``) a word of a report's sentence about the incident
#: must be for a later sentence that takes it up with a definite article to refer back to the
#: incident ("an air strike destroyed a fuel convoy" ... "warplanes came back to hit the
#: convoy"): above the war's everyday words ("attack" 1.5, "town" 2.0, "strike" 2.1), chosen
#: on the tune pairs (docs/benchmarks.md, issue 11, evening 2026-12-04). ``inf`` turns it off.
REFER_BACK_IDF: float = 2.5
#: a definite description: the article or "this" and the word after it ("that" is more often a
#: relative pronoun: "the attacks that targeted")
_DEFINITE = re.compile(r"\b(?:[Tt]he|[Tt]his)\s+([a-z][\w'’-]*)")


def definite_words(text: str) -> frozenset[str]:
    """The normalised common words (lower case: not a name or a name's adjective, "the Kurdish
    fighters") a sentence names after "the" or "this" ("the convoy", "this market"): what it
    refers back to."""
    return frozenset(normal(w) for w in _DEFINITE.findall(text))


def _referring(own: Sequence[Mention], scope: Sequence[Mention], settings: Settings) -> list[Mention]:
    """The sentences of a report's version (``scope``) that refer back to its own mentions of
    the incident (``_refers_back``): a rejection next to one of them answers the incident."""
    return [r for r in scope if r not in own and any(_refers_back(r, h, settings) for h in own)]


def _refers_back(m: Mention, anchor: Mention, settings: Settings) -> bool:
    """Whether a later sentence of a report refers back to its mention ``anchor`` of the
    incident, the report's lead being another: violent news that names with a definite article
    a word of the anchor's sentence at least ``REFER_BACK_IDF`` distinctive ("the convoy" after
    "... a fuel convoy"), at no place that contradicts it and on no day more than
    ``DATE_TOLERANCE_DAYS`` from it (a statement the next day about a night's strike)."""
    return m.role == "news" and m.event.category in _VIOLENT and _takes_up(m, anchor, settings)


def _takes_up(m: Mention, anchor: Mention, settings: Settings) -> bool:
    """Whether a later sentence of a report names with a definite article a word of its
    mention ``anchor`` at least ``REFER_BACK_IDF`` distinctive, at no place that contradicts it
    and on no day more than ``DATE_TOLERANCE_DAYS`` from it, whatever it tells (``_refers_back``
    asks violent news of it; ``occurred`` reads any sentence calling "the convoy" fabricated)."""
    if m.order <= anchor.order:
        return False
    shared = definite_words(m.event.evidence.text) & anchor.text.words
    if not any(settings.weight(w) >= REFER_BACK_IDF for w in shared):
        return False
    gap = day_gap(m, anchor, settings)
    return (gap is None or gap <= DATE_TOLERANCE_DAYS) and place_relation(m, anchor, settings) != "far"


#: the coarsest place level (PLOVER: 5 sub-city) at which two sentences of one report naming
#: the same place tell one event when neither is its lead (``report_scope``); a place the
#: gazetteer does not know (its level is None) is read as this fine: it holds every city and
#: town, so what it misses are villages and neighbourhoods. A town or city (4) holds many of
#: a day's events, and a report's other sentences about it are often another day's or another
#: strike's (read on the tune half: Manbij, Jayrud, Damascus).
ANCHOR_LEVEL = 5


def _anchored(m: Mention, anchor: Mention, settings: Settings) -> bool:
    """Whether a report's other sentence tells the event of its mention ``anchor`` of the
    incident, the report's lead being another: it names the very village or neighbourhood
    (``_same_place``), it can tell the same event (``_same_scope``), and when it states a
    day, the anchor states the same one (an anchor without a stated day is too weak a tie
    for a sentence about a given day: "the observatory reported 56 killed on July 19" in a
    report about the strikes of "last week")."""
    if m.specific and not (anchor.specific and day_gap(m, anchor, settings) == 0):
        return False
    return _same_place(m, anchor, settings) and _same_scope(m, anchor, settings)


def _same_place(m: Mention, anchor: Mention, settings: Settings) -> bool:
    """Whether a report's other sentence names the very place of its mention of the incident
    (a village or neighbourhood, ``ANCHOR_LEVEL``, not a provincial capital): "the bombing of
    Tokhar killed 56" and, further down, "the toll at Tokhar has risen to 85" tell one event,
    even when the report leads with another."""
    p = m.place
    return (p is not None and (p.level is None or p.level >= ANCHOR_LEVEL) and not _capital(p)
            and place_relation(m, anchor, settings) == "same")


def _capital(p: PlaceKey) -> bool:
    """A provincial capital (Aleppo, Raqqa): named for the city and for the province around it."""
    return p.admin1 is not None and skeleton(p.name) == skeleton(p.admin1)


#: whether a sentence that ``report_scope`` draws from a report (one the linker did not put
#: in the incident) is left out of the report's version when it tells another attack by how
#: it was carried out: it names means (``Mention.means``), the other reports' mentions of the
#: incident name means, and none is shared ("a barrel bomb attack on Bab al-Nayrab" beside the
#: rocket fire the other report tells; "overnight bombardment" beside an air strike on a
#: convoy). Measured on the tune pairs and the tune incidents of two or more reports
#: (docs/benchmarks.md, issue 11, late 2026-12-04); ``False`` reads every drawn sentence (main
#: before). The linker's own mentions are never left out, and a stated day or a far place
#: against the other reports' was measured and not used.
MEANS_CONSENSUS: bool = True


def other_attack(m: Mention, others: Sequence[Mention]) -> bool:
    """Whether a report's sentence tells another attack than the other reports' mentions of
    the incident (``others``) by how it was carried out: both name means, none shared."""
    told = frozenset().union(*(h.means for h in others))
    return bool(m.means) and bool(told) and not (m.means & told)


def agreeing_scope(scope: Mapping[str, Sequence[Mention]], held: frozenset[str]) -> dict[str, list[Mention]]:
    """Each report's version (``report_scope``) less the sentences it drew in that tell another
    attack than the other reports' mentions of the incident (``other_attack``,
    ``MEANS_CONSENSUS``); the incident's own mentions (``held``) all stay."""
    if not MEANS_CONSENSUS:
        return {d: list(ms) for d, ms in scope.items()}
    out: dict[str, list[Mention]] = {}
    for d, own in scope.items():
        others = [m for e, ms in scope.items() if e != d for m in ms if m.id in held]
        out[d] = [m for m in own if m.id in held or not other_attack(m, others)]
    return out


#: whether a report's version of the toll also reads its incident-scope figures that the
#: casualties stage tied to no event (``Mention.loose``: a toll in the headline, or in a quoted
#: source's sentence the events stage gave no event of its own: "Police said the toll rose to 30"),
#: when the sentence that gives one is tied to the incident (``tied_figures``). Measured out of
#: fold on the tune pairs (docs/benchmarks.md, issue 11, midday 2026-12-06, branch incidents45:
#: contested right +5.0 points, sd 1.2; false flags and pair F1 unchanged in every split);
#: ``False`` reads only the figures of the events in the report's version (main before).
TIED_VERSIONS: bool = True


def tied_figures(own: Sequence[Mention], report: Sequence[Mention]) -> list[Mention]:
    """A report's version of the incident (``own``: its mentions in ``agreeing_scope``) with its
    loose figures (``Mention.loose``) added to the mention whose sentence they are tied to: a
    figure in a sentence of an event of the version joins that event's mention; a figure in a
    sentence with no event joins the version's news mention of the nearest event sentence before
    it (the sentence it goes on from), or, before the report's first event sentence (the headline,
    the lead), its lead event when the version holds it. A figure in a sentence of an event
    outside the version, or after one, is another part of the story and is left out."""
    loose = next((m.loose for m in own if m.loose), ())
    if not loose:
        return list(own)
    mine = {m.id for m in own}
    starts = sorted({m.sentence[0] for m in report})
    lead = lead_event(report)
    extra: dict[str, list[Figure]] = defaultdict(list)
    for f in loose:
        start = figure_start(f)
        if start is None:
            continue
        at = bisect.bisect_right(starts, start) - 1
        if at < 0:
            host = lead.id if lead is not None and lead.id in mine else None
        else:
            host = next((m.id for m in own if m.sentence[0] == starts[at] and m.role == "news"), None)
        if host is not None:
            extra[host].append(f)
    return [dataclasses.replace(m, figures=(*m.figures, *extra[m.id])) if m.id in extra else m for m in own]


@dataclass(frozen=True, slots=True)
class SourceCount:
    """One source's figure of one kind and count class, as a report gives it (read by the contested
    casualties and by the roll-up, ``rollup.agreed_casualties``)."""

    best: int
    source: str  #: the source's name as shown ("outlet X" for the report's own voice)
    document: str
    published: int
    own: bool  #: the report gives it in its own voice (no named source)
    #: given on another event of the report than the incident's (``report_scope``) at another
    #: place than the incident's own mentions in that report (``_apart``)
    rolled: bool = False
    #: a hedged count ("around twenty"): read with ``HEDGE_MARGIN`` rather than the tolerance
    hedged: bool = False
    #: the top of the figure's range ("between 20 and 30" -> 30; ``best`` when it gives none):
    #: read only by the roll-up (``rollup.agreed_casualties``)
    high: int | None = None


def _apart(m: Mention, ms: Sequence[Mention], held: frozenset[str], settings: Settings) -> bool:
    """Whether a figure's mention tells another part of its report's story: not one of the
    incident's own mentions, and at a place that none of the report's own mentions of the
    incident shares or contains (another village of the day's raids). A mention without a
    place, or beside one without, tells the same part: its figure is a version of the toll."""
    if m.id in held:
        return False
    placed = [h for h in ms if h.document == m.document and h.id in held and h.place is not None]
    return m.place is not None and bool(placed) and \
        not any(place_relation(m, h, settings) in ("same", "within") for h in placed)


def source_counts(ms: Sequence[Mention], held: frozenset[str], settings: Settings,
                  copies: Mapping[str, str] | None = None) -> dict[tuple[str, str], list[SourceCount]]:
    """(kind, count class) -> each source's figure: a source's later figure revises its
    earlier one (within one report, its largest: a smaller one is a part or an earlier
    count; an exact figure before any hedged one, which stands only for a source that gives
    no exact count in the report: "some 120 fighters and 60 mercenaries"). A figure without a
    named source is the reporting outlet's own version; with ``copies`` (document -> its copy
    group, ``copies.copy_groups``), the own version of the group's first report's outlet, so
    that the copies of one wire text are one source (the roll-up passes them; contested does not)."""
    figures = sorted(((m, f) for m in ms for f in m.figures if _comparable(f)),
                     key=lambda x: (x[0].published or 0, x[0].document, not hedged(x[1]), x[1].best or 0, x[0].id))
    heads = _heads(figures)
    resolved = {(m.id, id(f)): actor for m, f in figures if (actor := _resolve(m, f, heads)) is not None}
    named = [_source_of(f) for _, f in figures if named_source(f)] + list(resolved.values())
    source = _source_names(named)
    outlet_of = {m.document: m.outlet for m in ms}
    per_source: dict[tuple[str, str, str], SourceCount] = {}
    for m, f in figures:
        actor = resolved.get((m.id, id(f)))
        own = actor is None and (not named_source(f) or is_outlet(f, m.outlet))
        voice = outlet_of.get((copies or {}).get(m.document, m.document), m.outlet)
        name = f"outlet {voice}" if own else source[actor or _source_of(f)]
        shown = name if own else f.attributed_to or ""
        per_source[(f.kind, _count_class(f), name)] = SourceCount(f.best or 0, shown, m.document, m.published or 0, own,
                                                              _apart(m, ms, held, settings), hedged(f),
                                                              f.high if f.high is not None else f.best)
    out: dict[tuple[str, str], list[SourceCount]] = defaultdict(list)
    for (kind, cls, _), count in per_source.items():
        out[(kind, cls)].append(count)
    return out


def _contest(x: SourceCount, y: SourceCount) -> bool:
    """Two figures that cannot both be the toll: further apart than the tolerance, and
    neither a report's own running toll set against the sources it quotes, nor two figures
    of one report of which one sits on another event than the incident's (the toll of another
    part of its story: another village of the day's raids), nor an unsourced later, higher
    figure, nor a higher figure published ``RUNNING_TOLL_DAYS`` or more after the lower one,
    whoever gives it (the running toll, incident-guide §3: "at least 100 killed" on the day of
    a bombing and the UN's "more than 130" five days on). Both publication days must be known."""
    low, high = sorted((x, y), key=lambda c: c.best)
    tolerance = max(CASUALTY_TOLERANCE, HEDGE_MARGIN) if x.hedged or y.hedged else CASUALTY_TOLERANCE
    if high.best - low.best <= tolerance * high.best:
        return False
    if low.best > 0 and high.best > MAX_VERSION_RATIO * low.best:
        return False  # tolls of different scopes, not two versions of one
    if x.document == y.document and (x.own or y.own or x.rolled or y.rolled):
        return False  # a report's running toll, or the toll of another part of its story
    if low.published and high.published - low.published >= RUNNING_TOLL_DAYS:
        return False  # the toll as it rose over the following days
    return not (high.own and high.published > low.published)


def casualties(ms: Sequence[Mention], outlets: Mapping[str, str],
               held: frozenset[str], settings: Settings) -> list[Version] | None:
    """Versions of the victim counts when the sources disagree; else None.

    Compared: exact figures and hedged counts ("about 50", read with ``HEDGE_MARGIN``; vague
    ones, "dozens", contest nothing) of one kind and one count class (totals with totals, children with children), per
    source (``source_counts``), pairwise (``_contest``)."""
    values: dict[str, set[str]] = defaultdict(set)
    for (kind, cls), figs in sorted(source_counts(ms, held, settings).items()):
        clash = {c for x in figs for y in figs if x is not y and _contest(x, y) for c in (x, y)}
        label = kind if cls == "total" else f"{kind} {cls}"
        for c in sorted(clash, key=lambda c: (c.best, c.source, c.document)):
            values[c.document].add(f"{label} {c.best} ({c.source})")
    return _versions(values, outlets) if values else None


def _perpetrators(ms: Sequence[Mention]) -> frozenset[str]:
    """The parties a report names as doing it: actors of its news assault mentions, less the
    bare name of the state it happened in (``Mention.state_names``: "Syria's Aleppo")."""
    return frozenset(p for m in ms if m.role == "news" and m.event.category == "ASSAULT"
                     for p in m.parties - m.state_names)


def _engaged(ms: Sequence[Mention]) -> frozenset[str]:
    """The parties a report names in the incident's violence at all: as doing it or as hit by
    it. Two reports that each name the other's perpetrator among these tell one fight between
    the same two parties (a battle's two sides, or one strike whose doer and target one of
    them reads the other way round: "Russian strikes killed 60 IS fighters"), not two rival
    accounts of who did it (``blame``)."""
    return frozenset(p for m in ms if m.role == "news" and m.event.category in _VIOLENT
                     for p in (m.parties | m.targets) - m.state_names)


def _deniers(ms: Sequence[Mention], elsewhere: Sequence[Mention], settings: Settings) -> frozenset[str]:
    """Parties that deny it: actors of its denials, and of the report's rejections ("Moscow
    denied any role") about it (``_about``)."""
    found = {p for m in ms if m.role == "denial" for p in m.parties}
    found.update(p for r in _about(ms, elsewhere, "REJECT", settings) for p in r.parties)
    return frozenset(found)


def _accused(ms: Sequence[Mention], elsewhere: Sequence[Mention], settings: Settings) -> frozenset[str]:
    """Parties a report's accusations about it name as the doer ("the opposition blamed
    government jets for the raid"): the targets of its accusations (``_about``), less the bare
    name of the state."""
    return frozenset(p for r in _about(ms, elsewhere, "ACCUSE", settings) for p in r.targets - r.state_names)


def _about(ms: Sequence[Mention], elsewhere: Sequence[Mention], category: str,
           settings: Settings) -> list[Mention]:
    """A report's news mentions of ``category`` on the incident's days that are about it:
    next to a sentence that tells it, or further on with no other violent news told in between
    (then it answers the last attack the report told: "... Russia denied its jets were involved")."""
    return _said_about(ms, [r for r in elsewhere if r.role == "news" and r.event.category == category],
                       elsewhere, settings)


def _said_about(ms: Sequence[Mention], candidates: Sequence[Mention], elsewhere: Sequence[Mention],
                settings: Settings) -> list[Mention]:
    """The ``candidates`` (mentions of the report ``elsewhere``) on the incident's days that are
    about it (``_about``)."""
    own = {m.id for m in ms}
    return [r for r in candidates if any(
        ((g := day_gap(r, m, settings)) is None or g <= settings.window_days)
        and (abs(r.order - m.order) <= settings.denial_sentences or _answers(r, m, elsewhere, own))
        for m in ms)]


def _answers(rejection: Mention, m: Mention, report: Sequence[Mention], own: set[str]) -> bool:
    """Whether ``m`` is the last violent news the report tells before ``rejection`` (a
    rejection or an accusation; only mentions of the incident itself, ``own``, between them)."""
    if m.order > rejection.order:
        return False
    return not any(x.role == "news" and x.event.category in _VIOLENT and x.id not in own
                   and m.order < x.order <= rejection.order for x in report)


#: whether a party named only by an umbrella term ("rebels", "terrorists", "militants", "gunmen":
#: the generic armed-group actor of a sector, alone or of a country, ``REB``, ``SYR_REB``, ``UAF``)
#: agrees with any named armed group of another report (incident-guide §3, blame: "an umbrella term
#: vs a specific group", "militants" vs a named faction, is compatible). It never agrees with a
#: state's forces: "terrorist rockets" against "government jets" stays contested.
UMBRELLA_AGREES: bool = True
_UMBRELLA = re.compile(r"(?:[A-Z]{3}_)?(?:REB|UAF|IMG|PRM|CRM|RAD|OPP)")


def umbrella(party: str) -> bool:
    """A party that names no group: the generic armed-group actor of a sector ("rebels",
    "armed groups", "militants"), alone or of a country ("Syrian rebels")."""
    return _UMBRELLA.fullmatch(party) is not None


@functools.lru_cache(maxsize=1)
def _state_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def named_group(party: str) -> bool:
    """A party that is a named non-state group (an armed group's actor id), not a state's
    country code and not an umbrella term."""
    return not umbrella(party) and party not in _state_codes()


def _read_umbrellas(x: frozenset[str], y: frozenset[str], settings: Settings) -> tuple[frozenset[str], frozenset[str]]:
    """Two reports' perpetrators with each umbrella term read as the other report's named
    groups, when it names any (``UMBRELLA_AGREES``): "terrorists" against "the Islamic State"
    are one version. A group that fights on a state's side (``data/sides.yaml``: "rebels"
    against Hezbollah) is not one an umbrella term of the insurgency can stand for."""
    if not UMBRELLA_AGREES:
        return x, y

    def groups(ps: frozenset[str]) -> frozenset[str]:
        return frozenset(p for p in ps if named_group(p) and settings.side(p) == p)

    gx, gy = groups(x), groups(y)
    ux, uy = any(umbrella(p) for p in x), any(umbrella(p) for p in y)
    return (x | gy if ux else x), (y | gx if uy else y)


def blame(docs: Mapping[str, Sequence[Mention]], outlets: Mapping[str, str], settings: Settings,
          reports: Mapping[str, Sequence[Mention]], scope: Mapping[str, Sequence[Mention]]) -> list[Version] | None:
    told = {d: [*ms, *_referring(ms, scope.get(d, ()), settings)] for d, ms in docs.items()}
    named = {d: (_perpetrators(ms) or _perpetrators([r for r in scope.get(d, ()) if _same_means(r, ms)]))
             | _accused(told[d], reports.get(d, ()), settings)
             for d, ms in docs.items()}
    named = {d: p for d, p in named.items() if p}
    denied = {d: _deniers(told[d], reports.get(d, ()), settings) for d, ms in docs.items()}
    denied = {d: p for d, p in denied.items() if p}
    engaged = {d: frozenset(settings.side(p) for p in _engaged(scope.get(d, ms))) for d, ms in docs.items()}

    def rival(a: str, b: str) -> bool:
        x, y = _read_umbrellas(named[a], named[b], settings)
        sa, sb = frozenset(settings.side(p) for p in x), frozenset(settings.side(p) for p in y)
        return not (sa & sb) and not (sa <= engaged[b] and sb <= engaged[a])

    disjoint = any(rival(a, b) for a in named for b in named if a < b)
    accused = frozenset().union(*named.values()) if named else frozenset()
    denial = {d: p & accused for d, p in denied.items() if p & accused}
    if not disjoint and not denial:
        return None
    values: dict[str, set[str]] = {d: {", ".join(sorted(p))} for d, p in named.items()}
    for d, p in denial.items():
        values.setdefault(d, set()).add("denied by " + ", ".join(sorted(p)))
    return _versions(values, outlets)


#: phrases by which a sentence says that an event, or the reports of it, are untrue
#: (incident-guide §3, occurred: "that it did not happen, that the reports are false or that it
#: was staged"): "the reports were fabricated", "the attack never happened", "no strike took
#: place", "a hoax". Regular expressions over the lower-cased sentence, whole words. Left out
#: by the FA-KES development reports outside the check half (docs/benchmarks.md, issue 11,
#: night 2026-12-04): "staged", which there always meant carrying it out ("the regime's forces
#: staged the attack", "an attack was staged in March", "staged a demonstration"), "lies" (a
#: place "lies on the road") and "made up" (a bomb "made up of" cylinders). A cue right after
#: "not" or "n't" ("the video was not fake") denies nothing.
OCCURRENCE_DENIAL: tuple[str, ...] = (
    r"fabricat\w*", r"fake[ds]?", r"hoax(?:es)?", r"fictitious", r"fiction", r"untrue", r"baseless", r"false",
    r"a lie", r"play-?acting", r"no such", r"never (?:happened|took place|occurred)",
    r"did(?: not|n't) (?:happen|take place|occur)", r"no (?:[a-z-]+ ){0,3}(?:took place|happened|occurred)",
)
#: words of a denial of *who* did it ("denied any role", "called the accusations false"): a
#: sentence that holds one is a blame version (``blame``), never one of whether it happened
#: (incident-guide §3: a denial of responsibility that accepts an attack took place is blame)
BLAME_WORDS = frozenset({"responsibility", "responsible", "involvement", "role", "accusation", "accusations",
                         "blame", "blamed"})
_OCCURRENCE_CUE = re.compile(r"\b(?:" + "|".join(OCCURRENCE_DENIAL) + r")\b")
_LOWER_WORD = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=4096)
def denies_occurrence(text: str) -> bool:
    """Whether a sentence says that an event, or the reports of it, are untrue
    (``OCCURRENCE_DENIAL``) without speaking of who did it (``BLAME_WORDS``): "the ministry said
    reports of an air strike on the market were fabricated" does; "Moscow denied any role",
    "the army denied that its jets struck the market", "Russia called the accusations false"
    and a line saying the attacker is not yet known do not."""
    low = text.lower()
    if BLAME_WORDS & set(_LOWER_WORD.findall(low)):
        return False
    return any(not low[:cue.start()].rstrip().endswith(("not", "n't")) for cue in _OCCURRENCE_CUE.finditer(low))


def _denier(m: Mention) -> str:
    """Who says it did not happen: the sentence's source, else the parties of its rejection
    ("the ministry rejected the reports as fabricated"), else the report's own voice."""
    if m.event.attributed_to:
        return m.event.attributed_to
    if m.event.category == "REJECT" and m.parties:
        return ", ".join(sorted(m.parties))
    return f"outlet {m.outlet}"


def plain(ms: Sequence[Mention]) -> list[Mention]:
    """The mentions whose sentence does not deny that the event happened: what a report's
    version of who did it is read from (a sentence calling the strike fabricated names no doer
    of it, and is no denial of responsibility: ``occurred`` reads it)."""
    return [m for m in ms if not denies_occurrence(m.event.evidence.text)]


def _untrue(ms: Sequence[Mention], report: Sequence[Mention], scope: Sequence[Mention],
            settings: Settings) -> list[Mention]:
    """The sentences of a report's version of the incident that call it, or the reports of it,
    untrue (``denies_occurrence``), among: its mentions of it; its later sentences that refer back
    to them (``_referring``); its other sentences next to them or answering them
    (``_said_about``); and its other sentences that take up a distinctive word of them
    (``_takes_up``: "the convoy") or name their very village (``_same_place``)."""
    denials = [m for m in report if denies_occurrence(m.event.evidence.text)]
    about = [r for r in denials if any(_takes_up(r, h, settings) or _same_place(r, h, settings) for h in ms)]
    told = [*ms, *_referring(ms, scope, settings), *_said_about(ms, denials, report, settings), *about]
    return list({m.id: m for m in told if denies_occurrence(m.event.evidence.text)}.values())


def occurred(docs: Mapping[str, Sequence[Mention]], outlets: Mapping[str, str], settings: Settings,
             reports: Mapping[str, Sequence[Mention]], scope: Mapping[str, Sequence[Mention]]) -> list[Version] | None:
    """Whether it happened, when the reports disagree (incident-guide §3): a report's version is
    "did not happen (who says so)" when a sentence of its version says the event or the reports
    of it are untrue (``_untrue``; its mentions of the incident count whatever their status or
    role), and "happened" when it tells the incident as news in another sentence (asserted, or
    reported by a source: a hedge, "reportedly", is no denial). Contested
    when one version of either kind is given, whichever reports give them (a report quoting
    both sides gives both). A negated event alone is not a denial that it happened: it is an
    accused party's denial of its part (``blame``) or the negation of something else (a line
    saying the attacker is not yet known, "gave no further details")."""
    values: dict[str, set[str]] = defaultdict(set)
    for d, ms in docs.items():
        values[d].update(f"did not happen ({_denier(m)})"
                         for m in _untrue(ms, reports.get(d, ()), scope.get(d, ()), settings))
        if any(m.role == "news" for m in plain(ms)):
            values[d].add("happened")
    given = {v for vs in values.values() for v in vs}
    if "happened" not in given or len(given) < 2:
        return None
    return _versions(values, outlets)


def victims(docs: Mapping[str, Sequence[Mention]], outlets: Mapping[str, str]) -> list[Version] | None:
    said = {d: frozenset(v for m in ms if m.role == "news" for v in m.victims) for d, ms in docs.items()}
    single = {d: v for d, v in said.items() if len(v) == 1}
    if len(set(single.values())) < 2:
        return None
    return _versions({d: sorted(v) for d, v in single.items()}, outlets)


def _modal(ms: Sequence[Mention], key: Callable[[Mention], object | None]) -> Mention | None:
    counts: dict[object, list[Mention]] = defaultdict(list)
    for m in ms:
        k = key(m)
        if k is not None:
            counts[k].append(m)
    if not counts:
        return None
    return max(counts.values(), key=lambda v: (len(v), -min(x.sentence[0] for x in v)))[0]


def place(docs: Mapping[str, Sequence[Mention]], outlets: Mapping[str, str], settings: Settings) -> list[Version] | None:
    finest = {d: _modal([m for m in ms if m.role == "news"],
                        lambda m: m.place.name if m.place is not None and (m.place.level or 0) >= 3 else None)
              for d, ms in docs.items()}
    placed = {d: m for d, m in finest.items() if m is not None}
    clash = any(place_relation(placed[a], placed[b], settings) == "far" for a in placed for b in placed if a < b)
    if not clash:
        return None
    return _versions({d: [m.place.name] for d, m in placed.items() if m.place is not None}, outlets)


def when(docs: Mapping[str, Sequence[Mention]], outlets: Mapping[str, str], *,
         speaking_days: bool = False) -> list[Version] | None:
    """Two reports state days more than ``DATE_TOLERANCE_DAYS`` apart; with ``speaking_days``
    (``Settings.rollup_speaking_days``) a day that is only a source's speaking day states none."""
    stated = {d: _modal([m for m in ms if m.role == "news" and not (speaking_days and m.told)],
                        lambda m: m.days[0] if m.specific and m.days is not None else None)
              for d, ms in docs.items()}
    days = {d: m.days[0] for d, m in stated.items() if m is not None and m.days is not None}
    if not days or max(days.values()) - min(days.values()) <= DATE_TOLERANCE_DAYS:
        return None
    return _versions({d: [date.fromordinal(v).isoformat()] for d, v in days.items()}, outlets)


def contested(ms: Sequence[Mention], settings: Settings,
              reports: Mapping[str, Sequence[Mention]] | None = None) -> list[Contested]:
    """The contested fields of one incident's mentions, in the guide's order; ``reports``
    (every mention of each report, when given) shows denials and news outside the incident."""
    outlets = {m.document: m.outlet for m in ms}
    docs = _by_document(ms)
    if len(docs) < 2:
        return []
    reports = reports or {}
    scope = agreeing_scope(report_scope(ms, reports, settings), frozenset(m.id for m in ms))
    counted = {d: tied_figures(own, reports.get(d, own)) for d, own in scope.items()} if TIED_VERSIONS else scope
    found: dict[ContestedField, list[Version] | None] = {
        "casualties": casualties([m for own in counted.values() for m in own], outlets, frozenset(m.id for m in ms),
                                 settings),
        "blame": blame({d: plain(own) for d, own in docs.items()}, outlets, settings,
                       {d: plain(reports.get(d, ())) for d in docs}, {d: plain(own) for d, own in scope.items()}),
        "occurred": occurred(docs, outlets, settings, reports, scope),
        "victims": victims(docs, outlets),
        "place": place(docs, outlets, settings),
        "date": when(docs, outlets, speaking_days=settings.rollup_speaking_days),
    }
    return [Contested(name, versions) for name, versions in found.items() if versions]
