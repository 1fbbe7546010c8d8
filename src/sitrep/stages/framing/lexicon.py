"""The loaded-language lexicon (``lexicon.yaml``) and its spaCy matcher.

A PhraseMatcher on lower-cased tokens finds every entry; matches in a technical
sense ("sanctions regime", "International Criminal Court") are dropped using the
``technical_uses`` table. Overlapping matches keep the longest.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ...errors import PipelineError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

CATEGORIES: tuple[str, ...] = ("pejorative_label", "honorific_label", "euphemism", "intensifier", "hedge")


@dataclass(frozen=True, slots=True)
class TermHit:
    """One lexicon match in a parsed document (token span and category)."""

    span: Span
    category: str


def lexicon_path() -> Path:
    return Path(str(resources.files("sitrep.stages.framing") / "lexicon.yaml"))


@dataclass(slots=True)
class Lexicon:
    """Category per phrase, plus the technical-sense exclusions."""

    terms: dict[str, str]
    technical: dict[str, frozenset[str]]

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        path = path or lexicon_path()
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise PipelineError(f"Cannot read the framing lexicon {path}: {exc}. Reinstall sitrep.") from exc
        terms: dict[str, str] = {}
        for category, phrases in data.get("categories", {}).items():
            if category not in CATEGORIES:
                raise PipelineError(
                    f"Unknown lexicon category {category!r} in {path}; use one of {', '.join(CATEGORIES)}."
                )
            for phrase in phrases:
                key = str(phrase).lower()
                if key in terms and terms[key] != category:
                    raise PipelineError(f"Lexicon phrase {key!r} is in two categories ({terms[key]}, {category}).")
                terms[key] = category
        technical = {k.lower(): frozenset(w.lower() for w in v) for k, v in data.get("technical_uses", {}).items()}
        return cls(terms=terms, technical=technical)


class TermMatcher:
    """Finds lexicon terms in a parsed Doc."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None) -> None:
        from spacy.matcher import PhraseMatcher

        self.lexicon = lexicon or Lexicon.load()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_category: dict[str, list[str]] = {}
        for phrase, category in self.lexicon.terms.items():
            by_category.setdefault(category, []).append(phrase)
        for category, phrases in by_category.items():
            self.matcher.add(category, [nlp.make_doc(p) for p in phrases])

    def __call__(self, doc: Doc) -> list[TermHit]:
        from spacy.util import filter_spans

        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        label_of = {(s, e): doc.vocab.strings[m] for m, s, e in self.matcher(doc)}
        hits = []
        for span in filter_spans(spans):
            if self._technical(span):
                continue
            hits.append(TermHit(span=span, category=label_of[(span.start, span.end)]))
        return hits

    def _technical(self, span: Span) -> bool:
        blocked = self.lexicon.technical.get(span.text.lower())
        if not blocked:
            return False
        root = span.root
        context = {root.head.lower_, root.head.lemma_.lower()}
        context |= {c.lower_ for c in root.children if c.dep_ in ("compound", "amod", "nmod")}
        return bool(context & blocked)
