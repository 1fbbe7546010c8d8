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
- **A title followed by a name is that named person.** "Serbian President X", "General
  X": X holds the title, whoever the KB says held it. A near spelling of a known person
  ("Laurent Gbago") is that person; a name the KB lacks is a provisional person of the
  title's state, with the title's sector (``ELI`` after "former"), never the KB's
  holder of the role at some other time.
- **A known person written with a title is what the text says they are then.** "President
  Boris Yeltsin", "General Michel Aoun": the role the KB dates to the document's date, else
  the sector of the title written with the name (``ELI`` after "former"), not the KB's
  summary sector (which is the person's last role: Yeltsin's is ``ELI``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...kb.model import KBActor, KnowledgeBase, parse_date
from ...kb.normalize import slug
from .spans import Found

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .matcher import Atom

#: words that put an office in the past ("former", "ex-", "retired")
_FORMER = re.compile(r"\b(?:former|ex|retired|onetime|one-time|erstwhile|ousted|deposed)[\s\-‐]+(?:the\s+)?$",
                     re.IGNORECASE)
#: sectors of offices a person holds (a former holder of one of them is an elite)
OFFICE_SECTORS = frozenset({"GOV", "LEG", "MIL", "JUD", "COP", "SPY", "PTY", "ELI"})
#: plural endings of nouns for people (agents: driver-s, motorist-s, resident-s, civilian-s; kin: parent-s)
#: (not "-ments": governments, documents)
_PEOPLE_PLURAL = re.compile(r"^[a-z][a-z\-]*(?:ers|ors|ists|ians|[^m]ents|men|women|people|folk)$")


def follows_former(text: str, start: int) -> bool:
    """The words right before ``start`` put an office in the past ("former", "ex-")."""
    return bool(_FORMER.search(text[max(0, start - 24):start]))


def former_holders(text: str, found: list[Found], kb: KnowledgeBase) -> list[Found]:
    """Offices resolved without a name and preceded by "former"/"ex-"/"retired" become ELI of their state."""
    out = []
    for f in found:
        actor = f.actor
        sector = actor.sector or ""
        if f.method in ("role", "generic") and (sector in OFFICE_SECTORS or actor.kind == "person") \
                and sector != "ELI" and follows_former(text, f.start):
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


#: one to four capitalised words (initials, particles inside: "Juan Carlos de la Cruz", "Omar El
#: Bashir") right after a title, in text without a parse
_NAME_AFTER = re.compile(r"[ \t]+((?:[A-Z][\w'’\-]*\.?|al-\w+|el-\w+|bin|ibn|de|da|van|von|la)"
                         r"(?:[ \t]+(?:[A-Z][\w'’\-]*\.?|al-\w+|el-\w+|bin|ibn|de|da|van|von|la)){0,3})")


def name_after_title(text: str, title_end: int, doc: Doc | None) -> tuple[int, int] | None:
    """Character span of the person's name written right after a title ending at ``title_end``.

    With a parse: a PERSON entity that starts right after the title (or spans the title and
    goes on past it: "President Vojislav Kostunica"); without one: one to four capitalised
    words. The name must end in a capitalised word of two letters or more."""
    if doc is not None:
        rest = text[title_end:]
        nxt = title_end + len(rest) - len(rest.lstrip(" \t"))
        if nxt == title_end or not text[nxt:nxt + 1].isupper():
            return None
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.start_char <= nxt < ent.end_char:
                return nxt, ent.end_char
        return None
    m = _NAME_AFTER.match(text, title_end)
    if m is None:
        return None
    name = m.group(1).rstrip(".")
    words = name.split()
    while words and not (words[-1][:1].isupper() and len(words[-1]) >= 2):
        words.pop()
    if not words or not words[0][:1].isupper():
        return None
    return m.start(1), m.start(1) + len(" ".join(words))


def titled_person(kb: KnowledgeBase, text: str, span: tuple[int, int], title_start: int,
                  country: str | None, title_sector: str) -> KBActor | None:
    """The person a title names: a near spelling of a known person, else a provisional person
    of ``country`` with the title's sector (``ELI`` when the title follows "former"); None when
    neither a known person nor the title's state is found (the title's generic actor, to which
    the document may still give a country, is more use than a person of no country)."""
    from .context import near_name

    name = text[span[0]:span[1]]
    near = near_name(kb, name, "person")
    if near is not None:
        return near
    former = follows_former(text, title_start)
    state = country if country and kb.state(country) is not None else None
    if state is None:
        return None
    return KBActor(id=f"prov:{slug(name)}", name=name, kind="person", country=state,
                   sector="ELI" if former else title_sector, aliases=(name,),
                   provenance="provisional")


def title_sector(text: str, atoms: Iterable[Atom], start: int, end: int) -> str | None:
    """The sector of the title or rank written with the name at ``[start, end)`` ("General",
    "President", "former President"): an agent or title atom that names no one, ending inside
    the span ("President Boris Yeltsin" as one alias) or right before it (only spaces between),
    the one nearest the name in its longest form; ``ELI`` after "former". None without one, or
    when that title has no sector of its own ("Secretary-General")."""
    titles = [a for a in atoms if not a.claims and (a.entry.agent or a.entry.title) and (
        start < a.char_end < end or (a.char_end <= start and not text[a.char_end:start].strip()))]
    if not titles:
        return None
    title = max(titles, key=lambda a: (a.char_end, -a.char_start))
    if title.entry.agent is None:
        return None
    return "ELI" if follows_former(text, title.char_start) else title.entry.agent


def dated_view(actor: KBActor, date: str) -> KBActor:
    """A person's country and sector from the role they held at ``date`` (if one), else ``actor``."""
    when = parse_date(date)
    if when is None:
        return actor
    active = [r for r in actor.roles if r.start is not None and r.active(when)]
    if not active:
        return actor
    role = max(active, key=lambda r: r.start)  # type: ignore[arg-type, return-value]
    country = role.of if role.of and len(role.of) == 3 and role.of.isupper() else actor.country
    return dataclasses.replace(actor, sector=role.sector or actor.sector, country=country)


def titled_view(actor: KBActor, date: str | None, sector: str | None) -> KBActor:
    """A known person as the text shows them: the role the KB dates to ``date``, else the
    ``sector`` of the title written with the name (see ``title_sector``), else ``actor``."""
    if date:
        dated = dated_view(actor, date)
        if dated is not actor:
            return dated
    if sector is not None and sector != actor.sector:
        return dataclasses.replace(actor, sector=sector)
    return actor


def titled_people(text: str, found: list[Found], atoms: list[Atom], date: str | None) -> list[Found]:
    """Known people written with a title take ``titled_view``: the role dated to ``date``, else
    the title's sector ("General Michel Aoun" -> MIL). ``atoms`` are all the text's atoms, before
    overlapping ones are dropped ("President" inside the alias "President Boris Yeltsin")."""
    titles = [a for a in atoms if not a.claims and (a.entry.agent or a.entry.title)]
    out = []
    for f in found:
        if f.actor.kind == "person" and f.actor.provenance != "provisional" and titles:
            sector = title_sector(text, titles, f.start, f.end)
            if sector is not None:
                f = Found(f.start, f.end, titled_view(f.actor, date, sector), f.method, f.surface_key)
        out.append(f)
    return out
