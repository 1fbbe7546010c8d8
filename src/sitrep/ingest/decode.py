"""Bytes to text: UTF-8 first, then detection; binary and oversized inputs refused."""

from __future__ import annotations

import codecs

from ..errors import BinaryInput, DecodeError, EmptyInput

#: bytes that never occur in text we can analyse
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Return ``(text, encoding)``; raise a clear ``InputError`` when it is not text."""
    if not data.strip():
        raise EmptyInput(f"{name}: the file is empty (no text to analyse).")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _newlines(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name}: starts with a {encoding} byte-order mark but does not decode as {encoding}: {exc}.") from exc
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise BinaryInput(f"{name}: looks like a binary file, not text (control bytes in the first 8 KB); convert it to text, HTML, CSV or JSONL first.")
    try:
        return _newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(f"{name}: not valid UTF-8 and no other text encoding fits; re-save it as UTF-8.")
    return _newlines(str(best)), best.encoding


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    return sum(b in _CONTROL for b in sample) / len(sample)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
