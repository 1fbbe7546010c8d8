"""Event cue lemmas learned from coded articles: verbs and event nouns the lexicon lacks (issue 13).

On the FA-KES tune half the largest classes of missed events are coder's words that made no
trigger at all: a verb (or other word) whose cue is not in the lexicon, and a noun event
(``benchmarks/events_f1_classes.py``, docs/benchmarks.md, branch events46). Growing the curated
lexicon word by word from those misses is what the project's rule forbids; this module reads a
lexicon *learned* from coded articles instead.

A cue is a (lemma, part of speech) pair — ``verb`` (spaCy ``VERB``) or ``noun`` (``NOUN``) — with
the PLOVER category the coders gave it most often. The fitting script
(``benchmarks/events_learned_cues.py``) counts, on the training articles only, every occurrence
of the pair on a word where the shipped lexicon found no trigger (``seen``), and how many of
those occurrences a coder coded as an event of the category (``coded``). A cue is admitted when
``coded >= min_coded`` and ``coded / seen >= threshold`` — its precision as a cue where it would
fire; both settings are chosen leaving one wave out on the training waves. The admitted cues
ship in ``data/learned_cues.json`` (with their counts, so a test can re-derive the admission).

A cue may also stand for a *class* of lemmas: ``~CATEGORY`` with part of speech ``noun`` is any
noun whose lemma the lexicon holds as a verb of that category (the zero-derived noun: "the
advance", "an ambush"), ``~CATEGORY`` with ``verb`` any verb whose lemma the lexicon holds as a
noun of that category (``derived_key``); the category is the lexicon's, the gate (admitted or
not) is learned as for a lemma. A lemma's own cue wins over its class's.

``extend`` adds a trigger (source ``learned``) on every word of a sentence whose (lemma, part of
speech) is an admitted cue and that no trigger of the lexicon covers; the finder's absorption
(``triggers._absorb``: "agreed to X", "threatened to X") runs again over the whole list. A
verb used as a modifier ("Russian-backed") or a reporting verb is never a cue.

Switch ``USE`` (default ``False``): with it off, or without the data file, the stage is exactly
as before. ``RECORD`` is the fitting script's hook (a list that receives every uncovered verb
and noun the stage saw; never set at run time).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .lexicon import REPORTING, Code, Lexicon
from .triggers import Trigger, _absorb, _adjectival, lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

#: the switch (off by default): add triggers for the learned cues
USE = False
CUES_FILE = Path(__file__).with_name("data") / "learned_cues.json"
#: spaCy coarse tags -> the cue's part of speech
POS_CLASS = {"VERB": "verb", "NOUN": "noun"}
#: the fitting script's hook: (document text's first 64 characters, token start, token end,
#: lemma, part of speech, covered by a lexicon trigger) of every verb and noun of every sentence
RECORD: list[tuple[str, int, int, str, str, bool]] | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """One learned cue with the training counts that admitted it."""

    lemma: str
    pos: str  # verb, noun
    category: str
    coded: int  # occurrences coded as an event of ``category`` (uncovered words only)
    seen: int  # occurrences on a word no lexicon trigger covers

    @property
    def ratio(self) -> float:
        return self.coded / self.seen if self.seen else 0.0


@dataclass(frozen=True, slots=True)
class LearnedCues:
    """The admitted cues, keyed by (lemma, part of speech)."""

    cues: dict[tuple[str, str], Cue]

    @classmethod
    def admit(cls, counted: Iterable[Cue], threshold: float, min_coded: int) -> LearnedCues:
        """The cues of ``counted`` whose counts pass ``threshold`` and ``min_coded``."""
        return cls({(c.lemma, c.pos): c for c in counted if c.coded >= min_coded and c.ratio >= threshold})

    def code(self, token: Token, lexicon: Lexicon | None = None) -> Code | None:
        """The learned code of ``token``: its lemma's cue, else its class's (``derived_key``)."""
        pos = POS_CLASS.get(token.pos_)
        if pos is None:
            return None
        lem = lemma(token)
        cue = self.cues.get((lem, pos))
        if cue is None and lexicon is not None:
            cue = self.cues.get((derived_key(lem, pos, lexicon), pos))
        return Code(cue.category, None, "learned") if cue is not None else None

    def to_json(self, meta: dict[str, Any]) -> str:
        rows = [{"lemma": c.lemma, "pos": c.pos, "category": c.category, "coded": c.coded, "seen": c.seen}
                for c in sorted(self.cues.values(), key=lambda c: (c.pos, c.lemma))]
        return json.dumps({"cues": rows, **meta}, indent=1) + "\n"

    @classmethod
    def read(cls, path: Path) -> LearnedCues:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({(r["lemma"], r["pos"]): Cue(r["lemma"], r["pos"], r["category"], int(r["coded"]), int(r["seen"]))
                    for r in data["cues"]})


#: loaded cue sets by path (``None``: the file is absent); the fitting script sets entries
_LOADED: dict[Path, LearnedCues | None] = {}


def shipped() -> LearnedCues | None:
    """The shipped cues (``CUES_FILE``), read once; ``None`` when the file is absent."""
    if CUES_FILE not in _LOADED:
        if CUES_FILE.exists():
            _LOADED[CUES_FILE] = LearnedCues.read(CUES_FILE)
        else:
            log.warning("learned_cues.USE is on but %s is missing: no learned cues", CUES_FILE)
            _LOADED[CUES_FILE] = None
    return _LOADED[CUES_FILE]


def derived_key(lem: str, pos: str, lexicon: Lexicon) -> str:
    """``~CATEGORY`` when the lexicon holds ``lem`` under the other part of speech (a noun's
    lemma as a curated or CAMEO verb, a verb's lemma as a one-word event noun), else ``""``."""
    code = lexicon.verb(lem) if pos == "noun" else lexicon.nouns.get((lem,))
    return f"~{code.category}" if code is not None and code.category != "NONE" else ""


def _cue_word(token: Token) -> bool:
    """A word that may carry a learned cue: not a reporting verb, not a participle used as a modifier."""
    if token.pos_ == "VERB":
        return lemma(token) not in REPORTING and not _adjectival(token)
    return token.pos_ == "NOUN"


def extend(sent: Span, found: list[Trigger], cues: LearnedCues | None = None,
           lexicon: Lexicon | None = None) -> list[Trigger]:
    """``found`` (the lexicon's triggers of ``sent``) with a trigger on every uncovered word of an
    admitted cue (``lexicon`` gives the class cues), absorption applied again; ``found`` itself
    when no cue applies."""
    cues = cues if cues is not None else shipped()
    covered = {t.i for trig in found for t in trig.tokens}
    if RECORD is not None:
        head = sent.doc.text[:64]
        RECORD.extend((head, t.idx, t.idx + len(t), lemma(t), POS_CLASS[t.pos_], t.i in covered)
                      for t in sent if t.pos_ in POS_CLASS)
    if cues is None or not cues.cues:
        return found
    extra = []
    for token in sent:
        if token.i in covered or not _cue_word(token):
            continue
        code = cues.code(token, lexicon)
        if code is not None:
            extra.append(Trigger(token, [token], code, "verb" if token.pos_ == "VERB" else "noun"))
    if not extra:
        return found
    return _absorb(sorted([*found, *extra], key=lambda t: t.start))
