"""Inter-coder agreement on the same-incident pair gold (issue 11): a blind second coding.

No gold set of the project had a second coder. This script draws a random sample of the tune pairs
of ``benchmarks/data/fakes_incident_pairs.jsonl`` for a second, blind coding (coder B), and then
scores B against the first coder (A).

``draw`` (``random.Random(SEED).sample`` of ``SIZE`` tune pairs in file order) reads only the ``a``,
``b`` and ``split`` keys of the gold file and the FA-KES metadata (outlet, date, ``unit_id``); it
prints, per sampled pair, the two row references, the wave the pair was drawn in (from its position
in the file and the metadata rules of docs/incident-guide.md section 1), the outlets and the FA-KES
dates: never a label, an incident line, a contested field or a note. ``text ROW...`` prints the
title and text of development rows (even ``unit_id`` only: asserted) for the coder to read.

``score`` (run only after coder B's file was committed) compares B with the first coder (A, the
gold lines of the same pairs): raw agreement and Cohen's kappa on same / different with a 95 %
interval (``BOOTSTRAP`` draws over pairs, ``random.Random(SEED)``); pair precision, recall and F1 of
B against A (A as gold) and of A against B, with the evaluator's own scorer
(``sitrep.incidents.scorer.score``); on the pairs both call same, the contested-field figures in the
evaluator's terms (``contested_right``, ``false_flags``, per-field counts), B against A and A
against B; agreement per wave era; and, with ``--db``, sitrep (the linker and the contested reading
of ``sitrep eval incidents``, on every analysed report of DB) against A and against B on the same
pairs. ``--disagreements`` prints both codings of every pair on which A and B differ (label or
contested fields), for the classification in docs/benchmarks.md.

``draw --stratum near`` (branch agree4) draws the second sample, the *hard* pairs: ``NEAR_SIZE``
tune pairs (``random.Random(NEAR_SEED)``) among the tune lines whose two FA-KES dates are both known
and at most ``NEAR_DAYS`` days apart, leaving out the first sample's pairs (read by id from the first
second-coder file: its ``a`` and ``b`` keys only) and every pair either of whose rows is named in
docs/incident-guide.md or in branch agree3's section of the benchmarks docs (docs/benchmarks/; parsed by
``named_rows``: such a text may give the pair's label away). ``score --stratum near`` scores the
second coding of that sample; ``--stratum pooled`` both samples together (two strata, unweighted).

    python benchmarks/inter_coder_pairs.py draw [--stratum random|near] [--json FILE]
    python benchmarks/inter_coder_pairs.py text ROW [ROW ...]
    python benchmarks/inter_coder_pairs.py score [--stratum random|near|pooled] [--db DB] [--json FILE]
        [--disagreements]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import random
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import benchmark_docs_text, incident_predictions  # noqa: E402
from incident_pairs_figures import GOLD, shared_csv  # noqa: E402

SEED = 2029
SIZE = 60
#: bootstrap draws over pairs for the kappa interval
BOOTSTRAP = 2000
SECOND = GOLD.parent / "fakes_incident_pairs_second_coder.jsonl"
DRAWN = GOLD.parents[1] / "inter_coder_pairs_draw.json"
#: the wave eras: the days the first coder's labels of each wave were written (docs/incident-guide.md, section 1)
ERAS = {"1": "12-03", "2": "12-03", "3": "12-03", "4": "12-04", "5": "12-04", "6": "12-04", "7": "12-04",
        "9": "12-05", "10": "12-05", "11": "12-05", "12": "12-05", "13": "12-06", "14": "12-06",
        "15": "12-06", "relabel1": "12-06", "1-relabelled": "12-06"}
#: the waves after wave 4, in file order, with their line counts (docs/incident-guide.md, section 1):
#: each was appended as the last lines of the file, so a line's position names its wave
LATER_WAVES: tuple[tuple[str, int], ...] = (
    ("5", 62), ("6", 41), ("7", 40), ("9", 19), ("10", 30), ("11", 100), ("12", 53),
    ("13", 40), ("14", 40), ("15", 1), ("relabel1", 3),
)
#: the second sample (branch agree4): the hard pairs, FA-KES dates at most NEAR_DAYS apart
NEAR_SEED = 2030
NEAR_SIZE = 40
NEAR_DAYS = 3
NEAR_SECOND = GOLD.parent / "fakes_incident_pairs_second_coder_near.jsonl"
NEAR_DRAWN = GOLD.parents[1] / "inter_coder_pairs_near_draw.json"
GUIDE = GOLD.parents[2] / "docs" / "incident-guide.md"
#: the heading of the first sample's section in the benchmarks docs (``docs/benchmarks/incidents.md``, read
#: through ``common.benchmark_docs_text``; its rows are excluded from the second)
AGREE3_HEADING = "[branch agree3]"
#: a FA-KES data row number (the file has 804 rows); larger numbers in a text are not rows
MAX_ROW = 804
#: how a text names FA-KES rows: "#row94", "row 94", "rows 14, 37 and 102", "112/328"
_ROW_REF = re.compile(r"#row(\d+)")
_ROW_WORD = re.compile(r"\brows?\s+(\d+(?:\s*(?:,|and|or|/|&)\s*\d+)*)", re.IGNORECASE)
_ROW_SLASH = re.compile(r"(?<![\d/.-])(\d{1,3})/(\d{1,3})(?![\d/.])")
#: the two wave-1 pairs whose label relabel 1 (2026-12-06) rewrote (named in the guide, section 1)
RELABELLED = frozenset({(112, 328), (114, 328)})


@dataclass(frozen=True)
class SampledPair:
    """One drawn pair: row numbers, the wave it was labelled in, and metadata only."""

    a: int
    b: int
    wave: str
    outlet_a: str
    outlet_b: str
    date_a: str
    date_b: str


def row_number(ref: str) -> int:
    return int(ref.rsplit("#row", 1)[1])


def all_rows(path: Path) -> dict[int, dict[str, str]]:
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        return dict(enumerate(csv.DictReader(f), start=1))


def _day(row: dict[str, str]) -> datetime.date:
    return datetime.datetime.strptime(row["date"], "%m/%d/%Y").date()


def early_wave(x: dict[str, str], y: dict[str, str]) -> str:
    """Waves 1-4 by their metadata rules (guide, section 1)."""
    days = abs((_day(x) - _day(y)).days)
    if x["location"] != y["location"]:
        assert days == 0, "a wave-4 pair has one FA-KES date"
        return "4"
    if x["source"] == y["source"]:
        return "3"
    return "1" if days <= 2 else "2"


def pair_refs(gold: Path = GOLD) -> list[tuple[int, int, str]]:
    """(a, b, split) of every gold line, in file order; no other key is read."""
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out.append((row_number(record["a"]), row_number(record["b"]), record["split"]))
    return out


def waves(refs: Sequence[tuple[int, int, str]], rows: dict[int, dict[str, str]]) -> list[str]:
    """The wave of every gold line, from its position (later waves) or metadata (waves 1-4)."""
    later = sum(n for _, n in LATER_WAVES)
    first = len(refs) - later
    out = [early_wave(rows[a], rows[b]) for a, b, _ in refs[:first]]
    out = [("1-relabelled" if (a, b) in RELABELLED else w) for (a, b, _), w in zip(refs[:first], out, strict=True)]
    for name, count in LATER_WAVES:
        out.extend([name] * count)
    assert len(out) == len(refs)
    return out


def sampled_pairs(picked: Sequence[int], refs: Sequence[tuple[int, int, str]], rows: dict[int, dict[str, str]],
                  wave_of: Sequence[str]) -> list[SampledPair]:
    """The drawn pairs (indices into ``refs``) with their wave, outlets and dates; asserts each row is a
    tune row (even ``unit_id``)."""
    out = []
    for i in picked:
        a, b, _ = refs[i]
        x, y = rows[a], rows[b]
        assert int(x["unit_id"]) % 2 == 0 and int(y["unit_id"]) % 2 == 0, "a tune row with an odd unit_id"
        out.append(SampledPair(a, b, wave_of[i], x["source"], y["source"], x["date"], y["date"]))
    return out


def draw(gold: Path = GOLD, csv_path: Path | None = None, seed: int = SEED, size: int = SIZE) -> list[SampledPair]:
    """``size`` tune pairs drawn at random (``random.Random(seed).sample`` in file order)."""
    rows = all_rows(csv_path or shared_csv())
    refs = pair_refs(gold)
    wave_of = waves(refs, rows)
    tune = [i for i, (_, _, split) in enumerate(refs) if split == "tune"]
    picked = sorted(random.Random(seed).sample(tune, size))
    return sampled_pairs(picked, refs, rows, wave_of)


def named_rows(text: str) -> set[int]:
    """Every FA-KES row number a text names ("#row94", "row 94", "rows 14, 37 and 102", "112/328"):
    over-inclusive by design (a number that merely looks like a row is left out of the draw too)."""
    found: set[int] = {int(m) for m in _ROW_REF.findall(text)}
    for group in _ROW_WORD.findall(text):
        found.update(int(n) for n in re.findall(r"\d+", group))
    for x, y in _ROW_SLASH.findall(text):
        found.update((int(x), int(y)))
    return {n for n in found if 1 <= n <= MAX_ROW}


def section(text: str, heading_mark: str) -> str:
    """The section of a markdown text whose ``###`` heading holds ``heading_mark``, down to the next
    heading of level 1-3 ("" when there is none)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("### ") and heading_mark in line), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"#{1,3} ", lines[i])), len(lines))
    return "\n".join(lines[start:end])


