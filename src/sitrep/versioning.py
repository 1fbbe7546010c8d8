"""Derived versions: a stage's version is a hash of what decides its output.

Nobody types a version number. For a stage, :func:`code_fingerprint` hashes

- the source of every ``sitrep`` module the stage's module imports, directly or
  through other ``sitrep`` modules, and of the packages they belong to (found by
  reading the ``import`` statements, deferred ones inside functions included,
  ``if TYPE_CHECKING:`` ones not, without importing anything); and
- every non-Python file in the directory of every ``sitrep`` package reached that
  way (word lists, lexicons, curated tables under ``stages/<stage>/``, in any
  sub-folder that is not itself a package): a word list moved out of the code
  into a data file next to it stays part of the version.

The data a stage receives from the pipeline's :class:`~sitrep.resources.Resources`
(the knowledge base, the gazetteer, the models) adds its own fingerprint: a hash
of the files it was read from, or of its content when a caller built it in code
(:func:`content_digest`). :func:`stage_version` combines them.

The namespace packages ``sitrep`` and ``sitrep.stages`` are never hashed as
packages (only their modules that are imported); ``sitrep.resources`` (which loads
the shared resources) is not followed, and the shipped models under ``sitrep/models``
come in through their resources' fingerprints.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT_PACKAGE = "sitrep"
SRC = Path(__file__).resolve().parent
#: packages whose directories hold other packages, not data of their own
NAMESPACES = frozenset({"sitrep", "sitrep.stages"})
#: modules never followed: they load resources, whose own fingerprints stand for them
BOUNDARIES = frozenset({"sitrep.resources", "sitrep.versioning"})
#: digits of hex kept in a version (48 bits: a clash between two versions is not a concern)
DIGITS = 12


def digest(parts: Iterable[str | bytes]) -> str:
    """Short hex SHA-256 of ``parts``, each length-prefixed so that boundaries count."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:DIGITS]


def files_digest(paths: Iterable[Path], *, root: Path | None = None) -> str:
    """Hash of the names (relative to ``root``) and bytes of ``paths``, in sorted order."""
    parts: list[str | bytes] = []
    for path in sorted(paths):
        parts.append(str(path.relative_to(root)) if root else path.name)
        parts.append(path.read_bytes())
    return digest(parts)


def _module_file(name: str) -> Path | None:
    """The source file of ``sitrep`` module ``name`` (a package's ``__init__.py``), or None."""
    if name != ROOT_PACKAGE and not name.startswith(ROOT_PACKAGE + "."):
        return None
    rel = name.split(".")[1:]
    base = SRC.joinpath(*rel) if rel else SRC
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    path = base.with_suffix(".py")
    return path if rel and path.is_file() else None


def _type_checking_only(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:``: imports for the type checker, not behaviour."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement of a module, deferred ones included, ``TYPE_CHECKING`` ones not."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif _type_checking_only(node):
            stack.extend(getattr(node, "orelse", []))
        else:
            stack.extend(ast.iter_child_nodes(node))


def _imports(name: str, path: Path) -> Iterator[str]:
    """Absolute names of the modules ``path`` (module ``name``) imports, and of the names it
    imports from them (some of which are modules: ``from . import lexicon``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
            continue
        if node.level:
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1])
            target = f"{base}.{node.module}" if node.module else base
        else:
            target = node.module or ""
        yield target
        yield from (f"{target}.{alias.name}" for alias in node.names)


@functools.lru_cache(maxsize=64)
def module_closure(name: str, *, packages: bool = True) -> tuple[str, ...]:
    """Every ``sitrep`` module ``name`` imports, transitively, itself included (sorted).

    With ``packages`` (what runs on import) the package ``__init__`` of every module
    reached counts too; without, only what the modules' own ``import`` statements name.
    """
    seen: set[str] = set()
    stack = [name]
    while stack:
        current = stack.pop()
        path = _module_file(current)
        if current in seen or path is None or current in BOUNDARIES:
            continue
        seen.add(current)
        stack.extend(m for m in _imports(current, path) if m not in seen)
        parent = current.rpartition(".")[0]
        if packages and parent and parent not in NAMESPACES:
            stack.append(parent)  # importing a module runs its package's __init__
    return tuple(sorted(seen))


def _data_files(package_dir: Path) -> Iterator[Path]:
    """Non-Python files under a package directory, not descending into sub-packages."""
    for path in sorted(package_dir.iterdir()):
        if path.name == "__pycache__" or path.name.startswith("."):
            continue
        if path.is_dir():
            if not (path / "__init__.py").exists():
                yield from _data_files(path)
        elif path.suffix not in (".py", ".pyc"):
            yield path


def code_files(name: str) -> list[Path]:
    """The files :func:`code_fingerprint` hashes for module ``name`` (see the module docstring)."""
    files: set[Path] = set()
    for module in module_closure(name):
        path = _module_file(module)
        if path is None:
            continue
        files.add(path)
        if path.name == "__init__.py" and module not in NAMESPACES:
            files.update(_data_files(path.parent))
    return sorted(files)


@functools.lru_cache(maxsize=64)
def code_fingerprint(name: str) -> str:
    """Hash of the code and package data module ``name`` depends on (cached per process)."""
    return files_digest(code_files(name), root=SRC)


def _canonical(value: Any) -> Any:
    """A JSON-ready form of ``value`` whose serialisation does not depend on set order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, {f.name: _canonical(getattr(value, f.name))
                                       for f in dataclasses.fields(value)}]
    if isinstance(value, dict):
        return sorted(([_canonical(k), _canonical(v)] for k, v in value.items()), key=repr)
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "tobytes") and hasattr(value, "dtype"):  # a numpy array: its bytes, not its repr
        return ["array", str(value.dtype), list(value.shape), hashlib.sha256(value.tobytes()).hexdigest()]
    return repr(value)


def content_digest(value: Any) -> str:
    """Hash of a data object built in code (a custom KB, gazetteer or lexicon): its content,
    independent of set order and hash randomisation. Slow on large objects (about a second per
    100,000 entries); the pipeline calls it only for objects it did not read from files."""
    return digest([json.dumps(_canonical(value), ensure_ascii=False, default=repr)])


def library_version(distribution: str) -> str:
    """``name==version`` of an installed distribution that ships data a stage reads."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{distribution}=={version(distribution)}"
    except PackageNotFoundError:
        return f"{distribution}==?"


def stage_version(module: str, *resources: str) -> str:
    """A stage's version: its code fingerprint combined with its resources' fingerprints.

    >>> v = stage_version("sitrep.stages.time.stage")
    >>> len(v), v == stage_version("sitrep.stages.time.stage", "kb:123")
    (12, False)
    """
    return digest([code_fingerprint(module), *resources])
