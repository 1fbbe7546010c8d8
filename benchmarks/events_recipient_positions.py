"""FA-KES hand-coded events, tune half: the recipient misses by where the coder's recipient sits (issue 13).

``events_recipient_misses.py`` classes a miss by its cause (another trigger's event, a swap, no
mention, a victim noun the lexicon lacks …). This script classes the same misses by **where the
coder's recipient sits against the trigger** in the parse, and says for each what sitrep gave
(``missing``: no recipient; ``wrong``: others only; ``partial``: some right; ``extra``: the coder
has none) and whether the actor stage made a mention there (``mention``: an actor mention overlaps
the coder's recipient, so the events stage had something to link). Positions (the first that
applies to the coder's first recipient in the sentence):

* ``none given``: the coder has no recipient (sitrep's is extra);
* ``carried``: the coder took every recipient from the text around;
* ``other trigger``: the matched prediction is another trigger's event (recognition, not roles);
* ``place for its people``: the coder's recipient span is a toponym of the sentence (a town or
  state standing for the people or forces there);
* ``object``: a direct object of the trigger (``dobj``/``obj``/``attr``, or a verb trigger's
  ``dative``); ``passive subject``: the trigger's ``nsubjpass``; ``subject``: the trigger's
  ``nsubj`` (a verb of undergoing: "X came under fire", or a swap);
* ``prep:<word>``: the object of a preposition hanging on the trigger ("attack on X", "strikes
  against X", "fired at X", "killing of X");
* ``possessor``: a possessive, compound or adjectival modifier of the trigger noun ("X's
  bombardment", "regime shelling" read the other way);
* ``casualty clause``: an argument of a harm verb (kill, wound, injure …) that is not the trigger;
* ``owner of the target``: a modifier of the noun the act is done to ("army posts");
* ``other clause``: an argument of another verb;
* ``deeper``: on the trigger's subtree but further down (an object's complement, an apposition);
* ``other``: none of these (no parse path, or elsewhere in the sentence).

``--role actor`` (branch events49) classes the **actor** misses the same way, by where the coder's
first own actor sits (``none given``: the coder has no actor; ``subject``, ``prep:by`` for a
passive's agent, ``possessor`` for "regime shelling" are the usual places of a doer).

Reads the tune half only (``sitrep eval events`` scores the check half); waves as
``events_side_missing.WAVES`` (the per-wave counts are indexed by wave, 0 = the first 24 articles).
``--show`` prints each miss.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_recipient_positions.py
[--show] [--role recipient|actor]``. Writes ``benchmarks/results/events_recipient_positions.json``
(``events_actor_positions.json`` for actors).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import names, tune_matches  # noqa: E402
from events_recipient_misses import (  # noqa: E402
    _governor,
    _root_of,
    _token_at,
    kind_of,
    tune_wave_by_document,
)

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.stages.events.article_scorer import GoldEvent, _pairs  # noqa: E402
from sitrep.stages.events.lexicon import HARM_VERBS  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_recipient_positions.json"
OUT_ACTOR = OUT.with_name("events_actor_positions.json")
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "dative", "oprd"})
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


def position(gold: GoldEvent, sent: Any, s0: int, trig: Any, places: list[tuple[int, int]],
             role: str = "recipient") -> str:
    """Where the coder's first own recipient (or actor, ``role``) sits against the trigger token ``trig``."""
    own = [g for g in entities(gold, role) if not g.from_context]
    g = own[0]
    if any(a < g.end and g.start < b for a, b in places):
        return "place for its people"
    root = _root_of(sent, g.start - s0, g.end - s0)
    if root is None or trig is None:
        return "other"
    if root.head.i == trig.i:
        if root.dep_ in OBJECT_DEPS:
            return "object"
        if root.dep_ == "nsubjpass":
            return "passive subject"
        if root.dep_ == "nsubj":
            return "subject"
        if root.dep_ in MODIFIER_DEPS:
            return "possessor"
        if root.dep_ == "agent":
            return "prep:by"
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent") and root.head.head.i == trig.i:
        return "prep:" + root.head.lower_
    if root.dep_ == "conj":  # a conjunct takes its first conjunct's place
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.head.i == trig.i and first.dep_ in OBJECT_DEPS:
            return "object"
        if first.dep_ == "pobj" and first.head.head.i == trig.i:
            return "prep:" + first.head.lower_
    if (root.dep_ in MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != trig.i
            and (root.head.head.i == trig.i or (root.head.dep_ == "pobj" and root.head.head.head.i == trig.i))):
        return "owner of the target"
    gov = _governor(root)
    if gov is not None and gov.i != trig.i and gov.pos_ in ("VERB", "AUX"):
        return "casualty clause" if gov.lemma_.lower() in HARM_VERBS else "other clause"
    if trig in root.ancestors:
        return "deeper"
    return "other"


