"""Stage ``casualties``: victim counts on violent events, and who reports them.

``stage`` (the pipeline stage), ``extract`` (the pure extractor), ``numbers``, ``figures``,
``sources``, ``scope``, ``attach`` (its parts), ``lexicon`` (``lexicon.yaml``),
``scorer`` (``sitrep eval casualties``).
"""

from .stage import CasualtyStage

__all__ = ["CasualtyStage"]
