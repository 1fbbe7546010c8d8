"""Read TimeML (``.tml``) files: the text inside ``<TEXT>``, its TIMEX3 spans, and the DCT.

Offsets are character offsets into the plain text of the ``<TEXT>`` element with
every tag removed (entities such as ``&amp;`` decoded), which is the text sitrep
analyses when it is scored on the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import EvalError


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _walk(elem: ET.Element, parts: list[str], timexes: list[GoldTimex], pos: list[int]) -> None:
    if elem.text:
        parts.append(elem.text)
        pos[0] += len(elem.text)
    for child in elem:
        start = pos[0]
        _walk(child, parts, timexes, pos)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start:pos[0]]
            timexes.append(GoldTimex(start, pos[0], text, child.get("type", ""), child.get("value", "")))
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)


def read_tml(path: Path) -> TimeMLDoc:
    """Parse one TimeML file; raises ``EvalError`` when it is not TimeML with a ``<TEXT>``."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not well-formed XML ({exc}); is it a TimeML .tml file?") from exc
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise EvalError(f"{path}: no <TEXT> element; expected TimeML as in TempEval-3.")
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
            break
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _walk(text_el, parts, timexes, [0])
    return TimeMLDoc(path.stem, "".join(parts), dct, sorted(timexes, key=lambda t: t.start))


def read_folder(path: Path) -> list[TimeMLDoc]:
    """Every ``.tml`` file under ``path`` (recursively, sorted), or the single file ``path``."""
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    files = [f for f in files if not f.name.startswith("._")]
    if not files:
        raise EvalError(f"No .tml files found under {path}; point at a folder of TimeML files.")
    return [read_tml(f) for f in files]
