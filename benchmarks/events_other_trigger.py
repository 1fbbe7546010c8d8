"""FA-KES hand-coded events, tune half: the "other trigger" actor misses, by where the coder's
trigger is lost (issue 13, event recognition).

An "other trigger" miss (``events_actor_misses.py``): the gold event is matched, by category and
sentence, to a predicted event with another trigger, so its roles are another event's. Each is put
in the first sub-class that applies, by what became of a trigger over the coder's word in the
events stage (recorded while the stage runs):

* ``d matching``: a predicted event of the gold category has the coder's trigger, and the
  one-to-one matching paired the gold event with another;
* ``b record``: a candidate of the gold category over the word was built and survived the
  merging, and the record rule left it out;
* ``b merged``: such a candidate was merged into another mention of its category in the sentence
  (``assemble.merge_mentions``);
* ``b content``: such a candidate was left out as the content or purpose of another event
  (``assemble.drop_contents``);
* ``c other category``: the word is a trigger, with another category;
* ``b absorbed``: the word was a trigger and was absorbed into another's complement or filtered
  (part of a name, figurative, a state of control);
* ``a no trigger``: the word is no event trigger for sitrep.

``--show`` prints each miss with its sentence. Reads the tune half only.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_other_trigger.py [--show]``.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from events_actor_misses import classify, tune_matches  # noqa: E402  (its ``common`` puts the repository's src on sys.path)

import sitrep.stages.events.stage as stage_module  # noqa: E402
import sitrep.stages.events.triggers as triggers_module  # noqa: E402
from sitrep.nlp import load_nlp  # noqa: E402

#: characters of text kept on each side of a recorded trigger (to find it again in the gold text,
#: whose offsets may differ from the ingested text's)
WINDOW = 25
#: step -> the (context, start, end, category) of every trigger or candidate seen at that step
SEEN: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)


def _record(step: str, trigger: Any, category: str) -> None:
    text = trigger.anchor.doc.text
    lo, hi = max(0, trigger.start - WINDOW), min(len(text), trigger.end + WINDOW)
    SEEN[step].append((" ".join(text[lo:hi].split()), trigger.start - lo, trigger.end - lo, category))


def _wrap(module: Any, name: str, step_in: str | None, step_out: str, of: Callable[[Any], tuple[Any, str]]) -> None:
    """Record what goes into and comes out of ``module.name`` (a list of triggers or candidates)."""
    inner = getattr(module, name)

    def recorded(items: list[Any]) -> list[Any]:
        for item in items if step_in else ():
            _record(step_in or "", *of(item))
        out = inner(items)
        for item in out:
            _record(step_out, *of(item))
        return list(out)

    setattr(module, name, recorded)


def _steps_over(text: str, lo: int, hi: int, category: str) -> set[str]:
    """The steps at which a trigger or candidate over the gold text's chars [lo, hi) was seen
    (with ``category``, or with another, marked ``other:``)."""
    out = set()
    for step, items in SEEN.items():
        for context, start, end, cat in items:
            pos = text.find(context)
            if pos >= 0 and pos + start < hi and lo < pos + end:
                out.add(step if cat == category else f"other:{step}")
    return out


def subclass(steps: set[str], predicted_here: bool) -> str:
    """The sub-class of an "other trigger" miss from the steps its word was seen at."""
    if predicted_here:
        return "d matching"
    for step, name in (("merged", "b record"), ("kept", "b merged"), ("built", "b content")):
        if step in steps:
            return name
    if steps & {"other:built", "other:found"}:
        return "c other category"
    return "b absorbed" if steps else "a no trigger"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every miss with its sentence")
    args = parser.parse_args()
    trig = lambda t: (t, t.code.category)  # noqa: E731
    cand = lambda c: (c.trigger, c.category)  # noqa: E731
    _wrap(triggers_module, "_absorb", "raw", "found", trig)
    _wrap(stage_module, "drop_contents", "built", "kept", cand)
    _wrap(stage_module, "merge_mentions", None, "merged", cand)
    nlp = load_nlp()
    tally: Counter[str] = Counter()
    for m in tune_matches():
        g, p, text = m.gold, m.predicted, m.text
        if m.right or classify(g, p, m.actors, m.spans, text, nlp) != "other trigger":
            continue
        here = any(e.category == g.category and e.trigger_start is not None and e.trigger_end is not None
                   and e.trigger_start < g.trigger[1] and g.trigger[0] < e.trigger_end for e in m.analysis.events)
        cls = subclass(_steps_over(text, *g.trigger, g.category), here)
        tally[cls] += 1
        if args.show:
            print(f"{cls} {m.document} gold {text[g.trigger[0]:g.trigger[1]]!r} {g.category}, "
                  f"matched {p.trigger!r}\n    {text[g.sentence[0]:g.sentence[1]][:260]!r}")
    print(f"other-trigger actor misses {sum(tally.values())}")
    for key, n in tally.most_common():
        print(key, n)


if __name__ == "__main__":
    main()
