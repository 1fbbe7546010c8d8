"""Longest-match lookup of every KB alias, agent noun, title and city in a text.

Matching runs on a *folded word sequence*: the text is folded (lower case, no
diacritics, dashes -> spaces, see ``sitrep.kb.normalize``) and cut into words
by one regular expression, so ``Tahrir-al-Sham``, ``Tahrir al-Sham`` and
``TAHRIR AL SHAM`` give the same words. Folding keeps string length, so every
word keeps exact character offsets into the original text. Patterns are cut
the same way from the KB strings, once, when the stage is built.

Why not spaCy's PhraseMatcher: it needs one ``Doc`` per pattern, and building
the ~30,000 pattern Docs of the KB takes ~10 s at every start-up (lexeme
creation), while a dict keyed by word tuples gives the same longest-match
semantics, is built in well under a second and matches a 1,000-word article
in about a millisecond.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ...kb.model import PROVENANCE_RANK, AliasClaim, KnowledgeBase
from ...kb.normalize import fold

#: acronyms with dots ("u.s."), words, possessive 's, any other single character
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+|'s\b|[^\s\w]|_")


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # folded
    start: int  # char offsets in the original text
    end: int
    token: int  # index of the spaCy token it comes from


@dataclass(slots=True)
class Entry:
    """What a folded pattern means: any subset of alias claims, agent, title, city."""

    claims: list[AliasClaim] = field(default_factory=list)
    agent: str | None = None  # sector
    title: tuple[str, ...] = ()  # role keys
    city: str | None = None  # ISO3
    region: str | None = None  # ISO3 of a first-level division ("Sindh")


@dataclass(slots=True)
class Atom:
    """One match of a pattern in a text, after case filtering."""

    start: int  # word indexes
    end: int
    char_start: int
    char_end: int
    surface: str
    entry: Entry
    claims: list[AliasClaim]

    @property
    def size(self) -> int:
        return self.end - self.start


def words_of(text: str, offset: int = 0) -> list[Word]:
    """Folded words of ``text`` with character offsets (shifted by ``offset``)."""
    folded = fold(text)
    return [Word(m.group(), offset + m.start(), offset + m.end(), -1) for m in _TOKEN.finditer(folded)]


def folded_words(text: str) -> tuple[str, ...]:
    """The folded words of ``text`` alone: ``tuple(w.text for w in words_of(text))`` without
    building a ``Word`` per word (the KB's ~44,000 strings are split once per pipeline build)."""
    return tuple(_TOKEN.findall(fold(text)))


def _case_ok(claim: AliasClaim, surface: str) -> bool:
    if claim.exact_case:
        return _squash(surface) == _squash(claim.alias)
    alias_has_upper = any(c.isupper() for c in claim.alias)
    if alias_has_upper and " " not in claim.alias.strip() and "-" not in claim.alias:
        # a one-word proper name must be capitalised in the text ("May", "Chad", "Jordan")
        return surface[:1].isupper()
    # a name written with capitals in the KB is not written all in lower case in the text
    # ("the bridge", "our home" are words, not the parties named "The Bridge", "Our Home")
    return not alias_has_upper or any(c.isupper() for c in surface)


def _squash(text: str) -> str:
    return re.sub(r"[\s\-\u2010-\u2015]+", " ", text.replace("\u2019", "'")).strip()


#: KBs whose compiled matcher this process keeps (the shipped KB is loaded once per process;
#: a second KB object, e.g. one built in code, takes the other place)
SHARED_MATCHERS = 2
_shared: list[tuple[KnowledgeBase, ActorMatcher]] = []


def shared_matcher(kb: KnowledgeBase) -> ActorMatcher:
    """The matcher compiled for this very ``kb`` object, compiled once per process (compiling
    the shipped KB's ~44,000 strings takes ~0.5 s: every pipeline built in one process — a
    benchmark's repeats, a server's pipelines, tests — shares it). A matcher is never changed
    after compiling, and a KB is not changed after it is loaded or built: the cache is keyed by
    the object itself (held, so its identity cannot be reused)."""
    for known, matcher in _shared:
        if known is kb:
            return matcher
    matcher = ActorMatcher(kb)
    _shared.insert(0, (kb, matcher))
    del _shared[SHARED_MATCHERS:]
    return matcher


class ActorMatcher:
    """Compiled patterns for one KB."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.entries: dict[tuple[str, ...], Entry] = {}
        #: first word -> longest pattern starting with it
        self.firsts: dict[str, int] = {}
        self._compile()

    def _entry(self, text: str) -> Entry | None:
        words = folded_words(text)
        if not words:
            return None
        entry = self.entries.get(words)
        if entry is None:
            entry = self.entries[words] = Entry()
            self.firsts[words[0]] = max(self.firsts.get(words[0], 0), len(words))
        return entry

    def _compile(self) -> None:
        """Every KB string as a pattern: aliases, agent nouns, titles, cities, regions; then
        the lost-apostrophe variants of names; then each entry's claims in KB rank order.

        Example: the alias "Hay'at Tahrir al-Sham" becomes the word tuple
        ``("hay", "at", "tahrir", "al", "sham")`` (see ``words_of``) with its alias claim."""
        self._add_kb_strings()
        self._add_apostrophe_variants()
        self._rank_claims()

    def _add_kb_strings(self) -> None:
        kb = self.kb
        for bucket in kb.aliases.values():
            for claim in bucket:
                entry = self._entry(claim.alias)
                if entry is not None and claim not in entry.claims:
                    entry.claims.append(claim)
        for noun, sector in kb.agents.items():
            entry = self._entry(noun)
            if entry is not None:
                entry.agent = sector
        for title, roles in kb.titles.items():
            entry = self._entry(title)
            if entry is not None:
                entry.title = roles
        for city, iso3 in kb.cities.items():
            entry = self._entry(city)
            if entry is not None and entry.city is None:
                entry.city = iso3
        for region, iso3 in kb.regions.items():
            entry = self._entry(region)
            if entry is not None and entry.region is None:
                entry.region = iso3

    def _add_apostrophe_variants(self) -> None:
        """Lost apostrophes (common in scraped corpora): "Syrias", "al-Qaedas" (possessives)
        and "Kurdish Peoples Protection Units" (for "People's") match the name too."""
        for words, entry in list(self.entries.items()):
            claims = [c for c in entry.claims if c.kind == "name" and c.alias[:1].isupper()
                      and (not c.exact_case or not c.alias.isupper())]
            if not claims:
                continue
            for variant in _apostrophe_variants(words):
                if variant in self.entries:
                    continue
                self.entries[variant] = Entry(claims=[AliasClaim(c.actor, " ".join(variant), c.exact_case, c.kind)
                                                      for c in claims])
                self.firsts[variant[0]] = max(self.firsts.get(variant[0], 0), len(variant))

    def _rank_claims(self) -> None:
        """Order the claims inside each entry the way the KB ranks them (preferred, provenance, kind)."""
        kb = self.kb
        for words, entry in self.entries.items():
            if len(entry.claims) > 1:
                entry.claims.sort(key=functools.partial(self._claim_rank, kb.prefer.get(" ".join(words))))

    def _claim_rank(self, preferred: str | None, claim: AliasClaim) -> tuple[int, int, int]:
        return (0 if preferred == claim.actor else 1,
                PROVENANCE_RANK.get(self.kb.actors[claim.actor].provenance, 9),
                _CLAIM_KIND_RANK[claim.kind])

    def atoms(self, text: str, words: list[Word]) -> list[Atom]:
        """Every (possibly overlapping) pattern match whose case constraints hold."""
        texts = [w.text for w in words]
        n = len(texts)
        out: list[Atom] = []
        for i, first in enumerate(texts):
            longest = self.firsts.get(first)
            if not longest:
                continue
            for size in range(min(longest, n - i), 0, -1):
                entry = self.entries.get(tuple(texts[i:i + size]))
                if entry is None:
                    continue
                atom = self._atom(text, words, i, i + size, entry)
                if atom is not None:
                    out.append(atom)
        return out

    @staticmethod
    def _atom(text: str, words: list[Word], s: int, e: int, entry: Entry) -> Atom | None:
        cs, ce = words[s].start, words[e - 1].end
        surface = text[cs:ce]
        claims = [c for c in entry.claims if _case_ok(c, surface)]
        if not claims and not (entry.agent or entry.title or entry.city or entry.region):
            return None
        if (not claims and (entry.city or entry.region) and not entry.agent and not entry.title
                and not surface[:1].isupper()):
            return None
        return Atom(s, e, cs, ce, surface, entry, claims)


#: claim kinds in the order the matcher prefers them when an entry has several claims
_CLAIM_KIND_RANK = {"name": 0, "demonym": 1, "capital": 2, "seat": 2}


def _apostrophe_variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The word tuples a name takes when its apostrophe is lost: ("syria",) -> [("syrias",)];
    ("peoples", ...) for ("people", "'s", ...)."""
    variants = []
    last = words[-1]
    if len(last) >= 4 and not last.endswith("s") and last.isalpha():
        variants.append(words[:-1] + (last + "s",))
    if "'s" in words:
        merged: list[str] = []
        for w in words:
            if w == "'s" and merged:
                merged[-1] += "s"
            else:
                merged.append(w)
        variants.append(tuple(merged))
    return variants


def select(atoms: list[Atom]) -> list[Atom]:
    """Non-overlapping atoms: longest first, names before agents/titles, then leftmost."""
    def pref(a: Atom) -> tuple[int, int, int]:
        return (-a.size, 0 if a.claims else 1, a.start)

    taken: list[Atom] = []
    used: set[int] = set()
    for atom in sorted(atoms, key=pref):
        span = set(range(atom.start, atom.end))
        if span & used:
            continue
        used |= span
        taken.append(atom)
    return sorted(taken, key=lambda a: a.start)
