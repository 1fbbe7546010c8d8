"""Build ``src/sitrep/kb/state_forces.yaml``: the armed forces, police and intelligence services of states.

Category (complete by construction): for every state in ``countries_curated.csv`` (UN members and
observers, Kosovo, Taiwan) one ``<ISO3>_MIL`` actor -- the national armed forces -- and one
``<ISO3>_COP`` actor -- the national police -- unless a curated file already has that id.
Names come from two sources:

- ``scripts/data/state_forces.csv`` (curated): official English and native names and common
  acronyms of armed forces, police / gendarmerie / internal security forces and intelligence
  services (extra bodies get ``<ISO3>_<ACRONYM>`` ids);
- patterns on the state's short name and demonym, for every state: "Armed Forces of <name>",
  "<name> Armed Forces", "<Demonym> Armed Forces", "National Police of <name>", "<Demonym> National
  Police". A state without a curated name gets "Armed Forces of <name>" and "<Demonym> police".

Entries whose name a hand-curated actor already claims are left out, and aliases already claimed
by a hand-curated actor (``curated.yaml`` and the other hand-written files) are dropped, so the
curated files keep priority and ``sitrep kb check`` finds no same-tier clash.

    python scripts/build_state_forces.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
KB = REPO / "src" / "sitrep" / "kb"
TABLE = REPO / "scripts" / "data" / "state_forces.csv"
OUT = KB / "state_forces.yaml"

sys.path.insert(0, str(REPO / "src"))
from sitrep.kb.load import EXTRA_CURATED  # noqa: E402
from sitrep.kb.normalize import key  # noqa: E402

HAND_FILES = ("curated.yaml", *(f for f in EXTRA_CURATED if f != OUT.name))

KIND = {"MIL": "military", "COP": "government_body", "SPY": "government_body"}


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _hand_curated() -> tuple[set[str], set[str]]:
    """Ids and folded aliases of the hand-written actor files."""
    ids: set[str] = set()
    keys: set[str] = set()
    for name in HAND_FILES:
        data = yaml.safe_load((KB / name).read_text(encoding="utf-8")) or {}
        for actor in data.get("actors") or []:
            ids.add(str(actor["id"]))
            for alias in [actor["name"], *(actor.get("aliases") or [])]:
                keys.add(key(str(alias).lstrip("=")))
    return ids, keys


def _states() -> list[tuple[str, str, str | None]]:
    """(ISO3, short name, demonym) of every state with a curated demonym; the demonym is None when
    the knowledge base resolves it to another state ("Dominican" -> DOM, not Dominica)."""
    from sitrep.kb import load_kb

    kb = load_kb()
    names = {r["iso3"]: r["name"] for r in csv.DictReader((KB / "countries.csv").open(encoding="utf-8"))}
    out: list[tuple[str, str, str | None]] = []
    for r in csv.DictReader((KB / "countries_curated.csv").open(encoding="utf-8")):
        demonyms = [d for d in r["demonyms"].split("|") if d]
        aliases = [a for a in r["aliases"].split("|") if a]
        short = aliases[0] if aliases else names.get(r["iso3"], "")
        if demonyms and short and "," not in short:
            claims = kb.lookup(demonyms[0])
            own = bool(claims) and claims[0].actor == r["iso3"]
            out.append((r["iso3"], short, demonyms[0] if own else None))
    return out


def _patterns(sector: str, short: str, demonym: str | None) -> list[str]:
    by_demonym = demonym is not None
    if sector == "MIL":
        names = [f"Armed Forces of {short}", f"{short} Armed Forces"]
        return names + ([f"{demonym} Armed Forces"] if by_demonym else [])
    if sector == "COP":
        return [f"National Police of {short}"] + ([f"{demonym} National Police"] if by_demonym else [])
    return []


def build() -> list[dict[str, object]]:
    hand_ids, hand_keys = _hand_curated()
    states = {iso3: (short, dem) for iso3, short, dem in _states()}
    curated: dict[str, dict[str, object]] = {}
    for row in _rows(TABLE):
        iso3, sector = row["iso3"], row["sector"]
        if iso3 not in states:
            sys.exit(f"{TABLE.name}: {iso3} is not a state in countries_curated.csv")
        actor_id = row["id"] or f"{iso3}_{sector}"
        if actor_id in curated:
            sys.exit(f"{TABLE.name}: id {actor_id} used twice")
        curated[actor_id] = {"id": actor_id, "name": row["name"], "kind": KIND[sector], "country": iso3,
                             "sector": sector, "aliases": [a for a in row["aliases"].split("|") if a]}
    for iso3, (short, demonym) in states.items():
        police = f"{demonym} police" if demonym else f"National Police of {short}"
        for sector, default in (("MIL", f"Armed Forces of {short}"), ("COP", police)):
            actor_id = f"{iso3}_{sector}"
            entry = curated.setdefault(actor_id, {"id": actor_id, "name": default, "kind": KIND[sector],
                                                  "country": iso3, "sector": sector, "aliases": []})
            entry["aliases"] = [*entry["aliases"], *_patterns(sector, short, demonym)]  # type: ignore[misc]
    out = []
    claimed: set[str] = set(hand_keys)
    for actor_id in sorted(curated):
        entry = curated[actor_id]
        name_key = key(str(entry["name"]))
        if actor_id in hand_ids or name_key in hand_keys:
            continue  # the hand-written entry (SYR_MIL; "United States Army" in USA_MIL) stays the only one
        if name_key in claimed:  # two states share a demonym ("Congolese police"): name by the state
            entry["name"] = f"National Police of {states[str(entry['country'])][0]}"
        claimed.add(key(str(entry["name"])))
        aliases: list[str] = []
        for alias in entry["aliases"]:  # type: ignore[union-attr]
            k = key(alias.lstrip("="))
            if k and k not in claimed:
                claimed.add(k)
                aliases.append(alias)
        entry["aliases"] = aliases
        out.append(entry)
    return out


def main() -> None:
    actors = build()
    header = (
        "# GENERATED by scripts/build_state_forces.py from scripts/data/state_forces.csv (curated names)\n"
        "# and name/demonym patterns; do not edit by hand (edit the table and regenerate).\n"
        "# Provenance: curated. National armed forces (<ISO3>_MIL), police (<ISO3>_COP) and other\n"
        "# state security bodies of every state in countries_curated.csv.\n"
    )
    body = yaml.safe_dump({"version": 1, "actors": actors}, allow_unicode=True, sort_keys=False, width=200)
    OUT.write_text(header + body, encoding="utf-8")
    print(f"wrote {len(actors)} actors to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
