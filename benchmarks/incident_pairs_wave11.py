"""Wave 11 of the FA-KES incident pairs (issue 11): pairs drawn with no date at all.

Every earlier wave drew its pairs with a window on a date (the FA-KES ``date`` column, or for
wave 10 the date written at the top of the text), so the gold cannot say whether the linker
should prefer one date or the other: a same pair whose FA-KES dates lie weeks apart was never
drawn unless its texts' dates were close. This rule uses **neither**: no FA-KES ``date``, no date
read from a text, and the lead similarity below drops every word of a date. It was fixed and
committed before any pair it draws was read (``docs/incident-guide.md``, section 1, "Wave 11").

**The stratum.** A pair of FA-KES development rows (even ``unit_id``; odd rows are skipped before
their text is looked at) is in it when

- the rows are of **other outlets** (``source``) and their texts are not identical;
- a **governorate or city of the** ``location`` **column** (the values FA-KES uses, e.g. "Aleppo",
  "Idlib", "Deir ez-Zor") is **named in both leads** (whole words, any case); a lead is the
  title and the first ``LEAD_CHARS`` (500) characters of the text;
- **both texts state a death toll** (``incident_pairs_figures.DEATH``, waves 9 and 10's reader);
- the pair is in no earlier wave of ``benchmarks/data/fakes_incident_pairs.jsonl`` and neither
  row is in a pair of the check half (the wave goes to the tune half only; guide, section 1).

**The draw** (``SIZE`` = 48 pairs, two halves of 24):

- *similar*: the ``TOP`` (24) pairs of the stratum with the highest **lead overlap** — the
  Jaccard index of the two leads' sets of lemmas (``lemmas``: lower-cased alphabetic words of
  three letters or more, stop words and date words — month and weekday names, "today",
  "yesterday", "week" … — dropped, a plural *-ies* / *-s* cut), ties broken by row numbers;
- *random*: ``random.Random(SEED).sample`` of ``RANDOM`` (24) pairs of the rest of the stratum.

Both halves are printed, similar first, in the order they are read.

**Part (b)** (``--part b``; fixed after part (a)'s similar half was read — it gave 0 same of
24: the plain overlap ranks highest the daily rocket bulletins of one state agency and its
re-publisher, whose leads share a template of common words — and before any pair of part (b) was
read): the ``TOP_B`` (16) pairs of the same stratum, not drawn in part (a), with the highest
**rare-lemma overlap** (``weighted_overlap``: the Jaccard index with each lemma weighted by its
inverse document frequency over the development rows' leads, ``log(N / df)``, so that a
template's words weigh little and a village's or neighbourhood's name weighs much), ties broken
by row numbers. Still no date of any kind.

**Part (c)** (``--part c``; fixed after parts (a) and (b) were labelled — 0 same of 64: the
template of the state agency's bulletins outweighs rare words in the leads too — and before any
pair of part (c) was read): the ``TOP_C`` (16) pairs of the stratum, in neither earlier part, whose
texts state **one same death toll** (``toll_numbers``: the numbers of every ``DEATH`` match of title
and text, number words read as numbers, only 3 to 999 so that neither "two killed" nor a year
counts), ranked by the rare-lemma overlap of part (b), ties by row numbers. A number of dead is no
date, so the rule still reads no date. Why these numbers: same
pairs are rare among pairs not chosen by date (a random pair of the stratum is almost always two
incidents years apart), so the similar half is where the same pairs are, while the random half
measures the stratum's base rate and gives the linker near misses it did not choose; 48 pairs is
what one labeller can read in full (about 90 articles) in the round.

    python benchmarks/incident_pairs_wave11.py [--part a|b|c|d] [--gold FILE] [--csv FILE] [--sizes]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from incident_pairs_figures import (  # noqa: E402
    DEATH,
    GOLD,
    Row,
    development_rows,
    labelled,
    shared_csv,
    states_toll,
    unlabelled_pairs,
)

#: the characters of the text that, with the title, make a report's lead
LEAD_CHARS = 500
#: the seed of the random half, and the sizes of the two halves
SEED = 34
TOP = 24
RANDOM = 24
SIZE = TOP + RANDOM
#: part (b): the pairs drawn by rare-lemma overlap
TOP_B = 16
#: part (c): the pairs drawn among those stating one same death toll
TOP_C = 16
#: part (d): the pairs drawn by rare words of the whole texts, and how rare a word must be
TOP_D = 20
RARE_DF = 3
#: the gold file's lines before wave 11 (the rule excludes those pairs only)
BEFORE = 603
_WORDS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                       "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                       "sixteen", "seventeen", "eighteen", "nineteen"))}
_WORDS.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90})
#: words of no weight in the overlap, and every word of a date (no date may guide the draw)
_STOP_WORDS = """
a about above after again against all also am among an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how if in into is it its itself just more most much no nor not of
off on once only or other our out over own same say said says she should so some such than that the
their them then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your near told according
jan january feb february mar march apr april may jun june jul july aug august sep sept september oct
october nov november dec december monday tuesday wednesday thursday friday saturday sunday mon tue tues
wed thu thur thurs fri sat sun today yesterday tomorrow tonight morning afternoon evening night
overnight day days week weeks weekend month months year years ago late early earlier later dawn
published updated gmt utc edt est bst cet local time hour hours last first next
"""
STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[a-z]+")


def lead(row: Row) -> str:
    return row["article_title"] + " " + row["article_content"][:LEAD_CHARS]


def lemma(word: str) -> str:
    """A crude lemma: a plural -ies becomes -y, a final -s is cut (not -ss, not short words)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def lemmas(text: str) -> frozenset[str]:
    """The lead's lemmas: alphabetic words of 3+ letters, stop and date words dropped."""
    return frozenset(lemma(w) for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in STOP)


