"""Reading NewsMTSC files (target-dependent sentiment in news, JSON Lines).

Each line: ``primary_gid``, ``sentence_normalized`` and ``targets`` with
``from``/``to`` character offsets into the sentence and ``polarity`` 2.0/4.0/6.0
(negative/neutral/positive). One :class:`TargetExample` per target.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ...errors import EvalError

POLARITY: dict[float, str] = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


@dataclass(frozen=True, slots=True)
class TargetExample:
    """One target mention in one sentence with its gold polarity."""

    sentence_id: str
    sentence: str
    start: int
    end: int
    mention: str
    label: str


def read_newsmtsc(path: Path) -> list[TargetExample]:
    """All targets of a NewsMTSC ``.jsonl`` file, in file order."""
    examples: list[TargetExample] = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                sentence = row["sentence_normalized"]
                for target in row["targets"]:
                    examples.append(TargetExample(
                        sentence_id=str(row["primary_gid"]),
                        sentence=sentence,
                        start=int(target["from"]),
                        end=int(target["to"]),
                        mention=str(target["mention"]),
                        label=POLARITY[float(target["polarity"])],
                    ))
            except (KeyError, ValueError, TypeError) as exc:
                raise EvalError(
                    f"{path}:{lineno} is not a NewsMTSC record ({exc!r}); expected keys "
                    f"primary_gid, sentence_normalized, targets[from, to, mention, polarity]."
                ) from exc
    return examples
