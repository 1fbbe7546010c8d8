"""``sitrep eval events FILE.jsonl``: score the event stage on PLOVER gold records.

Format: the PLOVER GSR JSON Lines (one gold event per record: ``text``, ``event``,
``eventText``, ``source``/``target`` lists of ``{actorText, code, sector}``). Older
category names are mapped as the PLOVER manual does: DEMAND→REQUEST,
DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT.

How a record is scored (each record is one gold event):

* sitrep runs on the record's ``text`` as a document (no publication date), through the
  evaluation runner (``sitrep.evaluation``: ingest and the built pipeline, as ``sitrep
  run`` would); this module reads the records and scores the analyses it is given.
* **Alignment.** If sitrep finds several events, the one compared with the gold event is
  the first (in text order) whose trigger shares a word with the gold ``eventText``
  (words compared on their first five letters, so "refusing" matches "refused");
  if none shares a word, the one with the highest confidence (ties: first in text).
  Only that event is scored; the others are ignored (the GSR codes one event per text).
* **No event.** A record where sitrep finds no event counts as a wrong category (predicted
  label ``NONE``) and contributes all its gold actors/recipients as misses.
* **Actors.** A sitrep actor matches a gold actor when the actor's ``country`` equals the
  gold ``code`` (gold ``IGO`` matches an actor of kind ``igo``) and one of that actor's
  mentions in the text overlaps the gold ``actorText`` (any of its occurrences in ``text``, case-
  insensitive); a state actor also counts as mentioned by the toponyms of its territory
  (the event stage's recipients by territory, see ``territory``). Each gold actor matches
  at most once. ``actor_f1`` / ``recipient_f1`` are
  micro F1 over all records (sitrep actors vs gold ``source``; recipients vs ``target``).
* ``category_macro_f1``: F1 per gold category (the 16 PLOVER categories present in the
  gold), averaged.
* ``status_accuracy``: over records that carry a gold ``status`` field; the PLOVER GSR has
  none, so it is ``None`` there.
* **Splits.** The records are split in file order, fixed before any error was studied (issue
  13): the 1st, 3rd, 5th ... record (0-based even index) is ``tune``, the 2nd, 4th ... ``check``
  (``plover_split``). ``score_by_split`` reports both halves and all records.

The article-level gold of hand-coded events (FA-KES) is read and scored by
``article_scorer``; ``sitrep eval events`` picks the reader from the file's first line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...errors import EvalError
from ...records import Actor, Analysis, Event, Mention, Place
from ...scoring import prf
from .territory import iso3

LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def read_gold(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n} is not valid JSON ({exc}); expected PLOVER JSON Lines.") from exc
            if rec.get("event") == "DOCUMENT":
                continue
            if "text" not in rec or "event" not in rec:
                raise EvalError(f"{path}:{n} lacks 'text' or 'event'; expected PLOVER GSR records.")
            records.append(rec)
    return records


PLOVER_SPLITS = ("tune", "check")


def plover_split(index: int) -> str:
    """The half a record belongs to by its 0-based position in the gold file."""
    return PLOVER_SPLITS[index % 2]


def gold_category(rec: dict[str, Any]) -> str:
    """The record's PLOVER category, legacy names mapped (DEMAND -> REQUEST ...)."""
    event = str(rec["event"])
    return LEGACY.get(event, event)


def gold_parties(value: Any) -> list[dict[str, Any]]:
    return [p for p in value if isinstance(p, dict) and p.get("code")] if isinstance(value, list) else []


def align(events: list[Event], event_text: str) -> Event | None:
    """The sitrep event compared with the gold one (see the module docstring)."""
    if not events:
        return None
    gold_words = {_stem(w) for w in event_text.replace("-", " ").split()}
    for ev in events:
        if {_stem(w) for w in ev.trigger.replace("-", " ").split()} & gold_words:
            return ev
    return max(events, key=lambda e: (e.confidence, -e.evidence.start))


def _stem(word: str) -> str:
    """Crude stem for trigger alignment: "refusing" ~ "refused", "strikes" ~ "strike"."""
    return word.lower()[:5]


