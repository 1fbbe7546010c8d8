"""Audit the test suite for tests that cannot fail, and list its skips and xfails.

Usage::

    python scripts/audit_tests.py [TESTS_DIR]           # the hits, one a line; exit 1 if any
    python scripts/audit_tests.py [TESTS_DIR] --skips   # every skip/skipif/importorskip/xfail with its reason

A *hit* is a test function (``test_*`` at module level or in a ``Test*`` class) of one of four kinds:

``no-check``
    no ``assert``, no ``pytest.raises``/``pytest.warns``/``pytest.fail``, no ``raise AssertionError``,
    no ``assert_*``/``assert*`` call (``numpy.testing``, ``unittest``), and no call of a helper that
    checks. Helpers are followed one level: a function of the same module, of ``tests/conftest.py``
    or of a helper module of ``tests/`` (a ``.py`` file not named ``test_*``), called by name, or a
    fixture of those modules that the test takes and calls; the helper counts when its own body
    (nested functions included) checks in one of the ways above.
``tautology``
    an ``assert`` that cannot fail: a constant (``assert True``, ``assert "text"``), the same
    expression on both sides of ``==``/``is``/``<=``/``>=`` (``assert x == x``), an ``or`` with a
    true constant (``assert x or True``), ``len(...) >= 0``, ``isinstance(x, object)``.
``self-compare``
    every ``assert`` of the test compares two names bound to the same expression (``a = f(x);
    b = f(x); assert a == b``): the result is checked only against itself computed the same way.
    A determinism test has this shape on purpose; it is a hit so that a reader decides.
``swallow``
    ``try: ... except Exception`` (or ``BaseException``, or a bare ``except``) whose handler neither
    re-raises nor fails: any error of the code under test (an ``AssertionError`` too) is lost.

The audit reads source only (``ast``); it imports nothing from the tests.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHECK_ATTRS = {"raises", "warns", "fail", "deprecated_call"}  # pytest.<attr> that checks
BROAD = {"Exception", "BaseException"}


@dataclass(frozen=True)
class Hit:
    """One test that cannot fail (or may not): where, which kind, and why."""

    path: str
    line: int
    test: str
    kind: str
    detail: str

    @property
    def key(self) -> str:
        """``file.py::test_name::kind``: the handle an allow-list names it by (no line number)."""
        return f"{Path(self.path).name}::{self.test}::{self.kind}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.test}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class Mark:
    """One skip, skipif, importorskip or xfail in the suite, with its reason as written."""

    path: str
    line: int
    kind: str
    strict: bool | None
    reason: str

    def __str__(self) -> str:
        strict = "" if self.strict is None else f" strict={self.strict}"
        return f"{self.path}:{self.line}: {self.kind}{strict}: {self.reason}"


def _is_pytest_call(node: ast.Call, attrs: set[str]) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr in attrs and isinstance(func.value, ast.Name) \
        and func.value.id == "pytest"


def _called_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_check(node: ast.AST) -> bool:
    """``node`` asserts, expects an exception or a warning, fails, or raises AssertionError."""
    if isinstance(node, ast.Assert):
        return True
    if isinstance(node, ast.Call):
        return _is_pytest_call(node, CHECK_ATTRS) or (_called_name(node) or "").startswith("assert")
    if isinstance(node, ast.Raise) and node.exc is not None:
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        return isinstance(exc, ast.Name) and exc.id == "AssertionError"
    return False


def checks_directly(body: ast.AST) -> bool:
    """True when ``body`` (nested functions included: a helper's own closures) checks anywhere."""
    return any(_is_check(node) for node in ast.walk(body))


def _outer(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of ``node``'s body outside the functions, lambdas and classes defined in it."""
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            yield child
            yield from _outer(child)


def _test_checks(test: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """The test checks in its own body, or through a function it defines and then uses."""
    outer = list(_outer(test))
    used = {n.id for n in outer if isinstance(n, ast.Name)}
    nested = [n for n in ast.walk(test) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not test]
    return any(map(_is_check, outer)) or any(checks_directly(n) for n in nested if n.name in used)


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """The module-level functions (fixtures included) by name."""
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _tests(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            yield node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from (m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and m.name.startswith("test"))


@dataclass
class Helpers:
    """The functions a test may call by name, each with whether it checks (one level)."""

    checking: set[str]

    @classmethod
    def of(cls, tree: ast.Module, shared: dict[str, bool]) -> Helpers:
        """The module's own checking functions, plus the shared helper modules' (``shared``)."""
        own = {name for name, fn in _functions(tree).items() if checks_directly(fn)}
        methods = {m.name for c in tree.body if isinstance(c, ast.ClassDef)
                   for m in c.body if isinstance(m, ast.FunctionDef) and checks_directly(m)}
        return cls(own | methods | {name for name, checks in shared.items() if checks})


def shared_helpers(tests_dir: Path) -> dict[str, bool]:
    """Every function of ``conftest.py`` and the helper modules of ``tests_dir`` -> whether it checks."""
    found: dict[str, bool] = {}
    for path in sorted(tests_dir.glob("*.py")):
        if path.name.startswith("test_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, fn in _functions(tree).items():
            found[name] = found.get(name, False) or checks_directly(fn)
    return found


def _calls_checking_helper(test: ast.AST, helpers: Helpers) -> bool:
    """A call of a checking helper by name (a fixture the test takes is called by its name too),
    or such a helper handed on by name (``map(check, cases)``)."""
    return any(isinstance(node, ast.Name) and node.id in helpers.checking for node in ast.walk(test))


def _same(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


def _pure(node: ast.AST) -> bool:
    """No call, await or yield in ``node``: evaluating it twice gives the same value."""
    return not any(isinstance(n, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)) for n in ast.walk(node))


def _true_constant(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and bool(node.value) and node.value is not Ellipsis


def tautology(test: ast.expr) -> str | None:
    """Why ``assert test`` cannot fail, or None."""
    if isinstance(test, (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set)):
        return "asserts a constant" if not isinstance(test, ast.Constant) or test.value else None
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) and any(map(_true_constant, test.values)):
        return "an `or` with a true constant"
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, (ast.Eq, ast.Is, ast.LtE, ast.GtE)) and _same(left, right) and _pure(left):
            return "the same expression on both sides"
        if isinstance(op, ast.GtE) and isinstance(right, ast.Constant) and right.value == 0 \
                and isinstance(left, ast.Call) and isinstance(left.func, ast.Name) and left.func.id == "len":
            return "len(...) >= 0"
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance" \
            and len(test.args) == 2 and isinstance(test.args[1], ast.Name) and test.args[1].id == "object":
        return "isinstance(..., object)"
    return None


def _asserts(test: ast.AST) -> list[ast.Assert]:
    return [n for n in ast.walk(test) if isinstance(n, ast.Assert)]


def _bindings(test: ast.AST) -> dict[str, list[ast.expr]]:
    """Each simple name the test binds (``name = expr``) -> the expressions bound to it."""
    bound: dict[str, list[ast.expr]] = {}
    for node in ast.walk(test):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            bound.setdefault(node.targets[0].id, []).append(node.value)
    return bound


def _self_compare(check: ast.Assert, bound: dict[str, list[ast.expr]]) -> bool:
    test = check.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.Is))):
        return False
    left, right = test.left, test.comparators[0]
    if _same(left, right):  # ``f(x) == f(x)``: the same call twice (without a call it is a tautology)
        return not _pure(left)
    if not (isinstance(left, ast.Name) and isinstance(right, ast.Name)) or left.id == right.id:
        return False
    ones, others = bound.get(left.id, []), bound.get(right.id, [])
    return len(ones) == 1 and len(others) == 1 and _same(ones[0], others[0])


def _swallows(handler: ast.ExceptHandler) -> bool:
    """A handler of every exception that neither re-raises nor fails."""
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    broad = handler.type is None or any(isinstance(n, ast.Name) and n.id in BROAD for n in names)
    if not broad:
        return False
    return not any(isinstance(n, ast.Raise) for n in ast.walk(handler)) and not checks_directly(handler)


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _derived(name: str, test: ast.AST, scope: ast.AST | None) -> set[str]:
    """``name`` and the names computed from it in ``test`` (one step): bound by an expression
    that reads it, or bound or filled (``x.append(...)``) inside ``scope`` (the loop over it)."""
    found = {name}
    for node in ast.walk(test):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None \
                and name in _names(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found |= {n for t in targets for n in _names(t)}
    for node in ast.walk(scope) if scope is not None else ():
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            found |= {n for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) for n in _names(t)}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            found.add(node.func.value.id)
    return found


def _computed(name: str, bound: dict[str, list[ast.expr]], helpers: Helpers) -> bool:
    """``name`` is bound once in the test, to a computed value (not a literal, not a checking helper's answer)."""
    values = bound.get(name, [])
    literal = (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Constant)
    if len(values) != 1 or isinstance(values[0], literal):
        return False
    value = values[0]
    if isinstance(value, ast.BinOp) and any(isinstance(v, (ast.List, ast.Tuple)) and v.elts for v in (value.left, value.right)):
        return False  # ``computed + [fixed]``: never empty
    return not (_names(values[0]) & helpers.checking)


def _vacuous(test: ast.FunctionDef | ast.AsyncFunctionDef, helpers: Helpers) -> Iterator[tuple[int, str]]:
    """``assert all(... for x in NAME)`` and ``for x in NAME: ... assert ...`` over a value the test
    computed, with no other assert reading NAME or what it computed from NAME: empty, it passes."""
    bound, asserts = _bindings(test), _asserts(test)
    for node in ast.walk(test):
        if isinstance(node, ast.Assert) and isinstance(node.test, ast.Call) and isinstance(node.test.func, ast.Name) \
                and node.test.func.id == "all" and node.test.args and isinstance(node.test.args[0], ast.GeneratorExp):
            source, scope, inside = node.test.args[0].generators[0].iter, None, {id(node)}
        elif isinstance(node, ast.For) and any(isinstance(n, ast.Assert) for n in ast.walk(node)):
            source, scope = node.iter, node
            inside = {id(n) for n in ast.walk(node) if isinstance(n, ast.Assert)}
        else:
            continue
        if not isinstance(source, ast.Name) or not _computed(source.id, bound, helpers):
            continue
        watched = _derived(source.id, test, scope)
        if not any(watched & _names(a.test) for a in asserts if id(a) not in inside):
            yield node.lineno, f"over `{source.id}`: passes when it is empty (nothing else asserts on it)"


def _raises_block(node: ast.With) -> bool:
    return any(isinstance(i.context_expr, ast.Call) and _is_pytest_call(i.context_expr, {"raises", "warns"})
               for i in node.items)


def _misc(test: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[int, str, str]]:
    """Bare comparisons, asserts after the call a ``pytest.raises`` block expects to raise,
    ``pytest.raises(Exception)`` with no ``match``, handlers that swallow every exception."""
    for node in ast.walk(test):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Compare):
            yield node.lineno, "bare-compare", f"`{ast.unparse(node.value)[:80]}` is computed and dropped (no assert)"
        elif isinstance(node, ast.With) and _raises_block(node) and len(node.body) > 1 \
                and isinstance(node.body[-1], ast.Assert):
            yield node.body[-1].lineno, "dead-assert", "an assert after the call expected to raise never runs"
        elif isinstance(node, ast.Call) and _is_pytest_call(node, {"raises"}) and node.args \
                and isinstance(node.args[0], ast.Name) and node.args[0].id in BROAD \
                and not any(k.arg == "match" for k in node.keywords):
            yield node.lineno, "swallow", f"pytest.raises({node.args[0].id}) with no match: any error passes"
        elif isinstance(node, ast.Try):
            for handler in node.handlers:
                if _swallows(handler):
                    yield handler.lineno, "swallow", "a handler of every exception that neither re-raises nor fails"


