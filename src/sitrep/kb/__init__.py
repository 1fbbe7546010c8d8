"""sitrep's actor knowledge base: data files in this package plus a loader and a checker.

``load_kb()`` returns the (cached) :class:`KnowledgeBase`; ``check(kb)`` lists
problems (``sitrep kb check``). See ``load.py`` for the files and
``curated.yaml`` for the id conventions.
"""

from __future__ import annotations

from .check import KBProblem, check
from .load import KBError, load_kb
from .model import AliasClaim, KBActor, KnowledgeBase, Role
from .normalize import fold, key, slug

__all__ = [
    "AliasClaim", "KBActor", "KBError", "KBProblem", "KnowledgeBase", "Role", "check", "fold", "key",
    "load_kb", "slug",
]
