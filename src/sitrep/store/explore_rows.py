"""Stored rows straight to their export form, for the lists of ``sitrep serve``.

A list page of 50 events spent most of its CPU rebuilding each row as a record (``from_plain``
walks every nested value into dataclasses) and then turning the record back into plain data
(``to_export``). A stored row already holds plain data: scalar columns, and JSON columns
written from ``records.plain`` of the value. So :func:`export_row` decodes the columns and
shapes the export dict directly (``type`` first, internal fields left out, export names) —
*when the stored JSON has the shape the record class has now*: every nested object's keys are
exactly its class's fields. A row written by another version (a nested field added or
dropped since) is rebuilt as a record and exported the usual way, so the answer is always
what ``record.to_export()`` gives (tests compare both on generated records stored and read
back, and on rows with an old shape).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Collection
from typing import Any

from ..records import Record

Check = Callable[[Any], bool]
#: marks a field without default (always present in a stored row)
_REQUIRED = object()


def _check(hint: Any) -> Check | None:
    """A test that a decoded value has the current shape of ``hint`` (None: nothing to check)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _check(present[0]) if len(present) == 1 else None
        if len(present) > 1 and any(dataclasses.is_dataclass(a) for a in present):
            return lambda v: False  # a union of records: always the full rebuild
        return None if inner is None else (lambda v: v is None or inner(v))
    if origin in (list, tuple):
        args = typing.get_args(hint)
        item = _check(args[0]) if args else None
        return None if item is None else (lambda v: type(v) is list and all(item(x) for x in v))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        names = frozenset(f.name for f in dataclasses.fields(hint))
        nested = [(f.name, c) for f, c in ((f, _check(typing.get_type_hints(hint).get(f.name)))
                                            for f in dataclasses.fields(hint)) if c is not None]
        return lambda v: (type(v) is dict and v.keys() == names
                          and all(v[name] is None or c(v[name]) for name, c in nested))
    return None


Plan = tuple[tuple[str, str, Any, "Check | None", Any], ...]
_PLANS: dict[type, Plan] = {}


def _plan(cls: type[Record]) -> Plan:
    """(field, export key, column decoder, shape check, default) per exported field."""
    plan = _PLANS.get(cls)
    if plan is None:
        from . import _decoders

        hints = typing.get_type_hints(cls)
        decoders = dict(_decoders(cls))
        rows = []
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in cls.INTERNAL:
                continue
            # a default factory is kept as a one-element tuple, told apart from a default value
            default: Any = (f.default if f.default is not dataclasses.MISSING else
                            (f.default_factory,) if f.default_factory is not dataclasses.MISSING else _REQUIRED)
            rows.append((f.name, cls.EXPORT_NAMES.get(f.name, f.name), decoders.get(f.name), _check(hints.get(f.name)),
                         default))
        plan = _PLANS[cls] = tuple(rows)
    return plan


def export_row(cls: type[Record], row: Any, keys: Collection[str], rebuild: Callable[[Any], Record]) -> dict[str, Any]:
    """``rebuild(row).to_export()``, without the rebuild when the row has the current shape.

    ``keys`` are the row's column names (the same for every row of a query: pass them once)."""
    out: dict[str, Any] = {"type": cls.TYPE}
    for name, key, decode, check, default in _plan(cls):
        if name in keys:
            value = row[name]
            if value is not None and decode is not None:
                value = decode(value)
                if check is not None and not check(value):
                    return rebuild(row).to_export()
        elif default is _REQUIRED:
            return rebuild(row).to_export()
        else:
            value = default[0]() if type(default) is tuple else default
        out[key] = value
    return out
