"""``sitrep eval events GOLD``: the article-level gold of hand-coded events (FA-KES).

Format: ``docs/coding-guide-events.md`` section 8 (JSON Lines, one article per line:
``document`` = ``FA-KES-Dataset.csv#rowN``, ``published``, ``split``, ``events`` with
sentence/trigger offsets, category, actors, recipients, place, date, status). The gold
holds offsets only: the article text is the ``article_content`` cell of that CSV row, read
at run time (``read_texts``). The evaluation runner ingests it as ``sitrep run`` would and
maps every predicted offset back into the cell (``Document.char_map``), so predicted and gold
offsets compare directly. ``docs/eval-events.md`` describes the scoring for users.

How an article is scored (``score_articles``; every figure is reported per split and overall):

* **Matching.** A predicted event and a gold event can match when they have the same
  category and the predicted trigger lies inside the gold event's sentence. Pairs are taken
  one to one, closest triggers first. Event precision = matched / predicted, recall =
  matched / gold, F1 their harmonic mean (micro, over all articles of the split).
* **Actors / recipients** (on matched events). A predicted actor matches a gold entity when
  one of its mentions overlaps the gold span, or it is the same entity: the same canonical
  name, or the same country with a compatible sector (the guide's sector codes mapped to
  the KB's: MED media = JRN, HLH health = MED/HLH, POL = COP; a state actor stands for its
  government and military). The event's actors are *right* when the predicted and gold lists
  match one to one in full (both empty is right). Micro P/R/F1 over matched events are given too.
* **Strict actors / recipients** (``actor_strict_accuracy``, ``recipient_strict_accuracy``;
  beside the figures above, which they never change): the same one-to-one matching, but an
  overlapping span alone does not make a pair — the predicted actor's resolved identity must
  agree with the coder's as well (``identity_miss``): the coder's ``name`` when the coder gives
  one (the actor's canonical name or an alias), else a compatible sector and the same country
  (no country: a non-state actor; a state's government and forces are one party). A span the coder marked for one party that sitrep resolved to
  another is right by the first figure and wrong by this one.
* **Place** (on matched events): right when both are null, or the predicted toponym overlaps
  the gold one, or their names agree (case-insensitive; one a word-prefix of the other:
  "Raqqa" and "Raqqa province").
* **Status** (on matched events): the same status. **Date**: on matched events whose gold
  has a calendar value, the predicted value equals it (a predicted date of precision
  ``document`` — the publication date standing in — compares like any other).
* **Count**: predicted events / gold events (all articles of the split) and the mean
  per-article ratio.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import EvalError
from ...records import Actor, Analysis, Event, EventPlace
from ...scoring import prf
from .lexicon import NON_STATE_CODES, SECTOR_EQUIVALENTS

Span = tuple[int, int]

#: actor kinds that stand for a sector when the actor carries none
KIND_SECTORS: dict[str, frozenset[str]] = {
    "state": frozenset({"GOV", "MIL"}), "government_body": frozenset({"GOV"}),
    "military": frozenset({"MIL"}), "armed_group": frozenset({"REB", "IMG", "UAF"}),
    "igo": frozenset({"IGO"}), "ngo": frozenset({"NGO"}), "monitor": frozenset({"NGO"}),
    "media": frozenset({"MED"}), "party": frozenset({"PTY", "OPP"}),
}
#: the sectors of a state's own party (government, forces, police, intelligence): one party for the
#: strict actor figure (``identity_miss``)
STATE_PARTY = frozenset({"GOV", "MIL", "COP", "SPY"})
SPLITS = ("tune", "check")
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?(/\d{4}(-\d{2}(-\d{2})?|-W\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    start: int
    end: int
    text: str
    country: str | None
    sector: str | None
    name: str | None
    from_context: bool = False


@dataclass(frozen=True, slots=True)
class GoldPlace:
    start: int
    end: int
    text: str
    country: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    sentence: Span
    trigger: Span
    category: str
    status: str
    mode: str | None = None
    actors: tuple[GoldEntity, ...] = ()
    recipients: tuple[GoldEntity, ...] = ()
    place: GoldPlace | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    document: str
    published: str | None
    split: str | None
    events: tuple[GoldEvent, ...]


def is_article_gold(path: Path) -> bool:
    """Does ``path`` hold the article-level format (vs PLOVER GSR records)?"""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and "document" in first and "events" in first
    return False


def _entity(data: dict[str, Any]) -> GoldEntity:
    return GoldEntity(int(data["start"]), int(data["end"]), str(data["text"]), data.get("country"),
                      data.get("sector"), data.get("name"), bool(data.get("from_context")))


def _event(data: dict[str, Any]) -> GoldEvent:
    place = data.get("place")
    date = data.get("date")
    return GoldEvent(
        id=str(data["id"]),
        sentence=(int(data["sentence"]["start"]), int(data["sentence"]["end"])),
        trigger=(int(data["trigger"]["start"]), int(data["trigger"]["end"])),
        category=str(data["category"]), status=str(data["status"]), mode=data.get("mode"),
        actors=tuple(_entity(a) for a in data.get("actors") or []),
        recipients=tuple(_entity(r) for r in data.get("recipients") or []),
        place=GoldPlace(int(place["start"]), int(place["end"]), str(place["text"]), place.get("country"))
        if place else None,
        date=date.get("value") if isinstance(date, dict) else None,
    )


def read_article_gold(path: Path, *, split: str | None = None) -> list[GoldArticle]:
    """The gold articles of ``path`` (of one ``split`` when given), in file order."""
    if split is not None and split not in SPLITS:
        raise EvalError(f"Unknown split {split!r}; the gold's splits are {', '.join(SPLITS)}.")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                article = GoldArticle(str(rec["document"]), rec.get("published"), rec.get("split"),
                                      tuple(_event(e) for e in rec["events"]))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise EvalError(f"{path}:{n} is not an article of hand-coded events ({exc}); see "
                                f"docs/coding-guide-events.md section 8 for the format.") from exc
            if split is None or article.split == split:
                out.append(article)
    return out


def row_number(document: str) -> int:
    """N of ``FA-KES-Dataset.csv#rowN`` (1-based data row)."""
    match = re.fullmatch(r".*#row(\d+)", document)
    if match is None:
        raise EvalError(f"Document reference {document!r} is not of the form FILE.csv#rowN.")
    return int(match.group(1))


