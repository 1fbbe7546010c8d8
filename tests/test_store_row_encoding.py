"""The store's row encoding (issue 16, speed): a fast path for plain column values and the stored
fields of each record type learned once; every value and row equal to the general encoding
(``_encode_value``, field by field)."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any, ClassVar

from sitrep.records import Entity, Evidence, Record, Sentence
from sitrep.store import Store, _encode, _encode_value


def _former_row(record: Any) -> dict[str, Any]:
    return {f.name: _encode_value(getattr(record, f.name)) for f in dataclasses.fields(record)
            if f.name not in record.DERIVED}


class Colour(enum.IntEnum):
    RED = 1


class Kind(str, enum.Enum):  # noqa: UP042  (the mixin form on purpose: how older code writes string enums)
    A = "a"


@dataclass(slots=True)
class _Point:
    x: int
    y: float


@dataclass(slots=True)
class _Derived(Record):
    """A project-written record type with a derived (not stored) field."""

    TYPE: ClassVar[str] = "derived-test"
    DERIVED: ClassVar[tuple[str, ...]] = ("incident",)
    id: str
    flag: bool
    incident: str | None = None
    tags: list[str] = dataclasses.field(default_factory=list)


def test_encode_fast_path_equals_the_general_encoding_for_every_kind_of_value():
    evidence = Evidence(3, 9, "Shelling hit the town.")
    values: list[Any] = ["text", "", 0, 7, -2, 1.5, float("inf"), None, True, False, Colour.RED, Kind.A,
                         [1, "a"], (2, 3), {"k": [1, 2]}, _Point(1, 2.0), evidence, [evidence], b"raw"]
    for value in values:
        new, old = _encode(value), _encode_value(value)
        assert new == old and type(new) is type(old), value
    assert _encode(True) == 1 and type(_encode(True)) is int  # a bool is stored as 0 / 1, not as itself


def test_row_equals_the_former_row_and_leaves_derived_fields_out():
    records: list[Any] = [
        Sentence("doc1", 0, 0, 22, "Shelling hit the town."),
        Entity("doc1", 0, 8, "Shelling", "ORG", "Shelling hit the town."),
        _Derived("r1", True, "inc-1", ["x", "y"]),
        _Derived("r2", False),
    ]
    for record in records * 2:  # the second time from the learned field names
        row = Store._row(record)
        assert row == _former_row(record)
        assert list(row) == list(_former_row(record))  # same columns, same order
        assert "incident" not in Store._row(records[2])
    assert Store._row(records[0], {"extra": 1})["extra"] == 1