def days_apart(x: dict[str, str], y: dict[str, str]) -> int | None:
    """Days between two rows' FA-KES dates; None when either is missing or unreadable."""
    try:
        return abs((_day(x) - _day(y)).days)
    except (KeyError, ValueError):
        return None


def near_pool(refs: Sequence[tuple[int, int, str]], rows: dict[int, dict[str, str]], *,
              exclude_pairs: set[tuple[int, int]], exclude_rows: set[int], max_days: int = NEAR_DAYS) -> list[int]:
    """Indexes of the tune lines whose two FA-KES dates are known and at most ``max_days`` apart,
    not in ``exclude_pairs`` and with neither row in ``exclude_rows``."""
    out = []
    for i, (a, b, split) in enumerate(refs):
        if split != "tune" or (a, b) in exclude_pairs or a in exclude_rows or b in exclude_rows:
            continue
        days = days_apart(rows[a], rows[b])
        if days is not None and days <= max_days:
            out.append(i)
    return out


def guide_rows(guide: Path = GUIDE, benchmarks: str | None = None) -> set[int]:
    """The rows the coding guide or the first sample's docs section names (their labels may leak);
    ``benchmarks`` is the benchmarks docs' text (``common.benchmark_docs_text`` when None)."""
    docs = benchmark_docs_text() if benchmarks is None else benchmarks
    return named_rows(guide.read_text(encoding="utf-8")) | named_rows(section(docs, AGREE3_HEADING))