def read_texts(articles: Sequence[GoldArticle], csv_path: Path, column: str = "article_content") -> list[str]:
    """The article texts: the ``column`` cell of each referenced row, read as the guide says."""
    if not csv_path.is_file():
        raise EvalError(f"The corpus {csv_path} the gold refers to is missing; set SITREP_SHARED to the "
                        f"folder that holds data/corpus/fakes/.")
    wanted = {row_number(a.document) for a in articles}
    cells: dict[int, str] = {}
    csv.field_size_limit(10_000_000)
    with csv_path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 1):
            if n in wanted:
                cells[n] = row[column]
    missing = sorted(wanted - set(cells))
    if missing:
        raise EvalError(f"{csv_path} has no data row {missing[0]} that the gold refers to.")
    return [cells[row_number(a.document)] for a in articles]


# --- matching -----------------------------------------------------------------------------------
def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sectors(actor: Actor) -> frozenset[str]:
    if actor.sector:
        return frozenset({actor.sector})
    return KIND_SECTORS.get(actor.kind, frozenset())


def _norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def same_entity(actor: Actor, spans: Iterable[Span], gold: GoldEntity) -> bool:
    """Does the predicted actor (with the spans of its mentions) denote the gold entity?"""
    if any(_overlaps(s, (gold.start, gold.end)) for s in spans):
        return True
    if gold.name and _norm(gold.name) in {_norm(actor.name), *(_norm(a) for a in actor.aliases)}:
        return True
    accepted = SECTOR_EQUIVALENTS.get(gold.sector or "", frozenset())
    if not accepted & _sectors(actor):
        return False
    if gold.country is None:
        return actor.country in NON_STATE_CODES or actor.kind == "igo"
    return actor.country == gold.country