def overlap(x: frozenset[str], y: frozenset[str]) -> float:
    """Jaccard index of two lemma sets (0 when both are empty)."""
    union = x | y
    return len(x & y) / len(union) if union else 0.0


def idf(rows: dict[int, Row]) -> dict[str, float]:
    """Inverse document frequency of each lemma over the rows' leads, ``log(N / df)``."""
    df: Counter[str] = Counter()
    for row in rows.values():
        df.update(lemmas(lead(row)))
    return {word: math.log(len(rows) / count) for word, count in df.items()}


def weighted_overlap(x: frozenset[str], y: frozenset[str], weight: dict[str, float]) -> float:
    """Jaccard index of two lemma sets, each lemma weighted by ``weight`` (0 when the union weighs 0)."""
    union = sum(weight.get(w, 0.0) for w in x | y)
    return sum(weight.get(w, 0.0) for w in x & y) / union if union else 0.0


def draw_b(rows: dict[int, Row], pool: list[tuple[int, int, float]], taken: set[tuple[int, int]],
           top: int = TOP_B) -> list[tuple[tuple[int, int], float]]:
    """Part (b): the ``top`` pairs of the stratum not in ``taken`` by rare-lemma overlap."""
    weight = idf(rows)
    words = {n: lemmas(lead(row)) for n, row in rows.items()}
    scored = [((n, m), weighted_overlap(words[n], words[m], weight)) for n, m, _ in pool if (n, m) not in taken]
    return sorted(scored, key=lambda p: (-p[1], p[0]))[:top]


def toll_numbers(row: Row) -> frozenset[int]:
    """The death tolls a text states (``DEATH`` matches' numbers), 3 to 999 only."""
    out = set()
    for match in DEATH.finditer(row["article_title"] + " " + row["article_content"]):
        for token in re.findall(r"\d+|[a-z]+", match.group(0).lower()):
            value = int(token) if token.isdigit() else _WORDS.get(token)
            if value is not None and 3 <= value <= 999:
                out.add(value)
                break
    return frozenset(out)


def draw_c(rows: dict[int, Row], pool: list[tuple[int, int, float]], taken: set[tuple[int, int]],
           top: int = TOP_C) -> list[tuple[tuple[int, int], float]]:
    """Part (c): the ``top`` pairs of the stratum not in ``taken`` stating one same toll, by rare-lemma overlap."""
    weight = idf(rows)
    words = {n: lemmas(lead(row)) for n, row in rows.items()}
    tolls = {n: toll_numbers(row) for n, row in rows.items()}
    scored = [((n, m), weighted_overlap(words[n], words[m], weight)) for n, m, _ in pool
              if (n, m) not in taken and tolls[n] & tolls[m]]
    return sorted(scored, key=lambda p: (-p[1], p[0]))[:top]


def rare_shared(rows: dict[int, Row], pool: list[tuple[int, int, float]],
                taken: set[tuple[int, int]]) -> list[tuple[tuple[int, int], int, int]]:
    """Part (d) candidates: pairs not in ``taken`` stating one same toll, with their counts of
    shared rare lemmas (in at most ``RARE_DF`` rows) and of shared lemmas, whole texts."""
    words = {n: lemmas(row["article_title"] + " " + row["article_content"]) for n, row in rows.items()}
    df: Counter[str] = Counter()
    for value in words.values():
        df.update(value)
    tolls = {n: toll_numbers(row) for n, row in rows.items()}
    out = []
    for n, m, _ in pool:
        if (n, m) in taken or not tolls[n] & tolls[m]:
            continue
        shared = words[n] & words[m]
        out.append(((n, m), sum(df[w] <= RARE_DF for w in shared), len(shared)))
    return out