def draw_near(gold: Path = GOLD, csv_path: Path | None = None, seed: int = NEAR_SEED,
              size: int = NEAR_SIZE) -> list[SampledPair]:
    """The second sample: ``size`` hard tune pairs (``random.Random(seed).sample`` of ``near_pool``)."""
    rows = all_rows(csv_path or shared_csv())
    refs = pair_refs(gold)
    wave_of = waves(refs, rows)
    first = {(a, b) for a, b, _ in pair_refs(SECOND)}
    assert len(first) == SIZE, "the first sample's second coding does not hold its pairs"
    named = guide_rows()
    pool = near_pool(refs, rows, exclude_pairs=first, exclude_rows=named)
    print(f"# near pool: {len(pool)} tune pairs ({len(named)} rows named in the guide or agree3's section left out)",
          file=sys.stderr)
    picked = sorted(random.Random(seed).sample(pool, size))
    return sampled_pairs(picked, refs, rows, wave_of)


def show_text(numbers: Sequence[int], csv_path: Path | None = None) -> None:
    rows = all_rows(csv_path or shared_csv())
    for n in numbers:
        row = rows[n]
        assert int(row["unit_id"]) % 2 == 0, f"row {n} is held out (odd unit_id)"
        print(f"=== row {n} | {row['source']} | {row['date']} | {row['location']}")
        print(row["article_title"])
        print(row["article_content"])
        print()


@dataclass(frozen=True)
class Coding:
    """One coder's call on one pair: same or not, and the contested fields of a same pair."""

    a: str
    b: str
    same: bool
    contested: frozenset[str]
    incident: str | None = None
    versions: str = ""
    note: str = ""


