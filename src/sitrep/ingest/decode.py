"""Bytes to valid text: UTF-8 first, a legacy encoding only when it is a confident guess.

The policy, in order (what a careful person would do with a file of unknown origin):

1. a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32);
2. UTF-16/UTF-32 without a mark is recognised by its NUL-byte pattern;
3. control bytes in more than 5 % of the first 8 KB: binary, refused;
4. text that is *mostly* UTF-8 (at least as many valid multi-byte sequences as invalid
   bytes; or one for every four invalid bytes when no legacy guess is confident, as
   Western legacy text almost never forms a valid sequence by chance) is UTF-8; each
   invalid byte becomes U+FFFD and is counted;
5. otherwise a legacy encoding guessed by charset-normalizer is accepted only when the
   guess is unambiguous (every close contender decodes the text the same way); failing
   that windows-1252 (the web's default legacy encoding, WHATWG) when it gives plausible
   Latin text; failing that UTF-8 with replacement characters, counted.

Every path ends in ``valid_text``: lone surrogates (``"\\ud800"`` from a JSON escape, an
undecodable byte) and control characters become U+FFFD, so what reaches the store always
encodes as UTF-8, and ``replaced`` tells how many characters were replaced. A replacement
never changes the text's length, so offsets are unaffected.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass

from ..errors import BinaryInput, EmptyInput

#: bytes that never occur in text we can analyse (NUL is judged apart: stray NULs are replaced)
_CONTROL = set(range(1, 9)) | {11, 12} | set(range(14, 32))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: the error handler that marks each undecodable byte as a lone surrogate (U+DC00 + byte)
ESCAPE = "sitrep.escape"
_INVALID = re.compile("[\ud800-\udfff\x00-\x08\x0e-\x1f\x7f]")
_VERTICAL = re.compile("[\x0b\x0c]")
_ESCAPED = re.compile("[\udc00-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
#: how much of the head is looked at to choose an encoding
HEAD = 65_536


@dataclass(slots=True)
class Decoded:
    """Decoded text, the encoding used, and how many characters were replaced by U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def _escape_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(chr(0xDC00 + b) for b in bad), exc.end


@functools.lru_cache(maxsize=1)
def register_escape() -> str:
    """Register (once) the ``sitrep.escape`` decoding error handler; return its name."""
    codecs.register_error(ESCAPE, _escape_bytes)
    return ESCAPE


def valid_text(text: str) -> tuple[str, int]:
    """``(text, n)``: every surrogate and control character replaced by U+FFFD, ``n`` of them.

    Form feeds and vertical tabs become newlines. Lengths are kept (one character for one),
    so offsets into the text stay valid.
    """
    if _VERTICAL.search(text):
        text = _VERTICAL.sub("\n", text)
    if not _INVALID.search(text):
        return text, 0
    return _INVALID.subn("\ufffd", text)


def decode_bytes(data: bytes, *, name: str = "input") -> Decoded:
    """Decode a whole input; raise a clear ``InputError`` when it is not text."""
    if not data.strip():
        raise EmptyInput(f"{name}: the file is empty (no text to analyse).")
    encoding = choose_encoding(data, name=name)
    text = data.decode(encoding, errors=register_escape())
    text, replaced = valid_text(_newlines(text))
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        _check_wide_text(text, name, encoding)
    return Decoded(text, encoding_label(encoding), replaced)


