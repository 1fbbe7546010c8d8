"""FA-KES hand-coded events, tune half: the recipient misses on matched events, by class (issue 13).

For every matched pair of the ``tune`` half whose recipients are not right, one class (the first
that applies, in this order):

* ``other trigger``: the predicted event matched to the gold one (same category, same sentence)
  has another trigger: its roles are another event's (an event recognition miss, not a role one);
* ``swap``: a predicted recipient is a gold actor, or a predicted actor the gold recipient
  (reversed roles: "came under attack from X", "was hit by");
* ``extra``: the coder has no recipient and sitrep gives one; split by what the extra one is:
  ``extra:place`` (a state or place: the place's state, a town read as a party) or ``extra:party``;
* ``carried``: the coder took every recipient from the text around (none in the sentence);
* ``victims: …``: the coder's recipient in the sentence is unaffiliated people (sector CVL) and
  sitrep gives no civilians: the stage's victim reader (``arguments.victims``) did not read them.
  The sub-class is ``noun not listed`` (the head noun is not in the lexicon's ``victim_nouns``:
  "medics", "commanders") or the dependency path from the victim up to its common head with the
  trigger and down to the trigger ("dobj>kill<nsubj": "the blast killed four people");
* ``no mention``: the coder's recipient in the sentence is no actor mention of the analysis (the
  actor stage found no party there, so the events stage had nothing to link);
* ``owner of the target``: the coder's recipient modifies the noun the act is done to ("army
  positions", "IS military vehicles", "oil refining stations for ISIS");
* ``victims of the harm verb``: the coder's recipient is an argument of a harm verb (kill, wound,
  injure, …) that is not the trigger ("Shelling … killed 10 civilians" with "Shelling" the
  trigger; "an air strike killed 15 civilians");
* ``other clause``: the coder's recipient is an argument of another verb than the trigger (a
  relative, purpose or second clause);
* ``own argument``: the coder's recipient is the trigger's own argument (its object, a
  prepositional object, a noun's complement) and sitrep did not link it;
* ``other``.

Within each class ``missing`` (sitrep gives none), ``wrong`` and ``partial`` are counted. The
parse is spaCy's (the events stage's pipeline model) of the event's sentence. Reads the tune
half only (``sitrep eval events`` scores the check half); ``--waves`` adds the counts per wave
(``events_side_missing.WAVES``). ``--show`` prints each miss.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_recipient_misses.py
[--show] [--waves]``. Writes ``benchmarks/results/events_recipient_misses.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import names, tune_matches  # noqa: E402

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.records import Actor, Event  # noqa: E402
from sitrep.stages.events.article_scorer import GoldEvent, _pairs  # noqa: E402
from sitrep.stages.events.lexicon import HARM_VERBS  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_recipient_misses.json"
#: the actor kinds that are places or states (an extra recipient of that kind is a place read as a party)
PLACE_KINDS = frozenset({"state", "place", "location", "city", "region"})
#: dependency labels by which a word modifies the noun acted on (its owner)
OWNER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
#: labels walked up from a noun to the verb or noun it is an argument of
UP_DEPS = frozenset({"pobj", "prep", "conj", "cc", "appos", "compound", "amod", "nummod", "quantmod", "det",
                     "nmod", "poss", "npadvmod"})


def _token_at(sent, pos: int):  # type: ignore[no-untyped-def]
    return next((t for t in sent if t.idx <= pos < t.idx + len(t.text) + 1), None)


def _root_of(sent, lo: int, hi: int):  # type: ignore[no-untyped-def]
    """The head token of the words in chars [lo, hi) of the sentence (the one whose head is outside)."""
    words = [t for t in sent if lo <= t.idx < hi]
    if not words:
        return None
    inside = {t.i for t in words}
    return next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])


def _governor(tok):  # type: ignore[no-untyped-def]
    """The verb (or, for a noun's complement, the noun) the noun phrase headed by ``tok`` is an
    argument of: walk up through prepositions, conjuncts and appositions."""
    node = tok
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if node.dep_ not in UP_DEPS:
            return head
        node = head
    return None


def path(tok, trig) -> str:  # type: ignore[no-untyped-def]
    """The dependency labels from ``tok`` up to its lowest common head with ``trig``, then down
    to ``trig`` ("dobj>killed<nsubj" for "the strike killed four people")."""
    up = [tok, *tok.ancestors]
    down = [trig, *trig.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return "?"
    a = [t.dep_ for t in up[:up.index(common)]]
    b = [t.dep_ for t in down[:down.index(common)]]
    return ">".join(a) + f">{common.lemma_.lower()}<" + "<".join(reversed(b))


def _victim_shape(sent, trig, g, s0: int) -> str:  # type: ignore[no-untyped-def]
    """How a victim the stage did not read hangs on the trigger: a victim noun the lexicon does not
    list, the trigger's own argument, through a harm verb, through another verb, or no parse path."""
    from sitrep.stages.events.lexicon import VICTIM_NOUNS

    root = _root_of(sent, g.start - s0, g.end - s0)
    if root is None or trig is None:
        return "no parse"
    words = [t for t in sent if g.start - s0 <= t.idx < g.end - s0]
    if not any(t.lemma_.lower() in VICTIM_NOUNS or t.lower_.rstrip("s") in VICTIM_NOUNS for t in words):
        return "noun not listed"
    return path(root, trig)


def classify(gold: GoldEvent, pred: Event, actors: dict[str, Actor], spans: dict[str, list[tuple[int, int]]],
             text: str, nlp: Any) -> str:
    """The class of a recipient miss on the matched pair (``gold``, ``pred``) (the module's list)."""
    start = pred.trigger_start if pred.trigger_start is not None else pred.evidence.start
    end = pred.trigger_end if pred.trigger_end is not None else start + 1
    if not (start < gold.trigger[1] and gold.trigger[0] < end):
        return "other trigger"
    if (_pairs(pred.recipients, gold.actors, actors, spans) or _pairs(pred.actors, gold.recipients, actors, spans)):
        return "swap"
    if not gold.recipients:
        kinds = {actors[a].kind for a in pred.recipients if a in actors}
        return "extra:place" if kinds & PLACE_KINDS else "extra:party"
    own = [g for g in gold.recipients if not g.from_context]
    if not own:
        return "carried"
    s0, s1 = gold.sentence
    sent = nlp(text[s0:s1])[:]
    trig = _token_at(sent, gold.trigger[0] - s0)
    victims = [g for g in own if g.sector == "CVL"]
    if victims and not any(actors[a].sector == "CVL" for a in pred.recipients if a in actors):
        return "victims: " + _victim_shape(sent, trig, victims[0], s0)
    covered = [s for ss in spans.values() for s in ss]
    if not any(any(s < g.end and g.start < e for s, e in covered) for g in own):
        return "no mention"
    for g in own:
        root = _root_of(sent, g.start - s0, g.end - s0)
        if root is None or trig is None:
            continue
        if root.dep_ in OWNER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != trig.i:
            return "owner of the target"
        gov = _governor(root)
        if gov is None or gov.i == trig.i:
            continue
        if gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in HARM_VERBS:
            return "victims of the harm verb"
        if gov.pos_ in ("VERB", "AUX"):
            return "other clause"
    return "own argument"


def kind_of(gold: GoldEvent, pred: Event, actors: dict[str, Actor], spans: dict[str, list[tuple[int, int]]]) -> str:
    tp = _pairs(pred.recipients, gold.recipients, actors, spans)
    return "missing" if not pred.recipients else "extra" if not gold.recipients else "partial" if tp else "wrong"


def tune_wave_by_document() -> dict[str, str]:
    """The wave of each tune article of the events gold (``events_side_missing.wave_of``)."""
    from events_side_missing import wave_of

    from sitrep.stages.events.article_scorer import read_article_gold

    tune = [a.document for a in read_article_gold(REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl",
                                                  split="tune")]
    return dict(zip(tune, wave_of(len(tune)), strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every miss with its sentence")
    parser.add_argument("--waves", action="store_true", help="count each class per wave of the tune half")
    args = parser.parse_args()
    nlp = load_nlp()
    tally: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    per_wave: dict[str, Counter[int]] = defaultdict(Counter)
    order: list[str] = []
    matched = 0
    rows = []
    for m in tune_matches():
        if m.document not in order:
            order.append(m.document)
        matched += 1
        g, p = m.gold, m.predicted
        tp = _pairs(p.recipients, g.recipients, m.actors, m.spans)
        if tp == len(p.recipients) == len(g.recipients):
            continue
        cls = classify(g, p, m.actors, m.spans, m.text, nlp)
        tally[cls] += 1
        kinds[cls][kind_of(g, p, m.actors, m.spans)] += 1
        rows.append((cls, m.document))
        if args.show:
            print(f"{cls} {m.document} {m.text[g.trigger[0]:g.trigger[1]]!r} GR={[e.text for e in g.recipients]} "
                  f"R={names(p.recipients, m.actors)} S={names(p.actors, m.actors)} "
                  f"GA={[e.text for e in g.actors]}\n    {m.text[g.sentence[0]:g.sentence[1]][:260]!r}")
    if args.waves:
        wave = tune_wave_by_document()
        for cls, doc in rows:
            per_wave[cls][wave[doc]] += 1
    print(f"matched {matched}, recipient misses {sum(tally.values())}")
    for key, n in tally.most_common():
        line = f"{key}: {n} ({dict(kinds[key])})"
        if args.waves:
            line += f" waves {sorted(per_wave[key].items())}"
        print(line)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"matched": matched, "misses": sum(tally.values()),
                               "classes": {k: {"events": n, **kinds[k]} for k, n in tally.most_common()},
                               "per_wave": {k: dict(sorted(v.items())) for k, v in per_wave.items()}},
                              indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
