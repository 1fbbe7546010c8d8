"""Web-page furniture inside text bodies: found by repetition and by line shape, never by outlet phrases.

Articles scraped into CSV or plain text keep pieces of the page around them: a date
header ("Published February 18 2015", "Last updated at Apr 152017"), a share bar, a
"Tags ..." list, an "about us" blurb, a subscribe line, a credit line. They are not
the report, and analysed as text they turn up as events, places and framing labels.

Two general signals find them:

* **repetition across a corpus** (``FurnitureModel``): the bodies of one publisher in one
  file are learned first; a run of tokens that opens (or closes) at least a fifth of them
  (and at least three) is furniture. Tokens are compared by shape (a number is ``0``, a
  month or weekday name is a placeholder), so "Published July 5 2015" and "Published
  February 23 2015" are one pattern. The run ends where the bodies part ways (where fewer
  than half of the bodies that shared the run so far go on the same way), so the first
  word of the article is never taken. A whole line that recurs the same way is furniture too.
* **line shape** (``line_furniture``), where a body has lines: a short line without
  sentence punctuation and (almost) without function words, made of links, handles,
  separators ("Share | Tweet | Email") or a label with a list ("Tags: Syria, Idlib, Aleppo").

What is removed is returned as spans of the raw text (``Removed``): the document keeps
them, and the stored text's character map still points into the raw text. A body is
never emptied: when furniture would take half of it or more, nothing is removed.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field

from ..records import Removed

#: a body contributes at most this many tokens from each end to the model (read from this
#: many characters), and its first and last LINES lines
DEPTH = 200
EDGE_CHARS = 2_500
LINES = 20
#: a pattern is furniture when it recurs in this share of a group's bodies (and in MIN_SUPPORT)
SHARE = 0.2
MIN_SUPPORT = 3
#: bodies learned per group and in all (the model stays small on huge files: ~30 MB at most)
MAX_BODIES = 2_000
MAX_TOTAL = 10_000

#: numbers (with their separators: 24.08.2013, 18:32), words, single punctuation marks
_TOKEN = re.compile(r"\d+(?:[.:/,-]\d+)*|[^\W\d_][\w'’-]*(?<![-'’])|[^\w\s]|_+")
_DIGIT = re.compile(r"\d")
_MONTHS = frozenset(
    ["jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"]
)
_DAYS = frozenset(["mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday"])
#: English function words: prose is dense in them, menus, tag lists and credits are not
_FUNCTION = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "from", "by", "about", "as", "into", "over", "after", "before", "than", "and", "or", "but", "nor", "so", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "that", "this", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "who", "which", "what", "when", "where", "not", "no", "said", "says"]
)
_SEPARATORS = frozenset(["|", "•", "·", "/", "»", "›", ">", "«", "‹", "<", "—", "–", "-", "~", "*"])
_LINKISH = re.compile(r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[a-z]{2,})+(?:/\S*)?|@\w+|#\w+)$")
#: a byline or a line with a year is the header's business (author, date), never furniture here
_METADATA = re.compile(r"^(?:by|written by|reported by)\b|\b(?:1[89]|2[01])\d\d\b", re.I)
_LABEL_LIST = re.compile(r"^[A-Z][\w ]{0,20}:\s*(?:[^,;]{1,40}[,;]\s*){2,}[^,;]{1,40}$")
_TERMINAL = re.compile(r"[.!?\"”’)]\s*$")


@functools.lru_cache(maxsize=65_536)
def shape(token: str) -> str:
    """A token as repetition compares it: numbers and date words lose their value."""
    if _DIGIT.search(token):
        return "0"
    lower = token.lower()
    if lower in _MONTHS:
        return "<month>"
    if lower in _DAYS:
        return "<day>"
    return token


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(shape(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


class _Edges:
    """The first (or last) token shapes of each body, sorted, to count the bodies sharing a run.

    Kept as one tuple per body rather than a trie: a trie node per token costs about ten
    times the memory, and the model must stay small on a file of a million rows.
    """

    __slots__ = ("items", "ordered")

    def __init__(self) -> None:
        self.items: list[tuple[str, ...]] = []
        self.ordered = True

    def add(self, shapes: list[str]) -> None:
        self.items.append(tuple(sys.intern(s) for s in shapes))
        self.ordered = False

    def count(self, run: tuple[str, ...]) -> int:
        """How many bodies open with ``run``."""
        if not self.ordered:
            self.items.sort()
            self.ordered = True
        lo = bisect.bisect_left(self.items, run)
        hi = bisect.bisect_left(self.items, (*run[:-1], run[-1] + "\U0010ffff"), lo)
        return sum(1 for item in self.items[lo:hi] if item[: len(run)] == run) if hi - lo < 64 else hi - lo

    def shared(self, shapes: list[str], support: int) -> int:
        """How many leading ``shapes`` recur in ``support`` bodies, up to where the bodies part ways."""
        before, depth = len(self.items), 0
        for k in range(1, len(shapes) + 1):
            n = self.count(tuple(shapes[:k]))
            if n < support or (depth and n * 2 < before):
                break
            before, depth = n, k
        return depth


@dataclass
class _Group:
    starts: _Edges = field(default_factory=_Edges)
    ends: _Edges = field(default_factory=_Edges)
    lines: Counter[tuple[str, ...]] = field(default_factory=Counter)
    bodies: int = 0

    @property
    def support(self) -> int:
        return max(MIN_SUPPORT, math.ceil(SHARE * self.bodies))


class FurnitureModel:
    """Recurring openings, closings and lines of the bodies of each group (publisher) of one file."""

    def __init__(self) -> None:
        self.groups: dict[str, _Group] = {}
        self.bodies = 0

    def add(self, group: str | None, body: str) -> None:
        """Learn one body (the first ``MAX_BODIES`` of each group, ``MAX_TOTAL`` in all, count)."""
        learned = self.groups.get(group or "")
        if learned is None:
            if self.bodies >= MAX_TOTAL:
                return
            learned = self.groups.setdefault(group or "", _Group())
        if learned.bodies >= MAX_BODIES or self.bodies >= MAX_TOTAL:
            return
        learned.bodies += 1
        self.bodies += 1
        learned.starts.add([s for s, _, _ in _tokens(body[:EDGE_CHARS])][:DEPTH])
        learned.ends.add([s for s, _, _ in _tokens(body[-EDGE_CHARS:])][::-1][:DEPTH])
        lines = body.split("\n")
        for line in {_line_key(line) for line in lines[:LINES] + lines[-LINES:]}:
            if line:
                learned.lines[line] += 1

    def spans(self, group: str | None, body: str) -> list[Removed]:
        """The furniture of ``body``: spans of it that recur in its group."""
        learned = self.groups.get(group or "")
        if learned is None or learned.bodies < MIN_SUPPORT:
            return []
        support = learned.support
        found = _repeated_lines(body, learned, support)
        head = _tokens(body[:EDGE_CHARS])
        start = _trim_start(head, learned.starts.shared([s for s, _, _ in head][:DEPTH], support))
        if start:
            found.append(Removed(head[0][1], head[start - 1][2], "repeated-start"))
        offset = max(len(body) - EDGE_CHARS, 0)
        tail = [(s, a + offset, b + offset) for s, a, b in _tokens(body[offset:])]
        end = _trim_end(tail, learned.ends.shared([s for s, _, _ in tail[::-1]][:DEPTH], support))
        if end:
            found.append(Removed(tail[-end][1], tail[-1][2], "repeated-end"))
        return found


def _line_key(line: str) -> tuple[str, ...]:
    if len(line) > 200 or not 2 <= len(line.split()) <= 12:
        return ()
    tokens = _tokens(line.strip())
    return tuple(sys.intern(s) for s, _, _ in tokens) if 2 <= len(tokens) <= 12 else ()


def _repeated_lines(body: str, learned: _Group, support: int) -> list[Removed]:
    if "\n" not in body.strip():
        return []
    found, pos = [], 0
    for line in body.split("\n"):
        key = _line_key(line)
        if key and learned.lines[key] >= support:
            lead = len(line) - len(line.lstrip())
            found.append(Removed(pos + lead, pos + len(line.rstrip()), "repeated-line"))
        pos += len(line) + 1
    return found


def _is_word(token: tuple[str, int, int]) -> bool:
    return token[0][:1].isalnum() or token[0].startswith("<")


def _substantial(tokens: list[tuple[str, int, int]]) -> bool:
    """Two words at least, or one long token (a date such as 24.08.2013): never a lone number."""
    return sum(1 for t in tokens if _is_word(t)) >= 2 or (bool(tokens) and tokens[-1][2] - tokens[0][1] >= 6)


def _lower(token: tuple[str, int, int]) -> bool:
    return token[0][:1].islower()


def _trim_start(tokens: list[tuple[str, int, int]], n: int) -> int:
    """A recurring opening ends on a word, where a new unit starts: before a capitalised word,
    a number or punctuation, or after a number or date ("... 2017 at 0914"). Never between two
    lower-case words: the articles' first words may be alike ("The army ...") without being
    furniture."""
    while n and (
        (not _is_word(tokens[n - 1]) and tokens[n - 1][0] != ")")
        or (n < len(tokens) and _lower(tokens[n]) and (_lower(tokens[n - 1]) or tokens[n - 1][0][:1].isupper()))
    ):
        n -= 1
    return n if n and _substantial(tokens[:n]) else 0


def _trim_end(tokens: list[tuple[str, int, int]], n: int) -> int:
    """A recurring closing starts on a word or a bracket, where a unit ends: after punctuation or
    a capitalised word or number, or where a capitalised word starts a new unit ("... bloodbath
    A picture is ..."). Never between two lower-case words (that would cut a sentence)."""
    while n and (
        (not _is_word(tokens[-n]) and tokens[-n][0] != "(")
        or (n < len(tokens) and _lower(tokens[-n - 1]) and _lower(tokens[-n]))
    ):
        n -= 1
    return n if n and _substantial(tokens[-n:]) else 0


def line_furniture(text: str) -> list[Removed]:
    """Lines shaped like page furniture (links, separators, label lists), from the text alone."""
    if "\n" not in text.strip():
        return []
    found, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and _furniture_line(stripped):
            lead = len(line) - len(line.lstrip())
            found.append(Removed(pos + lead, pos + lead + len(stripped), "link-line" if _link_line(stripped) else "list-line"))
        pos += len(line) + 1
    return found


def _link_line(line: str) -> bool:
    words = line.split()
    separators = sum(1 for w in words if w in _SEPARATORS)
    links = sum(1 for w in words if _LINKISH.match(w))
    return separators >= 2 or (len(words) >= 2 and links * 10 >= len(words) * 4)


def _furniture_line(line: str) -> bool:
    words = line.split()
    if len(words) > 15 or len(words) < 2 or _TERMINAL.search(line) or _METADATA.search(line):
        return False
    content = [w.strip(",;:|").lower() for w in words if w not in _SEPARATORS]
    function = sum(1 for w in content if w in _FUNCTION)
    if content and function * 10 > len(content):
        return False
    return _link_line(line) or bool(_LABEL_LIST.match(line))


def keep_enough(text: str, spans: list[Removed]) -> list[Removed]:
    """The spans, sorted and merged; none at all when they would take half of the text or more."""
    merged: list[Removed] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Removed(last.start, max(last.end, span.end), last.kind)
        else:
            merged.append(span)
    removed = sum(s.end - s.start for s in merged)
    kept = len(text.strip()) - removed
    return merged if merged and kept * 2 > len(text.strip()) else []


#: furniture found inside a run of text (``runon``): blanked by spaces, so the prose around it
#: reads as it would without it (a blank line would make its own paragraph of the next sentence)
INLINE_KINDS = frozenset(["headline", "link-label"])


def masked(text: str, spans: list[Removed]) -> str:
    """``text`` with every span blanked by newlines (spaces for furniture found inside a run of
    text, ``INLINE_KINDS``; same length: offsets are unchanged)."""
    if not spans:
        return text
    parts, pos = [], 0
    for span in spans:
        parts.append(text[pos : span.start])
        parts.append((" " if span.kind in INLINE_KINDS else "\n") * (span.end - span.start))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)
