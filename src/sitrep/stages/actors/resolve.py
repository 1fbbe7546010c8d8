"""From KB pattern atoms (and the parse) to resolved actor spans.

Order of work for one text:
1. compositions that consume neighbouring atoms: ``<country> <title>`` and
   ``<title> of <country>`` (dated role lookup), ``<title> <person>``,
   ``<country|city> <agent noun>`` (generic country + sector actors);
2. the remaining names: states (unless locative), capitals (only in an agent
   position: metonymy), demonyms (the state), every other KB actor;
3. acronyms defined in the text (``Syrian Arab Army (SAA)``) and short forms of
   people and outlets named earlier (``Itani``, ``the Times``);
4. names the NER finds that the KB does not know: provisional actors.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...kb.model import KBActor, KnowledgeBase
from ...kb.normalize import key, slug
from .matcher import ActorMatcher, Atom, Word, select, words_of
from .rules import LOCATIVE_PREPS, is_agentive, is_locative, resolve_role

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: sectors a city name can give a country to ("Shanghai police" -> CHN COP)
CITY_SECTORS: frozenset[str] = frozenset({"COP", "GOV", "MIL", "SPY", "JUD", "LEG"})
NER_KINDS: dict[str, str] = {"PERSON": "person", "ORG": "other", "NORP": "ethnic_religious_group"}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
_LEADING = re.compile(r"^(?:the|a|an|mr\.?|mrs\.?|ms\.?|dr\.?|late|former)\s+", re.I)
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(slots=True)
class Found:
    """A resolved span: character offsets, the actor and how it was found."""

    start: int
    end: int
    actor: KBActor
    method: str


@dataclass(slots=True)
class Resolution:
    found: list[Found] = field(default_factory=list)
    #: spans deliberately left without an actor (places, non-actor acronyms)
    blocked: list[tuple[int, int]] = field(default_factory=list)
    #: states named in a locative position ("in Syria"), in text order
    theatre: list[str] = field(default_factory=list)


#: "rebel-held", "terrorist-designated", "Bosnian-like": the word before the hyphen is no actor
NON_ACTOR_SUFFIXES: frozenset[str] = frozenset({
    "held", "controlled", "like", "style", "type", "designated", "dominated", "majority", "populated",
    "inhabited", "run",
})
#: "Ankara-designated", "Turkish-backed": the word before the hyphen is the actor doing it
AGENT_SUFFIXES: frozenset[str] = frozenset({
    "designated", "backed", "led", "sponsored", "supported", "allied", "aligned", "funded", "armed",
    "brokered", "imposed", "occupied", "installed", "trained", "controlled",
})


def _hyphen_suffix(text: str, words: list[Word], atom: Atom) -> str | None:
    """The word glued after ``atom`` by a hyphen ("held" in "rebel-held"), else None."""
    if atom.end < len(words) and text[atom.char_end:atom.char_end + 1] in "-‐‑":
        return words[atom.end].text
    return None


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


class Resolver:
    """Resolve the actors of one text against a KB (pure: no I/O after construction)."""

    def __init__(self, matcher: ActorMatcher) -> None:
        self.matcher = matcher
        self.kb: KnowledgeBase = matcher.kb

    # ------------------------------------------------------------ atom classification
    def _country(self, atom: Atom, *, sector: str | None = None) -> str | None:
        for c in atom.claims:
            actor = self.kb.actors[c.actor]
            if actor.kind == "state":
                return actor.id
        if atom.entry.city and atom.surface[:1].isupper() and sector in CITY_SECTORS:
            return atom.entry.city  # "Shanghai police", "Minsk authorities"
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
        if parsed:
            defined = self._acronym_definitions(doc)
            res.blocked.extend((t.idx, t.idx + len(t.text)) for t in defined)
            self._short_forms(doc, res)
            self._definite_heads(text, words, res)
            self._provisional(doc, res)
            res.blocked = [b for b in res.blocked if b not in {(t.idx, t.idx + len(t.text)) for t in defined}]
            self._acronyms(doc, res, defined)
        if parsed:
            self._theatre(res)
        res.found.sort(key=lambda f: f.start)
        return res

    def _theatre(self, res: Resolution) -> None:
        """Unmodified rebels/opposition take the country the text places events in most often.

        The "theatre" is the state named most often in a locative position ("in
        Syria"); only a strict maximum counts.
        """
        counts = Counter(iso for iso in res.theatre if iso)
        if not counts:
            return
        ranked = counts.most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return
        country = ranked[0][0]
        for f in res.found:
            if f.method == "generic" and f.actor.country is None and f.actor.sector in ("REB", "OPP"):
                f.actor = self.kb.generic(country, f.actor.sector)

    # ------------------------------------------------------------ step 1
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
            if suffix in NON_ACTOR_SUFFIXES:
                used.add(i)
                continue
            if parsed and _modifier_use(doc, atom):
                continue  # "a US-Russian military pact": the country stays, "military" is no actor
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
            elif key(atom.surface) in self.kb.armed_agents or not parsed:
                used.add(i)
                res.found.append(Found(atom.char_start, atom.char_end,
                                       self.kb.generic(context_country, sector), "generic"))

    def _coordinated(self, text, words, atoms, j, used, res, sector) -> None:
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
            res.found.append(Found(prev.char_start, prev.char_end, self.kb.generic(country, sector), "generic"))
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

    # ------------------------------------------------------------ step 3
    @staticmethod
    def _acronym_definitions(doc) -> list:
        """Tokens ``ACR`` in ``Expansion (ACR)``."""
        out = []
        for tok in doc[2:-1]:
            if (_ACRONYM.match(tok.text) and sum(c.isupper() for c in tok.text) >= 2
                    and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"):
                out.append(tok)
        return out

    def _acronyms(self, doc, res, defined) -> None:
        """``Expansion (ACR)``: every ``ACR`` = the expansion's actor, or no actor at all."""
        by_end = {f.end: f for f in res.found}
        mapping: dict[str, KBActor | None] = {}
        for tok in defined:
            before = doc[tok.i - 2]
            hit = by_end.get(before.idx + len(before.text)) if before is not None else None
            if tok.text not in mapping:
                mapping[tok.text] = hit.actor if hit else None
        if not mapping:
            return
        # the NER may have made provisional actors of the acronym itself: the definition wins
        acronym_spans = {(t.idx, t.idx + len(t.text)) for t in doc if t.text in mapping}
        res.found = [f for f in res.found if not (f.method == "provisional" and (f.start, f.end) in acronym_spans)]
        covered = [(f.start, f.end) for f in res.found]
        for tok in doc:
            if tok.text not in mapping:
                continue
            s, e = tok.idx, tok.idx + len(tok.text)
            if any(a < e and s < b for a, b in covered):
                continue
            actor = mapping[tok.text]
            if actor is None:
                res.blocked.append((s, e))
            else:
                res.found.append(Found(s, e, actor, "acronym"))

    def _definite_heads(self, text, words, res) -> None:
        """ "the regime" after "the Assad regime": the same government actor."""
        heads = {"regime", "government", "administration", "junta"}
        named = sorted((f for f in res.found if f.actor.kind == "government_body"), key=lambda f: f.start)
        if not named:
            return
        covered = [(f.start, f.end) for f in res.found]
        for i, w in enumerate(words[1:], 1):
            if w.text not in heads or words[i - 1].text != "the":
                continue
            if i + 1 < len(words) and words[i + 1].text not in (".", ",", ";", ":", "'s") and \
                    words[i + 1].text.isalpha() and words[i + 1].text not in ("never", "did", "has", "had", "was", "is",
                                                                             "would", "will", "could", "may", "might"):
                continue  # "the regime forces", "the government troops": not a bare head
            if any(a < w.end and w.start < b for a, b in covered):
                continue
            before = [f for f in named if f.end <= w.start and w.text in key(text[f.start:f.end]).split(" ")]
            if before:
                res.found.append(Found(w.start, w.end, before[-1].actor, "coref"))

    def _short_forms(self, doc, res) -> None:
        """Surnames of people and last words of outlets named earlier ("Itani", "the Times")."""
        short: dict[str, KBActor] = {}
        for f in sorted(res.found, key=lambda f: f.start):
            if f.actor.kind == "person" or f.actor.kind == "media":
                words = f.actor.name.replace("(", " ").split()
                if len(words) >= 2:
                    short.setdefault(key(words[-1]), f.actor)
        if not short:
            return
        covered = [(f.start, f.end) for f in res.found] + res.blocked
        first = min(f.start for f in res.found)
        for tok in doc:
            if tok.idx < first or not tok.text[:1].isupper():
                continue
            actor = short.get(key(tok.text))
            if actor is None:
                continue
            s, e = tok.idx, tok.idx + len(tok.text)
            if any(a < e and s < b for a, b in covered):
                continue
            res.found.append(Found(s, e, actor, "coref"))

    # ------------------------------------------------------------ step 4
    def _provisional(self, doc, res) -> None:
        covered = [(f.start, f.end) for f in res.found] + res.blocked
        merged: dict[str, KBActor] = {}
        for ent in doc.ents:
            kind = NER_KINDS.get(ent.label_)
            if kind is None or ent.label_ == "NORP":
                continue
            s, e = ent.start_char, ent.end_char
            if any(a < e and s < b for a, b in covered):
                continue
            name = _TRAILING.sub("", _LEADING.sub("", ent.text.strip())).strip(" *_\"'“”‘’")
            if not name or not any(c.isupper() for c in name) or len(name) < 2 or len(ent) > 6:
                continue
            if key(name) in self.kb.agents or key(name) in self.kb.titles:
                continue
            if len(ent) == 1 and ent[0].pos_ != "PROPN":
                continue  # "Rescue" at the start of a caption
            k = key(name)
            actor = merged.get(k)
            if actor is None and kind == "person":
                # a surname of a provisional person seen earlier in this text
                for other_k, other in merged.items():
                    if other.kind == "person" and other_k.split(" ")[-1] == k and " " in other_k:
                        actor = other
                        break
            method = "provisional"
            if actor is None:
                actor = KBActor(id=f"prov:{slug(name)}", name=name, kind=kind, country=None, sector=None,
                                provenance="provisional")
                merged[k] = actor
            elif key(actor.name) != k:
                method = "coref"
            start = s + ent.text.find(name) if name in ent.text else s
            res.found.append(Found(start, start + len(name) if name in ent.text else e, actor, method))
