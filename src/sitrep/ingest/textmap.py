"""Build a repaired text while remembering where every character came from.

Repair (joining hard-wrapped lines, collapsing whitespace, dropping markup
emphasis, normalising rare quote marks) changes offsets. ``TextBuilder`` records
anchor points ``(stored_offset, raw_offset)`` so any offset into the stored text
maps back into the raw text with ``to_raw``. Written here because no library
keeps such a map for arbitrary edits.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(slots=True)
class TextBuilder:
    parts: list[str] = field(default_factory=list)
    anchors: list[tuple[int, int]] = field(default_factory=list)
    length: int = 0

    def copy(self, raw: str, start: int, end: int) -> None:
        """Append ``raw[start:end]`` unchanged."""
        if end <= start:
            return
        self._anchor(start)
        self.parts.append(raw[start:end])
        self.length += end - start

    def replace(self, text: str, raw_start: int) -> None:
        """Append ``text`` standing for raw text that begins at ``raw_start``."""
        if not text:
            return
        self._anchor(raw_start)
        self.parts.append(text)
        self.length += len(text)

    def _anchor(self, raw_start: int) -> None:
        if self.anchors:
            last_stored, last_raw = self.anchors[-1]
            if raw_start - last_raw == self.length - last_stored:
                return  # contiguous with the previous piece: no new anchor needed
        self.anchors.append((self.length, raw_start))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def endswith(self, suffix: str) -> bool:
        return bool(self.parts) and self.text.endswith(suffix)


def to_raw(char_map: list[tuple[int, int]], offset: int) -> int:
    """Map an offset into the stored text back to the raw text."""
    if not char_map:
        return offset
    stored = [a for a, _ in char_map]
    i = max(bisect.bisect_right(stored, offset) - 1, 0)
    base_stored, base_raw = char_map[i]
    return base_raw + (offset - base_stored)
