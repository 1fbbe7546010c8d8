"""Stage ``parse``: spaCy tokenisation, tagging, parsing and NER.

Writes the sentences and the raw NER spans; keeps the spaCy ``Doc`` on the
``Analysis`` for the stages after it. Batched through ``nlp.pipe``. Its version
is its code and the spaCy pipeline's name and version.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..nlp import model_id
from ..records import Analysis, Entity, Sentence
from ..versioning import stage_version

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..resources import Resources


class ParseStage:
    name = "parse"
    reads = ("document",)
    writes = ("doc", "sentences", "entities")

    def __init__(self, nlp: Language, *, batch_size: int = 32) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> ParseStage:
        return cls(resources.nlp, **options)

    @functools.cached_property
    def version(self) -> str:
        return stage_version(__name__, f"spacy:{model_id(self.nlp)}")

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.from_doc(analysis, self.nlp(analysis.document.text))

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        pairs = ((a.document.text, a) for a in analyses)
        for doc, analysis in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield self.from_doc(analysis, doc)

    @staticmethod
    def from_doc(analysis: Analysis, doc: Doc) -> Analysis:
        doc_id = analysis.document.id
        sents = list(doc.sents)
        sentences = [Sentence(doc_id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(sents)]
        starts = [s.start for s in sents]
        text = analysis.document.text  # spaCy keeps the text as given: doc.text == text
        entities = []
        for e in doc.ents:
            # the text of ``e.sent`` (from the sentence of the entity's first token to the end of
            # the sentence of its last), read off the sentences above instead of re-scanning the
            # Doc's sentence starts for every entity
            first = bisect.bisect_right(starts, e.start) - 1
            last = bisect.bisect_right(starts, e.end - 1) - 1
            sent_text = sentences[first].text if first == last else text[sents[first].start_char:sents[last].end_char]
            entities.append(Entity(doc_id, e.start_char, e.end_char, e.text, e.label_, sent_text))
        return dataclasses.replace(analysis, doc=doc, sentences=sentences, entities=entities)