def read_codings(path: Path, keep: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], Coding]:
    """The codings of a gold-format file, keyed by (a, b); only the pairs in ``keep`` when given."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if keep is not None and (r["a"], r["b"]) not in keep:
            continue
        out[(r["a"], r["b"])] = Coding(r["a"], r["b"], r["label"] == "same", frozenset(r.get("contested") or ()),
                                       r.get("incident"), json.dumps(r.get("versions") or {}), r.get("note") or "")
    return out


def kappa(x: Sequence[bool], y: Sequence[bool]) -> float | None:
    """Cohen's kappa of two binary codings of the same items (None when chance agreement is 1)."""
    n = len(x)
    assert n == len(y) and n > 0
    observed = sum(p == q for p, q in zip(x, y, strict=True)) / n
    px, py = sum(x) / n, sum(y) / n
    chance = px * py + (1 - px) * (1 - py)
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)


def kappa_interval(x: Sequence[bool], y: Sequence[bool], draws: int = BOOTSTRAP,
                   seed: int = SEED) -> tuple[float, float, int]:
    """95 % percentile interval of kappa over ``draws`` bootstrap resamples of the pairs;
    also the number of resamples where kappa is undefined (all one class), left out."""
    rng = random.Random(seed)
    n = len(x)
    values = []
    for _ in range(draws):
        idx = [rng.randrange(n) for _ in range(n)]
        k = kappa([x[i] for i in idx], [y[i] for i in idx])
        if k is not None:
            values.append(k)
    values.sort()
    lo = values[int(0.025 * (len(values) - 1))]
    hi = values[int(0.975 * (len(values) - 1))]
    return lo, hi, draws - len(values)


def as_gold(codings: Sequence[Coding]) -> list[Any]:
    from sitrep.incidents.scorer import GoldPair

    return [GoldPair(c.a, c.b, "same" if c.same else "different", "tune", tuple(sorted(c.contested)))
            for c in codings]


def as_predictions(codings: Sequence[Coding]) -> dict[tuple[str, str], Any]:
    from sitrep.incidents.scorer import Prediction

    return {(c.a, c.b): Prediction(same=c.same, contested=c.contested if c.same else frozenset()) for c in codings}


def versus(gold: Sequence[Coding], other: Mapping[tuple[str, str], Coding]) -> dict[str, Any]:
    """The evaluator's scores of ``other`` with ``gold`` as the gold: pairs on all pairs; the
    contested figures on the pairs both call same (so a label miss is not also a field miss)."""
    from sitrep.incidents.scorer import score

    pairs = score(as_gold(gold), as_predictions([other[(g.a, g.b)] for g in gold]))["all"]
    both = [g for g in gold if g.same and other[(g.a, g.b)].same]
    fields = score(as_gold(both), as_predictions([other[(g.a, g.b)] for g in both]))["all"] if both else {}
    keep = ("contested_right", "contested_pairs", "false_flags", "agreeing_pairs", "fields")
    return {"pairs": {k: pairs[k] for k in ("pairs", "tp", "fp", "fn", "tn", "precision", "recall", "f1")},
            "both_same": len(both), **{k: fields.get(k) for k in keep}}


def label_agreement(a: Sequence[Coding], b: Sequence[Coding]) -> dict[str, Any]:
    x, y = [c.same for c in a], [c.same for c in b]
    k = kappa(x, y)
    lo, hi, undefined = kappa_interval(x, y)
    return {"pairs": len(x), "agree": sum(p == q for p, q in zip(x, y, strict=True)),
            "raw": round(sum(p == q for p, q in zip(x, y, strict=True)) / len(x), 3),
            "a_same": sum(x), "b_same": sum(y), "kappa": None if k is None else round(k, 3),
            "kappa_95": [round(lo, 3), round(hi, 3)], "bootstrap_draws": BOOTSTRAP, "undefined_draws": undefined}


def by_era(a: Sequence[Coding], b: Sequence[Coding], era: Mapping[tuple[str, str], str]) -> dict[str, Any]:
    out: dict[str, dict[str, int]] = {}
    for x, y in zip(a, b, strict=True):
        cell = out.setdefault(era[(x.a, x.b)], {"pairs": 0, "label_agree": 0, "a_same": 0, "b_same": 0,
                                                 "both_same": 0, "fields_equal": 0})
        cell["pairs"] += 1
        cell["label_agree"] += int(x.same == y.same)
        cell["a_same"] += int(x.same)
        cell["b_same"] += int(y.same)
        if x.same and y.same:
            cell["both_same"] += 1
            cell["fields_equal"] += int(x.contested == y.contested)
    return dict(sorted(out.items()))


