"""Main-killed with ``record.ALSO_ROUNDUP`` off and on, per wave of the tune half (issue 12;
branch mainkill1, 2026-12-07 last round).

Each tune article of the casualty gold is parsed once and extracted once (the shipped models; the
switch only decides which figures ``record.headline_candidates`` keeps, after the extraction, so no
model reads it and nothing is refitted: a rule's per-wave gain is its own leave-one-wave-out
figure). Prints one JSON line per wave (``train_casualty_carry.WAVE_STARTS`` groups) with
main-killed off and on, then the random waves' two parts (``casualties_mainkill_waves``) and the
per-wave gains' mean and sample sd. ``--part tuning`` prints the tuning part's waves and the
articles that move there only (for the design; the bar reads the whole run). The check half of the
gold is never read here.

The bar (pre-registered in docs/benchmarks-incoming/mainkill1.md): (a) the random waves' check part
gains at least 2 articles and the mean per-wave gain over all tune waves exceeds its sd; (b) tune
figure F1 and attribution not lower by more than 0.002, war totals on events not up; (c) the stage's
cost within +5 % of a bare parse; (d) the events eval unchanged; (e) the casualty probes pass on.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_also_roundup.py [--shared DIR] [--part tuning]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import train_casualty_background as tb  # noqa: E402
import train_casualty_carry as tc  # noqa: E402
from casualties_mainkill_waves import split_waves  # noqa: E402

from sitrep.datasets import fakes_data_dir  # noqa: E402
from sitrep.stages.casualties import record  # noqa: E402
from sitrep.stages.casualties.background import load_background_model  # noqa: E402
from sitrep.stages.casualties.carry import load_carry_model  # noqa: E402
from sitrep.stages.casualties.lexicon import load_lexicon  # noqa: E402
from sitrep.stages.casualties.scope_model import load_scope_model  # noqa: E402
from sitrep.stages.casualties.stage import extract_from  # noqa: E402


def outcomes(shared: Path) -> list[dict[str, object]]:
    """Per tune article: its wave, the gold toll and the headline toll off and on."""
    lexicon = load_lexicon()
    scope_m, back_m, carry_m = load_scope_model(), load_background_model(), load_carry_model()
    assert scope_m is not None and back_m is not None and carry_m is not None
    lines = [json.loads(line)["document"] for line in tb.GOLD.read_text(encoding="utf-8").splitlines()]
    rows = []
    for a in tb.articles(shared, tb.Replay(lexicon)):
        figs = extract_from(a.analysis, lexicon, scope=scope_m.decide, background=back_m.decide,
                            carry=carry_m.decide).casualties
        tolls = {}
        for side in (False, True):
            record.ALSO_ROUNDUP = side
            tolls[side] = tb.Replay.main_killed(a.analysis, figs)
        record.ALSO_ROUNDUP = False
        rows.append({"document": a.gold.document, "wave": tc.group_of(lines.index(a.gold.document)),
                     "gold": a.gold.main_killed, "off": tolls[False], "on": tolls[True]})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--part", choices=("tuning", "all"), default="all")
    args = parser.parse_args()
    rows = outcomes(fakes_data_dir(args.shared, REPO))
    tuning, check = split_waves()
    waves = list(dict.fromkeys(str(r["wave"]) for r in rows))
    if args.part == "tuning":
        waves = [w for w in waves if w in tuning]
    gains = []
    for w in waves:
        sub = [r for r in rows if r["wave"] == w]
        off, on = (sum(r[k] == r["gold"] for r in sub) for k in ("off", "on"))
        gains.append(on - off)
        print(json.dumps({"wave": w, "articles": len(sub), "off": off, "on": on}))
        for r in sub:
            if r["off"] != r["on"]:
                print(json.dumps({"moved": True, **r}))
    if args.part == "tuning":
        return
    for name, part in (("tuning part", tuning), ("check part", check), ("tune", tuple(waves))):
        sub = [r for r in rows if r["wave"] in part]
        print(json.dumps({"part": name, "articles": len(sub), "off": sum(r["off"] == r["gold"] for r in sub),
                          "on": sum(r["on"] == r["gold"] for r in sub)}))
    print(json.dumps({"waves": len(gains), "mean_gain": round(statistics.mean(gains), 4),
                      "sd_gain": round(statistics.stdev(gains), 4), "summed_gain": sum(gains)}))


if __name__ == "__main__":
    main()
