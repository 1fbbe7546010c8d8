"""A learned sector for actor texts the KB cannot code (issue 14, branch ``actors3``).

A short actor text whose words the KB does not know ("La Prensa", "negotiators") gets no sector
from the rules. This module reads a small multinomial logistic model over the text's words, its
head (last word) and the head's endings, fitted by ``scripts/train_sector_fallback.py`` on the
KB's own coded phrases only — PETRARCH2's agent nouns (MIT) with the curated agent list, and the
names and aliases of the KB's organisations — never on the NGEC or PLOVER gold. The model and the
confidence threshold it answers above are plain data (``sector_fallback.json``); a missing file
means no fallback (the rules' answer stands).
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("sector_fallback.json")

#: words that carry no sector ("the", "of", prepositions, articles of other languages are kept:
#: "La Prensa")
STOP_WORDS = frozenset({"the", "of", "and", "in", "for", "a", "an", "to", "on", "at", "by", "from", "with"})
_WORD = re.compile(r"[a-z][a-z'\-]*")


def features(text: str) -> list[str]:
    """The model's features of a text: its words, its head (last word) and the head's endings."""
    words = [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]
    if not words:
        return []
    head = words[-1]
    out = [f"w:{w}" for w in dict.fromkeys(words)]
    out.append(f"h:{head}")
    out.extend(f"s{n}:{head[-n:]}" for n in (3, 4, 5) if len(head) > n)
    return out


@dataclass(frozen=True, slots=True)
class SectorModel:
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, dict[int, float]]
    threshold: float

    def probabilities(self, text: str) -> dict[str, float]:
        scores = list(self.intercepts)
        for f in features(text):
            for i, w in self.weights.get(f, {}).items():
                scores[i] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def predict(self, text: str) -> str | None:
        """The sector when the model's top probability reaches its threshold, else None; None for
        a text with no word the model has seen."""
        feats = features(text)
        if not any(f in self.weights for f in feats):
            return None
        probs = self.probabilities(text)
        sector, p = max(probs.items(), key=lambda kv: kv[1])
        return sector if p >= self.threshold else None


def from_json(data: dict[str, object]) -> SectorModel:
    classes = tuple(str(c) for c in data["classes"])  # type: ignore[attr-defined]
    weights = {str(f): {int(i): float(w) for i, w in row.items()}
               for f, row in data["weights"].items()}  # type: ignore[attr-defined]
    return SectorModel(classes, tuple(float(x) for x in data["intercepts"]),  # type: ignore[attr-defined]
                       weights, float(data["threshold"]))  # type: ignore[arg-type]


@functools.lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> SectorModel | None:
    if not path.exists():
        log.warning("sector fallback model %s missing: no learned sector fallback", path)
        return None
    return from_json(json.loads(path.read_text(encoding="utf-8")))