def sitrep_predictions(db: Path, pairs: Sequence[Coding]) -> dict[tuple[str, str], Any]:
    """What ``sitrep eval incidents --db DB`` predicts for the pairs (same linking, same reading)."""
    return incident_predictions(db, as_gold(pairs))


def sitrep_versus(gold: Sequence[Coding], predicted: Mapping[tuple[str, str], Any]) -> dict[str, Any]:
    from sitrep.incidents.scorer import score

    return score(as_gold(gold), predicted)["all"]


#: the samples: their draw file and coder B's file
STRATA: dict[str, tuple[Path, Path]] = {"random": (DRAWN, SECOND), "near": (NEAR_DRAWN, NEAR_SECOND)}
#: the issue's targets (issue 11): pair F1 at least, contested right at least, false flags at most
TARGET_F1, TARGET_RIGHT, TARGET_FLAGS = 0.85, 0.70, 0.10


def stratum_keys(drawn: Path) -> tuple[list[tuple[str, str]], dict[tuple[str, str], str]]:
    """The drawn pairs of one sample, as gold keys, and their wave era."""
    rows = json.loads(drawn.read_text(encoding="utf-8"))
    keys = [(f"FA-KES-Dataset.csv#row{d['a']}", f"FA-KES-Dataset.csv#row{d['b']}") for d in rows]
    return keys, {k: ERAS[d["wave"]] for k, d in zip(keys, rows, strict=True)}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of k successes in n trials (None when n is 0)."""
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5 / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def pair_f1(gold: Sequence[bool], predicted: Sequence[bool]) -> float:
    """Pair F1 of same / different calls, as the evaluator counts it (0 when nothing is right)."""
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_interval(gold: Sequence[bool], predicted: Sequence[bool], draws: int = BOOTSTRAP,
                seed: int = NEAR_SEED) -> tuple[float, float]:
    """95 % percentile interval of pair F1 over ``draws`` bootstrap resamples of the pairs."""
    rng = random.Random(seed)
    n = len(gold)
    values = []
    for _ in range(draws):
        idx = [rng.randrange(n) for _ in range(n)]
        values.append(pair_f1([gold[i] for i in idx], [predicted[i] for i in idx]))
    values.sort()
    return values[int(0.025 * (draws - 1))], values[int(0.975 * (draws - 1))]


def contested_counts(gold: Sequence[Coding], other: Mapping[tuple[str, str], Coding]) -> tuple[int, int, int, int]:
    """On the pairs both call same, as the evaluator counts them: (pairs with a right field flagged,
    pairs whose gold holds a contested field, agreeing pairs flagged, agreeing pairs)."""
    right = differ = flagged = agree = 0
    for g in gold:
        o = other[(g.a, g.b)]
        if not (g.same and o.same):
            continue
        if g.contested:
            differ += 1
            right += int(bool(g.contested & o.contested))
        else:
            agree += 1
            flagged += int(bool(o.contested))
    return right, differ, flagged, agree


def call(target: float, interval: tuple[float, float] | None, *, at_most: bool = False) -> str:
    """Where a target lies against the coders' agreement (pre-registered, docs/benchmarks.md):
    "above" when it asks for more than the interval holds, "below" when less, "at" within it."""
    if interval is None:
        return "undefined"
    lo, hi = interval
    if at_most:
        return "above" if target < lo else "below" if target > hi else "at"
    return "above" if target > hi else "below" if target < lo else "at"


def target_calls(gold: Sequence[Coding], other: Mapping[tuple[str, str], Coding]) -> dict[str, Any]:
    """The three targets against ``other``'s agreement with ``gold`` (gold as the gold), with intervals."""
    x, y = [g.same for g in gold], [other[(g.a, g.b)].same for g in gold]
    f1_ci = f1_interval(x, y)
    right, differ, flagged, agree = contested_counts(gold, other)
    right_ci, flags_ci = wilson(right, differ), wilson(flagged, agree)
    return {"f1": round(pair_f1(x, y), 3), "f1_95": [round(v, 3) for v in f1_ci],
            "f1_target": call(TARGET_F1, f1_ci),
            "contested_right": [right, differ], "contested_right_95": _rounded(right_ci),
            "contested_target": call(TARGET_RIGHT, right_ci),
            "false_flags": [flagged, agree], "false_flags_95": _rounded(flags_ci),
            "false_flags_target": call(TARGET_FLAGS, flags_ci, at_most=True)}


