"""Actor country and sector on the PLOVER gold records (dev half), split into tune / check by hash.

Every source and target actor of ``events/plover_gsr_dev.jsonl`` (the development half
of the PLOVER GSR; the other half is held out and never read) is one gold item: its
``actorText``, its CAMEO ``code`` and, where the coders gave one, its ``sector``. Items
are split before any error is read by ``sha256`` of ``"<record id>|<role>|<index>|<actorText>"``:
an even first byte → ``tune``, odd → ``check``. Misses may be read on ``tune`` only
(``--show tune``); ``check`` is reported beside it.

Gold, as scored:

- **country**: the code when it is a state the KB knows (ISO 3166 alpha-3); the CAMEO
  codes for actors with no state (``IGO``, ``NGO``, ``IMG``) mean "no state": matched by an
  actor without a country or with one of the KB's (and NGEC's) non-state codes
  (``UNO``, ``EUR``, ``IGO``, ``IMG``, PLOVER manual table 5.1), since the GSR writes ``IGO``
  where those write ``UNO`` for the UN. Codes that are neither (the GSR's ``ITL``, ``JAP``, ``VTN``)
  are not scored and are counted under ``unscored_codes``.
- **sector**: the first three letters of ``sector`` (``CVLkur`` → ``CVL``; the GSR's one-off
  spelling ``CIV`` for civilians → ``CVL``); items without a sector or with ``***`` are not
  scored for sector. The GSR gives an intergovernmental body's own organs ``GOV`` ("the
  Security Council": ``IGO``/``GOV``) where the KB writes the sector ``IGO``: for an item coded
  ``IGO`` with sector ``GOV``, the sector ``IGO`` counts as right.

Two readings of each item:

- ``text``: ``resolve_text(actorText)`` alone (the NGEC-style short text; no context, no
  date: the GSR's dates are placeholders). The GSR often marks only the country word of a
  phrase ("Senior *Hungarian* officials" → ``HUN``/``GOV``), so the text alone cannot give
  every sector: read ``sentence`` for those.
- ``sentence`` (``--sentence``): the actors stage run on the record's sentence (the
  pipeline's parse and actors stages); the mention overlapping the actor text most
  (the first place the text occurs) is the prediction, or no actor. Items whose text does
  not occur verbatim in the sentence are not scored in this reading (``not_in_sentence``).

    PYTHONPATH=src python benchmarks/actors_plover_split.py [--sentence] [--show tune] [--json out.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import shared_dir

from sitrep.kb.model import IGO_CODES

#: CAMEO codes of actors that belong to no state
NO_STATE_CODES = frozenset({"IGO", "NGO", "IMG"})
#: the GSR's one-off sector spellings
SECTOR_SPELLINGS = {"CIV": "CVL"}


@dataclass(frozen=True, slots=True)
class Item:
    record: str
    role: str
    index: int
    text: str
    sentence: str
    code: str
    sector: str | None  # None: not scored

    @property
    def part(self) -> str:
        digest = hashlib.sha256(f"{self.record}|{self.role}|{self.index}|{self.text}".encode()).digest()
        return "tune" if digest[0] % 2 == 0 else "check"


def items(path: Path) -> Iterator[Item]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        for role in ("source", "target"):
            actors = record.get(role)
            if not isinstance(actors, list):
                continue
            for i, a in enumerate(actors):
                text, code = (a.get("actorText") or "").strip(), (a.get("code") or "").strip()
                if not text or not code:
                    continue
                raw = (a.get("sector") or "").strip()
                sector = None if not raw or raw.startswith("*") else raw[:3].upper()
                sector = SECTOR_SPELLINGS.get(sector, sector) if sector else None
                yield Item(record["id"], role, i, text, record.get("text") or "", code, sector)


def gold_country(item: Item, states: set[str]) -> str | None:
    """The gold country ("" = no country), or None when the code is not scored."""
    if item.code in NO_STATE_CODES:
        return ""
    return item.code if item.code in states else None


def country_ok(gold: str, got: str) -> bool:
    if gold == "":
        return got == "" or got in IGO_CODES
    return got == gold


def sector_ok(item: Item, got: str) -> bool:
    if item.code == "IGO" and item.sector == "GOV" and got == "IGO":
        return True
    return got == item.sector


def predict_text(items_: list[Item], resolver: Any) -> list[tuple[str, str] | None]:
    from sitrep.stages.actors.api import resolve_text

    out: list[tuple[str, str] | None] = []
    for it in items_:
        actor = resolve_text(it.text, resolver=resolver)
        out.append((actor.country or "", actor.sector or "") if actor else ("", ""))
    return out


def predict_sentence(items_: list[Item], pipeline: Any) -> list[tuple[str, str] | None]:
    from sitrep.records import Analysis, Document
    from sitrep.stages.actors.api import mention_at

    parse, stage = pipeline.stage("parse"), pipeline.stage("actors")
    sentences = sorted({it.sentence for it in items_})
    docs = [Analysis(Document(id=str(i), sha256=str(i), text=s)) for i, s in enumerate(sentences)]
    done = {a.document.text: a for a in (stage(p) for p in parse.pipe(docs))}
    out: list[tuple[str, str] | None] = []
    for it in items_:
        start = it.sentence.find(it.text)
        if start < 0:
            out.append(None)
            continue
        analysis = done[it.sentence]
        mention = mention_at(analysis, start, start + len(it.text))
        actor = next((a for a in analysis.actors if mention and a.id == mention.actor), None)
        out.append((actor.country or "", actor.sector or "") if actor else ("", ""))
    return out


def tally(items_: list[Item], predicted: list[tuple[str, str] | None], states: set[str],
          show: str | None, label: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for it, got in zip(items_, predicted, strict=True):
        part = result.setdefault(it.part, {"country": [0, 0], "sector": [0, 0], "unscored_codes": 0,
                                           "not_in_sentence": 0})
        if got is None:
            part["not_in_sentence"] += 1
            continue
        country = gold_country(it, states)
        if country is None:
            part["unscored_codes"] += 1
        else:
            ok = country_ok(country, got[0])
            part["country"][0] += int(ok)
            part["country"][1] += 1
            if not ok and show == it.part:
                print(f"{label} MISS country: {it.text!r} gold={country!r} got={got} [{it.record}]")
        if it.sector is not None:
            ok = sector_ok(it, got[1])
            part["sector"][0] += int(ok)
            part["sector"][1] += 1
            if not ok and show == it.part:
                print(f"{label} MISS sector: {it.text!r} gold={it.code}/{it.sector} got={got} [{it.record}]")
    out: dict[str, Any] = {}
    for name in ("tune", "check"):
        p = result.get(name)
        if p is None:
            continue
        out[name] = {
            **{f: {"accuracy": round(p[f][0] / p[f][1], 4) if p[f][1] else None, "right": p[f][0], "n": p[f][1]}
               for f in ("country", "sector")},
            "unscored_codes": p["unscored_codes"], "not_in_sentence": p["not_in_sentence"],
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentence", action="store_true", help="also run the stage on each sentence")
    parser.add_argument("--show", choices=["tune"], help="print the misses of the tuning part")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from sitrep.pipeline import build_pipeline

    data = list(items(shared_dir() / "events" / "plover_gsr_dev.jsonl"))
    pipeline = build_pipeline(only=["actors"])
    resolver = pipeline.stage("actors").resolver  # type: ignore[attr-defined]
    states = {a.id for a in resolver.kb.actors.values() if a.kind == "state"}
    readings = {"text": predict_text(data, resolver)}
    if args.sentence:
        readings["sentence"] = predict_sentence(data, pipeline)
    out = {name: tally(data, pred, states, args.show, name) for name, pred in readings.items()}
    for name, parts in out.items():
        for part, fields in parts.items():
            print(f"{name:8} {part:5} " + " ".join(
                f"{f}={v['accuracy']:.3f} ({v['right']}/{v['n']})" for f, v in fields.items() if isinstance(v, dict))
                + f" unscored_codes={fields['unscored_codes']} not_in_sentence={fields['not_in_sentence']}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
