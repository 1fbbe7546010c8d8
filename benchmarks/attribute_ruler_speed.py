"""The spaCy parse as sitrep runs it (table attribute-ruler matcher) vs as ``spacy.load`` gives it.

Both pipelines parse the same FA-KES development rows (even ``unit_id``; held-out rows are never
read) with ``nlp.pipe(batch_size=16)``, in alternating rounds; CPU seconds per round, the
attribute ruler's own CPU for both matchers, and a check that every token attribute (tag, POS,
morphology, lemma, dependency, head, entity) is identical.

    OMP_NUM_THREADS=1 python benchmarks/attribute_ruler_speed.py --limit 200 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.nlp import load_nlp, load_stock_nlp  # noqa: E402


def main() -> int:
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="FA-KES development rows")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    texts = [r["article_content"] for r in fakes_dev_rows()][: args.limit]
    pipelines = {"stock": load_stock_nlp(), "sitrep": load_nlp()}
    for nlp in pipelines.values():
        nlp("warm up")
    cpu: dict[str, list[float]] = {k: [] for k in pipelines}
    arrays: dict[str, list[list[list[int]]]] = {}
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    for r in range(args.rounds):
        order = list(pipelines) if r % 2 == 0 else list(reversed(pipelines))
        for name in order:
            start = time.process_time()
            docs = list(pipelines[name].pipe(texts, batch_size=16))
            cpu[name].append(time.process_time() - start)
            arrays.setdefault(name, [d.to_array(attrs).tolist() for d in docs])
    identical = arrays["stock"] == arrays["sitrep"]
    # the ruler's match step alone, on documents parsed up to it
    stock_ruler = pipelines["stock"].get_pipe("attribute_ruler")
    docs = list(pipelines["stock"].pipe(texts, batch_size=16))
    match_cpu = {}
    for name, match in (("stock", stock_ruler.match), ("sitrep", pipelines["sitrep"].get_pipe("attribute_ruler").match)):
        start = time.process_time()
        for d in docs:
            match(d)
        match_cpu[name] = time.process_time() - start
    tokens = sum(len(d) for d in docs)
    result = {
        "documents": len(texts), "tokens": tokens, "rounds": args.rounds,
        "parse_cpu_s": {k: [round(v, 3) for v in vs] for k, vs in cpu.items()},
        "parse_cpu_best_s": {k: round(min(vs), 3) for k, vs in cpu.items()},
        "ruler_match_cpu_s": {k: round(v, 3) for k, v in match_cpu.items()},
        "identical_token_attributes": identical,
    }
    print(json.dumps(result, indent=2))
    best = result["parse_cpu_best_s"]
    print(f"parse CPU, sitrep / stock: {best['sitrep'] / best['stock']:.3f} "
          f"(ruler match {match_cpu['stock']:.2f} s -> {match_cpu['sitrep']:.2f} s); identical: {identical}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