def _rounded(interval: tuple[float, float] | None) -> list[float] | None:
    return None if interval is None else [round(v, 3) for v in interval]


def score_all(db: Path | None, strata: Sequence[str] = ("random",)) -> tuple[dict[str, Any], list[Coding], list[Coding]]:
    """Coder B against coder A (and sitrep against both) on the pairs of the given samples, pooled
    unweighted when more than one is given."""
    keys: list[tuple[str, str]] = []
    era: dict[tuple[str, str], str] = {}
    other: dict[tuple[str, str], Coding] = {}
    for name in strata:
        drawn, second = STRATA[name]
        k, e = stratum_keys(drawn)
        keys += k
        era |= e
        other |= read_codings(second)
    first = read_codings(GOLD, set(keys))
    assert len(set(keys)) == len(keys), "a pair is in two samples"
    assert set(first) == set(keys) == set(other), "the codings do not cover the drawn pairs"
    a, b = [first[k] for k in keys], [other[k] for k in keys]
    out: dict[str, Any] = {"labels": label_agreement(a, b), "b_vs_a": versus(a, other), "a_vs_b": versus(b, first),
                           "by_era": by_era(a, b, era)}
    if tuple(strata) != ("random",):
        out["strata"] = list(strata)
        out["targets_b_vs_a"] = target_calls(a, other)
        out["targets_a_vs_b"] = target_calls(b, first)
    if db is not None:
        predicted = sitrep_predictions(db, a)
        out["sitrep_vs_a"] = sitrep_versus(a, predicted)
        out["sitrep_vs_b"] = sitrep_versus(b, predicted)
        out["sitrep_same"] = sorted(f"{k[0].rsplit('#', 1)[1]}/{k[1].rsplit('#', 1)[1]}"
                                    for k, p in predicted.items() if p.same)
    return out, a, b


def print_disagreements(a: Sequence[Coding], b: Sequence[Coding]) -> None:
    for x, y in zip(a, b, strict=True):
        if x.same == y.same and x.contested == y.contested:
            continue
        print(f"== {x.a.rsplit('#', 1)[1]}/{x.b.rsplit('#', 1)[1]}")
        for name, c in (("A", x), ("B", y)):
            print(f"  {name}: {'same' if c.same else 'different'} {sorted(c.contested)} | {c.incident}")
            print(f"     versions: {c.versions}")
            print(f"     note: {c.note}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_draw = sub.add_parser("draw", help="the sample: ids, wave, outlets, dates (no label)")
    p_draw.add_argument("--json", type=Path, help="also write the sample here")
    p_draw.add_argument("--stratum", choices=("random", "near"), default="random",
                        help="random: the first sample (agree3); near: the hard pairs (agree4)")
    p_text = sub.add_parser("text", help="print the title and text of development rows")
    p_text.add_argument("rows", type=int, nargs="+")
    p_score = sub.add_parser("score", help="coder B against coder A (and sitrep against both, with --db)")
    p_score.add_argument("--db", type=Path, help="a sitrep database of the analysed development reports")
    p_score.add_argument("--json", type=Path, help="also write the figures here")
    p_score.add_argument("--disagreements", action="store_true", help="print both codings of every disagreement")
    p_score.add_argument("--stratum", choices=("random", "near", "pooled"), default="random",
                         help="random: agree3's 60; near: agree4's 40 hard pairs; pooled: both (two strata, unweighted)")
    args = parser.parse_args(argv)
    if args.command == "text":
        show_text(args.rows)
        return
    if args.command == "score":
        strata = ("random", "near") if args.stratum == "pooled" else (args.stratum,)
        figures, a, b = score_all(args.db, strata)
        print(json.dumps(figures, indent=1))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        if args.disagreements:
            print_disagreements(a, b)
        return
    sample = draw_near() if args.stratum == "near" else draw()
    for s in sample:
        print(f"row{s.a}\trow{s.b}\twave {s.wave}\t{s.outlet_a} {s.date_a}\t{s.outlet_b} {s.date_b}")
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in sample], indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
