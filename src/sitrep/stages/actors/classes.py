"""Sector rules for classes of actors, applied after the resolution passes (pure functions).

- **Former office holders are elites.** A title or office resolved without a
  name ("the former Egyptian foreign minister", "a former senator",
  "ex-president") is not the person holding that office today, nor the office
  itself: PLOVER and NGEC code such people ``ELI`` of their state. A named
  person ("former President X") stays that person.
- **Ordinary groups of people are civilians.** For ``resolve_text`` (a short
  actor text), a plural common noun for people that the agent lists do not
  know ("truck drivers", "commuters", "parents") is ``CVL`` of the country the
  text or its context names: read from the word's form (a plural of an agent
  or kinship noun), not from a list of occupations.
"""

from __future__ import annotations

import re

from ...kb.model import KBActor, KnowledgeBase
from .spans import Found

#: words that put an office in the past ("former", "ex-", "retired")
_FORMER = re.compile(r"\b(?:former|ex|retired|onetime|one-time|erstwhile|ousted|deposed)[\s\-‐]+(?:the\s+)?$",
                     re.IGNORECASE)
#: sectors of offices a person holds (a former holder of one of them is an elite)
OFFICE_SECTORS = frozenset({"GOV", "LEG", "MIL", "JUD", "COP", "SPY", "PTY", "ELI"})
#: plural endings of nouns for people (agents: driver-s, motorist-s, resident-s, civilian-s; kin: parent-s)
#: (not "-ments": governments, documents)
_PEOPLE_PLURAL = re.compile(r"^[a-z][a-z\-]*(?:ers|ors|ists|ians|[^m]ents|men|women|people|folk)$")


def former_holders(text: str, found: list[Found], kb: KnowledgeBase) -> list[Found]:
    """Offices resolved without a name and preceded by "former"/"ex-"/"retired" become ELI of their state."""
    out = []
    for f in found:
        actor = f.actor
        sector = actor.sector or ""
        if f.method in ("role", "generic") and (sector in OFFICE_SECTORS or actor.kind == "person") \
                and sector != "ELI" and _FORMER.search(text[max(0, f.start - 24):f.start]):
            f = Found(f.start, f.end, kb.generic(actor.country, "ELI"), "generic", f.surface_key)
        out.append(f)
    return out


def ordinary_group(text: str, kb: KnowledgeBase, country: str | None) -> KBActor | None:
    """``CVL`` of ``country`` when the text's head (last word) is a plural noun for people."""
    words = re.findall(r"[A-Za-z][A-Za-z\-']*", text)
    if not words:
        return None
    head = words[-1]
    if not head.islower() or not _PEOPLE_PLURAL.match(head):
        return None
    return kb.generic(country, "CVL")