def draw_d(rows: dict[int, Row], pool: list[tuple[int, int, float]], taken: set[tuple[int, int]],
           top: int = TOP_D) -> list[tuple[tuple[int, int], float]]:
    """Part (d): the ``top`` pairs by shared rare lemmas, then shared lemmas, then row numbers."""
    ranked = sorted(rare_shared(rows, pool, taken), key=lambda p: (-p[1], -p[2], p[0]))[:top]
    return [(pair, float(rare)) for pair, rare, _ in ranked]


def lead_places(row: Row, names: list[str]) -> set[str]:
    text = lead(row)
    return {name for name in names if re.search(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE)}


def stratum(rows: dict[int, Row], gold: set[tuple[int, int]], check: set[int]) -> list[tuple[int, int, float]]:
    """Every pair of the stratum (module docstring) with its lead overlap, ordered by row numbers."""
    names = sorted({row["location"] for row in rows.values() if row["location"].strip()})
    named = {n: lead_places(row, names) for n, row in rows.items()}
    toll = {n: states_toll(row) for n, row in rows.items()}
    words = {n: lemmas(lead(row)) for n, row in rows.items()}
    out = []
    for n, _, m, _ in unlabelled_pairs(rows, gold, check):
        if toll[n] and toll[m] and named[n] & named[m]:
            out.append((n, m, overlap(words[n], words[m])))
    return out


def draw(pool: list[tuple[int, int, float]], seed: int = SEED, top: int = TOP,
         size: int = RANDOM) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The similar half (highest overlap, ties by row numbers) and the seeded random half of the rest."""
    ranked = sorted(pool, key=lambda p: (-p[2], p[0], p[1]))
    similar = [(n, m) for n, m, _ in ranked[:top]]
    rest = sorted((n, m) for n, m, _ in ranked[top:])
    return similar, random.Random(seed).sample(rest, min(size, len(rest)))


def sizes(rows: dict[int, Row], gold: set[tuple[int, int]], check: set[int]) -> dict[str, int]:
    """How the stratum narrows (counts only; no text is printed)."""
    names = sorted({row["location"] for row in rows.values() if row["location"].strip()})
    named = {n: lead_places(row, names) for n, row in rows.items()}
    toll = {n: states_toll(row) for n, row in rows.items()}
    count: Counter[str] = Counter()
    for n, _, m, _ in unlabelled_pairs(rows, gold, check):
        count["eligible pairs (other outlets, not identical, unlabelled, no check document)"] += 1
        place = bool(named[n] & named[m])
        count["a place of the location column named in both leads"] += place
        count["a death toll in both texts"] += toll[n] and toll[m]
        count["both (the stratum)"] += place and toll[n] and toll[m]
    count["development rows"] = len(rows)
    count["rows with a death toll"] = sum(toll.values())
    count["rows whose lead names a place of the location column"] = sum(bool(v) for v in named.values())
    return dict(count)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--csv", type=Path, default=None)
    parser.add_argument("--part", choices=("a", "b", "c", "d"), default="a")
    parser.add_argument("--sizes", action="store_true", help="print the stratum's sizes, not the draw")
    args = parser.parse_args(argv)
    rows = development_rows(args.csv or shared_csv())
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, check = labelled(records[:BEFORE])
    if args.sizes:
        for key, value in sizes(rows, gold, check).items():
            print(f"{value:7d}  {key}")
        return
    pool = stratum(rows, gold, check)
    score = {(n, m): s for n, m, s in pool}
    similar, sampled = draw(pool)
    if args.part in ("b", "c", "d"):
        taken = set(similar) | set(sampled)
        part_b = draw_b(rows, pool, taken)
        taken |= {pair for pair, _ in part_b}
        part_c = draw_c(rows, pool, taken)
        taken |= {pair for pair, _ in part_c}
        drawn = {"b": part_b, "c": part_c, "d": draw_d(rows, pool, taken) if args.part == "d" else []}[args.part]
        for (a, b), value in drawn:
            print(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}",
                              "half": {"b": "rare", "c": "toll", "d": "rare words"}[args.part],
                              "overlap": round(value, 3)}))
        print(f"# stratum {len(pool)} pairs; part ({args.part}) {len(drawn)} pairs", file=sys.stderr)
        return
    for half, pairs in (("similar", similar), ("random", sampled)):
        for a, b in pairs:
            print(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}",
                              "half": half, "overlap": round(score[(a, b)], 3)}))
    print(f"# stratum {len(pool)} pairs; drawn {len(similar)} similar + {len(sampled)} random (seed {SEED})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