def identity_miss(actor: Actor, gold: GoldEntity) -> str | None:
    """Why the predicted actor's resolved identity disagrees with the gold entity's, or None when it
    agrees (the strict figure; spans play no part): ``name`` — the coder names a party and the
    actor's canonical name and aliases do not hold it; ``sector`` — no compatible sector;
    ``country`` — another country (or a state actor where the coder gives none)."""
    if gold.name:
        names = {_norm(actor.name), *(_norm(a) for a in actor.aliases)}
        return None if _norm(gold.name) in names else "name"
    accepted = SECTOR_EQUIVALENTS.get(gold.sector or "", frozenset())
    if not accepted & _sectors(actor):
        # one state's government and forces are one party ("the regime" coded MIL for a strike,
        # resolved to the government): the current figure lets a state stand for both as well
        same_state = gold.country is not None and actor.country == gold.country
        if not (same_state and accepted & STATE_PARTY and _sectors(actor) & STATE_PARTY):
            return "sector"
    if gold.country is None:
        return None if actor.country in NON_STATE_CODES or actor.kind == "igo" else "country"
    return None if actor.country == gold.country else "country"


def same_identity(actor: Actor, spans: Iterable[Span], gold: GoldEntity) -> bool:
    """The strict pairing: ``same_entity`` and an agreeing resolved identity (``identity_miss``)."""
    return same_entity(actor, spans, gold) and identity_miss(actor, gold) is None


def _pairs(predicted: Sequence[str], gold: Sequence[GoldEntity], actors: dict[str, Actor],
           spans: dict[str, list[Span]], match: Callable[[Actor, Iterable[Span], GoldEntity], bool] = same_entity
           ) -> int:
    """Size of a one-to-one matching of predicted actor ids to gold entities (greedy, in order;
    ``match`` decides a pair: ``same_entity``, or ``same_identity`` for the strict figure)."""
    used: set[int] = set()
    for actor_id in predicted:
        actor = actors.get(actor_id)
        if actor is None:
            continue
        for gi, g in enumerate(gold):
            if gi not in used and match(actor, spans.get(actor_id, []), g):
                used.add(gi)
                break
    return len(used)


