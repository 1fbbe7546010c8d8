"""Code-health rules that a reviewer would otherwise have to remember.

1. **Function size.** No function or method in ``src/`` is longer than
   ``MAX_LINES`` lines or has more than ``MAX_BRANCHES`` branches. There is no
   allow-list: a function over a limit is split (see ``docs/development.md``).

   *Lines* run from the ``def`` line to the last line of the body, blank lines and
   comments included, the docstring excluded (a docstring with an example is
   encouraged, not penalised). A nested function's lines count in its enclosing
   function too (they are physically inside it).

   *Branches* are the decision points of the function's own body: each ``if`` and
   ``elif``, each conditional expression (``a if c else b``), each ``for``/``while``
   loop, each ``except`` handler, each ``case`` of a ``match``, each boolean operator
   (``a and b or c`` counts 2) and each ``if`` of a comprehension. A nested ``def`` or
   ``class`` is measured on its own and not counted in the enclosing function; a
   ``lambda`` counts in the function that contains it.

2. **Word lists are data.** No module under ``src/sitrep/stages`` holds a literal
   list, set, tuple or dict (its keys), or a ``"a b c".split()``, of more than
   ``MAX_WORDS`` word strings: longer lists live in the stage's ``lexicon.yaml``
   (or the shared ``src/sitrep/lexicon/common.yaml``) and are loaded by the stage's
   lexicon module. A *word string* is a string of letters (with spaces, hyphens,
   apostrophes or dots inside) that is not a label of the parser's own scheme: the
   dependency labels, part-of-speech tags and entity labels of spaCy's English
   pipelines (``PARSER_LABELS``) are code, like enum values, and may stay in code.
   Small closed sets of words (up to ``MAX_WORDS``) may stay in code too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
STAGES = SRC / "sitrep" / "stages"

MAX_LINES = 60
MAX_BRANCHES = 30
MAX_WORDS = 12

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _sources(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, _FUNCS):
            yield node


def function_lines(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Physical lines from ``def`` to the end of the body, minus the docstring's lines."""
    assert fn.end_lineno is not None
    lines = fn.end_lineno - fn.lineno + 1
    first = fn.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        assert first.end_lineno is not None
        lines -= first.end_lineno - first.lineno + 1
    return lines


def function_branches(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Decision points of ``fn``'s own body (nested ``def``/``class`` excluded; see the module doc)."""
    count = 0
    stack: list[ast.AST] = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, (*_FUNCS, ast.ClassDef)):
            continue
        if isinstance(node, (ast.If, ast.IfExp, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.match_case)):
            count += 1
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            count += len(node.ifs)
        stack.extend(ast.iter_child_nodes(node))
    return count


def _oversized(root: Path) -> list[str]:
    out = []
    for path in _sources(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for fn in _functions(tree):
            lines, branches = function_lines(fn), function_branches(fn)
            if lines > MAX_LINES or branches > MAX_BRANCHES:
                out.append(f"{path.relative_to(root.parent)}:{fn.lineno} {fn.name}: {lines} lines, {branches} branches")
    return out


def test_code_health_no_function_over_the_size_limits() -> None:
    oversized = _oversized(SRC)
    assert not oversized, (
        f"functions over {MAX_LINES} lines or {MAX_BRANCHES} branches (split them; no allow-list):\n"
        + "\n".join(oversized)
    )


_WORD = re.compile(r"^[A-Za-z][A-Za-z .'’-]*$")
#: the label scheme of spaCy's English pipelines (ClearNLP dependencies, Universal POS,
#: OntoNotes entity types): names in the parser's output, not words of the language
PARSER_LABELS = frozenset(
    ["ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "case", "cc", "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dep", "det", "dobj", "expl", "intj", "mark", "meta", "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj", "poss", "preconj", "predet", "prep", "prt", "punct", "quantmod", "relcl", "xcomp", "obj", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART"]
)


def _is_word(text: str) -> bool:
    return bool(_WORD.match(text)) and text not in PARSER_LABELS


def _word_strings(node: ast.AST) -> list[str]:
    """The word strings a literal collection (or ``"a b c".split()``) spells out, else []."""
    if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
        items: list[ast.expr | None] = list(node.elts)
    elif isinstance(node, ast.Dict):
        items = list(node.keys)
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
          and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
        return [w for w in node.func.value.value.split() if _is_word(w)]
    else:
        return []
    return [i.value for i in items
            if isinstance(i, ast.Constant) and isinstance(i.value, str) and _is_word(i.value)]


def _word_lists(root: Path) -> list[str]:
    out = []
    for path in _sources(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            words = _word_strings(node)
            if len(words) > MAX_WORDS:
                where = f"{path.relative_to(root.parent)}:{getattr(node, 'lineno', '?')}"
                out.append(f"{where}: {len(words)} words ({', '.join(words[:4])}, ...)")
    return out


def test_code_health_no_word_list_in_stage_code() -> None:
    found = _word_lists(STAGES)
    assert not found, (
        f"literal word lists of more than {MAX_WORDS} words in stage code (move them to the stage's lexicon.yaml):\n"
        + "\n".join(found)
    )


# ------------------------------------------------------------------ the rules' own tests

def _fn(source: str) -> ast.FunctionDef:
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def test_code_health_branch_count_follows_the_documented_rule() -> None:
    fn = _fn(
        "def f(xs):\n"
        "    '''doc\n    string'''\n"
        "    for x in xs:\n"  # 1
        "        if x and x > 1 or not x:\n"  # if 1 + and/or 2
        "            pass\n"
        "        elif x:\n"  # 1
        "            y = [a for a in xs if a if a > 2]\n"  # 2
        "    while xs:\n"  # 1
        "        try:\n"
        "            z = 1 if xs else 2\n"  # 1
        "        except ValueError:\n"  # 1
        "            pass\n"
        "        except KeyError:\n"  # 1
        "            pass\n"
        "    match xs:\n"
        "        case 1: pass\n"  # 1
        "        case _: pass\n"  # 1
        "    g = lambda v: v if v else 0\n"  # 1 (lambdas count in the enclosing function)
        "    def inner():\n"
        "        if xs: pass\n"  # measured on its own
        "    return xs\n"
    )
    assert function_branches(fn) == 14
    assert function_lines(fn) == 22 - 2  # 22 physical lines; the two docstring lines are not counted
    inner = next(n for n in ast.walk(fn) if isinstance(n, ast.FunctionDef) and n.name == "inner")
    assert function_branches(inner) == 1


@pytest.mark.parametrize(("source", "n"), [
    ("X = {'alpha', 'beta'}", 2),
    ("X = 'alpha beta gamma'.split()", 3),
    ("X = {'alpha': 1, 'beta': 2, '0': 3}", 2),
    ("X = ('nsubj', 'dobj', 'x-y', 'word', '\"', '(')", 2),  # parser labels are not words
    ("X = f(1, 2)", 0),
])
def test_code_health_word_strings_found_in_literals(source: str, n: int) -> None:
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.Assign)
    assert len(_word_strings(node.value)) == n
