"""The version hashing's import walk (issue 16, speed): statements only, each source parsed once.

``_import_nodes`` visits only the statement lists of a module (bodies, ``else`` / ``finally``
blocks, ``except`` handlers, ``match`` cases); these tests compare it with a walk over every
node of the tree on project-written modules with imports in every place a statement can be, and
check that the per-process memo of a module's imports is keyed by its source (an edit is seen).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from sitrep import versioning

SOURCE = '''
from __future__ import annotations
import os, sys as system
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from .typing_only import Thing
else:
    from .runtime_only import Thing
if system.version_info >= (3, 11):
    import tomllib
elif os.name == "nt":
    import winreg
else:
    from . import fallback
try:
    import fast_json as json
except ImportError:
    import json
else:
    from . import after_try
finally:
    from .cleanup import done
class Loader:
    import inspect
    def load(self):
        from .deferred import reader
        with open(__file__) as handle:
            import codecs
        for _ in range(2):
            import itertools
        else:
            import functools
        while False:
            import heapq
        async def inner():
            import asyncio
            async with ctx() as c:
                import contextlib
            async for _ in c:
                import bisect
        return (lambda: 1) if reader else None
def matcher(value):
    match value:
        case 1:
            from .one import first
        case _:
            import random
    square = [x * x for x in range(3)]
    return {k: (lambda y: y)(k) for k in square} if value else None
'''

SOURCE_311 = '''
try:
    pass
except* ValueError:
    import statistics
'''


def _every_node(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The former walk: every child of every node (the reference)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif versioning._type_checking_only(node):
            stack.extend(getattr(node, "orelse", []))
        else:
            stack.extend(ast.iter_child_nodes(node))


def _dumps(nodes: Iterator[ast.AST]) -> list[str]:
    return sorted(ast.dump(n) for n in nodes)


def test_statement_walk_finds_every_import_the_full_walk_finds():
    sources = [SOURCE] + ([SOURCE_311] if sys.version_info >= (3, 11) else [])
    for source in sources:
        tree = ast.parse(source)
        found = _dumps(versioning._import_nodes(tree))
        assert found == _dumps(_every_node(tree))
    names = {a.name for n in versioning._import_nodes(ast.parse(SOURCE)) for a in n.names}
    assert {"tomllib", "winreg", "fallback", "json", "after_try", "done", "inspect", "reader", "codecs",
            "itertools", "functools", "heapq", "asyncio", "contextlib", "bisect", "first", "random",
            "Thing"} <= names
    # the TYPE_CHECKING branch is left out, its else branch kept
    modules = {n.module for n in versioning._import_nodes(ast.parse(SOURCE)) if isinstance(n, ast.ImportFrom)}
    assert "runtime_only" in modules and "typing_only" not in modules


def test_statement_walk_equals_the_full_walk_on_sitrep_itself():
    for path in sorted(versioning.SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert _dumps(versioning._import_nodes(tree)) == _dumps(_every_node(tree)), path


def test_imports_are_remembered_by_source_so_an_edit_is_seen(tmp_path: Path):
    module = tmp_path / "mod.py"
    module.write_text("from . import alpha\n", encoding="utf-8")
    first = versioning._imports("pkg.mod", module)
    assert set(first) == {"pkg", "pkg.alpha"}
    assert versioning._imports("pkg.mod", module) == first
    module.write_text("from . import alpha\nimport beta\n", encoding="utf-8")
    second = versioning._imports("pkg.mod", module)
    assert "beta" in second and set(first) <= set(second)
    package = tmp_path / "__init__.py"
    package.write_text("from . import alpha\n", encoding="utf-8")
    assert "pkg.mod.alpha" in versioning._imports("pkg.mod", package)  # a package's relative base is itself
