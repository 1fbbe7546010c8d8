"""Word lists as data: the loader for every stage's ``lexicon.yaml`` and the shared ``common.yaml``.

Each stage keeps its word lists in one file next to its code
(``sitrep/stages/<stage>/lexicon.yaml``), read by that stage's lexicon module; lists
that several stages share (month and weekday names, personal pronouns) live once in
``sitrep/lexicon/common.yaml`` and are read through the functions below.

Files are read with YAML's *base* loader: every scalar is a string, so the words
``no``, ``on``, ``off`` or ``may`` stay words (YAML 1.1 would turn the first three into
booleans), and numbers are converted only where a table says so. A file is read once
per process (the stages read their lists when their module is first imported, i.e. on
first use of the stage, never at ``import sitrep``).

Example::

    >>> from sitrep.lexicon import month_names, pronouns
    >>> month_names()["sept"]
    9
    >>> sorted(pronouns(case="possessive", person=3))
    ['her', 'his', 'its', 'their']
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import PipelineError

__all__ = [
    "WordTable", "common", "lexicon_files", "load_table", "month_names", "pronoun_referents", "pronouns",
    "stage_lexicon", "weekday_names",
]

try:  # the C loader when PyYAML was built with libyaml
    _Loader: Any = yaml.CBaseLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.BaseLoader


class WordTable:
    """The named lists of one lexicon file; ``name`` may be dotted (``"modality.irrealis"``)."""

    def __init__(self, path: Path, data: Mapping[str, Any]) -> None:
        self.path = path
        self._data = data

    def _get(self, name: str) -> Any:
        node: Any = self._data
        for part in name.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise PipelineError(
                    f"The word list {name!r} is missing from {self.path}. Restore the file "
                    f"(reinstall sitrep) or add the list."
                )
            node = node[part]
        return node

    def _strings(self, name: str) -> list[str]:
        value = self._get(name)
        if isinstance(value, str):
            return value.split()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PipelineError(f"The word list {name!r} in {self.path} must be a list of words.")
        return [" ".join(v.split()) for v in value]

    def words(self, name: str) -> frozenset[str]:
        """A list of words (or one string of space-separated words) as a set."""
        return frozenset(self._strings(name))

    def ordered(self, name: str) -> tuple[str, ...]:
        """A list of words in file order (where the order matters: first match wins)."""
        return tuple(self._strings(name))

    def mapping(self, name: str) -> dict[str, Any]:
        """A table ``word: value`` with its values as the file spells them (strings, lists)."""
        value = self._get(name)
        if not isinstance(value, Mapping):
            raise PipelineError(f"The table {name!r} in {self.path} must be a mapping of word: value.")
        return {" ".join(str(k).split()): v for k, v in value.items()}

    def strings(self, name: str) -> dict[str, str]:
        """A table ``word: string``."""
        table = self.mapping(name)
        bad = [k for k, v in table.items() if not isinstance(v, str)]
        if bad:
            raise PipelineError(f"The table {name!r} in {self.path} must map words to strings (see {bad[0]!r}).")
        return table

    def numbers(self, name: str) -> dict[str, int]:
        """A table ``word: integer``."""
        out = {}
        for k, v in self.mapping(name).items():
            try:
                out[k] = int(v)
            except (TypeError, ValueError):
                raise PipelineError(f"The table {name!r} in {self.path} must map words to integers "
                                    f"({k!r}: {v!r}).") from None
        return out

    def groups(self, name: str) -> tuple[tuple[str, ...], ...]:
        """A list of word lists (``[[january, jan], [february, feb], ...]``), in file order."""
        value = self._get(name)
        if not isinstance(value, list) or not all(
                isinstance(g, list) and g and all(isinstance(w, str) for w in g) for g in value):
            raise PipelineError(f"{name!r} in {self.path} must be a list of non-empty word lists.")
        return tuple(tuple(w for w in g) for g in value)


_LOADED: dict[Path, WordTable] = {}


def load_table(path: Path) -> WordTable:
    """Read one lexicon file (once per process)."""
    path = Path(path)
    table = _LOADED.get(path)
    if table is None:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (OSError, yaml.YAMLError) as exc:
            raise PipelineError(f"Cannot read the word lists in {path}: {exc}. Reinstall sitrep.") from exc
        if not isinstance(data, Mapping):
            raise PipelineError(f"{path} must hold a mapping of named word lists.")
        table = _LOADED[path] = WordTable(path, data)
    return table


def stage_lexicon(package: str) -> WordTable:
    """The ``lexicon.yaml`` of a stage package (``"sitrep.stages.events"``)."""
    return load_table(Path(str(resources.files(package) / "lexicon.yaml")))


def common() -> WordTable:
    """The lists several stages share (``sitrep/lexicon/common.yaml``)."""
    return load_table(Path(str(resources.files(__name__) / "common.yaml")))


def lexicon_files(stage: str | None = None) -> tuple[Path, ...]:
    """The word-list files a stage reads (``"events"``: the shared file and
    ``stages/events/lexicon.yaml``), or every one shipped (``stage=None``), shared file first.

    A stage's results depend on these files: its version should change with them."""
    root = Path(str(resources.files("sitrep")))
    own = sorted((root / "stages").glob(f"{stage or '*'}/lexicon.yaml"))
    return (root / "lexicon" / "common.yaml", *own)


@functools.cache
def month_names(*, abbreviations: bool = True) -> dict[str, int]:
    """Month name (and abbreviation) -> month number (``"sept"`` -> 9), in calendar order,
    each month's full name before its abbreviations."""
    return {name: i for i, names in enumerate(common().groups("months"), start=1)
            for name in (names if abbreviations else names[:1])}


@functools.cache
def weekday_names() -> dict[str, int]:
    """Weekday name or abbreviation -> ISO weekday number (Monday = 1)."""
    return {name: i for i, names in enumerate(common().groups("weekdays"), start=1) for name in names}


@functools.cache
def _pronoun_table() -> dict[str, tuple[int, frozenset[str], str, str]]:
    out = {}
    for form, row in common().mapping("pronouns").items():
        if not isinstance(row, list) or len(row) != 4:
            raise PipelineError(f"pronoun {form!r} in common.yaml needs [person, case(s), number, refers_to].")
        person, cases, number, refers_to = row
        out[form] = (int(person), frozenset(cases.split("+")), number, refers_to)
    return out


def pronouns(*, person: int | tuple[int, ...] | None = None, case: str | None = None,
             number: str | None = None, refers_to: str | None = None) -> frozenset[str]:
    """Personal pronoun forms with the given features (None: any).

    ``person`` 1, 2 or 3 (or a tuple of them); ``case`` ``subject``, ``object`` or
    ``possessive``; ``number`` ``sg`` or ``pl``; ``refers_to`` ``person``, ``thing`` or ``any``.
    """
    persons = (person,) if isinstance(person, int) else person
    return frozenset(
        form for form, (p, cases, n, ref) in _pronoun_table().items()
        if (persons is None or p in persons) and (case is None or case in cases)
        and (number is None or n == number) and (refers_to is None or ref == refers_to)
    )


def pronoun_referents(forms: frozenset[str]) -> dict[str, str]:
    """``form -> refers_to`` (``person``, ``thing`` or ``any``) for the given pronoun forms."""
    table = _pronoun_table()
    return {form: table[form][3] for form in sorted(forms)}
