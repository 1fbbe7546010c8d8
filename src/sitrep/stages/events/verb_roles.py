"""A party's event role told by another verb of the trigger's sentence, read from a table derived
from the PETRARCH2 CAMEO verb patterns (issue 13, branch events50; switches off by default).

The tune recipient misses of ``events45``'s largest class hang on **another verb** than the trigger:
an armed party whose role only that verb tells — a place taken *from* a side, a post that came
*under* fire *from* a side. The role readings of ``arguments`` read the trigger's own arguments.
This module reads the verb's: ``data/verb_roles.json`` (written by ``scripts/build_verb_roles.py``
from the CAMEO.2.0 dictionary alone, MIT; provenance in the file) maps (verb lemma, link) → the
event role the dictionary's patterns mark there (``$`` source, ``+`` target), where the link is
the preposition the party hangs on, ``dobj`` or ``nsubj``.

* ``link_of`` — the (governing word, link) of a party's head token: the object of a preposition
  (an ``agent`` "by" too) on a verb or on a noun, a subject (``nsubj``) or object (``dobj``; a
  passive subject is the verb's logical object); a conjunct takes its first conjunct's link;
* ``role_of`` — the table's role for a head word's lemma and a link (None when it has none); with
  ``VERB_ROLES_DEFAULTS`` (design 2, written after the first run), a verb the dictionary gives an
  event code of its own and no marked role for the link reads as PETRARCH2 reads an unmarked
  pattern (subject source, object target, a passive's "by" source);
* ``fill_roles`` — for an event whose actors (or recipients) are empty (``VERB_ROLES``), or are
  only parties with no mention in the event's sentence (carried from context;
  ``VERB_ROLES_CARRIED``), each party mention of the sentence (``PARTY_KINDS``) whose link on the
  trigger, on a word the trigger hangs under or on a word under the trigger has a table role fills
  that role (source → actors, target → recipients): the parties of the nearest such word, never a
  party already in the other role.

The switches ship off unless the study of ``benchmarks/events_verb_roles.py`` passes its bar.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, Token

from ...records import Event
from .arguments import MentionIndex
from .reciprocal import trigger_token

#: fill an event's empty actor or recipient role from the verb-role table
VERB_ROLES = False
#: also replace a role whose parties have no mention in the event's sentence (carried from context)
VERB_ROLES_CARRIED = False
#: where the table marks nothing, a verb with an event code of its own reads as PETRARCH2 reads an
#: unmarked pattern: subject source, object target, a passive's "by" source (design 2)
VERB_ROLES_DEFAULTS = False
#: the unmarked reading's roles by link
UNMARKED = {"nsubj": "source", "dobj": "target", "by": "source"}

TABLE_FILE = Path(__file__).parent / "data" / "verb_roles.json"
#: the actor kinds that can take a role this way (not outlets, monitors, agencies or companies)
PARTY_KINDS = frozenset({"state", "government_body", "military", "armed_group", "party", "igo",
                         "ethnic_religious_group", "person"})
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})


@functools.cache
def load_table(path: Path = TABLE_FILE) -> dict[str, str]:
    """The table's ``"<lemma>|<link>"`` → ``"source"``/``"target"`` entries."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["roles"].items()}


@functools.cache
def load_defaults(path: Path = TABLE_FILE) -> frozenset[str]:
    """The verbs with an event code of their own (the unmarked reading holds for them)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(str(v) for v in data["defaults"])


def link_of(tok: Token) -> tuple[Token, str] | None:
    """The word a party's head token ``tok`` is an argument of, and how it hangs there (see module)."""
    first = tok
    for _ in range(8):
        if first.dep_ != "conj" or first.head.i == first.i:
            break
        first = first.head
    if first.dep_ == "pobj" and first.head.dep_ == "prep" and first.head.head.i != first.head.i:
        return first.head.head, first.head.lower_
    if first.dep_ == "pobj" and first.head.dep_ == "agent":
        return first.head.head, "by"
    if first.head.i == first.i or first.head.pos_ not in ("VERB", "AUX"):
        return None
    if first.dep_ == "nsubj":
        return first.head, "nsubj"
    if first.dep_ in OBJECT_DEPS:
        return first.head, "dobj"
    return None


