"""The check halves, read once at the end (issue 13, branch events67): the FA-KES events gold's ``check``
split and PLOVER GSR dev's check part, ``attribution.SOURCE_NOT_PARTY`` off and on. For the report only:
nothing is chosen from it.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_source_not_party_check.py``.
"""

from __future__ import annotations

from common import shared_dir  # noqa: E402  (puts the repository's src on sys.path)
from events_backing import check_half  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import attribution  # noqa: E402
from sitrep.stages.events.scorer import plover_split, read_gold  # noqa: E402
from sitrep.stages.events.scorer import score as score_events  # noqa: E402

KEYS = ("event_f1", "matched", "actor_accuracy", "recipient_accuracy", "recipient_f1", "place_accuracy",
        "status_accuracy")


def main() -> None:
    recs = [r for i, r in enumerate(read_gold(shared_dir() / "events" / "plover_gsr_dev.jsonl"))
            if plover_split(i) == "check"]
    golds = [GoldText(str(r.get("id", i)), r["text"]) for i, r in enumerate(recs)]

    def plover_check(label: str) -> None:
        p = score_events(recs, run_documents(build_for(get_task("events")), golds).analyses)
        print("PLOVER dev check", label, {k: p[k] for k in ("category_accuracy", "actor_f1", "recipient_f1", "n")},
              flush=True)

    check_half(attribution, "SOURCE_NOT_PARTY", KEYS, "FA-KES check", plover_check)


if __name__ == "__main__":
    main()
