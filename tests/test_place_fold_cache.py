"""``place.normalize.fold`` is remembered (issue 16, speed9): the same answers as the function
it wraps, bounded. Project-written names."""

from __future__ import annotations

from sitrep.stages.place import normalize

NAMES = ["Aleppo", "  Deir ez-Zor ", "Ḥalab", "Saint-Étienne", "Kafr Nubl", "Idlib Governorate",
         "Al-Ḥasakah", "Straße", "Łódź", "Ma’arrat al-Nu’man", "", "HOMS", "İzmir"]


def test_fold_cache_gives_the_same_answers():
    plain = normalize.fold.__wrapped__
    for name in NAMES:
        assert normalize.fold(name) == plain(name)
        assert normalize.fold(name) == plain(name)  # from the cache


def test_fold_cache_is_bounded():
    assert normalize.fold.cache_info().maxsize == normalize.FOLD_CACHE_SIZE
