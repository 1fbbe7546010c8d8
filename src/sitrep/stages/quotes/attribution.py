"""The extractor's output: attribution relations and scare quotes, as character spans."""

from __future__ import annotations

from dataclasses import dataclass, field

from .marks import QuotedSpan

Char = tuple[int, int]

@dataclass(slots=True)
class Attribution:
    """One attribution relation: who (source) said (cue) what (content fragments)."""

    content: list[Char]
    cue: Char | None
    source: Char | None
    kind: str = "indirect"
    #: where the source was resolved from: subject, postposed, according, noun, inherited,
    #: continuation (a later quotation of the previous speaker) or none
    how: str = "subject"
    #: what a relative-pronoun source ("who", "which") refers to, for naming the speaker
    refers: Char | None = None

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


@dataclass(slots=True)
class Scare:
    start: int
    end: int
    #: the span of the actor/topic it attaches to (possessor or head noun), if any
    attached: Char | None = None


@dataclass(slots=True)
class Extraction:
    attributions: list[Attribution] = field(default_factory=list)
    scares: list[Scare] = field(default_factory=list)
    quotes: list[QuotedSpan] = field(default_factory=list)


@dataclass(slots=True)
class Options:
    #: count belief verbs (think, believe, hope …) as cues, as PolNeAR/PARC do
    beliefs: bool = False
    #: report long quotations nobody is credited with (source None)
    unattributed: bool = False
    #: count stance verbs with noun-phrase contents ("endorsed Clinton", "urged … to …")
    stance: bool = True
