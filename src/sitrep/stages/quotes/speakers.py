"""Map a source span to a speaker: an actor id (via the actor stage's mentions) and a text.

Order: a mention inside the source span (the leftmost: "Faisal Itani of the
Atlantic Council" is Itani); a personal pronoun takes the nearest preceding
person speaker; a short form ("the Times") takes an earlier speaker or mention
whose name ends with it ("the New York Times"). Without any of these the
speaker keeps its surface text and no actor id (never an invented one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...records import Actor, Mention
from .lexicon import PERSON_PRONOUNS

_STRIP = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
#: a definite role description: "the UN envoy", "the Russian president"
_ROLE = re.compile(
    r"^the (?:[\w.-]+ ){0,3}(envoy|negotiator|mediator|minister|president|secretary|spokesman|"
    r"spokeswoman|spokesperson|leader|general|commander|ambassador|chief|premier|chancellor)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Speaker:
    actor: str | None
    text: str
    #: the speaker is a person (for pronoun fallback)
    person: bool = False


def clean(text: str) -> str:
    """Surface text without markdown emphasis, stray punctuation or line breaks."""
    text = re.sub(r"[*_]+", "", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" ,;:—–-\"“”‘’'")


def _key(text: str) -> str:
    return _STRIP.sub("", clean(text)).lower().removesuffix("'s").removesuffix("’s")


class SpeakerResolver:
    """Resolves speakers of one document in text order (keeps the history it needs)."""

    def __init__(self, text: str, mentions: Sequence[Mention], actors: Sequence[Actor]) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.kinds = {a.id: a.kind for a in actors}
        self.history: list[tuple[int, Speaker]] = []

    def _is_person(self, actor: str | None, surface: str) -> bool:
        if actor is not None and actor in self.kinds:
            return self.kinds[actor] == "person"
        words = clean(surface).split()
        return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words if w.isalpha())

    def resolve(self, span: tuple[int, int] | None, at: int) -> Speaker | None:
        """The speaker of the source ``span`` (None when there is no source)."""
        if span is None:
            return None
        s, e = span
        surface = clean(self.text[s:e])
        speaker = self._from_mentions(s, e, surface)
        if speaker is None and surface.lower() in PERSON_PRONOUNS:
            speaker = self._antecedent(s)
        if speaker is None:
            speaker = self._short_form(surface, s)
        if speaker is None:
            speaker = Speaker(None, surface, self._is_person(None, surface))
        self.history.append((at, speaker))
        return speaker

    def _from_mentions(self, s: int, e: int, surface: str) -> Speaker | None:
        inside = [m for m in self.mentions if m.start < e and s < m.end]
        if not inside:
            return None
        m = inside[0]
        person = self._is_person(m.actor, m.text)
        if not person:
            titled = self._titled_person(surface, s)
            if titled is not None:
                return titled
        return Speaker(m.actor, surface, person)

    def _titled_person(self, surface: str, pos: int) -> Speaker | None:
        """ "the UN envoy" -> the person the text introduced with that title earlier
        ("… Joint Special Envoy for Syria Staffan de Mistura")."""
        m = _ROLE.match(clean(surface))
        if m is None:
            return None
        role = m.group(1).lower()
        for mention in reversed([x for x in self.mentions if x.end <= pos]):
            if self.kinds.get(mention.actor) != "person":
                continue
            before = self.text[max(0, mention.start - 60) : mention.start].lower()
            if re.search(rf"\b{role}\b", before):
                return Speaker(mention.actor, clean(surface), True)
        return None

    def _antecedent(self, pos: int) -> Speaker | None:
        for _, sp in reversed(self.history):
            if sp.person:
                return sp
        people = [m for m in self.mentions if m.end <= pos and self.kinds.get(m.actor) == "person"]
        if people:
            m = people[-1]
            return Speaker(m.actor, clean(m.text), True)
        return None

    def _short_form(self, surface: str, pos: int) -> Speaker | None:
        key = _key(surface)
        if not key or len(key.split()) > 2 or not surface.lower().startswith("the "):
            return None  # only definite short forms: "the Times", "the Post"
        for _, sp in reversed(self.history):
            full = _key(sp.text)
            if full != key and full.endswith(" " + key):
                return sp
        for mention in reversed([m for m in self.mentions if m.end <= pos]):
            full = _key(mention.text)
            if full != key and full.endswith(" " + key):
                return Speaker(mention.actor, clean(mention.text), self._is_person(mention.actor, mention.text))
        # an earlier plain mention of the longer name in the text (no actor stage)
        pattern = re.compile(r"(?:[A-Z][a-z]+ ){1,3}" + re.escape(clean(surface).split()[-1]) + r"\b")
        for match in pattern.finditer(re.sub(r"[*_]", " ", self.text[:pos])):
            name = clean(match.group())
            if _key(name) != key and _key(name).endswith(key) and not name.lower().startswith(("as ", "the ")):
                return Speaker(None, name, False)
        return None
