"""FA-KES hand-coded events, tune half: the actor and recipient misses whose coder's party is an actor
mention hanging on **another verb** of the sentence than the trigger, by (verb lemma, link) (issue 13,
branch events50).

``events_recipient_positions.py`` found the largest class of the tune recipient misses to be an
argument of another verb (86; 41 an actor mention). This script lists, for both roles, the matched
events (same trigger as the coder's) whose role sitrep got wrong or left empty, where the coder's
first own party of that role overlaps an actor mention and its head word hangs on a verb that is not
the trigger (``events_recipient_misses._governor``): the verb's lemma, the link
(``verb_roles.link_of``: the preposition, ``nsubj``, ``dobj``, or ``other`` when the party hangs
deeper), the role the coder gave, the role the shipped verb-role table gives there (or none), and
the waves each (verb, link) occurs in; how many hang on a harm verb (``HARM_VERBS``: the casualty
clause) and what the dictionary's unmarked reading (``verb_roles.UNMARKED`` for a verb of the
table's ``defaults``) would give. Reads the tune half only.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_verb_links.py [--show]``.
Writes ``benchmarks/results/events_verb_links.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from events_actor_misses import tune_matches  # noqa: E402
from events_recipient_misses import (  # noqa: E402
    _governor,
    _root_of,
    _token_at,
    tune_wave_by_document,
)

from sitrep.nlp import load_nlp  # noqa: E402
from sitrep.stages.events import verb_roles  # noqa: E402
from sitrep.stages.events.article_scorer import _pairs  # noqa: E402
from sitrep.stages.events.lexicon import HARM_VERBS  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_verb_links.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every miss with its sentence")
    args = parser.parse_args()
    nlp = load_nlp()
    wave = tune_wave_by_document()
    rows: list[dict[str, Any]] = []
    matched = 0
    for m in tune_matches():
        matched += 1
        g, p = m.gold, m.predicted
        if not m.same_trigger:
            continue  # another trigger's event: recognition, not roles
        covered = [s for ss in m.spans.values() for s in ss]
        for role, golds, preds in (("actor", g.actors, p.actors), ("recipient", g.recipients, p.recipients)):
            own = [e for e in golds if not e.from_context]
            if not own or _pairs(preds, golds, m.actors, m.spans) == len(preds) == len(golds):
                continue
            party = own[0]
            if not any(s < party.end and party.start < e for s, e in covered):
                continue  # no actor mention there
            s0, s1 = g.sentence
            sent = nlp(m.text[s0:s1])[:]
            trig = _token_at(sent, g.trigger[0] - s0)
            root = _root_of(sent, party.start - s0, party.end - s0)
            if root is None or trig is None:
                continue
            gov = _governor(root)
            if gov is None or gov.i == trig.i or gov.pos_ not in ("VERB", "AUX"):
                continue
            linked = verb_roles.link_of(root)
            link = linked[1] if linked is not None and linked[0].i == gov.i else "other"
            table = verb_roles.role_of(gov, link) if link != "other" else None
            rows.append({"document": m.document, "wave": wave[m.document], "role": role,
                         "verb": gov.lemma_.lower(), "link": link, "table": table,
                         "sitrep": "missing" if not preds else "wrong",
                         "harm": gov.lemma_.lower() in HARM_VERBS,
                         "connected": gov in trig.ancestors or trig in gov.ancestors})
            if args.show:
                print(f"{role} {gov.lemma_.lower()}|{link} table={table} {m.document} "
                      f"trigger={m.text[g.trigger[0]:g.trigger[1]]!r} party={party.text!r}")
    by_pair: dict[str, Counter[str]] = defaultdict(Counter)
    waves: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        key = f"{r['verb']}|{r['link']}"
        by_pair[key][r["role"]] += 1
        waves[key].add(r["wave"])
    recurring = [k for k in by_pair if len(waves[k]) > 1]
    table_says = Counter((r["role"], {"actor": "source", "recipient": "target"}[r["role"]] == r["table"]
                          if r["table"] else None) for r in rows)
    summary = {
        "matched": matched, "misses": len(rows), "by_role": dict(Counter(r["role"] for r in rows)),
        "by_link": dict(Counter(r["link"] for r in rows).most_common()),
        "by_verb_link": {k: {**dict(v), "waves": len(waves[k])}
                         for k, v in sorted(by_pair.items(), key=lambda kv: -sum(kv[1].values()))},
        "pairs": len(by_pair), "pairs_recurring": len(recurring),
        "misses_in_recurring_pairs": sum(sum(by_pair[k].values()) for k in recurring),
        "connected_to_trigger": sum(r["connected"] for r in rows),
        "harm_verb": dict(Counter(r["role"] for r in rows if r["harm"])),
        "unmarked_reading": dict(Counter(
            f"{r['role']} -> {verb_roles.UNMARKED.get(r['link'])}"
            for r in rows if r["verb"] in verb_roles.load_defaults() and r["table"] is None).most_common()),
        "table_role": {f"{role} {'agrees' if ok else 'disagrees' if ok is False else 'none'}": n
                       for (role, ok), n in table_says.items()},
    }
    print(json.dumps(summary, indent=1))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
