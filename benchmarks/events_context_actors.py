"""FA-KES hand-coded events, tune half: the events whose doer the coder took from the surrounding
text, and what sitrep gave them (issue 13, context actors).

For every matched pair on the ``tune`` half it counts, separately for gold events whose actor the
coder resolved from context (``from_context``) and for the rest: actor right, actor missing,
actor given where the coder has none. ``--show`` prints the context events with their sentence.
Refuses the check half (it is for reporting: ``sitrep eval events`` scores it).

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/events_context_actors.py [--show]``.
"""

from __future__ import annotations

import argparse
from collections import Counter

from events_actor_misses import names, tune_matches  # noqa: E402  (its ``common`` puts the repository's src on sys.path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the tune half's context events")
    args = parser.parse_args()
    tally: Counter[str] = Counter()
    for m in tune_matches():
        g, p, text = m.gold, m.predicted, m.text
        group = "context" if any(e.from_context for e in g.actors) else "own" if g.actors else "none"
        tally[f"{group}:{'right' if m.right else 'missing' if not p.actors else 'wrong'}"] += 1
        if args.show and group == "context":
            print(f"{'+' if m.right else '-'} {m.document} {text[g.trigger[0]:g.trigger[1]]!r} "
                  f"G={[e.text for e in g.actors]} S={names(p.actors, m.actors)}\n"
                  f"    {text[g.sentence[0]:g.sentence[1]][:240]!r}")
    for key in sorted(tally):
        print(key, tally[key])


if __name__ == "__main__":
    main()
