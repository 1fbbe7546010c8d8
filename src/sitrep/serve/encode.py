"""The API's JSON, made with less work per row: records exported by a converter built once per
record class, and bodies encoded once, without revalidating what the store's typed records
already guarantee.

Why: profiling one list request in-process on 100,000 documents (``benchmarks/serve_profile.py``)
put about two thirds of its CPU in turning records into plain data (``Record.to_export`` walks
every value through the generic ``records.plain``) and most of the rest in FastAPI validating
the plain dicts against the response model again before encoding them. Here:

- :func:`exporter` builds, per record class, one function that gives exactly what
  ``record.to_export()`` gives (same keys, order and values; the tests compare both on records of
  every class generated from their type hints, and on every record of the test database): scalar fields are copied, nested records go through
  their own converter, anything else falls back to ``records.plain``.
- :func:`json_response` encodes a body once (pydantic-core's encoder, already installed with
  FastAPI) and returns it as a response, so the endpoint's ``response_model`` documents the
  shape in the OpenAPI schema while the body is not checked a second time. The tests check
  that every such body validates against its model and that the model would not change it.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, cast

import pydantic_core
from fastapi.responses import Response

from ..records import Record, plain

#: plain JSON scalars: copied as they are
_SCALARS = frozenset({str, int, float, bool, type(None)})

Convert = Callable[[Any], Any]


class JSONBody(Response):
    """A JSON body encoded already (bytes); the media type the API's JSON responses carry."""

    media_type = "application/json"


def json_response(data: Any, *, status_code: int = 200) -> JSONBody:
    """``data`` (plain dicts, lists and scalars, as the views shape them) as a JSON response,
    encoded once. What the encoder does not know (an arbitrary object) raises; what the body
    holds is checked against each endpoint's model by the tests, not at every request."""
    return JSONBody(pydantic_core.to_json(data), status_code=status_code)


def _value(value: Any) -> Any:
    """One field's value as plain data: scalars as they are, everything else via ``plain``."""
    return value if type(value) in _SCALARS else plain(value)


def _converter(hint: Any) -> Convert:
    """How a field of type ``hint`` becomes plain data (the generic fallback when unsure)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(present) == 1:
            inner = _converter(present[0])
            if inner is _value:
                return _value
            return lambda v: None if v is None else inner(v)
        return _value
    if origin is list:
        args = typing.get_args(hint)
        item = _converter(args[0]) if args else _value
        return lambda v: [item(x) for x in v] if type(v) is list else plain(v)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        nested = _fields(hint)
        return lambda v: {name: convert(getattr(v, name)) for name, convert in nested} if type(v) is hint else plain(v)
    return _value


@functools.cache
def _fields(cls: type[Any]) -> tuple[tuple[str, Convert], ...]:
    """(field name, converter) of a dataclass, in field order."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints.get(f.name))) for f in dataclasses.fields(cls))


_EXPORTERS: dict[type, Callable[[Record], dict[str, Any]]] = {}


def exporter(cls: type[Record]) -> Callable[[Record], dict[str, Any]]:
    """A function equal to ``cls.to_export`` for records of exactly ``cls``, built once."""
    found = _EXPORTERS.get(cls)
    if found is None:
        found = _EXPORTERS[cls] = _build_exporter(cls)
    return found


def _build_exporter(cls: type[Record]) -> Callable[[Record], dict[str, Any]]:
    fields = tuple((cls.EXPORT_NAMES.get(name, name), name, convert)
                   for name, convert in _fields(cast(type, cls)) if name not in cls.INTERNAL)
    kind = cls.TYPE

    def export(record: Record) -> dict[str, Any]:
        if type(record) is not cls:  # a subclass may export more: ask it
            return record.to_export()
        out: dict[str, Any] = {"type": kind}
        for key, name, convert in fields:
            out[key] = convert(getattr(record, name))
        return out

    return export


def export(record: Record) -> dict[str, Any]:
    """``record.to_export()``, with the converter of its class."""
    return exporter(type(record))(record)
