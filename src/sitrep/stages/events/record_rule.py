"""When a proposed event is a record: how much support its trigger's origin needs (issue 13).

``assemble.is_record`` exports an event that has at least one argument: an actor, a recipient
or a place (or a verbal event grounded in a place of the conflict). How far a trigger can be
trusted depends on where the trigger finder found it: the curated lexicon and the event nouns
name events of the conflict; the verbs derived from the CAMEO dictionaries (``cameo``), the
phrase patterns (``pattern``) and the trigger rules (``rule``: light verbs, deontic requests,
threats of force) also propose ordinary verbs of the prose ("took", "comply", "went",
"heard"). On the FA-KES tune half the events those three sources propose are right about a
third of the time against 0.7 for the lexicon's (docs/benchmarks.md, issue 13, 2026-12-04
morning).

``RecordRule`` gives every trigger source the number of distinct argument roles (actor,
recipient, place — a grounded verbal event counts its place) a candidate of that source needs
to be a record, and says whether a candidate the modality rules found negated ("did not
attack", "neither … were carrying out any missions") is one. The defaults are the stage as it
was: one role for every source, negated candidates kept. The parameters ship in
``data/record_rule.json``, chosen by ``benchmarks/events_record_rule.py``: a coordinate search
on the FA-KES **tune** half, validated by cross-validation over folds of tune articles (the
rule ships only when its out-of-fold event F1 beats the defaults'); the check half is only
scored. Nothing here is learned from a source's words: the parameters are five integers and a
switch.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .assemble import Candidate

RECORD_RULE_FILE = Path(__file__).with_name("data") / "record_rule.json"
#: the trigger sources of ``lexicon.Code.source`` the rule has a setting for
SOURCES = ("curated", "noun", "cameo", "pattern", "rule")


@dataclass(frozen=True, slots=True)
class RecordRule:
    """How many argument roles a candidate of each trigger source needs to be a record."""

    #: roles needed by a trigger of the curated lexicon
    curated_roles: int = 1
    #: roles needed by an event noun of the lexicon
    noun_roles: int = 1
    #: roles needed by a verb derived from the CAMEO verb dictionary
    cameo_roles: int = 1
    #: roles needed by a trigger of a phrase pattern
    pattern_roles: int = 1
    #: roles needed by a trigger of the finder's rules (light verbs, requests, threats)
    rule_roles: int = 1
    #: a candidate the modality rules found negated may be a record
    negated: bool = True

    def needs(self, source: str) -> int:
        """The roles a candidate whose trigger came from ``source`` needs (1 for an unknown source)."""
        value = getattr(self, f"{source}_roles", 1) if source in SOURCES else 1
        return int(value)

    def keeps(self, cand: Candidate) -> bool:
        """Is ``cand`` (already a record by ``assemble.is_record``) a record under this rule?"""
        if not self.negated and cand.status == "negated":
            return False
        return roles(cand) >= self.needs(cand.trigger.code.source)

    @classmethod
    def load(cls, path: Path | None = None) -> RecordRule:
        """The shipped rule; the defaults (the stage as it was) when the file is absent."""
        path = path or RECORD_RULE_FILE
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**data["rule"])

    def save(self, meta: dict[str, Any], path: Path | None = None) -> None:
        """Write the rule with ``meta`` (how it was chosen, its figures) beside it."""
        path = path or RECORD_RULE_FILE
        path.write_text(json.dumps({"rule": asdict(self), **meta}, indent=1) + "\n", encoding="utf-8")


def roles(cand: Candidate) -> int:
    """How many distinct argument roles ``cand`` fills: actor, recipient, place (a grounded
    verbal event's place of the conflict counts)."""
    return int(bool(cand.actors)) + int(bool(cand.recipients)) + int(cand.place is not None or cand.grounded)