def place_right(predicted: EventPlace | None, gold: GoldPlace | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    if predicted.start is not None and predicted.end is not None and _overlaps(
            (predicted.start, predicted.end), (gold.start, gold.end)):
        return True
    want = _norm(gold.text)
    for name in (predicted.text, predicted.name):
        have = _norm(name)
        if have and (have == want or want.startswith(have + " ") or have.startswith(want + " ")):
            return True
    return False


def match_events(gold: Sequence[GoldEvent], predicted: Sequence[Event]) -> list[tuple[GoldEvent, Event]]:
    """One-to-one pairs: same category, predicted trigger inside the gold sentence; closest first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            start = p.trigger_start if p.trigger_start is not None else p.evidence.start
            if p.category == g.category and g.sentence[0] <= start < g.sentence[1]:
                candidates.append((abs(start - g.trigger[0]), gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


def roles_right(gold: GoldEvent, event: Event, analysis: Analysis) -> tuple[bool, bool]:
    """(actor right, recipient right) of ``event`` paired with ``gold`` (the scorer's rule:
    every predicted and every gold party paired one to one); a diagnostic for studies."""
    actors = {a.id: a for a in analysis.actors}
    spans: dict[str, list[Span]] = {}
    for m in analysis.mentions:
        spans.setdefault(m.actor, []).append((m.start, m.end))
    actor = _pairs(event.actors, gold.actors, actors, spans) == len(event.actors) == len(gold.actors)
    recipient = _pairs(event.recipients, gold.recipients, actors, spans) == len(event.recipients) \
        == len(gold.recipients)
    return actor, recipient


# --- scoring ------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Tally:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    roles: dict[str, list[int]] = field(default_factory=lambda: {
        "actor": [0, 0, 0, 0], "recipient": [0, 0, 0, 0]})  # right, tp, n_pred, n_gold
    #: right by the strict pairing (``same_identity``), per role
    strict: dict[str, int] = field(default_factory=lambda: {"actor": 0, "recipient": 0})
    place: int = 0
    status: int = 0
    date_n: int = 0
    date_ok: int = 0
    not_calendar: int = 0
    ratios: list[float] = field(default_factory=list)

    def metrics(self) -> dict[str, Any]:
        p, r, f = prf(self.matched, self.predicted, self.gold)
        m = self.matched
        out: dict[str, Any] = {
            "articles": self.articles, "gold_events": self.gold, "predicted_events": self.predicted,
            "matched": m, "event_precision": round(p, 4), "event_recall": round(r, 4),
            "event_f1": round(f, 4),
        }
        for role, (right, tp, npred, ngold) in self.roles.items():
            out[f"{role}_accuracy"] = round(right / m, 4) if m else 0.0
            out[f"{role}_f1"] = round(prf(tp, npred, ngold)[2], 4)
            out[f"{role}_strict_accuracy"] = round(self.strict[role] / m, 4) if m else 0.0
        out["place_accuracy"] = round(self.place / m, 4) if m else 0.0
        out["status_accuracy"] = round(self.status / m, 4) if m else 0.0
        out["date_accuracy"] = round(self.date_ok / self.date_n, 4) if self.date_n else None
        out["dates_not_calendar"] = self.not_calendar
        out["predicted_per_gold"] = round(self.predicted / self.gold, 4) if self.gold else None
        out["mean_article_ratio"] = round(sum(self.ratios) / len(self.ratios), 4) if self.ratios else None
        return out


def _score_article(tally: _Tally, article: GoldArticle, analysis: Analysis) -> None:
    actors = {a.id: a for a in analysis.actors}
    spans: dict[str, list[Span]] = {}
    for m in analysis.mentions:
        spans.setdefault(m.actor, []).append((m.start, m.end))
    events = analysis.events
    tally.articles += 1
    tally.gold += len(article.events)
    tally.predicted += len(events)
    if article.events:
        tally.ratios.append(len(events) / len(article.events))
    tally.not_calendar += sum(1 for e in events if e.date is not None and e.date.value is not None
                              and not DATE_VALUE.match(e.date.value))
    for g, p in match_events(article.events, events):
        tally.matched += 1
        for role, pred_ids, gold_list in (("actor", p.actors, g.actors), ("recipient", p.recipients, g.recipients)):
            tp = _pairs(pred_ids, gold_list, actors, spans)
            counts = tally.roles[role]
            counts[0] += tp == len(pred_ids) == len(gold_list)
            counts[1] += tp
            counts[2] += len(pred_ids)
            counts[3] += len(gold_list)
            tally.strict[role] += _pairs(pred_ids, gold_list, actors, spans, same_identity) == len(pred_ids) \
                == len(gold_list)
        tally.place += place_right(p.place, g.place)
        tally.status += p.status == g.status
        if g.date is not None:
            tally.date_n += 1
            tally.date_ok += p.date is not None and p.date.value == g.date


def score_articles(articles: Sequence[GoldArticle], analyses: Sequence[Analysis]) -> dict[str, Any]:
    """Metrics overall (``all``) and per split present in the gold, from the gold articles and the
    matching analyses (same order)."""
    tallies: dict[str, _Tally] = {"all": _Tally()}
    for article, analysis in zip(articles, analyses, strict=True):
        keys = ["all"] + ([article.split] if article.split else [])
        for key in keys:
            _score_article(tallies.setdefault(key, _Tally()), article, analysis)
    return {key: tally.metrics() for key, tally in tallies.items()}

