"""sitrep's exceptions: a small hierarchy users can catch precisely.

Every message says what happened and what to do about it.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class of every error sitrep raises on purpose."""


class InputError(SitrepError):
    """An input could not be read or is not a usable document (the run goes on)."""


class EmptyInput(InputError):
    """The input holds no text."""


class BinaryInput(InputError):
    """The input is binary, not text."""


class TooLarge(InputError):
    """The input exceeds the configured size cap."""


class NotRegularFile(InputError):
    """A path that is not a regular file (named pipe, socket, device, symlink loop, empty folder)."""


class NoArticle(InputError):
    """An HTML page in which no article text was found."""


class ColumnError(InputError):
    """A CSV/JSONL file lacks the columns the mapping asks for."""


class FetchError(InputError):
    """A URL could not be fetched (time-out, refused address, HTTP error, too large)."""


class InvalidURL(FetchError):
    """A line of a URL list that is not a well-formed http(s) URL (bad port, bracket, host)."""


class ModelNotFound(SitrepError):
    """A spaCy pipeline or a sitrep model artifact is not installed."""


class PipelineError(SitrepError):
    """A pipeline stage is misconfigured."""


class StoreError(SitrepError):
    """The database is unusable (wrong schema, newer than this sitrep, locked)."""


class EvalError(SitrepError):
    """An evaluation set could not be read or scored."""