def entities(gold: GoldEvent, role: str) -> list[Any]:
    """The coder's parties of ``role`` (``recipient`` or ``actor``)."""
    return list(gold.recipients if role == "recipient" else gold.actors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every miss with its sentence")
    parser.add_argument("--role", choices=("recipient", "actor"), default="recipient",
                        help="class the recipient misses (default) or the actor misses")
    args = parser.parse_args()
    role = args.role
    nlp = load_nlp()
    tally: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    with_mention: Counter[str] = Counter()
    per_wave: dict[str, Counter[int]] = defaultdict(Counter)
    wave = tune_wave_by_document()
    matched = 0
    for m in tune_matches():
        matched += 1
        g, p = m.gold, m.predicted
        pred, gold_list = (p.recipients, g.recipients) if role == "recipient" else (p.actors, g.actors)
        tp = _pairs(pred, gold_list, m.actors, m.spans)
        if tp == len(pred) == len(gold_list):
            continue
        covered = [s for ss in m.spans.values() for s in ss]
        own = [r for r in gold_list if not r.from_context]
        mention = bool(own) and any(s < r.end and r.start < e for s, e in covered for r in own)
        if not gold_list:
            cls = "none given"
        elif not own:
            cls = "carried"
        elif not m.same_trigger:
            cls = "other trigger"
        else:
            s0, s1 = g.sentence
            sent = nlp(m.text[s0:s1])[:]
            trig = _token_at(sent, g.trigger[0] - s0)
            places = [(pl.start, pl.end) for pl in getattr(m.analysis, "places", [])
                      if getattr(pl, "start", None) is not None]
            cls = position(g, sent, s0, trig, places, role)
        tally[cls] += 1
        kind = kind_of(g, p, m.actors, m.spans) if role == "recipient" else actor_kind(tp, pred, gold_list)
        kinds[cls][kind] += 1
        with_mention[cls] += mention
        per_wave[cls][wave[m.document]] += 1
        if args.show:
            print(f"{cls} [{kind}{', mention' if mention else ''}] {m.document} "
                  f"{m.text[g.trigger[0]:g.trigger[1]]!r} G{role[0].upper()}={[e.text for e in gold_list]} "
                  f"R={names(p.recipients, m.actors)} S={names(p.actors, m.actors)}\n"
                  f"    {m.text[g.sentence[0]:g.sentence[1]][:260]!r}")
    print(f"matched {matched}, {role} misses {sum(tally.values())}")
    for key, n in tally.most_common():
        print(f"{key}: {n} ({dict(kinds[key])}; mention there: {with_mention[key]}) "
              f"waves {sorted(per_wave[key].items())}")
    out = OUT if role == "recipient" else OUT_ACTOR
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"matched": matched, "misses": sum(tally.values()),
                               "positions": {k: {"events": n, "mention": with_mention[k], **kinds[k]}
                                             for k, n in tally.most_common()},
                               "per_wave": {k: dict(sorted(v.items())) for k, v in per_wave.items()}},
                              indent=1) + "\n", encoding="utf-8")


def actor_kind(tp: int, pred: list[str], gold: list[Any]) -> str:
    """What sitrep gave against the coder's actors, as ``kind_of`` says it for recipients:
    ``missing`` (none), ``extra`` (the coder has none), ``partial`` (some right), ``wrong``."""
    if not pred:
        return "missing"
    if not gold:
        return "extra"
    return "partial" if tp else "wrong"


if __name__ == "__main__":
    main()
