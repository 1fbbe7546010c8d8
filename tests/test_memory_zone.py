"""A worker's memory does not grow with the corpus: each batch runs inside spaCy's memory zone
(``Pipeline.memory_zone``, used by ``workflow.analyze_batch``), which drops the strings the batch
added to the vocabulary, and the records are the same as without it (issue 16)."""

from __future__ import annotations

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Document
from sitrep.workflow import analyze_batch

pytestmark = pytest.mark.slow

#: written for this test; every document gets invented words the vocabulary cannot know yet
TEMPLATE = (
    "Commander Varzek{i}ov of the Quelmir{i} Brigade said on Monday that his fighters shelled the "
    "village of Ostrun{i}ka, killing {n} civilians. \"The Drevan{i} front will hold,\" he told "
    "the Palrim{i} News Agency."
)


def _docs(start: int, count: int) -> list[Document]:
    return [Document(id=f"mz{i}", sha256=f"mz{i}", text=TEMPLATE.format(i=i, n=3 + i % 7))
            for i in range(start, start + count)]


def test_the_string_store_does_not_grow_across_batches_and_records_are_unchanged():
    pipeline = build_pipeline()
    strings = pipeline.resources.nlp.vocab.strings
    pipeline.warm_up()

    # the measure can fail: analyzing new words outside a memory zone grows the store
    control_docs = _docs(0, 4)
    before = len(strings)
    control = [a for a in pipeline.analyze(control_docs)]
    assert len(strings) > before

    # inside the zone (as every engine analyzes a batch) the same documents give the same records
    outcome = analyze_batch(pipeline, control_docs)
    assert outcome.retried is None
    assert [a for _, a in outcome.results] == control
    assert any(a.events for a in control) and any(a.quotes for a in control)  # something was compared

    # and batch after batch of new words leaves the store where it was
    sizes = []
    for batch in range(4):
        outcome = analyze_batch(pipeline, _docs(100 + 5 * batch, 5))
        assert outcome.retried is None and len(outcome.results) == 5
        sizes.append(len(strings))
    assert sizes == [sizes[0]] * 4, f"string store grew across batches: {sizes}"
