"""PLOVER manual rules that turn category + auxiliary mode into a single category.

The manual (2.0 draft, §2.3, §3.1, §3.4, §3.7) asks the coder to return one category:

* cooperative actions (CONSULT, SUPPORT, COOPERATE, AID) in the future tense, or offered
  by their actor ("said it would", "is willing to"), are AGREE;
* an announced future RETREAT is CONCEDE; a stated willingness to retreat ("is ready to
  withdraw") is AGREE, as the CAMEO2PLOVER table codes it;
* a conflictual action (PROTEST, SANCTION, COERCE, ASSAULT) its own actor announces it
  will or would take is THREATEN;
* an actor's reported refusal of a cooperative action ("X says it will not accept") is
  REJECT, and that refusal is itself a fact (status reported). Without a reporting source
  ("he won't grant autonomy") the event stays what it is, with status negated: sitrep does
  not turn the author's negations into rejection events.

The status of the coded event otherwise stays what the modality analysis found: a future
AGREE is still ``future``.
"""

from __future__ import annotations

from .modality import Modality

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
CONFLICTUAL = {"PROTEST", "SANCTION", "COERCE", "ASSAULT"}
INTENT_CUES = ("frame:ready", "frame:willing", "frame:able", "future-verb:")


def declared(modality: Modality) -> bool:
    """The event is its actor's own stated intention (reported, or 'willing/ready/plans to')."""
    if modality.source is not None:
        return True
    return any(any(k in cue for k in INTENT_CUES) for cue in modality.cues)


def _refusal(modality: Modality) -> bool:
    """A plain "will not / won't" on the event's own clause, said by its actor."""
    local_neg = any(c.startswith("negated:neg:") and _depth(c) < 1 for c in modality.cues)
    will = any(c.startswith("future:aux:") and _depth(c) < 1 for c in modality.cues)
    return local_neg and will and modality.source is not None


def _depth(cue: str) -> float:
    try:
        return float(cue.rsplit("@", 1)[1])
    except (IndexError, ValueError):
        return 0.0


def apply_manual_rules(category: str, mode: str | None, modality: Modality,
                       self_declared: bool = True) -> tuple[str, str | None, str]:
    """(category, mode, status) after the manual's single-category rules.

    ``self_declared``: the claim's source is the event's own actor ("X said it would ..."),
    as opposed to an analyst quoted about what X might do."""
    status = modality.status
    intent = declared(modality)
    if status == "negated" and _refusal(modality) and category in COOPERATIVE | {"AGREE", "RETREAT",
                                                                               "CONCEDE"}:
        return "REJECT", None, "reported"
    if status not in ("future", "hypothetical"):
        return category, mode, status
    if category in COOPERATIVE and (status == "future" or intent):
        return "AGREE", None, status
    if category == "CONCEDE" and intent and any(
            c.startswith("hypothetical:frame:") for c in modality.cues):
        return "AGREE", None, status  # CAMEO2PLOVER 035x: stated willingness to yield
    if category == "RETREAT" and intent:
        # CAMEO2PLOVER-2021 codes stated intent to release/withdraw/de-escalate (CAMEO 0353,
        # 0356) as AGREE; the 2024 manual's §3.4.2 says CONCEDE for an announced withdrawal.
        # sitrep follows the conversion table for stated willingness, the manual for
        # announcements ("will withdraw" under a reporting verb).
        if any(c.startswith("hypothetical:frame:") for c in modality.cues):
            return "AGREE", None, status
        return "CONCEDE", None, status
    if category in CONFLICTUAL and intent and modality.source is not None and self_declared:
        return "THREATEN", None, status
    return category, mode, status

