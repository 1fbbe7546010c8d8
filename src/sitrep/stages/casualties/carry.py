"""The learned carry: does a figure without a source of its own take an earlier sentence's source?

The coding guide's rule 2 (``docs/coding-guide-casualties.md``, ``attributed_to``): a figure
whose sentence names no source and that *continues* the previous sentence's attributed
statement takes that source. Continuation has no one surface word ("Another four were
injured" continues; "Four more died in a separate strike the next day, the ministry said"
does not; "Since Thursday bombing has killed 44" may), and rules by continuation words
over-fired on the check half (``casualties21``, docs/benchmarks.md). Here the decision is a
logistic regression over features of the parse and the layout:

- a **candidate** is a figure whose own sentence yields no source (the sentence's cues, a
  headline credit, a quote's speaker) and one of the ``CARRY_DISTANCE`` sentences before it,
  in the same paragraph, names a source the stage reads (its pronouns already replaced by the
  nearest earlier full mention, ``extract._sentence_sources``; descriptions keep their words);
  the nearest such sentence gives the candidate source, its last source;
- ``carry_features`` describes the pair: the cues of continuation the extractor already reads
  (an elliptic or partitive count, "another five" first in the sentence, "also" or an opening
  "And", "The attacks" as subject), each and together with the figure's scope (the rule this
  replaces carried incident figures only); markers of a small closed class in the figure's
  phrase; whether the figure's sentence has its own reporting verb or a quotation, opens on
  "And", "Among", a pronoun subject, a date or a round-up word, names a place the source's
  sentence does not; how far back the source is; whether the source's sentence reports a
  figure of the same kind, none at all, or is a denial or a blame. Sentence length, the
  figure's kind and its position were measured as features and left out (leave one wave out,
  docs/benchmarks.md).

Ahead of the model, a count sentence's opening decides two elliptical forms (``openings``: one
that continues the previous statement by a conjunction or an additive opener carries; one that
opens a new scene — a place or a day its source's sentence does not name — does not); the model
is fitted on, and decides, the other candidates.

``CarryModel`` (fitted by ``scripts/train_casualty_carry.py`` on the tune half only; threshold
and regularisation chosen out of fold, leave one wave out) carries when its probability
reaches the threshold. The model ships as plain JSON (``src/sitrep/models/casualty_carry.json``);
when the file is missing the extractor falls back to the rule it replaced (``CarryCandidate.rule``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...sparse_model import SparseLogistic
from .tokens import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

CARRY_MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "casualty_carry.json"

#: how many sentences back a candidate source may stand (the nearest sourced one). On tune the gold
#: carries 2 of 54 sources two sentences back; fitted with them the model decides 136 of 156
#: candidates right leaving one wave out, with one sentence back only 133 (the rule 134)
CARRY_DISTANCE = 2
#: continuation markers, the closed class of the guide's examples ("more" not as "more than N")
MARKERS = frozenset({"another", "other", "others", "more", "also", "further", "including", "additional"})
#: words a sentence that counts a part of a group already named opens on ("Among those killed were")
PARTITIVE_OPENERS = frozenset({"among", "of"})
#: subject pronouns a sentence may open on ("He was killed along with ...")
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
#: statements about something else than a toll: the source's sentence denies or blames
DENIALS = frozenset({"deny", "blame", "accuse", "condemn", "dismiss", "reject", "refute"})


@dataclass(frozen=True, slots=True)
class CarryCandidate:
    """A figure without a source of its own and the source an earlier sentence offers it."""

    #: the figure's phrase (document offsets), kind and value; the offered source's offsets and label
    start: int
    end: int
    kind: str
    value: int
    source_start: int
    source_end: int
    source_label: str
    #: ``carry_features`` of the pair
    features: Mapping[str, float]
    #: what the rule this model replaced decided (main's continuation cues, incident figures,
    #: the previous sentence only): the fallback when no model is shipped, and the baseline
    rule: bool
    #: what the sentence's discourse decides ahead of the model (``openings.CONTINUES``,
    #: ``openings.NEW_SCENE``), or None: the model decides
    discourse: str | None = None


@dataclass(frozen=True, slots=True)
class CarryContext:
    """What the features read of the figure and of the offering sentence."""

    sent: Span
    source_sent: Span
    distance: int
    kind: str
    scope: str
    #: the figure's phrase (first and last token) and the previous-rule cues the extractor read
    phrase: tuple[int, int]
    subset: bool
    ellipsis: bool
    points_back: bool
    #: the sentence's first figure continues a count ("Another five", "17 other civilians", "22 of
    #: the jihadists"); the sentence has a word that continues a statement ("also", an opening "And")
    continuing_first: bool
    continues: bool
    #: (kind, scope) of the figures of the offering sentence
    source_figures: tuple[tuple[str, str], ...]
    #: the figure's sentence opens on a time expression; names a place the source sentence does not
    opens_date: bool
    new_place: bool


def carry_features(ctx: CarryContext, reporting_verbs: frozenset[str],
                   roundup_openers: Sequence[tuple[str, ...]]) -> dict[str, float]:
    """Features of one candidate (see the module docstring); names only, no article strings."""
    sent, cols = ctx.sent, columns(ctx.sent.doc)
    first, last = ctx.phrase
    lower, lemma, pos = cols.lower, cols.lemma, cols.pos
    words = lower[sent.start:sent.end]
    near = {lower[i] for i in range(max(first - 2, sent.start), min(last + 1, len(lower)))
            if not (lower[i] == "more" and i + 1 < len(lower) and lower[i + 1] == "than")}
    src = ctx.source_sent
    cues = {"continues": ctx.continues, "continuing_first": ctx.continuing_first, "subset": ctx.subset,
            "ellipsis": ctx.ellipsis, "points_back": ctx.points_back}
    flags = {
        **cues,
        "marker_phrase": bool(near & MARKERS),
        "opens_and": bool(words) and words[0] == "and",
        "opens_partitive": bool(words) and words[0] in PARTITIVE_OPENERS,
        "opens_pronoun": bool(words) and words[0] in SUBJECT_PRONOUNS,
        "opens_date": ctx.opens_date,
        "own_verb": any(lemma[i] in reporting_verbs for i in range(sent.start, sent.end)
                        if pos[i] in ("VERB", "AUX", "NOUN")),
        "quote": any(cols.is_quote[sent.start:sent.end]),
        "roundup": any(tuple(words[:len(ph)]) == ph for ph in roundup_openers),
        "new_place": ctx.new_place,
        "src_same_kind": any(k == ctx.kind for k, _ in ctx.source_figures),
        "src_no_figure": not ctx.source_figures,
        "src_denial": any(w in DENIALS for w in columns(src.doc).lemma[src.start:src.end]),
    }
    f = {f"dist={ctx.distance}": 1.0, f"scope={ctx.scope}": 1.0}
    f.update({k: 1.0 for k, v in flags.items() if v})
    if any(cues.values()):  # a cue of continuation, and the same with the figure's scope
        f["any_cue"] = 1.0
        f[f"any_cue|scope={ctx.scope}"] = 1.0
    return f


@dataclass(frozen=True, slots=True)
class CarryModel(SparseLogistic):
    """P(the figure takes the offered source | carry features) and the threshold that carries."""

    def decide(self, candidate: CarryCandidate) -> bool:
        """The discourse decision when there is one (``openings.decide``, ahead of the model), else
        the model's."""
        if candidate.discourse is not None:
            return candidate.discourse == "continues"
        return self.probability(candidate.features) >= self.threshold


def load_carry_model(path: Path | None = None) -> CarryModel | None:
    """The shipped model, or None (logged) when its file is missing: the old rule decides."""
    return CarryModel.load(path or CARRY_MODEL_PATH, without="the previous-sentence carry by its rule")


def same_paragraph(text: str, start: int, end: int) -> bool:
    """No blank line (a paragraph break) between two offsets of the text."""
    return "\n\n" not in text[start:end] and "\r\n\r\n" not in text[start:end]
