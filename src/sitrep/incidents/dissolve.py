"""The seed gate: a mention a coder would not record never founds an incident (issue 11, branch seed1).

With ``Settings.seed_gate``, after linking and clustering: an incident that holds exactly one
report (its news mentions and denials come from one document) and every one of whose news mentions
is *below the gate* (``below``: its probability under the events stage's learned record check,
``Mention.record_p``, is below ``Settings.seed_threshold``) is *dissolved*: no incident is created
for it. Its news mentions become background mentions: each joins, as a historical mention, the
incident whose news mention the existing attach rule (``linker.best_targets``) finds for it among
the incidents that are created, else no incident. A mention below the gate still joins an incident
founded by others (linking reads no probability), and a one-report incident with one mention at or
above it stays whole (the partial case).

What this leaves alone, by construction: every link, cluster and attachment of the linker (they
are computed before and stored as they are), every incident of two or more reports, and every
one-report incident with a news mention at or above the gate. An incident that gains a recalled
mention gains it in ``events`` and ``historical`` only: its other fields are computed without it.
The mechanism (dissolving after linking, the recalled attachments, the incremental recall in
``update``) is branch bg3's, whose news-or-background reading it replaces.

Pure functions: the same groups always give the same result.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .build import IncidentSet
from .features import Scorer
from .linker import Group, best_targets
from .mentions import Mention
from .records import Member

#: a recalled mention's attachment: event -> (the news mention it joins, the attach score)
Recalled = dict[str, tuple[str, float]]


def below(mention: Mention, threshold: float) -> bool:
    """Is the news mention below the gate: a record probability (``Mention.record_p``, set only with
    the gate on and a record model) below ``threshold``?"""
    return mention.record_p is not None and mention.record_p < threshold


def unfounded(group: Group, threshold: float) -> bool:
    """Whether the group is one report's and every news mention of it is below the gate."""
    reporting = {m.document for m in group.mentions if m.role != "background"}
    return len(reporting) == 1 and bool(group.news) and all(below(m, threshold) for m in group.news)


def split(groups: Sequence[Group], threshold: float) -> tuple[list[Group], list[Mention]]:
    """The groups that stay incidents, and the news mentions of those dissolved."""
    kept: list[Group] = []
    loose: list[Mention] = []
    for group in groups:
        if unfounded(group, threshold):
            loose.extend(group.news)
        else:
            kept.append(group)
    return kept, loose


def recall_targets(loose: Sequence[Mention], news: Sequence[Mention], scorer: Scorer) -> Recalled:
    """Each dissolved mention's attachment by the linker's attach rule (read as a background
    mention), among ``news`` (news mentions of incidents that are created)."""
    if not loose:
        return {}
    return best_targets([dataclasses.replace(m, role="background") for m in loose], news, scorer)


def dissolved(groups: Sequence[Group], scorer: Scorer) -> tuple[list[Group], Recalled]:
    """A full reading (a rebuild): the groups kept and the dissolved mentions' attachments."""
    kept, loose = split(groups, scorer.settings.seed_threshold)
    return kept, recall_targets(loose, [m for g in kept for m in g.news], scorer)


def with_recalled(result: IncidentSet, recalled: Mapping[str, tuple[str, float]],
                  documents: Mapping[str, str]) -> IncidentSet:
    """The records with each recalled mention whose target is a news member of one of them added
    to that incident's ``events`` and ``historical`` and as a ``background`` member."""
    owner = {m.event: m.incident for m in result.members if m.role == "news"}
    extra: dict[str, list[str]] = defaultdict(list)
    for event, (target, _) in sorted(recalled.items()):
        if target in owner and event in documents:
            extra[owner[target]].append(event)
    if not extra:
        return result
    incidents = [dataclasses.replace(i, events=sorted([*i.events, *extra[i.id]]),
                                     historical=sorted([*i.historical, *extra[i.id]])) if i.id in extra else i
                 for i in result.incidents]
    members = sorted([*result.members, *(Member(e, inc, documents[e], "background")
                                         for inc, events in extra.items() for e in events)],
                     key=lambda m: m.event)
    return IncidentSet(incidents, members)


__all__ = ["Recalled", "dissolved", "below", "recall_targets", "split", "unfounded", "with_recalled"]
