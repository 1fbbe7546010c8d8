"""One spaCy PhraseMatcher over every KB alias, agent noun, title and city.

Matching runs on a *folded word sequence* built from the parsed Doc's tokens:
each token is folded (lower case, no diacritics, dashes -> spaces, see
``sitrep.kb.normalize``) and split on spaces, so ``Tahrir-al-Sham``,
``Tahrir al-Sham`` and ``TAHRIR AL SHAM`` give the same words. Folding keeps
string length, so every word keeps exact character offsets into the original
text. Patterns are built the same way from the KB strings (tokenized by the
same tokenizer), once, when the stage is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ...kb.model import PROVENANCE_RANK, AliasClaim, KnowledgeBase
from ...kb.normalize import fold

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

_WORD = re.compile(r"\S+")
#: "U.S.Secretary" -> "U.S." + "Secretary"
_GLUED = re.compile(r"(?<=[A-Z]\.)(?=[A-Z][a-z])")


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


def words_of(texts: list[tuple[str, int, int]]) -> list[Word]:
    """(token text, char offset, token index) triples -> folded words with offsets."""
    out: list[Word] = []
    for text, offset, index in texts:
        pieces = _GLUED.split(text) if "." in text else [text]
        pos = 0
        for piece in pieces:
            folded = fold(piece)
            for m in _WORD.finditer(folded):
                out.append(Word(m.group(), offset + pos + m.start(), offset + pos + m.end(), index))
            pos += len(piece)
    return out


def _case_ok(claim: AliasClaim, surface: str) -> bool:
    if claim.exact_case:
        return _squash(surface) == _squash(claim.alias)
    alias_has_upper = any(c.isupper() for c in claim.alias)
    if alias_has_upper and " " not in claim.alias.strip() and "-" not in claim.alias:
        # a one-word proper name must be capitalised in the text ("May", "Chad", "Jordan")
        return surface[:1].isupper()
    return True


def _squash(text: str) -> str:
    return re.sub(r"[\s\-\u2010-\u2015]+", " ", text.replace("\u2019", "'")).strip()


class ActorMatcher:
    """Compiled patterns for one KB and one tokenizer."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.vocab = Vocab(strings=[])
        self.tokenizer = nlp.tokenizer
        self.entries: dict[str, Entry] = {}
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        self._compile()

    def _entry(self, text: str) -> tuple[str, Entry] | None:
        words = words_of([(t.text, t.idx, t.i) for t in self.tokenizer(text)])
        if not words:
            return None
        k = " ".join(w.text for w in words)
        return k, self.entries.setdefault(k, Entry())

    def _compile(self) -> None:
        kb = self.kb
        for bucket in kb.aliases.values():
            for claim in bucket:
                got = self._entry(claim.alias)
                if got and claim not in got[1].claims:
                    got[1].claims.append(claim)
        for noun, sector in kb.agents.items():
            got = self._entry(noun)
            if got:
                got[1].agent = sector
        for title, roles in kb.titles.items():
            got = self._entry(title)
            if got:
                got[1].title = roles
        for city, iso3 in kb.cities.items():
            got = self._entry(city)
            if got and got[1].city is None:
                got[1].city = iso3
        patterns = [Doc(self.vocab, words=k.split(" ")) for k in self.entries]
        self.matcher.add("A", patterns)
        # order claims inside each entry the way the KB ranks them (preferred, provenance, kind)
        for k, entry in self.entries.items():
            if len(entry.claims) > 1:
                entry.claims.sort(key=lambda c, k=k: (
                    0 if kb.prefer.get(k) == c.actor else 1,
                    PROVENANCE_RANK.get(kb.actors[c.actor].provenance, 9),
                    {"name": 0, "demonym": 1, "capital": 2}[c.kind]))

    def atoms(self, text: str, words: list[Word]) -> list[Atom]:
        """Every (possibly overlapping) pattern match whose case constraints hold."""
        if not words:
            return []
        wdoc = Doc(self.vocab, words=[w.text for w in words])
        out: list[Atom] = []
        for _mid, s, e in self.matcher(wdoc):
            k = " ".join(w.text for w in words[s:e])
            entry = self.entries.get(k)
            if entry is None:
                continue
            cs, ce = words[s].start, words[e - 1].end
            surface = text[cs:ce]
            claims = [c for c in entry.claims if _case_ok(c, surface)]
            other = entry.agent or entry.title or entry.city
            if not claims and not other:
                continue
            if not claims and entry.city and not entry.agent and not entry.title and not surface[:1].isupper():
                continue
            out.append(Atom(s, e, cs, ce, surface, entry, claims))
        return out


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
