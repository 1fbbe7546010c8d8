"""The actor matcher compiled once per process and KB (issue 16, speed): the same patterns as a
fresh compile, shared by stages built on the same KB object, not by another KB."""

from __future__ import annotations

from sitrep.stages.actors import matcher as module
from sitrep.stages.actors.matcher import (
    ActorMatcher,
    folded_words,
    shared_matcher,
    words_of,
)


def test_folded_words_are_the_words_texts() -> None:
    for text in ["Hay'at Tahrir al-Sham", "U.S.-led coalition", "the  Free_Syrian Army's 5th unit",
                 "Ministère de l'Intérieur", "", "  ", "'s", "al-Qaeda's"]:
        assert folded_words(text) == tuple(w.text for w in words_of(text))


def test_shared_matcher_is_compiled_once_per_kb() -> None:
    from sitrep.kb.load import load_kb

    kb = load_kb()
    first = shared_matcher(kb)
    assert shared_matcher(kb) is first
    fresh = ActorMatcher(kb)
    assert fresh.firsts == first.firsts
    assert list(fresh.entries) == list(first.entries)
    assert [repr(e) for e in fresh.entries.values()] == [repr(e) for e in first.entries.values()]


def test_another_kb_object_gets_its_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(module, "_shared", [])
    compiled: list[object] = []

    class Fake:
        def __init__(self, kb: object) -> None:
            self.kb = kb
            compiled.append(kb)

    monkeypatch.setattr(module, "ActorMatcher", Fake)
    a, b, c = object(), object(), object()
    ma = shared_matcher(a)  # type: ignore[arg-type]
    assert shared_matcher(a) is ma and compiled == [a]  # type: ignore[arg-type]
    mb = shared_matcher(b)  # type: ignore[arg-type]
    assert mb is not ma and mb.kb is b
    shared_matcher(c)  # type: ignore[arg-type]  # a third KB: the least recent (a) is dropped
    assert len(module._shared) == module.SHARED_MATCHERS
    shared_matcher(a)  # type: ignore[arg-type]
    assert compiled == [a, b, c, a]