def role_of(head: Token, link: str, table: dict[str, str] | None = None,
            defaults: frozenset[str] | None = None) -> str | None:
    """The table's role for ``head``'s lemma hanging a party by ``link``, else (a verb of ``defaults``,
    by default the shipped list when ``VERB_ROLES_DEFAULTS`` is on) the unmarked reading's; None
    when neither has one."""
    table = load_table() if table is None else table
    if defaults is None:
        defaults = load_defaults() if VERB_ROLES_DEFAULTS else frozenset()
    lemma = head.lemma_.lower()
    marked = table.get(f"{lemma}|{link}")
    if marked is None and lemma in defaults and head.pos_ in ("VERB", "AUX"):
        return UNMARKED.get(link)
    return marked


def _connected(word: Token, trigger: Token) -> bool:
    """The trigger itself, a word the trigger hangs under, or a word under the trigger."""
    return word.i == trigger.i or word in trigger.ancestors or trigger in word.ancestors


def sentence_roles(trigger: Token, index: MentionIndex, table: dict[str, str] | None = None,
                   defaults: frozenset[str] | None = None) -> dict[str, list[str]]:
    """The parties of the trigger's sentence with a table role on a connected word: ``{"source": [...],
    "target": [...]}``, each the parties of the nearest such word to the trigger (in text order)."""
    sent = trigger.sent
    found: dict[str, list[tuple[int, int, str]]] = {"source": [], "target": []}
    for i, mention in index.ordered:
        if not sent.start <= i < sent.end or index.kinds.get(mention.actor) not in PARTY_KINDS:
            continue
        linked = link_of(trigger.doc[i])
        if linked is None or not _connected(linked[0], trigger):
            continue
        role = role_of(linked[0], linked[1], table, defaults)
        if role is not None:
            found[role].append((abs(linked[0].i - trigger.i), linked[0].i, mention.actor))
    out: dict[str, list[str]] = {}
    for role, rows in found.items():
        if not rows:
            out[role] = []
            continue
        nearest = min(rows)[1]
        out[role] = list(dict.fromkeys(actor for _, head, actor in sorted(rows, key=lambda r: r[1])
                                       if head == nearest))
    return out


def _in_sentence(parties: list[str], trigger: Token, index: MentionIndex) -> bool:
    sent = trigger.sent
    return any(sent.start <= i < sent.end and m.actor in parties for i, m in index.ordered)


def fill_roles(events: Sequence[Event], doc: Doc, index: MentionIndex, *, empty: bool | None = None,
               carried: bool | None = None, table: dict[str, str] | None = None,
               defaults: frozenset[str] | None = None) -> list[Event]:
    """The events with an empty (``empty``, default ``VERB_ROLES``) or carried (``carried``, default
    ``VERB_ROLES_CARRIED``) actor or recipient role filled from the verb-role table (see the module)."""
    empty = VERB_ROLES if empty is None else empty
    carried = VERB_ROLES_CARRIED if carried is None else carried
    if not (empty or carried):
        return list(events)
    out = []
    for event in events:
        tok = trigger_token(doc, event)
        if tok is None:
            out.append(event)
            continue
        roles = sentence_roles(tok, index, table, defaults)
        actors, targets = list(event.actors), list(event.recipients)
        for role, current, other in (("source", actors, targets), ("target", targets, actors)):
            open_role = (empty and not current) or (carried and bool(current)
                                                    and not _in_sentence(current, tok, index))
            new = [a for a in roles[role] if a not in other]
            if open_role and new:
                current[:] = new
        changed = actors != event.actors or targets != event.recipients
        out.append(dataclasses.replace(event, actors=actors, recipients=targets) if changed else event)
    return out
