"""Charts drawn on the server as SVG shapes (no chart library, no script): the templates only
place the rectangles, lines and circles computed here."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ...store.explore import Count, Edge


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    label: str
    value: int


@dataclass(slots=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    #: (x, text) tick labels under the bars
    ticks: list[tuple[float, str]] = field(default_factory=list)
    peak: int = 0


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` (inclusive).

    >>> months_between("2016-11", "2017-02")
    ['2016-11', '2016-12', '2017-01', '2017-02']
    """
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(counts: list[Count], *, width: int = 720, height: int = 120, max_months: int = 240) -> BarChart:
    """Counts per month as bars, empty months included (the most recent ``max_months``)."""
    valid = [c for c in counts if len(c.key) == 7 and c.key[:4].isdigit() and c.key[5:7].isdigit()]
    chart = BarChart(width, height)
    if not valid:
        return chart
    months = months_between(valid[0].key, valid[-1].key)[-max_months:]
    by = {c.key: c.count for c in valid}
    chart.peak = max(by.get(m, 0) for m in months) or 1
    step = width / len(months)
    plot = height - 18
    for i, month in enumerate(months):
        n = by.get(month, 0)
        h = plot * n / chart.peak
        chart.bars.append(Bar(i * step, plot - h, max(step - 1, 1), h, month, n))
        if month.endswith("-01") or i == 0 or len(months) <= 12:
            chart.ticks.append((i * step, month if month.endswith("-01") or i == 0 else month[5:]))
    if len(chart.ticks) > 12:  # keep every k-th label so they never overlap
        k = math.ceil(len(chart.ticks) / 12)
        chart.ticks = chart.ticks[::k]
    return chart


@dataclass(slots=True)
class Node:
    id: str
    name: str
    x: float
    y: float
    r: float
    centre: bool = False


@dataclass(slots=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float
    tone: str
    count: int
    width: float
    source: str
    target: str


@dataclass(slots=True)
class Network:
    size: int
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def ego_network(centre: str, edges: list[Edge], names: dict[str, str], *, size: int = 520, max_nodes: int = 24) -> Network:
    """The actor in the middle, the actors it meets in events on a circle around it (most
    events first, clockwise from the top), one line per (source, target, tone)."""
    weight: dict[str, int] = {}
    for e in edges:
        for node in (e.source, e.target):
            if node != centre:
                weight[node] = weight.get(node, 0) + e.count
    others = sorted(weight, key=lambda n: (-weight[n], n))[:max_nodes]
    net = Network(size)
    mid, radius = size / 2, size / 2 - 60
    pos = {centre: (mid, mid)}
    net.nodes.append(Node(centre, names.get(centre, centre), mid, mid, 12, True))
    peak = max(weight.values(), default=1)
    for i, node in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(others), 1)
        x, y = mid + radius * math.cos(angle), mid + radius * math.sin(angle)
        pos[node] = (x, y)
        net.nodes.append(Node(node, names.get(node, node), x, y, 4 + 6 * weight[node] / peak))
    top = max((e.count for e in edges), default=1)
    offsets = {"cooperation": -3.0, "conflict": 3.0, "neutral": 0.0}
    for e in edges:
        if e.source not in pos or e.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1.0
        ox, oy = -dy / norm * offsets[e.tone], dx / norm * offsets[e.tone]  # parallel lines per tone
        net.links.append(Link(x1 + ox, y1 + oy, x2 + ox, y2 + oy, e.tone, e.count, 1 + 4 * e.count / top,
                              e.source, e.target))
    return net
