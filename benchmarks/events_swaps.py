"""FA-KES hand-coded events, tune half: reversed roles (swaps) by parse shape (issue 13, branch events39).

A matched pair (same category, same sentence) is a **swap** when a predicted actor is a coder's
recipient or a predicted recipient the coder's actor (as ``events_recipient_misses.classify`` and
``events_actor_misses.classify`` define it). Each swap is put in one shape, read from spaCy's parse
of the event's sentence (the events stage's pipeline model), from the mention sitrep put on the
wrong side (its head token) and the trigger:

* ``mention outside the sentence``: sitrep's wrong-side party has no mention in the sentence
  (carried in from the text around);
* ``inside the other party's phrase``: the mention is a word inside the phrase of the coder's
  party on the other side ("the anti-X coalition", "a force fighting X");
* ``one party on both sides``: the wrong-side party also matches the coder's entity on the other
  side (its mentions cover both: an actor-stage resolution, not a role reading);
* ``fight: sides as actors``: an ASSAULT the coder gives two or more actors and no recipient (the
  sides of a fight, or the dead of both sides), or whose trigger is a fight word (``FIGHT_WORDS``);
* ``passive, no agent``: the trigger (or the verb it hangs on) is passive with no "by" phrase and
  the mention is its passive subject or inside it;
* ``passive, by-agent``: the mention is the "by" agent of a passive trigger (or the reverse);
* ``from/under-X``: the mention is the object of "from" (or "under") on the trigger or its verb
  ("an attack from X", "came under fire from X");
* ``subject is the recipient``: the mention is the active subject of the trigger (or of the verb
  the trigger noun is the object of: "X came under attack", "X suffered an assault", "X lost");
* ``object is the actor``: the mention is the trigger's object or a prepositional object;
* ``noun modifier``: the mention modifies the trigger noun (possessive, compound, amod);
* ``other clause``: the mention is an argument of another verb;
* ``no parse path`` / ``other``.

The actor-side misses with the same shapes are the non-swap actor misses whose coder's actor
sits in a ``from/under-X`` or ``passive, by-agent`` position and whose coder's recipient is the
active subject or passive subject (the same readings, the doer simply not linked).

For each swap the script also says whether exchanging sitrep's actors and recipients would make
both sides right (the most a "which mention is the doer" direction model could fix) and whether
sitrep gave both sides or one.

Reads the tune half only. ``--show`` prints each swap. Writes ``benchmarks/results/events_swaps.json``.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_swaps.py [--show] [--waves]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import names, tune_matches  # noqa: E402
from events_recipient_misses import _root_of, _token_at, tune_wave_by_document  # noqa: E402

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.stages.events.article_scorer import _pairs  # noqa: E402
from sitrep.stages.events.lexicon import FIGHT_WORDS  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_swaps.json"
MOD_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


def _clause_verb(trig):  # type: ignore[no-untyped-def]
    """The trigger when a verb, else the verb whose argument (through prepositions) the noun is."""
    node = trig
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.dep_ in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "compound", "conj") and node.head is not node:
            node = node.head
        else:
            return None
    return None


def _passive(verb) -> bool:  # type: ignore[no-untyped-def]
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "advcl"))


def shape(tok, trig) -> str:  # type: ignore[no-untyped-def]
    """The parse shape of the mention head ``tok`` relative to the trigger ``trig``."""
    if tok is None or trig is None:
        return "no parse path"
    verb = _clause_verb(trig)
    anc = [tok, *tok.ancestors]
    # by-agent
    for t in anc:
        if t.dep_ == "agent" and t.head in (trig, verb):
            return "passive, by-agent"
    for t in anc:
        if t.dep_ == "prep" and t.lower_ in ("from", "under") and t.head in (trig, verb):
            return "from/under-X"
    if verb is not None:
        for t in anc:
            if t.head is verb and t.dep_ == "nsubjpass":
                return "passive, no agent" if not any(c.dep_ == "agent" for c in verb.children) else "passive, by-agent"
            if t.head is verb and t.dep_ in ("nsubj", "csubj"):
                return "subject is the recipient" if verb is not trig or trig.pos_ != "VERB" else "active subject"
    if trig.pos_ == "VERB" and verb is trig and _passive(trig) and tok in list(trig.head.subtree) and trig.dep_ in ("acl", "relcl"):
        return "passive, no agent"
    for t in anc:
        if t.head is trig and t.dep_ in MOD_DEPS:
            return "noun modifier"
    for t in anc:
        if t.head in (trig, verb) and t.dep_ in ("dobj", "prep", "pobj", "dative"):
            return "object"
    if trig in tok.ancestors or trig.head is tok:
        return "other (trigger's own phrase)"
    return "other clause"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every swap with its sentence")
    parser.add_argument("--waves", action="store_true", help="count each shape per wave of the tune half")
    args = parser.parse_args()
    nlp = load_nlp()
    swaps: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    actor_side: Counter[str] = Counter()
    flips: Counter[str] = Counter()
    sides: Counter[str] = Counter()
    rows: list[tuple[str, str]] = []
    matched = 0
    for m in tune_matches():
        matched += 1
        g, p = m.gold, m.predicted
        if not m.same_trigger:
            continue  # another event's roles (event recognition)
        s0, s1 = g.sentence
        sent = nlp(m.text[s0:s1])[:]
        trig = _token_at(sent, g.trigger[0] - s0)
        a_as_r = [a for a in p.actors if _pairs([a], g.recipients, m.actors, m.spans)]
        r_as_a = [a for a in p.recipients if _pairs([a], g.actors, m.actors, m.spans)]
        if a_as_r or r_as_a:
            # the side sitrep got wrong: its actor that is the coder's recipient, else its recipient
            which, ids = ("actor is the victim", a_as_r) if a_as_r else ("recipient is the doer", r_as_a)
            spans = [sp for sp in m.spans.get(ids[0], []) if s0 <= sp[0] < s1]
            tok = _root_of(sent, spans[0][0] - s0, spans[0][1] - s0) if spans else None
            right_side = g.actors if which == "actor is the victim" else g.recipients
            heads = [_root_of(sent, e.start - s0, e.end - s0) for e in right_side if not e.from_context]
            if not spans:
                shp = "mention outside the sentence"
            elif tok is not None and any(h is not None and tok.i != h.i and tok in h.subtree for h in heads):
                shp = "inside the other party's phrase"
            elif _pairs([ids[0]], right_side, m.actors, m.spans):
                shp = "one party on both sides (its mentions cover both gold entities)"
            elif g.category == "ASSAULT" and ((len(g.actors) >= 2 and not g.recipients) or (
                    trig is not None and trig.lemma_.lower() in FIGHT_WORDS)):
                shp = "fight: sides as actors"
            else:
                shp = shape(tok, trig)
            swaps[shp] += 1
            kinds[shp][which] += 1
            # would exchanging sitrep's two sides make both right (what a direction model can fix)?
            flipped_right = (_pairs(p.recipients, g.actors, m.actors, m.spans) == len(p.recipients) == len(g.actors)
                             and _pairs(p.actors, g.recipients, m.actors, m.spans) == len(p.actors)
                             == len(g.recipients))
            flips["exchange makes both right" if flipped_right else "exchange leaves a side wrong"] += 1
            sides["both sides given" if p.actors and p.recipients else "one side given"] += 1
            rows.append((shp, m.document))
            if args.show:
                print(f"SWAP[{shp}|{which}] {m.document} {m.text[g.trigger[0]:g.trigger[1]]!r} "
                      f"GA={[e.text for e in g.actors]} GR={[e.text for e in g.recipients]} "
                      f"A={names(p.actors, m.actors)} R={names(p.recipients, m.actors)}\n"
                      f"    {m.text[s0:s1][:260]!r}")
            continue
        if m.right:
            continue
        # actor-side misses, not swaps, whose coder's actor sits in the same shapes
        for e in g.actors:
            if e.from_context:
                continue
            tok = _root_of(sent, e.start - s0, e.end - s0)
            shp = shape(tok, trig)
            if shp in ("passive, by-agent", "from/under-X", "passive, no agent", "subject is the recipient"):
                actor_side[shp] += 1
                if args.show:
                    print(f"ACTOR[{shp}] {m.document} {m.text[g.trigger[0]:g.trigger[1]]!r} "
                          f"GA={[x.text for x in g.actors]} GR={[x.text for x in g.recipients]} "
                          f"A={names(p.actors, m.actors)} R={names(p.recipients, m.actors)}\n"
                          f"    {m.text[s0:s1][:260]!r}")
                break
    per_wave: dict[str, Counter[int]] = defaultdict(Counter)
    if args.waves:
        wave = tune_wave_by_document()
        for shp, doc in rows:
            per_wave[shp][wave[doc]] += 1
    print(f"matched {matched}, swaps {sum(swaps.values())}")
    for key, n in swaps.most_common():
        print(f"swap {key}: {n} {dict(kinds[key])} waves {sorted(per_wave[key].items())}")
    print("exchanging the two sides:", dict(flips), "; sitrep gave:", dict(sides))
    for key, n in actor_side.most_common():
        print(f"actor-side (not swapped) coder's actor in shape {key}: {n}")
    result: dict[str, Any] = {"matched": matched, "swaps": sum(swaps.values()),
                              "shapes": {k: {"events": n, **kinds[k]} for k, n in swaps.most_common()},
                              "per_wave": {k: dict(sorted(v.items())) for k, v in per_wave.items()},
                              "actor_side_same_shapes": dict(actor_side.most_common()),
                              "exchange": dict(flips), "sides_given": dict(sides)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
