"""The incident roll-up by agreement among its reports (issues 11 and 12).

An incident's parties and figures are read per independent source and kept by agreement,
not as the union over every member event: one intruding sentence (another day's bulletin, a
report's other story) no longer adds its parties to the record, and one report's vague
words no longer set the conservative toll. No rule has a fitted number:

- **parties** (``agreed_parties``): in an incident of several independent sources (the
  copies of one wire text are one), each report's version of a role is the parties of its
  first mention that names any (the incident's category first, then its sentence order: its
  lead before its later sentences, which are where another story's sentences come from); a
  single source's reports give every party of their mentions (a source cannot be outvoted by
  itself). A source gives a party in the share of its reports that do; a party is kept when
  its support is more than half the best-supported party's: two sources that name two
  perpetrators keep both (a contested version stays as it is), a party only one of three
  sources names goes. In violence, a party that is a news source (``press_ids``:
  "SANA" read as the strike's target, a monitor's director quoted for the toll) is no party;
  an unresolved name (``prov:`` ids) yields to a resolved
  party kept in the same role.
- **figures** (``agreed_casualties``): per kind, each source's figure as the contested field
  reads it (``contested.source_counts``): descriptors resolved to the source they stand for
  ("a monitor" for the one monitor the report names, "the ministry" for the ministry named
  before), a source's later figure revising its earlier one, within one report its largest (a
  smaller one is a part: "one child among the 19"), the copies of one wire text one source,
  vague quantities ("dozens") left out when any counted figure is given; totals (people,
  civilians) before part counts (children, fighters) when both are given. ``best`` the lowest
  (ACLED), ``low``/``high`` the extremes (UCDP). Kinds that only vague quantities give keep the
  union roll-up's figure.

``Settings.rollup_agreement`` turns it on (off: the union roll-up of ``build``). Pure.

- **groups** (``group_sums``, ``Settings.rollup_group_sums``, branch killrec1, on by default): a
  source that gives its killed toll in groups ("12 civilians and 9 fighters, with another 4 bodies
  found"; "at least 20 civilians were killed ... two more civilians died in the evening")
  gives their sum as its count, not its largest group. Within one report and one voice (the same
  ``attributed_to``), in text order, a counted killed figure (not vague, not a part: ``subset_of``,
  not ``superseded``, of the incident) joins the previous figure's group when it is co-ordinated
  with it in one sentence (joined by ``JOIN_WORDS`` alone: "and", "as well as", "along with")
  and counts another group of victims (civilians against an armed group, or two armed groups of
  different victims or sides: never a part of civilians beside civilians, never "people"), or
  when its own words mark it as further dead (``ADDITIVE_WORDS``: "another 4", "6 other people",
  "two more", in its words or the word right before or after it; "more than" is a hedge; across
  sentences only among the incident's own mentions, never from a sentence the report scope only
  draws in). A group of two or more figures adds a ``GroupSum`` to the
  mention of its last figure, which keeps every part (its document, offsets and sentence); the
  source's count is then its largest figure as before, the sum or a larger total it gives.
- **battles** (``battle_parties``, ``Settings.rollup_battles``, branch battle1): a violent
  incident whose events tell a battle both sides fight (decisions §6b rule 1, incident-guide §3)
  has every armed side as an actor and only non-combatants as recipients. The fight is read from
  the events' own coding (``fight``): a violent news mention whose trigger is one of the events
  stage's fight words (``FIGHT_WORDS``: "clashes", "fighting", "battle"), or two sides each of
  which the incident's violent news mentions code as doing violence to the other (an attack and
  the answer to it). A one-sided attack keeps the side it hit as a recipient; so does a side hit
  by one mention that only does violence to nobody named in another (an intruding sentence or a
  misread doer looks the same).
- **own side** (``own_side``, ``Settings.rollup_own_side``, branch selfrec1): a party is never
  the recipient of its own attack. In a violent incident that tells no battle (``fight``; a battle
  is left to the battle rule), a recipient of an actor's party (the same id, or one party by
  ``mentions.parties``, the knowledge base's own structure: a state's government, forces and
  officials are the state; an armed group is itself) is dropped when an event codes it as hit by
  its own side (``self_hit``: the government "hit" by its own barrel bomb, a doer misread as its
  target) or when it is another body of an actor's state (the government beside its own air force).
  The same id an actor in one event and hit in another is kept: the roll-up cannot tell which of
  the two events misread it (an intruding sentence gives the one as the other).
- **named doers** (``named_doers``, ``Settings.rollup_named_doers``, branch actorrec1): in a violent
  incident, an actor that is an umbrella term of the insurgency (``insurgent_umbrella``:
  "terrorists", "rebels", "militants" as ``SYR_REB``, ``REB``; never ``UAF``, the unidentified
  forces of "warplanes") yields to the named armed groups its reports name as doers of violence
  in a sentence that names no place or a place the incident's own mentions name
  (``scope_groups``): a bombing the lead gives to "terrorists" is the Nusra Front's when a later
  sentence with no place of its own has the Front saying it set off the bomb, while a round-up's
  sentence that gives Jaish al-Islam a shelling of another district tells another incident. A group is a knowledge-base armed
  group with a name (not a generic id), of its own side as ``Settings.side`` reads it (an umbrella
  term of the insurgency never stands for a group that fights on a state's side), and not a
  recipient of the record. Unchanged when the reports name no such group. Only the incident's
  reports are read, so an incremental update gives what a rebuild gives.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from ..records import Actor
from ..stages.events.lexicon import FIGHT_WORDS
from .contested import (
    SourceCount,
    descriptor_source,
    lead_event,
    named_source,
    source_counts,
    spokespeople,
    umbrella,
)
from .inputs import Figure
from .mentions import Headline, Mention, parties
from .records import CasualtyFigure
from .settings import Settings

Role = Literal["actors", "recipients"]


def provisional(party: str) -> bool:
    """An actor id the knowledge base does not hold (``prov:…``, ``p2:…``): an unresolved name."""
    return ":" in party


#: the categories whose parties are never the news sources that report them (in a statement,
#: "SANA accused ...", the source is the speaker)
VIOLENT = frozenset({"ASSAULT", "COERCE"})


#: knowledge-base actor kinds of news sources: agencies, channels, monitors (issue 12)
PRESS_KINDS = frozenset({"media", "monitor"})


@functools.lru_cache(maxsize=1)
def press_ids() -> frozenset[str]:
    """Knowledge-base ids of news sources: the actors of ``PRESS_KINDS`` and the people who lead
    or speak for them (a monitor's director quoted for its toll), never a sector such as
    ``SYR_JRN`` (journalists, who can be the victims); read once per process."""
    from ..kb import load_kb

    kb = load_kb()
    press = {a.id for a in kb.actors.values() if a.kind in PRESS_KINDS}
    people = {person for (org, role), holders in kb.holders.items()
              if org in press and role in ("leader_of", "spokesperson") for person, _ in holders}
    return frozenset(press | people)


def voices(m: Mention) -> frozenset[str]:
    """The parties of a violent mention that are news sources (``press_ids``: "SANA" as the
    recipient of the strike it reports), not parties."""
    if m.event.category not in VIOLENT:
        return frozenset()
    press = press_ids()
    return frozenset(p for p in (*m.event.actors, *m.event.recipients) if p in press)


def _given(m: Mention, role: Role) -> frozenset[str]:
    named = m.event.actors if role == "actors" else m.event.recipients
    return frozenset(named) - voices(m)


def report_version(ms: Sequence[Mention], role: Role, category: str) -> frozenset[str]:
    """One report's parties in a role: those of its first mention that names any (of the
    incident's category first, then by sentence order, ties by id); empty when none does."""
    named = [(m, p) for m in ms if (p := _given(m, role))]
    if not named:
        return frozenset()
    return min(named, key=lambda x: (x[0].event.category != category, x[0].order, x[0].id))[1]


def agreed_parties(news: Sequence[Mention], role: Role, category: str,
                   copies: Mapping[str, str]) -> list[str]:
    """The parties of a role the incident's sources agree on (module docstring), most
    supported first (ties by id)."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in news:
        by_doc[m.document].append(m)
    single = len({copies.get(doc, doc) for doc in by_doc}) == 1
    per_source: dict[str, list[frozenset[str]]] = defaultdict(list)
    for doc, ms in sorted(by_doc.items()):
        version = frozenset(p for m in ms for p in _given(m, role)) if single else report_version(ms, role, category)
        if version:
            per_source[copies.get(doc, doc)].append(version)
    support: dict[str, float] = defaultdict(float)
    for versions in per_source.values():
        for party in {p for v in versions for p in v}:
            support[party] += sum(party in v for v in versions) / len(versions)
    if not support:
        return []
    top = max(support.values())
    kept = [p for p, s in support.items() if 2 * s > top]
    kept = [p for p in kept if not provisional(p)] or kept
    return sorted(kept, key=lambda p: (-support[p], p))


def _voice(f: Figure, m: Mention) -> str | None:
    """The source a figure is given by: a named source (a spokesperson as the organisation), or
    the knowledge-base actor an unnamed descriptor stands for; None for the report's own voice."""
    if named_source(f):
        name = f.attributed_to or ""
        return spokespeople().get(name, name)
    return descriptor_source(f, m.sources)


def _part_of(f: Figure, headline: Headline, m: Mention) -> bool:
    """Whether a killed figure of the report is below its headline toll and given in its own
    voice or by the headline's source: a part ("82 dead, 58 of them civilians"), an earlier
    count, or another story's toll the report tells beside it."""
    if f.kind != "killed" or f.best is None or f.best >= (headline.figure.best or 0):
        return False
    voice = _voice(f, m)
    return voice is None or voice == _voice(headline.figure, m)


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def headline_versions(scope: Sequence[Mention], held: frozenset[str],
                      reports: Mapping[str, Sequence[Mention]]) -> list[Mention]:
    """The roll-up's scope read with each report's headline killed toll (``Mention.headline``, the
    casualties stage's main figure of the report) as the report's version:

    - when the incident holds the sentence that gives it, the report's smaller killed figures in
      the scope given in its own voice or by the headline's source are left out (``_part_of``); a
      smaller figure another named source gives stays (a second version);
    - when the headline figure belongs to no event (a title or a sentence the events stage gave no
      event) and the incident holds the report's lead event (``contested.lead_event``), the
      headline is read as a figure of that lead mention.
    """
    sentences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in scope:
        if m.id in held:
            sentences[m.document].append(m.sentence)
    out = []
    for m in scope:
        h = m.headline
        if h is not None and _overlaps(h.sentence, sentences[m.document]):
            m = dataclasses.replace(m, figures=tuple(f for f in m.figures if not _part_of(f, h, m)))
        elif (h is not None and getattr(h.figure, "event", None) is None
              and (lead := lead_event(reports.get(m.document, ()))) is not None and lead.id == m.id):
            m = dataclasses.replace(m, figures=(*m.figures, h.figure))
        out.append(m)
    return out


#: words in or right beside a figure that mark it as further dead beside a count its source gave
#: ("another 4 bodies", "6 other people", "two more civilians"; "more than" is a hedge, not one)
ADDITIVE_WORDS = frozenset({"another", "other", "others", "further", "additional", "more"})
#: the only words that may stand between two co-ordinated groups of one sentence ("12 civilians and
#: 9 fighters", "two women and two soldiers", "as well as", "along with", "in addition to"; at least one)
JOIN_WORDS = frozenset({"and", "as", "well", "along", "with", "plus", "in", "addition", "to"})
#: victims counted among civilians (a part of civilians is never another group beside them)
CIVILIAN_VICTIMS = frozenset({"civilians", "children", "women"})
#: the kinds whose groups are summed
SUMMED_KINDS = frozenset({"killed"})
#: every word list the rule reads (part of the stored incidents' version when on)
GROUP_WORDS = ADDITIVE_WORDS | JOIN_WORDS | CIVILIAN_VICTIMS | SUMMED_KINDS


@dataclass(frozen=True, slots=True)
class GroupSum:
    """A source's toll given in groups: the sum of its parts (``group_sums``). Each part is the
    casualties stage's record, with its document, offsets and evidence sentence."""

    parts: tuple[Any, ...]
    kind: str
    best: int
    victims: str
    attributed_to: str | None
    source_text: str | None
    text: str
    low: int | None = None
    high: int | None = None
    approximate: bool = False

    @classmethod
    def of(cls, parts: Sequence[Any]) -> GroupSum:
        first = parts[0]
        groups = {p.victims for p in parts}
        return cls(tuple(parts), first.kind, sum(p.best for p in parts),
                   groups.pop() if len(groups) == 1 else "people", first.attributed_to,
                   getattr(first, "source_text", None), " + ".join(p.text for p in parts))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+", text.lower())


def _summable(f: Any) -> bool:
    """A counted figure of the incident that can be one group of a source's toll."""
    return (f.kind in SUMMED_KINDS and f.best is not None and not getattr(f, "approximate", False)
            and getattr(f, "subset_of", None) is None and not getattr(f, "superseded", False)
            and getattr(f, "scope", "incident") == "incident" and getattr(f, "evidence", None) is not None
            and getattr(f, "start", None) is not None)


def additive(f: Any) -> bool:
    """Whether a figure's words, or the word right before it or right after it in its sentence,
    mark it as further dead (``ADDITIVE_WORDS``: "another 4", "6 other people", "7 more"; "more"
    followed by "than" is a hedge)."""
    ev = f.evidence
    words = [*_words(ev.text[:f.start - ev.start])[-1:], *_words(f.text), *_words(ev.text[f.end - ev.start:])[:1]]
    return any(w in ADDITIVE_WORDS and (w != "more" or words[i + 1:i + 2] != ["than"])
               for i, w in enumerate(words))


def _group(f: Any) -> tuple[str, ...] | None:
    victims = getattr(f, "victims", None)
    if victims is None or victims == "people":
        return None
    return ("civilians",) if victims in CIVILIAN_VICTIMS else ("armed", victims, getattr(f, "side", None) or "")


def coordinated(a: Any, b: Any) -> bool:
    """Whether ``b`` follows ``a`` in one sentence joined to it by ``JOIN_WORDS`` alone (at least
    one: "four other gunmen, one of them a commander" is an apposition), and counts another
    group of victims (``_group``: civilians against an armed group, two armed groups)."""
    if a.evidence.start != b.evidence.start or a.end > b.start:
        return False
    ga, gb = _group(a), _group(b)
    if ga is None or gb is None or ga == gb:
        return False
    between = _words(a.evidence.text[a.end - a.evidence.start:b.start - b.evidence.start])
    return bool(between) and all(w in JOIN_WORDS for w in between)


def _joins(f: Any, m: Mention, base: tuple[Mention, Any], held: frozenset[str]) -> bool:
    """Whether an additive figure adds to its voice's last figure: in one sentence always; across
    sentences only when both are of the incident's own mentions (a sentence only drawn in from
    the report, "five others died in two more incidents", tells other incidents' dead)."""
    bm, bf = base
    return bf.evidence.start == f.evidence.start or (m.id in held and bm.id in held)


def _told_once(figures: Sequence[tuple[Mention, Any]]) -> list[tuple[Mention, Any]]:
    """One report's figures without those that repeat an earlier one word for word (the same
    words, value and voice: a headline the lead repeats, a sentence the text gives twice)."""
    seen: set[tuple[str, int, str | None]] = set()
    out = []
    for m, f in figures:
        key = (" ".join(_words(f.text)), f.best, f.attributed_to)
        if key not in seen:
            seen.add(key)
            out.append((m, f))
    return out


def _chains(figures: Sequence[tuple[Mention, Any]], held: frozenset[str]) -> list[list[tuple[Mention, Any]]]:
    """One report's summable figures (in text order) in groups: a figure joins the group of the
    figure before it when co-ordinated with it, or the group of its voice's last figure when
    additive (``_joins``); else it starts a group."""
    chains: list[list[tuple[Mention, Any]]] = []
    last: dict[str | None, int] = {}
    prev: tuple[Any, int] | None = None
    for m, f in figures:
        voice = f.attributed_to
        if prev is not None and prev[0].attributed_to == voice and coordinated(prev[0], f):
            at = prev[1]
        elif additive(f) and voice in last and _joins(f, m, chains[last[voice]][-1], held):
            at = last[voice]
        else:
            chains.append([])
            at = len(chains) - 1
        chains[at].append((m, f))
        last[voice], prev = at, (f, at)
    return chains


def group_sums(scope: Sequence[Mention], held: frozenset[str]) -> list[Mention]:
    """The roll-up's scope with a ``GroupSum`` added, per report, for every group of two or more
    figures a source gives (module docstring, groups; ``held`` the incident's own mention ids); a
    figure two mentions carry, or a report repeats word for word (``_told_once``), is read once."""
    by_doc: dict[str, dict[tuple[int, int, str], tuple[Mention, Any]]] = defaultdict(dict)
    for m in scope:
        for f in m.figures:
            if _summable(f):  # a casualties-stage record: it has offsets and a sentence
                record: Any = f
                by_doc[m.document].setdefault((record.start, record.end, f.kind), (m, f))
    extra: dict[str, list[GroupSum]] = defaultdict(list)
    for figures in by_doc.values():
        for chain in _chains(_told_once([x for _, x in sorted(figures.items())]), held):
            if len(chain) > 1:
                extra[chain[-1][0].id].append(GroupSum.of([f for _, f in chain]))
    sums = {k: tuple(cast(Figure, g) for g in v) for k, v in extra.items()}  # a GroupSum reads as a Figure
    return [dataclasses.replace(m, figures=(*m.figures, *sums[m.id])) if m.id in sums else m for m in scope]


def agreed_casualties(scope: Sequence[Mention], held: frozenset[str], settings: Settings,
                      copies: Mapping[str, str], fallback: Sequence[CasualtyFigure]) -> list[CasualtyFigure]:
    """Per kind, the sources' figures as agreed (module docstring); ``scope`` the incident's
    mentions and the other sentences of its reports that tell them (``report_scope``),
    ``held`` the incident's own mention ids, ``fallback`` the union roll-up, kept for the kinds
    no counted figure gives (vague quantities only)."""
    by_kind: dict[str, list[tuple[str, SourceCount]]] = defaultdict(list)
    for (kind, cls), counts in source_counts(scope, held, settings, copies).items():
        by_kind[kind].extend((cls, c) for c in counts)
    out = {f.kind: f for f in fallback}
    for kind, items in by_kind.items():
        counted = [c for cls, c in items if cls == "total"] or [c for _, c in items]
        out[kind] = CasualtyFigure(kind, min(c.best for c in counted), min(c.best for c in counted),
                                   max(c.best if c.high is None else c.high for c in counted),
                                   sorted({c.source.removeprefix("outlet ") for c in counted}))
    return [out[k] for k in sorted(out)]


#: the irregular forms of the fight words' verbs ("they fought"), read as their lemma
IRREGULAR_FORMS = {"fought": "fight"}


def fight_word(trigger: str) -> bool:
    """Whether a trigger is one of the events stage's fight words (``FIGHT_WORDS``, lemmas), in
    any of its forms ("clashes", "battles", "Fighting", "fought")."""
    for word in re.findall(r"[a-z]+", trigger.lower()):
        forms = {word, IRREGULAR_FORMS.get(word, word), word[:-1] if word.endswith("s") else word,
                 word[:-2] if word.endswith("es") else word}
        if forms & FIGHT_WORDS:
            return True
    return False


def fight(news: Sequence[Mention], settings: Settings) -> bool:
    """Whether an incident's news mentions tell a battle both sides fight (module docstring,
    battles): a violent mention whose trigger is a fight word, or two sides each of which does
    violence to the other in its mentions (one side's attack and the other's answer)."""
    struck: set[tuple[str, str]] = set()
    for m in news:
        if m.event.category not in VIOLENT:
            continue
        if fight_word(m.event.trigger) or (settings.rollup_fight_frames and m.fight.fight):
            return True
        struck.update((settings.side(a), settings.side(b)) for a in m.parties for b in m.targets)
    return any(a != b and (b, a) in struck for a, b in struck)


def sides(news: Sequence[Mention], category: str, actors: Sequence[str], recipients: Sequence[str],
          settings: Settings) -> tuple[list[str], list[str]]:
    """The incident's rolled-up actors and recipients after the battle rule (``battle_parties``)
    and then the own-side rule (``own_side``), whether the incident tells a battle read once."""
    battle = (category in VIOLENT and (settings.rollup_battles or settings.rollup_own_side)
              and fight(news, settings))
    actors, recipients = battle_parties(news, actors, recipients, settings, battle)
    return actors, own_side(news, category, actors, recipients, settings, battle)


def battle_parties(news: Sequence[Mention], actors: Sequence[str], recipients: Sequence[str],
                   settings: Settings, battle: bool) -> tuple[list[str], list[str]]:
    """The incident's actors and recipients with a battle's armed recipients moved to the actors
    (``battle``: ``fight`` of a violent incident; ``Settings.rollup_battles``); unchanged for a
    one-sided attack or when off."""
    if not settings.rollup_battles or not battle:
        return list(actors), list(recipients)
    armed = {r for m in news for r in m.armed}
    named = framed_sides(news, settings, frozenset((*actors, *recipients)))
    moved = [*actors, *(r for r in recipients if r in armed and r not in actors)]
    return ([*moved, *(s for s in named if s not in moved)],
            [r for r in recipients if r not in armed and r not in named])


def framed_sides(news: Sequence[Mention], settings: Settings, kept: frozenset[str]) -> list[str]:
    """The armed sides the fight frames of an incident's violent news mentions name, as the events stage
    stored them (``Mention.fight``, ``Event.fight_sides``; ``Settings.rollup_fight_frames``), in mention
    and text order. Only the mentions that give a party the roll-up kept (``kept``, its actors and
    recipients) are read: the fight the record tells, not an intruding sentence's ("while they were
    fighting Daesh" beside a strike). A side that is already the mention's own actor or recipient is not
    added again (the roll-up's own reading of that argument stands). Empty when off."""
    if not settings.rollup_fight_frames:
        return []
    ordered = sorted((m for m in news if m.event.category in VIOLENT and (m.actors | m.recipients) & kept),
                     key=lambda m: (m.document, m.order, m.id))
    return list(dict.fromkeys(s.actor for m in ordered for s in m.fight.sides
                              if s.actor not in m.actors and s.actor not in m.recipients))


@functools.lru_cache(maxsize=1)
def _kb_actors() -> dict[str, Actor]:
    """The knowledge base's actors by id (as the records of ``mentions.parties``), read once per process."""
    from ..kb import load_kb

    return {i: a.to_actor() for i, a in load_kb().actors.items()}


def self_hit(news: Sequence[Mention]) -> frozenset[str]:
    """The recipients an event codes as hit by its own side: the recipient is one of the event's
    actors or of an actor's party (``Mention.parties``), a doer misread as its own target."""
    kb = _kb_actors()
    return frozenset(r for m in news for r in m.event.recipients
                     if r in m.event.actors or parties([r], kb) & m.parties)


def own_side(news: Sequence[Mention], category: str, actors: Sequence[str], recipients: Sequence[str],
             settings: Settings, battle: bool) -> list[str]:
    """The incident's recipients without the actors' own parties (module docstring, own side;
    ``Settings.rollup_own_side``); unchanged when off, outside violence or in a battle (``battle``)."""
    if not settings.rollup_own_side or category not in VIOLENT or not actors or battle:
        return list(recipients)
    kb = _kb_actors()
    doers, misread = parties(actors, kb), self_hit(news)
    return [r for r in recipients
            if not ((r in actors or parties([r], kb) & doers) and (r in misread or r not in actors))]


@functools.lru_cache(maxsize=1)
def _named_armed_groups() -> frozenset[str]:
    """The knowledge base's named armed groups: actors of kind ``armed_group`` whose id is not a
    generic sector id (``SYR_REB``, ``UAF``: ``descriptors.GENERIC_ID``); read once per process."""
    from ..kb import load_kb
    from ..stages.events.descriptors import GENERIC_ID

    return frozenset(i for i, a in load_kb().actors.items() if a.kind == "armed_group" and not GENERIC_ID.match(i))


#: the sectors of the umbrella terms that yield to a named group: the insurgency's ("rebels",
#: "terrorists", "militants"); never ``UAF`` (unidentified forces: "warplanes", "gunmen")
UMBRELLA_SECTORS = frozenset({"REB"})


def insurgent_umbrella(party: str) -> bool:
    """An umbrella term (``contested.umbrella``) of the insurgency's sectors (``UMBRELLA_SECTORS``)."""
    return umbrella(party) and party[-3:] in UMBRELLA_SECTORS


def _same_place(m: Mention, names: frozenset[str], ids: frozenset[int]) -> bool:
    """Whether a mention names no place, or one of the incident's: the same gazetteer id (``ids``),
    or, for a place the gazetteer did not resolve, the same name among the unresolved (``names``)."""
    if m.place is None:
        return True
    return m.place.geonames_id in ids if m.place.geonames_id is not None else m.place.name in names


def scope_groups(news: Sequence[Mention], scope: Sequence[Mention], recipients: Sequence[str],
                 settings: Settings) -> list[str]:
    """The named armed groups (``_named_armed_groups``, of their own side: ``Settings.side``) the
    violent mentions of ``scope`` name as doers, in report and text order: only mentions that name
    no place or a place one of the incident's own news mentions names (a round-up's sentence about
    another town tells another incident), never a recipient of the record."""
    named = _named_armed_groups()
    placed = [m.place for m in news if m.place is not None]
    names = frozenset(p.name for p in placed if p.geonames_id is None)
    ids = frozenset(p.geonames_id for p in placed if p.geonames_id is not None)
    ordered = sorted((m for m in scope if m.event.category in VIOLENT and _same_place(m, names, ids)),
                     key=lambda m: (m.document, m.order, m.id))
    return list(dict.fromkeys(a for m in ordered for a in sorted(m.event.actors)
                              if a in named and settings.side(a) == a and a not in recipients))


def named_doers(news: Sequence[Mention], reports: Mapping[str, Sequence[Mention]], category: str,
                actors: Sequence[str], recipients: Sequence[str], settings: Settings) -> list[str]:
    """The incident's actors with each umbrella term of the insurgency (``insurgent_umbrella``)
    replaced by the named armed groups its reports' news mentions name as doers at its place
    (``scope_groups``; module docstring, named doers; ``Settings.rollup_named_doers``); unchanged
    when off, outside violence, when no actor is such an umbrella term or no such group is named."""
    if not settings.rollup_named_doers or category not in VIOLENT or not any(insurgent_umbrella(a) for a in actors):
        return list(actors)
    told = [r for doc in sorted({m.document for m in news}) for r in reports.get(doc, ()) if r.role == "news"]
    groups = scope_groups(news, told, recipients, settings)
    if not groups:
        return list(actors)
    kept = [a for a in actors if not insurgent_umbrella(a)]
    return [*kept, *(g for g in groups if g not in kept)]
