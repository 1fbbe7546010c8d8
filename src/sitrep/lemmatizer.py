"""The same lemmas as spaCy's rule lemmatizer, remembered per (word, POS, morphology) (issue 16, speed).

spaCy's rule ``lemmatizer`` walks the ``Doc`` token by token in Python: for each token it builds a
``Token`` and its ``MorphAnalysis``, and for a word in its base form (a singular noun, an
infinitive, a positive adjective: most words of a news article) it re-derives that from the
morphology's feature dictionary every time, since only the suffix-rule path fills its cache. Yet
the lemma it gives a token is a function of the token's form, its coarse POS and its morphology
alone (``Lemmatizer.rule_lemmatize``, ``EnglishLemmatizer.is_base_form``; the lookup tables are
fixed once loaded). :func:`speed_up` gives the pipeline's lemmatizer a ``__call__`` that reads
those three values of every token with one ``Doc.to_array``, looks the lemma up in a memo of
(orth, POS, morphology) -> lemma hash, runs spaCy's own ``lemmatize`` only for a combination it has
not seen, and writes the lemmas back with one ``Doc.from_array``. Tokens that already have a lemma
(set by the attribute ruler) keep it, as in spaCy, unless the lemmatizer overwrites. A token with
no POS takes spaCy's path every time (it warns there), so nothing about it changes either.

The memo is bounded (:data:`MEMO_SIZE`; when full, new combinations are computed by spaCy and not
remembered). ``tests/test_lemmatizer.py`` compares every token's lemma with the pipeline as
``spacy.load`` gives it; ``speed_up(nlp)`` is applied by :func:`sitrep.nlp.load_nlp` and leaves a
pipeline whose lemmatizer is not spaCy's rule lemmatizer as it is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

#: distinct (orth, POS, morphology) combinations remembered by one lemmatizer (3 ints and one
#: int each, ~250 bytes with the dict entry: at most ~12.5 MB; 408 FA-KES development articles
#: have ~25,000 distinct words)
MEMO_SIZE = 50_000


class _MemoLemmatizer:
    """Mixed in before spaCy's lemmatizer class by :func:`speed_up` (only ``__call__`` differs)."""

    _sitrep_memo: dict[tuple[int, int, int], int]
    #: the keys remembered inside a ``memory_zone`` (None outside one)
    _sitrep_zone_keys: list[tuple[int, int, int]] | None

    @contextlib.contextmanager
    def memory_zone(self, mem: Any = None) -> Iterator[None]:
        """Entered by spaCy's ``Language.memory_zone``: the strings added inside the zone are
        dropped when it ends, so the lemmas remembered inside it are forgotten then too."""
        outer = self._sitrep_zone_keys
        keys: list[tuple[int, int, int]] = []
        self._sitrep_zone_keys = keys
        try:
            yield
        finally:
            self._sitrep_zone_keys = outer
            for key in keys:
                self._sitrep_memo.pop(key, None)

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer: Any = self
        if not lemmatizer._validated:
            from spacy.errors import Errors

            lemmatizer._validate_tables(Errors.E1004)
        error_handler = lemmatizer.get_error_handler()
        try:
            if not len(doc):
                return doc
            array: Any = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
            lemmas = array[:, 3].copy()
            memo = self._sitrep_memo
            overwrite = lemmatizer.overwrite
            changed = False
            for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
                if not overwrite and lemma != 0:
                    continue
                key = (orth, pos, morph)
                value = memo.get(key) if pos else None
                if value is None:
                    # spaCy's own rule (and its warning for a token with no POS)
                    value = doc.vocab.strings.add(lemmatizer.lemmatize(doc[i])[0])
                    if pos and len(memo) < MEMO_SIZE:
                        memo[key] = value
                        if self._sitrep_zone_keys is not None:
                            self._sitrep_zone_keys.append(key)
                if value != lemma:
                    lemmas[i] = value
                    changed = True
            if changed:
                doc.from_array(["LEMMA"], lemmas)
            return doc
        except Exception as e:  # pragma: no cover - spaCy's error handler, as in its __call__
            error_handler(lemmatizer.name, lemmatizer, [doc], e)
            return doc


def speed_up(nlp: Language) -> bool:
    """Give ``nlp``'s rule ``lemmatizer`` the remembering ``__call__`` (in place). False when
    there is nothing to replace (no lemmatizer, another mode or a class that defines its own
    ``__call__`` or rule)."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    cls = type(lemmatizer)
    if isinstance(lemmatizer, _MemoLemmatizer):
        return True
    if cls not in (Lemmatizer, EnglishLemmatizer) or getattr(lemmatizer, "mode", None) != "rule":
        return False
    lemmatizer.__class__ = _memo_class(cls)
    lemmatizer._sitrep_memo = {}
    lemmatizer._sitrep_zone_keys = None
    return True


_CLASSES: dict[type, type] = {}


def _memo_class(cls: type) -> type:
    if cls not in _CLASSES:
        _CLASSES[cls] = type(f"Memo{cls.__name__}", (_MemoLemmatizer, cls), {"__module__": __name__})
    return _CLASSES[cls]
