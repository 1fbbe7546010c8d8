"""List the code under ``src/sitrep`` that nothing a user runs reaches (a code-health aid).

A static walk, name-based and therefore conservative (a name used anywhere live keeps every
definition of that name alive):

1. **Modules.** The import graph of ``src/sitrep`` (``import``/``from`` statements, relative ones
   resolved, and ``"sitrep.module:attr"`` strings, the form of the dynamic imports in the stage
   registry, ``sitrep.__init__`` and ``eval``) from the entry points: the CLI, the package's
   public API, the stage registry, the engines, the web API app, and every script the Makefile
   runs (``make models``, ``make incident-linker``).
2. **Definitions.** Every top-level function, class and constant, and every method, of a
   reachable module. A definition is live when its name is read (a ``Name``, an attribute, an
   imported name, or a string equal to it) by live code: module-level code of a reachable module
   or Makefile script, a decorated definition (routes, commands), a dunder method, or the body of
   a live definition. Repeated until nothing changes.

Each unreached definition is printed with who still reads its name: ``tests``, ``benchmarks``
(studies), ``scripts`` not in the Makefile, or nothing. The verdict is for a person to make:
``docs/`` may document a library function, and a framework may call a method by protocol.

    python scripts/reach.py                  # the table
    python scripts/reach.py --json           # the same, machine-readable
    python scripts/reach.py --scoped-methods # methods too only through an import of their module
                                             # (finds methods hidden by a namesake; more false hits:
                                             # protocol methods a framework calls)
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
ENTRY_MODULES = ("sitrep", "sitrep.__main__", "sitrep.cli", "sitrep.stages", "sitrep.serve.app",
                 "sitrep.engines", "sitrep.pipeline", "sitrep.workflow")
_DOTTED = re.compile(r"^(sitrep(?:\.\w+)*)(?::(\w+))?$")
_SCRIPT = re.compile(r"((?:scripts|benchmarks)/\w+\.py)")


@dataclass(slots=True)
class Unit:
    """A definition (or a module's top-level code) and the names its code reads."""

    module: str
    name: str
    kind: str
    line: int
    reads: set[str] = field(default_factory=set)
    root: bool = False


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(current: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = current.split(".")
    base = base if is_pkg else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(tree: ast.AST, current: str, is_pkg: bool) -> set[str]:
    """Modules a file imports (``from m import x`` also yields ``m.x`` in case ``x`` is a module)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = _resolve(current, is_pkg, node)
            found.add(mod)
            found.update(f"{mod}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = _DOTTED.match(node.value)
            if match:
                found.add(match.group(1))
    return found


def names_read(node: ast.AST) -> set[str]:
    """Every name, attribute, imported name and identifier-like string in ``node``."""
    out: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            out.add(sub.attr)
        elif isinstance(sub, ast.ImportFrom):
            out.update(alias.name for alias in sub.names)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            match = _DOTTED.match(sub.value)
            if match and match.group(2):
                out.add(match.group(2))
            out.update(re.findall(r"[A-Za-z_]\w*", sub.value) if len(sub.value) < 80 else ())
    return out


def _assigned(stmt: ast.stmt) -> list[str]:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
    return [t.id for t in targets if isinstance(t, ast.Name)]


def _class_units(module: str, cls: ast.ClassDef) -> list[Unit]:
    units = []
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            dunder = stmt.name.startswith("__") and stmt.name.endswith("__")
            units.append(Unit(module, stmt.name, f"method of {cls.name}", stmt.lineno, names_read(stmt),
                              root=dunder or bool(stmt.decorator_list and not _plain(stmt))))
    return units


def _plain(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Decorators that do not register anything (the definition still needs a reader)."""
    plain = {"property", "staticmethod", "classmethod", "cached_property", "lru_cache", "cache",
             "functools", "setter", "abstractmethod", "overload", "contextmanager"}
    return all(names_read(d) <= plain | {"functools", "maxsize", "None"} for d in fn.decorator_list)


def file_units(module: str, tree: ast.Module, *, reachable: bool) -> list[Unit]:
    """The definitions of one file, plus its top-level code (a root when the file is reachable)."""
    units: list[Unit] = []
    top = Unit(module, "<module>", "module", 1, root=reachable)
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            registered = bool(stmt.decorator_list) and not (
                isinstance(stmt, ast.ClassDef) or _plain(stmt))
            unit = Unit(module, stmt.name, "class" if isinstance(stmt, ast.ClassDef) else "function",
                        stmt.lineno, names_read(stmt), root=reachable and registered)
            if isinstance(stmt, ast.ClassDef):
                # a class reads its bases, decorators and class-level statements; its methods are units
                own = [*stmt.bases, *stmt.keywords, *stmt.decorator_list,
                       *(s for s in stmt.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)))]
                unit.reads = set().union(*(names_read(n) for n in own))
                units.extend(_class_units(module, stmt))
            units.append(unit)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and any(n.isupper() for n in _assigned(stmt)):
            for name in _assigned(stmt):
                units.append(Unit(module, name, "constant", stmt.lineno, names_read(stmt)))
        else:
            top.reads |= names_read(stmt)
    units.append(top)
    return units


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def reachable_modules(trees: dict[str, tuple[ast.Module, bool]], extra: set[str]) -> set[str]:
    """Modules of ``src/sitrep`` reached from the entry points and the modules ``extra`` names."""
    seen: set[str] = set()
    todo = [m for m in (*ENTRY_MODULES, *extra) if m in trees]
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        seen.add(mod)
        parent = mod.rpartition(".")[0]
        if parent:
            todo.append(parent)  # importing a submodule runs its packages' __init__
        tree, is_pkg = trees[mod]
        todo.extend(m for m in imports(tree, mod, is_pkg) if m in trees and m not in seen)
    return seen