def audit_test(path: str, test: ast.FunctionDef | ast.AsyncFunctionDef, helpers: Helpers) -> Iterator[Hit]:
    """The hits of one test function."""
    def hit(line: int, kind: str, detail: str) -> Hit:
        return Hit(path, line, test.name, kind, detail)

    fixtures = {a.arg for a in test.args.args}
    called = {n.func.id for n in ast.walk(test) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
              and n.func.id in fixtures}
    if not _test_checks(test) and not _calls_checking_helper(test, helpers) and not called & helpers.checking:
        yield hit(test.lineno, "no-check", "no assert, no pytest.raises/warns/fail, no checking helper called")
    asserts = _asserts(test)
    for check in asserts:
        why = tautology(check.test)
        if why:
            yield hit(check.lineno, "tautology", f"`{ast.unparse(check.test)[:80]}`: {why}")
    bound = _bindings(test)
    if asserts and all(_self_compare(a, bound) for a in asserts):
        yield hit(asserts[0].lineno, "self-compare", f"`{ast.unparse(asserts[0].test)[:80]}`: both sides computed the same way")
    for line, detail in _vacuous(test, helpers):
        yield hit(line, "vacuous", detail)
    for line, kind, detail in _misc(test):
        yield hit(line, kind, detail)


def audit(tests_dir: Path) -> list[Hit]:
    """Every hit of every ``test_*.py`` module under ``tests_dir`` (its top level)."""
    shared = shared_helpers(tests_dir)
    hits: list[Hit] = []
    for path in sorted(tests_dir.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        helpers = Helpers.of(tree, shared)
        for test in _tests(tree):
            hits.extend(audit_test(str(path), test, helpers))
    return hits


def count_tests(tests_dir: Path) -> int:
    """The test functions audited (before parametrization)."""
    return sum(len(list(_tests(ast.parse(p.read_text(encoding="utf-8"))))) for p in sorted(tests_dir.glob("test_*.py")))


def _reason(call: ast.Call, positional: int) -> str:
    for keyword in call.keywords:
        if keyword.arg in ("reason", "msg"):
            return ast.unparse(keyword.value)
    if len(call.args) > positional:
        return ast.unparse(call.args[positional])
    return "(no reason given)"


def _strict(call: ast.Call) -> bool | None:
    for keyword in call.keywords:
        if keyword.arg == "strict":
            return bool(isinstance(keyword.value, ast.Constant) and keyword.value.value)
    return False


def _mark(path: str, node: ast.AST) -> Mark | None:
    if not isinstance(node, (ast.Call, ast.Attribute)):
        return None
    func = node.func if isinstance(node, ast.Call) else node
    if not isinstance(func, ast.Attribute) or func.attr not in ("skip", "skipif", "importorskip", "xfail"):
        return None
    base = func.value
    is_mark = isinstance(base, ast.Attribute) and base.attr == "mark"
    if not (is_mark or (isinstance(base, ast.Name) and base.id == "pytest")):
        return None
    kind = ("mark." if is_mark else "") + func.attr
    if not isinstance(node, ast.Call):  # ``@pytest.mark.xfail`` bare; ``pytest.skip.Exception`` is no mark
        if not is_mark:
            return None
        return Mark(path, node.lineno, kind, None, "(no reason given)")
    positional = 1 if func.attr in ("skipif", "importorskip") or (is_mark and func.attr == "xfail" and node.args) else 0
    strict = _strict(node) if func.attr == "xfail" else None
    return Mark(path, node.lineno, kind, strict, _reason(node, positional))


def marks(tests_dir: Path) -> list[Mark]:
    """Every skip, skipif, importorskip and xfail in the ``.py`` files of ``tests_dir``."""
    found: list[Mark] = []
    for path in sorted(tests_dir.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        seen: set[int] = set()
        for node in ast.walk(tree):
            mark = _mark(str(path), node)
            if mark is not None and id(getattr(node, "func", node)) not in seen:
                seen.add(id(getattr(node, "func", node)))
                found.append(mark)
    return sorted(found, key=lambda m: (m.path, m.line))


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tests_dir", nargs="?", default="tests", type=Path)
    parser.add_argument("--skips", action="store_true", help="list the skips and xfails instead of the hits")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.skips:
        for mark in marks(args.tests_dir):
            print(mark)
        return 0
    hits = audit(args.tests_dir)
    for found in hits:
        print(found)
    print(f"{count_tests(args.tests_dir)} test functions audited, {len(hits)} hits", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main())
