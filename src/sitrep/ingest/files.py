"""The file system edge of ingest: which paths are inputs, and reading them within bounds.

Only regular files are read. A named pipe would block a run forever, a device never
ends, a socket cannot be read: each is skipped with the reason, as are symbolic-link
loops, broken links, unreadable folders and folders that hold nothing to read. Files
are opened non-blocking and checked again after opening (a path can change between the
look and the read), and never read past the size cap.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInput, NotRegularFile, TooLarge
from ..records import Skip
from .decode import HEAD, choose_encoding, encoding_label, register_escape

#: what a special file is called in a skip reason
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".csv", ".jsonl", ".ndjson"}


def expand_paths(paths: Iterable[str]) -> Iterator[str | Skip]:
    """Every regular file named by ``paths`` (folders walked in name order), or a Skip.

    ``-`` (standard input) passes through. Hidden files and folders and ``README.md``
    files inside folders are left out on purpose (they are not articles).
    """
    for p in paths:
        if p == "-":
            yield p
            continue
        found = _stat(p)
        if isinstance(found, Skip):
            yield found
        elif stat.S_ISDIR(found.st_mode):
            yield from _walk(p)
        elif stat.S_ISREG(found.st_mode):
            yield p
        else:
            yield _special(p, found)


def _stat(path: str) -> os.stat_result | Skip:
    """``os.stat`` following links, or a Skip that names the true reason it failed."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skip(path, "skipped", f"{path}: symbolic link loop (the link leads back to itself); fix or remove the link.")
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return Skip(path, "skipped", f"{path}: broken symbolic link (its target {os.readlink(path)!r} does not exist).")
        if exc.errno == errno.ENOENT:
            return Skip(path, "skipped", f"{path}: no such file or folder.")
        if exc.errno == errno.ENAMETOOLONG:
            return Skip(path, "skipped", f"{path[:200]}...: the path is too long for the file system.")
        return Skip(path, "failed", f"{path}: cannot read ({exc.strerror or exc}).")


def _special(path: str, st: os.stat_result) -> Skip:
    what = next((name for test, name in _SPECIAL if test(st.st_mode)), "not a regular file")
    return Skip(
        path, "skipped",
        f"{path}: {what}, not a regular file; sitrep reads only regular files (pipe text in with '-' instead).",
    )


def _walk(root: str) -> Iterator[str | Skip]:
    """Regular files under ``root`` in name order; special files and unreadable folders as Skips."""
    stack = [root]
    files_seen = 0
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield Skip(folder, "failed", f"{folder}: cannot read this folder ({exc.strerror or exc}); check its permissions.")
            continue
        if not entries and folder != root:
            yield Skip(folder, "skipped", f"{folder}: {_folder_kind(folder)} that is empty.")
        subfolders = []
        for entry in entries:
            path = os.path.join(folder, entry.name)
            found = _stat(path)
            if isinstance(found, Skip):
                yield found
            elif stat.S_ISDIR(found.st_mode):
                if entry.is_symlink():
                    yield Skip(path, "skipped", f"{path}: a symbolic link to a folder, not followed (name the folder itself to read it).")
                else:
                    subfolders.append(path)
            elif not stat.S_ISREG(found.st_mode):
                yield _special(path, found)
            elif entry.name.lower() != "readme.md":
                files_seen += 1
                yield path
        stack.extend(reversed(subfolders))
    if files_seen == 0:
        yield Skip(root, "skipped", f"{root}: {_folder_kind(root)} that holds no files to read.")


def _folder_kind(folder: str) -> str:
    suffix = Path(folder).suffix.lower()
    return f"a folder (not a {suffix} file)" if suffix in _DOCUMENT_SUFFIXES else "a folder"


def _open_regular(path: str) -> BinaryIO:
    """Open for reading without ever blocking; refuse anything but a regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(_special(path, st).reason)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_file(path: str, max_bytes: int) -> bytes:
    """The bytes of one regular file, refused (before reading) when over ``max_bytes``."""
    with _open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            raise TooLarge(
                f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB cap for one input; "
                f"split it or raise the cap with --max-bytes."
            )
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew while it was read
        raise TooLarge(f"{path}: over the {max_bytes / 1e6:.0f} MB cap for one input; split it or raise the cap with --max-bytes.")
    return data


class _Capped(io.RawIOBase):
    """A binary stream that raises ``TooLarge`` once more than ``cap`` bytes were read."""

    def __init__(self, inner: BinaryIO, cap: int, name: str) -> None:
        self.inner, self.cap, self.name, self.total = inner, cap, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = self.inner.readinto(buffer)  # type: ignore[attr-defined]
        self.total += n or 0
        if self.total > self.cap:
            raise TooLarge(f"{self.name}: over the {self.cap / 1e9:.1f} GB cap for one file of records; split it.")
        return int(n or 0)

    def close(self) -> None:
        self.inner.close()
        super().close()


def open_text(path: str, *, max_bytes: int) -> tuple[io.TextIOWrapper, str]:
    """A text stream over a (large) file of records, and the encoding chosen from its head.

    The file is never held in memory whole: records are read one at a time. Undecodable
    bytes arrive as lone surrogates, which ``valid_text`` replaces and counts per record.
    """
    fh = _open_regular(path)
    try:
        head = fh.read(HEAD)
        if not head.strip():
            raise EmptyInput(f"{path}: the file is empty (no text to analyse).")
        encoding = choose_encoding(head, name=path, complete=len(head) < HEAD)
        fh.seek(0)
        raw = io.BufferedReader(_Capped(fh, max_bytes, path))
        stream = io.TextIOWrapper(raw, encoding=encoding, errors=register_escape(), newline="")
    except BaseException:
        fh.close()
        raise
    return stream, encoding_label(encoding)
