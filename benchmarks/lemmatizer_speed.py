"""spaCy's rule lemmatizer as sitrep runs it (remembered lemmas) vs as ``spacy.load`` gives it.

The FA-KES development rows (even ``unit_id``; held-out rows are never read) are parsed once up
to the lemmatizer; then, in alternating rounds, each lemmatizer runs on its own copy of every
``Doc``: CPU seconds of the lemmatizer step alone per round, and a check that every token's lemma
is identical. Also the whole parse (``nlp.pipe(batch_size=16)``) of both pipelines, alternating.

    OMP_NUM_THREADS=1 python benchmarks/lemmatizer_speed.py --limit 200 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.nlp import load_nlp, load_stock_nlp  # noqa: E402


def main() -> int:
    from spacy.attrs import LEMMA

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="FA-KES development rows")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    texts = [r["article_content"] for r in fakes_dev_rows()][: args.limit]
    stock, fast = load_stock_nlp(), load_nlp()
    for nlp in (stock, fast):
        nlp("warm up")
    # parse once up to the lemmatizer (the sitrep pipeline's components: identical attributes)
    before: list = []
    for doc in fast.pipe(texts, batch_size=16, disable=["lemmatizer", "ner"]):
        before.append(doc)
    lemmatizers = {"stock": stock.get_pipe("lemmatizer"), "sitrep": fast.get_pipe("lemmatizer")}
    step: dict[str, list[float]] = {k: [] for k in lemmatizers}
    lemmas: dict[str, list[list[int]]] = {}
    for r in range(args.rounds):
        order = list(lemmatizers) if r % 2 == 0 else list(reversed(lemmatizers))
        for name in order:
            copies = [d.copy() for d in before]
            start = time.process_time()
            for doc in copies:
                lemmatizers[name](doc)
            step[name].append(time.process_time() - start)
            lemmas[name] = [d.to_array([LEMMA]).tolist() for d in copies]
    same_step = lemmas["stock"] == lemmas["sitrep"]
    parse: dict[str, list[float]] = {"stock": [], "sitrep": []}
    for r in range(args.rounds):
        order = ["stock", "sitrep"] if r % 2 == 0 else ["sitrep", "stock"]
        for name in order:
            nlp = stock if name == "stock" else fast
            start = time.process_time()
            docs = list(nlp.pipe(texts, batch_size=16))
            parse[name].append(time.process_time() - start)
            lemmas[f"parse-{name}"] = [[t.lemma_ for t in d] for d in docs]  # type: ignore[misc]
    same_parse = lemmas["parse-stock"] == lemmas["parse-sitrep"]
    result = {
        "documents": len(texts),
        "tokens": sum(len(d) for d in before),
        "lemmatizer_cpu_s": {k: [round(x, 3) for x in v] for k, v in step.items()},
        "parse_cpu_s": {k: [round(x, 3) for x in v] for k, v in parse.items()},
        "identical_lemmas": same_step and same_parse,
    }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if result["identical_lemmas"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
