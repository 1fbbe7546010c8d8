"""Counts of spaCy ``Token`` / ``Span`` / ``Doc`` attribute reads and indexing in the casualties
stage, by the function that makes them (issue 12's profile; ``casualties_digest.py --count-access``).

spaCy's attributes are C properties that cProfile never sees, so the stage's modules are loaded
from a rewritten syntax tree instead: every attribute read ``x.name`` becomes
``_access_attr(x, "name", "<function>")`` and every index ``x[i]`` becomes
``_access_item(x, i, "<function>")``, which count the read when ``x`` is a spaCy object and
return what the plain read would. ``install()`` must run before the stage is imported; the
counts are only meaningful for the run they were taken in (the rewritten code is slower).
"""

from __future__ import annotations

import ast
import builtins
import importlib.abc
import importlib.machinery
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any

PACKAGE = "sitrep.stages.casualties"
#: (function, what) -> reads
COUNTS: Counter[tuple[str, str]] = Counter()
_SPACY: tuple[type, ...] = ()


def _kind(value: Any) -> str | None:
    return type(value).__name__ if isinstance(value, _SPACY) else None


def _access_attr(value: Any, name: str, where: str) -> Any:
    kind = _kind(value)
    if kind is not None:
        COUNTS[(where, f"{kind}.{name}")] += 1
    return getattr(value, name)


def _access_item(value: Any, index: Any, where: str) -> Any:
    kind = _kind(value)
    if kind is not None:
        COUNTS[(where, f"{kind}[]")] += 1
    return value[index]


class _Rewrite(ast.NodeTransformer):
    """Attribute reads and index reads to counted calls; annotations are left alone."""

    def __init__(self, module: str) -> None:
        self.stack = [module.rsplit(".", 1)[-1]]

    def _scoped(self, node: Any) -> Any:
        self.stack.append(node.name)
        node.body = [self.visit(n) for n in node.body]
        node.decorator_list = [self.visit(n) for n in node.decorator_list]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.args.defaults = [self.visit(n) for n in node.args.defaults]
            node.args.kw_defaults = [self.visit(n) if n is not None else None for n in node.args.kw_defaults]
        self.stack.pop()
        return node

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def visit_AnnAssign(self, node: ast.AnnAssign) -> Any:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def _call(self, helper: str, node: Any, key: ast.expr) -> ast.Call:
        where = ast.Constant(".".join(self.stack))
        return ast.Call(ast.Name(helper, ast.Load()), [self.visit(node.value), key, where], [])

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        if not isinstance(node.ctx, ast.Load):
            return self.generic_visit(node)
        return ast.copy_location(self._call("_access_attr", node, ast.Constant(node.attr)), node)

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        if not isinstance(node.ctx, ast.Load):
            return self.generic_visit(node)
        return ast.copy_location(self._call("_access_item", node, self.visit(node.slice)), node)


class _Loader(importlib.machinery.SourceFileLoader):
    def source_to_code(self, data: Any, path: Any, *, _optimize: int = -1) -> Any:  # type: ignore[override]
        tree = _Rewrite(self.name).visit(ast.parse(data, filename=path))
        return compile(ast.fix_missing_locations(tree), path, "exec", dont_inherit=True)

    def get_code(self, fullname: str) -> Any:  # never the cached bytecode
        source = self.get_data(self.get_filename(fullname))
        return self.source_to_code(source, self.get_filename(fullname))


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> Any:
        if fullname != PACKAGE and not fullname.startswith(PACKAGE + "."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            return spec
        spec.loader = _Loader(fullname, spec.origin)
        return spec


def install() -> None:
    """Load the casualties package from the rewritten source from now on."""
    global _SPACY
    from spacy.tokens import Doc, Span, Token

    _SPACY = (Doc, Span, Token)
    assert not any(m == PACKAGE or m.startswith(PACKAGE + ".") for m in sys.modules), "install before the import"
    builtins._access_attr = _access_attr  # type: ignore[attr-defined]
    builtins._access_item = _access_item  # type: ignore[attr-defined]
    sys.meta_path.insert(0, _Finder())


def report(top: int) -> None:
    """The total, the reads by function, and the top (function, attribute) pairs."""
    by_function: Counter[str] = Counter()
    by_attribute: Counter[str] = Counter()
    for (where, what), n in COUNTS.items():
        by_function[where] += n
        by_attribute[what] += n
    print(f"spaCy attribute reads and indexing in the casualties stage: {sum(COUNTS.values()):,}")
    print("by function:")
    for where, n in by_function.most_common(top):
        print(f"  {n:>9,}  {where}")
    print("by attribute:")
    for what, n in by_attribute.most_common(top):
        print(f"  {n:>9,}  {what}")
