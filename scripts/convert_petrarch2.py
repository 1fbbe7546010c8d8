"""Convert the PETRARCH2 (MIT) actor and agent dictionaries into sitrep KB files.

Reads ``../shared/data/actors/petrarch2/`` (or ``--src``) and writes
``src/sitrep/kb/petrarch2.csv`` (actors: institutions, people with dated roles,
international organisations, NGOs, militant groups) and
``src/sitrep/kb/petrarch2_agents.csv`` (generic agent nouns -> sector). Every
row records its provenance as ``<file>:<line>`` in the PETRARCH2 dictionaries, with
``<file>`` shortened: ``Countries`` = ``Phoenix.Countries.actors.txt``, ``International``
= ``Phoenix.International.actors.txt``, ``MilNonState`` = ``Phoenix.MilNonState.actors.txt``,
``agents`` = ``Phoenix.agents.txt`` (snapshot: openeventdata/petrarch2 676801cd, MIT licence).

Left out on purpose: the country-name blocks of ``Phoenix.Countries.actors``
(they list cities and provinces as synonyms of the state; states come from
pycountry), multinational companies (``MNC``), people whose every dated role
ended before 1945 (``--since``), one- to three-letter aliases, aliases that are common
words or agent nouns, and aliases claimed by two PETRARCH entries (ambiguous).

Non-state groups whose CAMEO code names no state (``KKLREB``, ``MEAREB``, ``IMGSEAMUSJMA``...)
get their country (and where needed sector) from the curated table
``scripts/data/petrarch2_group_countries.csv``; such rows say so in their provenance
(``MilNonState:1888; country curated``).

    python scripts/convert_petrarch2.py [--src DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parents[1]
KB = REPO / "src" / "sitrep" / "kb"
DEFAULT_SRC = REPO.parent / "shared" / "data" / "actors" / "petrarch2"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
GROUP_COUNTRIES = REPO / "scripts" / "data" / "petrarch2_group_countries.csv"

sys.path.insert(0, str(REPO / "src"))
from sitrep.kb.model import SECTOR_KIND, SECTORS  # noqa: E402
from sitrep.kb.normalize import key, slug  # noqa: E402

STATES = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
LEGACY = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
#: first three letters of codes that are not states
NON_STATE = {"IGO", "NGO", "IMG", "INT", "MNC", "UNO"}
#: people whose every dated role ended before this date are left out (issue 14: office holders
#: over time, so the index covers the post-war decades that news archives and PLOVER's records reach)
CUTOFF = dt.date(1945, 1, 1)
STOP = {
    "the", "of", "and", "president", "government", "minister", "ministry", "army", "police", "party",
    "council", "court", "senate", "congress", "parliament", "assembly", "union", "front", "movement",
    "state", "republic", "kingdom", "league", "forces", "force", "group", "committee", "commission",
    "national", "people", "association", "organization", "institute", "university", "agency", "bank",
    "office", "department", "service", "authority", "center", "centre", "foundation", "fund",
}
TITLE_WORDS = {"envoy", "president", "minister", "leader", "secretary", "spokesman", "spokeswoman", "chief",
               "commander", "premier", "chancellor", "king", "emir", "ambassador"}
_CODE = re.compile(r"\[([^\]]*)\]")
#: CAMEO agent codes whose meaning PLOVER moved (PLOVER manual, section 5.2.1, note 4: "in CAMEO
#: 'MED' was media and 'HLH' was medical"; table 5.2: ``JRN`` journalists, newspapers, radio,
#: television; ``MED`` individuals and organisations dealing with health). Applied to the agent
#: nouns only: the actor dictionaries' ``MED``/``HLH`` organisations keep their codes (the place
#: stage reads ``MED`` on a named organisation as a medium).
AGENT_SECTORS = {"MED": "JRN", "HLH": "MED"}


@dataclass
class Entry:
    name: str
    line: int
    file: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date spec)
    comment: str = ""


def _short(file: str) -> str:
    return file.removeprefix("Phoenix.").removesuffix(".actors.txt")


def _date(text: str) -> dt.date | None:
    text = text.strip()
    if not text.isdigit():
        return None
    try:
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        if len(text) == 6:
            yy = int(text[:2])
            year = 2000 + yy if yy <= 25 else 1900 + yy
            return dt.date(year, int(text[2:4]), max(1, int(text[4:6])))
    except ValueError:
        return None
    return None


def _span(spec: str) -> tuple[dt.date | None, dt.date | None]:
    spec = spec.strip()
    if not spec:
        return None, None
    if spec.startswith(">"):
        return _date(spec[1:]), None
    if spec.startswith("<"):
        return None, _date(spec[1:])
    if "-" in spec:
        a, _, b = spec.partition("-")
        return _date(a), _date(b)
    return None, None


def _name(raw: str) -> str:
    text = raw.strip().rstrip("_").replace("_", " ").strip()
    text = re.sub(r"\s+", " ", text)
    return " ".join(w if (w.isupper() and len(w) <= 4 and not any(c in "AEIOU" for c in w)) or w.startswith("(")
                    or "." in w.rstrip(".")
                    else w.capitalize() if w.isupper() else w
                    for w in text.split(" "))


def parse_actor_file(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line, _, comment = raw.partition("#")
        if not line.strip():
            continue
        if line[:1] in "!<":
            continue
        codes = [(m.group(1).split()[0] if m.group(1).split() else "", " ".join(m.group(1).split()[1:]))
                 for m in _CODE.finditer(line)]
        head = _CODE.sub("", line).strip()
        if raw[:1] in (" ", "\t") and not head:
            if current is not None:
                current.codes.extend(codes)
            continue
        if head.startswith("+"):
            if current is not None:
                current.synonyms.append(head[1:].strip())
                current.codes.extend(codes)
            continue
        if current is not None and not current.codes and not codes:
            # several primary names in a row share the code block that follows them
            # ("BORIS_YELTSIN_", "BORIS_N._YELTSIN", "YELTSIN", ... then the dated codes)
            current.synonyms.append(head)
            continue
        current = Entry(name=head, line=n, file=path.name, codes=list(codes), comment=comment.strip())
        entries.append(current)
    return entries


def _split_code(code: str) -> tuple[str | None, str | None, str]:
    """CAMEO code -> (country, sector, prefix)."""
    code = code.strip().upper()
    if not code or code.startswith("-") or code.startswith("~"):
        return None, None, ""
    prefix = LEGACY.get(code[:3], code[:3])
    chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
    if prefix in SECTORS and prefix not in NON_STATE:  # "[ELI]": sector without a country
        return None, prefix, prefix
    country: str | None = None
    if prefix in STATES:
        country = prefix
    elif prefix == "IGO":
        country = "UNO" if chunks[:1] == ["UNO"] else "EUR" if chunks[:1] == ["EUR"] else "IGO"
    elif prefix in ("NGO", "IMG", "INT") and chunks and LEGACY.get(chunks[0], chunks[0]) in STATES:
        country = LEGACY.get(chunks[0], chunks[0])
    sector = next((c for c in chunks if c in SECTORS and c != "UNO"), None)
    if sector == "OPP":
        sector = "PTY"  # CAMEO "opposition" is a party sector in PLOVER
    if sector is None:
        sector = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "INT": None}.get(prefix)
    return country, sector, prefix


@dataclass(frozen=True)
class GroupCountries:
    """The curated country (and optional sector) of non-state groups coded without a state."""

    by_code: dict[str, tuple[str, str]]
    by_name: dict[str, tuple[str, str]]

    def lookup(self, name: str, codes: list[str]) -> tuple[str, str] | None:
        found = self.by_name.get(key(name))
        if found is None:
            found = next((self.by_code[c] for c in codes if c in self.by_code), None)
        return found if found and found[0] else None


def load_group_countries(path: Path = GROUP_COUNTRIES) -> GroupCountries:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    by_code: dict[str, tuple[str, str]] = {}
    by_name: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(lines):
        iso3, sector = row["iso3"].strip(), row["sector"].strip()
        if iso3 and iso3 not in STATES:
            sys.exit(f"{path.name}: unknown ISO3 {iso3!r} for {row['value']!r}")
        if sector and sector not in SECTORS:
            sys.exit(f"{path.name}: unknown sector {sector!r} for {row['value']!r}")
        (by_code if row["match"] == "code" else by_name)[
            row["value"].strip().upper() if row["match"] == "code" else key(row["value"])] = (iso3, sector)
    return GroupCountries(by_code, by_name)


def convert(src: Path, cutoff: dt.date = CUTOFF) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    groups = load_group_countries()
    entries = [e for f in ACTOR_FILES for e in parse_actor_file(src / f)]
    agents = parse_agents(src / AGENT_FILE)
    agent_keys = {key(a["noun"]) for a in agents}
    rows: list[dict[str, object]] = []
    for e in entries:
        parsed = []
        for code, spec in e.codes:
            country, sector, prefix = _split_code(code)
            start, end = _span(spec)
            parsed.append((country, sector, prefix, start, end, bool(spec.strip())))
        if not parsed or any(p[2] == "MNC" for p in parsed):
            continue
        dated = [p for p in parsed if p[5]]
        undated = [p for p in parsed if not p[5]]
        # the country-name blocks ("SYRIA_ [SYR]" with cities as synonyms)
        if not dated and all(p[0] in STATES and p[1] is None and p[2] in STATES for p in parsed):
            continue
        is_person = bool(dated) or "CountryInfo" in e.comment or "rulers" in e.comment
        if dated and all((p[4] or dt.date.max) < cutoff for p in dated) and not any(p[1] not in (None, "ELI") for p in undated):
            continue
        ranked = sorted(dated, key=lambda p: (p[4] or dt.date.max, p[3] or dt.date.min))
        best = ranked[-1] if ranked else undated[0]
        country = best[0] or next((p[0] for p in parsed if p[0]), None)
        sector = best[1] or next((p[1] for p in parsed if p[1]), None)
        if country is None and sector is None:
            continue
        provenance = f"{_short(e.file)}:{e.line}"
        if country is None and e.file == ACTOR_FILES[2] and not is_person:
            curated = groups.lookup(_name(e.name), [c.strip().upper() for c, _ in e.codes])
            if curated is not None:
                country, sector = curated[0], curated[1] or sector
                provenance += "; country curated"
        kind = "person" if is_person else SECTOR_KIND.get(sector or "", "other")
        if not is_person and country in ("UNO", "EUR", "IGO") and sector == "IGO":
            kind = "igo"
        name = _name(e.name)
        aliases = []
        for raw in [e.name, *e.synonyms]:
            alias = _name(raw)
            k = key(alias)
            words = k.split(" ")
            if len(k.replace(" ", "")) <= 3 or (len(words) == 1 and (k in STOP or k in agent_keys)):
                continue
            if all(w in STOP for w in words) or k in agent_keys or words[0] == "the":
                continue
            if is_person and len(words) == 1:
                continue  # "Hussein", "Salman": one-word names of people are too ambiguous
            if not is_person and words[-1] in TITLE_WORDS:
                continue  # "UN envoy", "Kosovar Prime Minister": titles, resolved by role
            if alias not in aliases:
                aliases.append(alias)
        if not aliases:
            continue
        dated = [p for p in dated if not (p[3] and p[4] and p[4] < p[3])]  # reversed ranges in the source
        roles = [f"{p[1] or ''}@{p[0] or ''}@{p[3].isoformat() if p[3] else ''}@{p[4].isoformat() if p[4] else ''}"
                 for p in dated if p[1] or p[0]]
        rows.append({"name": name, "kind": kind, "country": country or "", "sector": sector or "",
                     "aliases": aliases, "roles": roles, "provenance": provenance})
    # entries with the same name (listed twice in the source) become one
    merged: dict[str, dict[str, object]] = {}
    for r in rows:
        k = key(str(r["name"]))
        if k in merged:
            first = merged[k]
            first["aliases"] = list(dict.fromkeys([*first["aliases"], *r["aliases"]]))  # type: ignore[misc]
            first["roles"] = list(dict.fromkeys([*first["roles"], *r["roles"]]))  # type: ignore[misc]
        else:
            merged[k] = r
    rows = list(merged.values())
    # aliases claimed by two entries are ambiguous: drop them from both
    claims = Counter(key(a) for r in rows for a in set(key(x) for x in r["aliases"]))  # type: ignore[union-attr]
    out: list[dict[str, str]] = []
    used: Counter[str] = Counter()
    for r in rows:
        aliases = [a for a in r["aliases"] if claims[key(a)] == 1]  # type: ignore[union-attr]
        if not aliases:
            continue
        base = "p2:" + slug(str(r["name"]))
        used[base] += 1
        actor_id = base if used[base] == 1 else f"{base}-{used[base]}"
        out.append({"id": actor_id, "name": str(r["name"]), "kind": str(r["kind"]), "country": str(r["country"]),
                    "sector": str(r["sector"]), "aliases": "|".join(aliases), "roles": "|".join(r["roles"]),  # type: ignore[arg-type]
                    "provenance": str(r["provenance"])})
    return out, agents


def parse_agents(path: Path) -> list[dict[str, str]]:
    """``NOUN [~CODE]`` lines (macros ``!PERSON!`` expanded) -> noun, sector (the code's first
    element, in PLOVER's meaning: ``AGENT_SECTORS``)."""
    macros: dict[str, list[str]] = {}
    rows: dict[str, dict[str, str]] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.partition("#")[0].strip()
        if not line:
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        code = _CODE.search(line)
        if not code or not code.group(1).startswith("~"):
            continue
        noun = re.sub(r"\{[^}]*\}", "", line[:code.start()]).strip()
        sector = AGENT_SECTORS.get(code.group(1)[1:4], code.group(1)[1:4])
        if sector not in SECTORS or not noun:
            continue
        forms = [noun]
        for macro, words in macros.items():
            if macro in noun:
                forms = [noun.replace(macro, w) for w in words]
        for form in forms:
            text = form.replace("_", " ").strip().lower()
            if text and text not in rows:
                rows[text] = {"noun": text, "sector": sector, "provenance": f"agents:{n}"}
    return list(rows.values())


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {path.relative_to(REPO)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    ap.add_argument("--since", type=dt.date.fromisoformat, default=CUTOFF,
                    help=f"leave out people whose every dated role ended before this date (default {CUTOFF})")
    args = ap.parse_args()
    if not args.src.is_dir():
        sys.exit(f"PETRARCH2 dictionaries not found at {args.src}; pass --src DIR.")
    actors, agents = convert(args.src, args.since)
    write(KB / "petrarch2.csv", actors)
    write(KB / "petrarch2_agents.csv", agents)


if __name__ == "__main__":
    main()