def choose_encoding(head: bytes, *, name: str = "input", complete: bool = True) -> str:
    """The codec to decode an input whose first bytes are ``head`` (see the module policy).

    ``complete`` says ``head`` is the whole input (a cut multi-byte character at the end
    of a partial head is not counted against UTF-8).
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    wide = _wide_encoding(head)
    if wide:
        return wide
    if not complete:
        head = _trim_partial(head)
    sample = head[:8192]
    if _control_ratio(sample) > 0.05 or sample.count(0) > max(2, len(sample) // 100):
        raise BinaryInput(
            f"{name}: looks like a binary file, not text (control bytes in the first 8 KB); "
            f"convert it to text, HTML, CSV or JSONL first."
        )
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    trimmed = _trim_partial(head)
    if complete and trimmed != head and _is_utf8(trimmed):
        return "utf-8"  # valid UTF-8 cut short at the end (a truncated file): still UTF-8
    escaped = head.decode("utf-8", errors=register_escape())
    invalid = len(_ESCAPED.findall(escaped))
    valid_multibyte = len(_NON_ASCII.findall(escaped)) - invalid
    if valid_multibyte >= invalid:
        return "utf-8"
    if valid_multibyte * 4 >= invalid:  # some valid sequences: UTF-8 unless a guess is confident
        return _confident_guess(head[:HEAD]) or "utf-8"
    return _legacy_encoding(head[:HEAD])


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def encoding_label(encoding: str) -> str:
    """The name recorded on the document (Python codec names, normalised)."""
    return {"utf-8-sig": "utf-8", "cp1252": "windows-1252"}.get(encoding, encoding.replace("_", "-"))


def _trim_partial(head: bytes) -> bytes:
    """Drop an incomplete UTF-8 sequence cut at the end of a partial head."""
    i, back = len(head) - 1, 0
    while i >= 0 and back < 3 and head[i] & 0xC0 == 0x80:
        i, back = i - 1, back + 1
    if i < 0:
        return head
    lead = head[i]
    need = 2 if lead & 0xE0 == 0xC0 else 3 if lead & 0xF0 == 0xE0 else 4 if lead & 0xF8 == 0xF0 else 1
    return head[:i] if need > 1 and len(head) - i < need else head


def _wide_encoding(head: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the NUL bytes fall."""
    sample = head[:8192]
    if len(sample) < 8:
        return None
    n4 = len(sample) // 4 * 4
    quads = [sample[i:n4:4] for i in range(4)]
    zeros4 = [q.count(0) / max(len(q), 1) for q in quads]
    if zeros4[2] > 0.9 and zeros4[3] > 0.9 and zeros4[0] < 0.1:
        return "utf-32-le"
    if zeros4[0] > 0.9 and zeros4[1] > 0.9 and zeros4[3] < 0.1:
        return "utf-32-be"
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd >= 0.1 and zeros_even <= zeros_odd / 10:
        return "utf-16-le"
    if zeros_even >= 0.1 and zeros_odd <= zeros_even / 10:
        return "utf-16-be"
    return None


def _check_wide_text(text: str, name: str, encoding: str) -> None:
    sample = text[:4096]
    bad = sum(1 for c in sample if c == "\ufffd" or unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\t\r")
    if sample and bad / len(sample) > 0.05:
        raise BinaryInput(f"{name}: NUL bytes suggest {encoding}, but it does not decode as text; it looks binary.")


def _legacy_encoding(head: bytes) -> str:
    guess = _confident_guess(head)
    if guess:
        return guess
    if _plausible_latin(head.decode("cp1252", errors=register_escape())):
        return "cp1252"
    return "utf-8"


def _confident_guess(head: bytes) -> str | None:
    """charset-normalizer's best guess when no close contender reads the bytes otherwise."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(head))
    if not results:
        return None
    best = min(results, key=lambda m: (m.chaos, -m.coherence))
    if best.chaos > 0.1 or best.encoding in ("ascii", "utf_8"):
        return None
    sample = head[:16_384]
    reading = sample.decode(best.encoding, errors="replace")
    for other in results:
        if other is best or other.chaos > best.chaos + 0.05 or other.coherence < best.coherence - 0.1:
            continue
        if sample.decode(other.encoding, errors="replace") != reading:
            return None  # two plausible readings: not a confident guess
    return str(best.encoding)


def _plausible_latin(text: str) -> bool:
    """Western text: few non-ASCII letters (mojibake of another script is nearly all of them)."""
    letters = [c for c in text[:HEAD] if c.isalpha()]
    if not letters or _ESCAPED.search(text):
        return False
    foreign = sum(1 for c in letters if c > "\x7f")
    return foreign / len(letters) <= 0.15


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    return sum(b in _CONTROL for b in sample) / len(sample)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