def _spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of the gold ``actorText`` (the GSR gives no offsets, so any
    occurrence may be the one the coder meant: "Syrian Kurds ... autonomy from Syria")."""
    if not needle:
        return []
    low, want = text.lower(), needle.lower()
    out, i = [], low.find(want)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = low.find(want, i + 1)
    return out


def match_parties(predicted: list[str], gold: list[dict[str, Any]], text: str,
                  actors: dict[str, Actor], mentions: list[Mention],
                  places: Sequence[Place] = ()) -> tuple[int, int, int]:
    """(true positives, predicted count, gold count) for one record."""
    used: set[int] = set()
    tp = 0
    for actor_id in predicted:
        actor = actors.get(actor_id)
        spans = [(m.start, m.end) for m in mentions if m.actor == actor_id]
        if actor is not None and actor.kind == "state":
            # a state recipient by territory: its evidence is the place span
            spans += [(p.start, p.end) for p in places if iso3(p.country) == actor_id]
        for gi, g in enumerate(gold):
            if gi in used or actor is None:
                continue
            code = g["code"]
            country_ok = actor.country == code or (code == "IGO" and actor.kind == "igo")
            overlap = any(s < g_end and g_start < e for g_start, g_end in _spans_of(text, g.get("actorText", ""))
                          for s, e in spans)
            if country_ok and overlap:
                used.add(gi)
                tp += 1
                break
    return tp, len(predicted), len(gold)


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    return prf(tp, n_pred, n_gold)[2]


def score(records: Sequence[dict[str, Any]], analyses: Sequence[Analysis]) -> dict[str, Any]:
    """Metrics from gold records and the matching sitrep analyses (same order)."""
    correct = 0
    per_cat: dict[str, list[int]] = {}
    act = [0, 0, 0]
    rec_counts = [0, 0, 0]
    st_n = st_ok = 0
    for rec, analysis in zip(records, analyses, strict=True):
        gold = gold_category(rec)
        ev = align(analysis.events, rec.get("eventText", ""))
        pred = ev.category if ev else "NONE"
        correct += pred == gold
        for cat in {gold, pred}:
            per_cat.setdefault(cat, [0, 0, 0])
        per_cat[gold][2] += 1
        per_cat[pred][1] += 1
        if pred == gold:
            per_cat[gold][0] += 1
        actors = {a.id: a for a in analysis.actors}
        for counts, pred_ids, gold_parts in (
            (act, ev.actors if ev else [], gold_parties(rec.get("source"))),
            (rec_counts, ev.recipients if ev else [], gold_parties(rec.get("target"))),
        ):
            tp, npred, ngold = match_parties(pred_ids, gold_parts, rec["text"], actors,
                                             analysis.mentions, analysis.places)
            counts[0] += tp
            counts[1] += npred
            counts[2] += ngold
        if rec.get("status"):
            st_n += 1
            st_ok += ev is not None and ev.status == rec["status"]
    gold_cats = [c for c, v in per_cat.items() if v[2] > 0]
    macro = sum(_f1(*per_cat[c]) for c in gold_cats) / len(gold_cats) if gold_cats else 0.0
    n = len(records)
    return {
        "category_accuracy": round(correct / n, 4) if n else 0.0,
        "category_macro_f1": round(macro, 4),
        "actor_f1": round(_f1(*act), 4),
        "recipient_f1": round(_f1(*rec_counts), 4),
        "status_accuracy": round(st_ok / st_n, 4) if st_n else None,
        "n": n,
    }


def score_by_split(records: Sequence[dict[str, Any]], analyses: Sequence[Analysis],
                   splits: Sequence[str]) -> dict[str, Any]:
    """``score`` over all records (``all``) and over each half named in ``splits`` (one per record)."""
    out: dict[str, Any] = {"all": score(records, analyses)}
    for half in PLOVER_SPLITS:
        chosen = [i for i, s in enumerate(splits) if s == half]
        if chosen:
            out[half] = score([records[i] for i in chosen], [analyses[i] for i in chosen])
    return out