def makefile_scripts() -> list[Path]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return sorted({REPO / p for p in _SCRIPT.findall(text) if (REPO / p).exists()})


def _local_imports(path: Path, tree: ast.Module) -> list[Path]:
    """Sibling modules a script imports (``from common import …`` in ``benchmarks/``)."""
    out = []
    for node in ast.walk(tree):
        mods = ([a.name for a in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        for mod in mods:
            for cand in (path.parent / f"{mod}.py", REPO / f"{mod.replace('.', '/')}.py"):
                if cand.exists():
                    out.append(cand)
    return out


def live_scripts() -> set[Path]:
    """The Makefile's scripts and the sibling modules they import, transitively."""
    todo, seen = makefile_scripts(), set()
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(_local_imports(path, _parse(path)))
    return seen


#: ``--scoped-methods``: a method is seen only as a top-level definition is
SCOPED_METHODS = False


def _sees(reader: Unit, target: Unit, seen: dict[str, set[str]]) -> bool:
    """Whether ``reader``'s file can see ``target``: methods by name anywhere; a top-level
    definition from its own module, or from a file that imports its module or a package above it
    (re-exports)."""
    if (target.kind.startswith("method") and not SCOPED_METHODS) or reader.module == target.module:
        return True
    mods = seen.get(reader.module, set())
    parts = target.module.split(".")
    return any(".".join(parts[:k]) in mods for k in range(2, len(parts) + 1))


def fixpoint(units: list[Unit], seen: dict[str, set[str]]) -> set[int]:
    """Indices of the live units: roots, and definitions whose name a live unit reads."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        by_name[unit.name].append(i)
    live = {i for i, unit in enumerate(units) if unit.root}
    todo = list(live)
    while todo:
        reader = units[todo.pop()]
        for name in reader.reads:
            for j in by_name.get(name, ()):
                if j not in live and _sees(reader, units[j], seen):
                    live.add(j)
                    todo.append(j)
    return live


def readers(paths: list[Path]) -> dict[str, set[str]]:
    """Every name read in ``paths``, with the files (relative) that read it."""
    out: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        for name in names_read(_parse(path)):
            out[name].add(str(path.relative_to(REPO)))
    return out


def build() -> tuple[list[Unit], set[int], set[str], set[str]]:
    files = {module_name(p): p for p in sorted((SRC / "sitrep").rglob("*.py"))}
    trees = {m: (_parse(p), p.name == "__init__.py") for m, p in files.items()}
    scripts = live_scripts()
    extra: set[str] = set()
    for path in scripts:
        tree = _parse(path)
        extra |= {m for m in imports(tree, "", False) if m.startswith("sitrep")}
    reach = reachable_modules(trees, extra)
    units: list[Unit] = []
    seen: dict[str, set[str]] = {}
    for mod, (tree, is_pkg) in trees.items():
        units.extend(file_units(mod, tree, reachable=mod in reach))
        seen[mod] = imports(tree, mod, is_pkg)
    for path in scripts:
        name = str(path.relative_to(REPO))
        units.extend(file_units(name, _parse(path), reachable=True))
        seen[name] = imports(_parse(path), "", False)
    return units, fixpoint(units, seen), reach, set(trees)


def report(as_json: bool) -> int:
    units, live, reach, modules = build()
    scripts = live_scripts()
    groups = {
        "tests": [p for p in sorted((REPO / "tests").rglob("*.py")) if p.name != "test_reach.py"],
        "benchmarks": [p for p in sorted((REPO / "benchmarks").glob("*.py")) if p not in scripts],
        "scripts": [p for p in sorted((REPO / "scripts").glob("*.py"))
                    if p not in scripts and p.name != "reach.py"],
    }
    read = {g: readers(paths) for g, paths in groups.items()}
    rows = []
    for i, unit in enumerate(units):
        if i in live or unit.name == "<module>" or not unit.module.startswith("sitrep"):
            continue
        who = {g: sorted(read[g].get(unit.name, ())) for g in groups}
        rows.append({"module": unit.module, "name": unit.name, "kind": unit.kind, "line": unit.line,
                     "read_by": {g: w for g, w in who.items() if w} or "nothing"})
    dead_modules = sorted(modules - reach)
    if as_json:
        print(json.dumps({"unreached_modules": dead_modules, "unreached": rows}, indent=1))
        return 0
    for mod in dead_modules:
        print(f"MODULE {mod}: imported by nothing reachable")
    for row in rows:
        who = row["read_by"]
        text = who if isinstance(who, str) else "; ".join(f"{g}: {', '.join(w[:3])}{' …' if len(w) > 3 else ''}"
                                                          for g, w in who.items())
        print(f"{row['module']}:{row['name']} ({row['kind']}, line {row['line']}) <- {text}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--scoped-methods", action="store_true",
                        help="see a method only from a file that imports its module")
    args = parser.parse_args()
    global SCOPED_METHODS  # noqa: PLW0603  (a run-wide setting of this one-shot script)
    SCOPED_METHODS = args.scoped_methods
    return report(args.json)


if __name__ == "__main__":
    sys.exit(main())
