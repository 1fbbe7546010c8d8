"""Entity-marker input encoding of the fine-tuned MiniLM model (shared by training and inference):
the target-dependent sentiment classifier (framing).

A target mention inside a sentence becomes one WordPiece sequence::

    [CLS] words before [unused0] target words [unused1] words after [SEP]

The two unused vocabulary entries mark the target (entity-marker encoding, as in
relation classification); the classifier reads the hidden states of ``[CLS]`` and
of the opening marker. Training (``scripts/train_sentiment.py``) and inference
(``sentiment.TargetSentimentModel``) both call :func:`encode_target`, so the two
can never drift apart. It lives outside both stage packages so that
importing it takes neither stage's word lists into the other's version. Only the ``tokenizers``
package is needed here (no torch).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from tokenizers import Tokenizer

CLS_ID = 101
SEP_ID = 102
PAD_ID = 0
OPEN_ID = 1  # "[unused0]" in the uncased BERT vocabulary
CLOSE_ID = 2  # "[unused1]"
#: longest sequence fed to the model; the context is cut around the target beyond it
MAX_LEN = 128

#: class index -> label (the order of the classifier's outputs)
LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class Encoded:
    """One encoded (sentence, target) pair: token ids and the opening marker's index."""

    ids: list[int]
    marker: int


def prepare_tokenizer(tokenizer: Tokenizer) -> Tokenizer:
    """Switch off the padding/truncation a shipped ``tokenizer.json`` may carry."""
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def encode_target(tokenizer: Tokenizer, sentence: str, start: int, end: int,
                  max_len: int = MAX_LEN) -> Encoded:
    """Encode ``sentence`` with the target span ``[start, end)`` between the two markers."""
    enc = tokenizer.encode(sentence, add_special_tokens=False)
    return encode_tokens(enc.ids, enc.offsets, start, end, max_len)


def encode_tokens(ids: Sequence[int], offsets: Sequence[tuple[int, int]], start: int, end: int,
                  max_len: int = MAX_LEN) -> Encoded:
    """:func:`encode_target` from the sentence's WordPiece ids and character offsets (tokenized
    once for all the targets of one sentence)."""
    before: list[int] = []
    inside: list[int] = []
    after: list[int] = []
    for tid, (s, e) in zip(ids, offsets, strict=True):
        if e <= start:
            before.append(tid)
        elif s >= end:
            after.append(tid)
        else:
            inside.append(tid)
    budget = max_len - 4 - len(inside)
    if budget < 0:  # an absurdly long target: keep its beginning
        inside = inside[: max_len - 4]
        budget = 0
    if len(before) + len(after) > budget:
        # keep the context nearest the target, split evenly between both sides
        keep_before = min(len(before), max(budget // 2, budget - len(after)))
        keep_after = budget - keep_before
        before = before[len(before) - keep_before:]
        after = after[:keep_after]
    ids = [CLS_ID, *before, OPEN_ID, *inside, CLOSE_ID, *after, SEP_ID]
    return Encoded(ids=ids, marker=1 + len(before))


def pad_batch(batch: list[Encoded]) -> tuple[list[list[int]], list[list[int]], list[int]]:
    """Right-pad a batch: (ids, attention mask, marker positions) as plain lists."""
    width = max(len(e.ids) for e in batch)
    ids = [e.ids + [PAD_ID] * (width - len(e.ids)) for e in batch]
    mask = [[1] * len(e.ids) + [0] * (width - len(e.ids)) for e in batch]
    return ids, mask, [e.marker for e in batch]
