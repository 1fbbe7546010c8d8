"""The Dask engine's batching and the store's batch write, without a cluster or a pipeline:
guided batch sizes end a run with the workers finishing together; ``Store.save_analyses`` writes
what per-document saves write, all or nothing; the local cluster's settings name real Dask keys."""

from __future__ import annotations

import heapq
from pathlib import Path

import pytest
from store_helpers import stored_records

from sitrep.engines.dask import LOCAL_SETTINGS, MIN_BATCH, batch_sizes
from sitrep.errors import StoreError
from sitrep.records import Actor, Document, Entity, Sentence
from sitrep.stages.base import Analysis
from sitrep.store import EncodedAnalysis, Store


def _plan(total: int, batch_size: int, threads: int) -> list[int]:
    sizes, left = [], total
    while left:
        size = min(left, batch_sizes(left, batch_size, threads))
        sizes.append(size)
        left -= size
    return sizes


def _makespan_gap(sizes: list[int], workers: int) -> int:
    """Documents of difference between the first and the last worker to finish, when each takes
    the next batch as it frees up and every document costs the same."""
    ends = [0] * workers
    heapq.heapify(ends)
    for size in sizes:
        heapq.heappush(ends, heapq.heappop(ends) + size)
    return max(ends) - min(ends)


@pytest.mark.parametrize(("total", "batch_size", "threads"), [(400, 16, 2), (401, 16, 2), (1000, 16, 4), (37, 16, 1),
                                                              (5, 16, 2), (100, 1, 2)])
def test_batch_sizes_cover_the_run_and_shrink_at_its_end(total: int, batch_size: int, threads: int):
    sizes = _plan(total, batch_size, threads)
    assert sum(sizes) == total
    assert all(min(MIN_BATCH, batch_size, total) <= s <= batch_size for s in sizes[:-1])
    assert sizes == sorted(sizes, reverse=True)  # full batches first, then smaller
    if total >= 4 * threads * batch_size:
        assert sizes[: total // (4 * batch_size)] == [batch_size] * (total // (4 * batch_size))


def test_guided_batches_end_with_the_workers_finishing_together():
    # equal batches of 16 on 2 workers: one worker ends a whole batch after the other
    assert _makespan_gap([16] * 25, 2) == 16
    assert _makespan_gap(_plan(400, 16, 2), 2) <= MIN_BATCH
    assert _makespan_gap(_plan(1000, 16, 4), 4) <= MIN_BATCH


def _doc(text: str, name: str) -> Document:
    import hashlib

    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(id=digest[:16], sha256=digest, text=text, source_path=name)


def _analysis(doc: Document, actor: Actor) -> Analysis:
    return Analysis(document=doc, sentences=[Sentence(doc.id, 0, 0, len(doc.text), doc.text)],
                    entities=[Entity(doc.id, 0, 4, doc.text[:4], "GPE", doc.text)], actors=[actor])


def test_save_analyses_writes_what_per_document_saves_write(tmp_path: Path):
    docs = [_doc("Kobra fell quiet.", "a.txt"), _doc("Talks in Vessa.", "b.txt"), _doc("Rain at Orlo.", "c.txt")]
    # one actor described differently by two documents: the merge must not depend on the grouping
    actors = [Actor("X1", "North Guard", "armed_group", aliases=["N. Guard"]),
              Actor("X1", "North Guard", "armed_group", aliases=["the Guard"]), Actor("X2", "Vessa council", "state")]
    analyses = [_analysis(d, a) for d, a in zip(docs, actors, strict=True)]
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "batch.db") as batch:
        for store in (one, batch):
            for d in docs:
                store.add_document(d)
        for a in analyses:
            one.save_analysis(a, "v1")
        encoded = [Store.encode_analysis(a) for a in analyses]
        batch.save_analyses(encoded, "v1")
        batch.save_analyses(encoded, "v1")  # saved again: replaced, not doubled
        assert stored_records(one) == stored_records(batch)
        assert batch.status_counts()["analyzed"] == 3 and batch.pending("v1") == []
        assert [e.words for e in encoded] == [3, 3, 3]
        (guard,) = [a for a in batch.records(Actor) if a.id == "X1"]
        assert guard.aliases == ["N. Guard", "the Guard"]


def test_save_analyses_is_all_or_nothing(tmp_path: Path):
    docs = [_doc("Kobra fell quiet.", "a.txt"), _doc("Talks in Vessa.", "b.txt")]
    with Store(tmp_path / "x.db") as store:
        for d in docs:
            store.add_document(d)
        good = Store.encode_analysis(_analysis(docs[0], Actor("X2", "Vessa council", "state")))
        broken = EncodedAnalysis(docs[1].id, 3, {("entities", ("no_such_column",)): [("x",)]}, [])
        with pytest.raises(StoreError):
            store.save_analyses([good, broken], "v1")
        assert store.status_counts()["analyzed"] == 0  # the good document of the batch was not kept either
        assert store.records(Entity) == [] and sorted(store.pending("v1")) == sorted(d.id for d in docs)


def test_local_cluster_settings_name_keys_dask_has():
    import dask

    absent = object()
    # a key dask renamed would be silently ignored by the cluster, so each must be one dask has
    missing = [key for key in LOCAL_SETTINGS if dask.config.get(key, default=absent) is absent]
    assert missing == []
