"""Language identification with py3langid (its model ships inside the package)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)`` from the first 5,000 characters."""
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)
