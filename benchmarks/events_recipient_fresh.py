"""The learned recipient as shipped, on the newest fresh wave: on against off (issue 13, branch events51).

``events49`` ran the frozen model of ``events45`` on wave 19 (``events_recipient_frozen.py``); the
lead then switched ``recipient_model.LEARNED_RECIPIENTS`` on and refitted the model on all 150 tune
articles. This script gives the first fresh reading of the switch **as shipped**: the last wave of
``events_side_missing.WAVES`` (coded and committed before sitrep ran on it) is run once with the
switch on (main as it is) and once off, and the events whose recipient changed are listed as gained,
lost or wrong to wrong, by the kind of party given (``events_recipient_frozen.kind``) and whether the
coder has a recipient. Nothing is fitted or chosen; the model file's sha256 is recorded.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_recipient_fresh.py``
(well under a minute for a wave of eight). Writes ``benchmarks/results/events_recipient_fresh.json``.
"""

from __future__ import annotations

import hashlib
import json

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_frozen import changes, newest_wave, on_and_off, right_count  # noqa: E402

from sitrep.stages.events import recipient_model  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    score_articles,
)

OUT = REPO / "benchmarks" / "results" / "events_recipient_fresh.json"
KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "gold_events",
        "actor_accuracy", "actor_strict_accuracy", "recipient_accuracy", "recipient_strict_accuracy",
        "recipient_f1", "place_accuracy", "status_accuracy", "date_accuracy", "predicted_per_gold")


def main() -> None:
    digest = hashlib.sha256(recipient_model.MODEL_FILE.read_bytes()).hexdigest()
    saved = recipient_model.LEARNED_RECIPIENTS
    last, fresh, docs = newest_wave()
    runs = on_and_off(docs)
    scores = {label: score_articles(fresh, an)["tune"] for label, an in runs.items()}
    counts, items = changes(fresh, runs)
    right = {label: right_count(scores[label], "recipient_accuracy") for label in ("on", "off")}
    strict = {label: right_count(scores[label], "recipient_strict_accuracy") for label in ("on", "off")}
    result = {"model_sha256": digest, "shipped_switch": saved, "wave": last, "articles": [a.document for a in fresh],
              "on": {k: scores["on"][k] for k in KEYS}, "off": {k: scores["off"][k] for k in KEYS},
              "right_recipients": right, "strict_right_recipients": strict, "gain": right["on"] - right["off"],
              "changed": counts, "items": items}
    for label in ("on", "off"):
        print(label, result[label])
    print("right recipients", right, "strict", strict, "gain", result["gain"])
    print("changed", json.dumps(counts))
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
