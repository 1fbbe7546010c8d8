"""Which tuning spans push the place model's ``capital`` weight negative (TUNING halves only).

Run (from the repository root; needs ../shared/data/geo):

    OMP_NUM_THREADS=1 python benchmarks/place_capital_spans.py [--show N]

Every located gold span of the first (tuning) half of GeoWebNews and LGL is resolved as
``scripts/train_place.py`` records it (the shipped model, the other gold spans as context, the
resolver's last context pass). A span enters when one of its candidates is a national capital and
another is not. It is sorted by corpus, by who is right (``capital right``: the capital lies within
161 km of the gold point; ``namesake right``: it does not, another candidate does) and by the
document's *local* evidence for the best of the non-capital namesakes (the right one when the
namesake is right, else the best scored): ``province`` (its first-level division is named or holds
the document's other places: ``ctx_admin1``), ``near`` (within 400 km of the document's other places,
or near its local names: ``near*``, ``near_local``), ``country only`` (only its country is named:
``ctx_country_gated``) or ``none``. The ``namesake right`` spans are the pairs whose difference
pulls the ``capital`` weight down; the ``capital right`` spans with no local evidence for the
namesake are the ones it loses (issue 14: "London" to London, Ontario).
"""

from __future__ import annotations

import argparse
from collections import Counter

from common import script_module, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.stages.place.ranking import CANDIDATE_FEATURES, read_model  # noqa: E402

IDX = {name: i for i, name in enumerate(CANDIDATE_FEATURES)}
LOCAL = ("near_local", "near50", "near150", "near400")


def evidence(row: list[float]) -> str:
    """The strongest document evidence in one candidate's feature row."""
    if row[IDX["ctx_admin1"]] > 0:
        return "province"
    if any(row[IDX[n]] > 0 for n in LOCAL):
        return "near"
    if row[IDX["ctx_country_gated"]] > 0:
        return "country only"
    return "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print this many spans of each class")
    args = parser.parse_args()
    shared_dir()
    train = script_module("train_place")
    model = read_model()
    groups: list[str] = []
    spans = train._record(train.tuning_halves(), model, groups)
    counts: Counter[tuple[str, ...]] = Counter()
    shown: Counter[tuple[str, ...]] = Counter()
    for (corpus, cands, rows, labels, _exact), art in zip(spans, groups, strict=True):
        caps = [i for i, c in enumerate(cands) if c.capital and c.kind == "city"]
        if not caps or not any(labels):
            continue
        cap = caps[0]
        others = [i for i, c in enumerate(cands) if not c.capital and c.kind in ("city", "admin2")
                  and c.country != cands[cap].country]
        if not others:
            continue
        scores = [model.rank.score(r) for r in rows]
        chosen = max(range(len(rows)), key=lambda i: scores[i])
        if labels[cap]:
            pool, who = others, "capital right"
        elif any(labels[i] for i in others):
            pool, who = [i for i in others if labels[i]], "namesake right"
        else:
            continue  # neither: a division, a third place
        best = max(pool, key=lambda i: scores[i])
        key = (corpus, who, evidence(rows[best]))
        counts[(*key, "won" if labels[chosen] else "lost")] += 1
        if shown[key] < args.show:
            shown[key] += 1
            c, n = cands[cap], cands[best]
            print(f"  {' / '.join(key)}: {art}: capital {c.name} ({c.country}) vs {n.name} ({n.country} "
                  f"{n.admin1_code}, {n.population:,}); chose {cands[chosen].name} ({cands[chosen].country} "
                  f"{cands[chosen].admin1_code}) {'right' if labels[chosen] else 'wrong'}")
    print("corpus / who / the namesake's evidence: model right / spans")
    for key in sorted({k[:-1] for k in counts}):
        won, lost = counts[(*key, "won")], counts[(*key, "lost")]
        print(f"{' / '.join(key)}: {won} / {won + lost}")


if __name__ == "__main__":
    main()
