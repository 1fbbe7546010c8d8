"""An offline SVG map of places for the HTML report (no tiles, no network)."""

from __future__ import annotations

from html import escape

from ...records import Place

_MIN_SPAN_DEG = 2.0  # never zoom closer than this many degrees, so one point still has surroundings


def map_svg(places: list[Place], *, width: int = 800, height: int = 400) -> str:
    """Render the located places as labelled points on an equirectangular grid.

    The view is the points' bounding box plus a 15% margin (at least
    ``_MIN_SPAN_DEG`` degrees wide), stretched to keep the projection's aspect
    ratio; graticule lines every 1/5/10/30 degrees help read positions. Places
    sharing a name and point are drawn once with a count. Returns an ``<svg>``
    string (an empty map with a note when no place has coordinates).
    """
    located = [p for p in places if p.lat is not None and p.lon is not None]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Map of places" '
        'font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="#eef3f7" stroke="#9ab"/>',
    ]
    if not located:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#567">no located places</text>')
        return "".join(parts) + "</svg>"
    lats = [p.lat for p in located if p.lat is not None]
    lons = [p.lon for p in located if p.lon is not None]
    lat0, lat1, lon0, lon1 = _view(min(lats), max(lats), min(lons), max(lons), width / height)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon - lon0) / (lon1 - lon0) * width, (lat1 - lat) / (lat1 - lat0) * height

    step = next(s for s in (1, 5, 10, 30, 60) if (lon1 - lon0) / s <= 12)
    for grid_lon in range(int(lon0 // step * step), int(lon1) + 1, step):
        x, _ = xy(lat0, grid_lon)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#d4dde4"/>')
        parts.append(f'<text x="{x + 2:.1f}" y="{height - 3}" fill="#89a" font-size="9">{grid_lon}°</text>')
    for grid_lat in range(int(lat0 // step * step), int(lat1) + 1, step):
        _, y = xy(grid_lat, lon0)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#d4dde4"/>')
        parts.append(f'<text x="2" y="{y - 2:.1f}" fill="#89a" font-size="9">{grid_lat}°</text>')
    counts: dict[tuple[str, float, float], int] = {}
    for p in located:
        assert p.lat is not None and p.lon is not None  # located
        key = (p.name, round(p.lat, 4), round(p.lon, 4))
        counts[key] = counts.get(key, 0) + 1
    boxes: list[tuple[float, float, float, float]] = []  # placed labels: x0, y0, x1, y1
    for (name, lat, lon), n in sorted(counts.items(), key=lambda kv: -kv[1]):
        x, y = xy(lat, lon)
        label = name + (f" ×{n}" if n > 1 else "")
        ly = _free_line(boxes, x + 7, y + 4, 6.2 * len(label))
        parts.append(
            f'<g><title>{escape(name)} ({lat:.3f}, {lon:.3f})</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{3 + min(n, 6)}" fill="#c0392b" fill-opacity="0.8" stroke="#fff"/>'
            + (f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 6:.1f}" y2="{ly - 4:.1f}" stroke="#999"/>' if ly != y + 4 else "")
            + f'<text x="{x + 7:.1f}" y="{ly:.1f}" fill="#222">{escape(label)}</text></g>'
        )
    return "".join(parts) + "</svg>"


def _free_line(boxes: list[tuple[float, float, float, float]], x: float, y: float, w: float) -> float:
    """A baseline near ``y`` where a label of width ``w`` at ``x`` overlaps no placed label."""
    for dy in (0, 12, -12, 24, -24, 36, -36, 48):
        box = (x, y + dy - 10, x + w, y + dy + 2)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            boxes.append(box)
            return y + dy
    boxes.append((x, y - 10, x + w, y + 2))
    return y


def _view(lat0: float, lat1: float, lon0: float, lon1: float, aspect: float) -> tuple[float, float, float, float]:
    """Bounding box with margin, widened to the canvas aspect ratio, clamped to the globe."""
    dlat = max(lat1 - lat0, _MIN_SPAN_DEG / aspect)
    dlon = max(lon1 - lon0, _MIN_SPAN_DEG)
    dlat, dlon = dlat * 1.3, dlon * 1.3
    if dlon / dlat < aspect:
        dlon = dlat * aspect
    else:
        dlat = dlon / aspect
    clat, clon = (lat0 + lat1) / 2, (lon0 + lon1) / 2
    dlat, dlon = min(dlat, 180.0), min(dlon, 360.0)
    clat = min(max(clat, -90 + dlat / 2), 90 - dlat / 2)
    clon = min(max(clon, -180 + dlon / 2), 180 - dlon / 2)
    return clat - dlat / 2, clat + dlat / 2, clon - dlon / 2, clon + dlon / 2
