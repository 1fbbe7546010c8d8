"""The linking cost of a clustering switch, as a ratio side by side in one run (issue 11, ``incidents60``).

Links every analysed report of a database (``linker.link``: mentions, blocking, scoring, clustering,
attachments) with the switch off and on, alternated ``--runs`` times in one process, and prints the
median CPU seconds of each and their ratio (on / off), with the incidents each way. A speed figure
is a ratio measured side by side, never a timed test. The garbage of each run is collected before the
next is timed (``gc.collect()``): without it the second run of each pair pays for the first's garbage
(an A/A run, the switch off both times, read 1.84; ``incidents60``), which is what ``--no-collect``
reproduces.

``--input NAME=W`` (``incidents63``) measures a switched-off pair input instead of a clustering switch:
off links with the shipped model (no weight for the input, so the scorer never computes it), on with
the same model and the input weighted ``W`` (``common.weighted_input``); run it with
``SITREP_INCIDENT_INPUTS=NAME``. ``--input NAME=0`` gives an A/A run (the two ways identical).

Usage: ``OMP_NUM_THREADS=1 python benchmarks/incidents_switch_cost.py --db DB (--switch split_mentions |
--input NAME=W) [--runs 3] [--no-collect]`` (``--switch`` names one or more of ``clustering.SWITCHES``,
comma-separated).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from pathlib import Path

from common import weighted_input

from sitrep.incidents import clustering
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import load_inputs
from sitrep.store import Store

FLAGS = {"report_share": clustering.REPORT_SHARE, "cannot_link": clustering.CANNOT_LINK,
         "split_mentions": clustering.SPLIT_MENTIONS}


def switch(names: list[str], on: bool) -> None:
    for name in names:
        FLAGS[name][0] = on


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--switch", default="")
    ap.add_argument("--input", default=None, metavar="NAME=W",
                    help="a switched-off pair input instead: off the shipped model, on the input weighted W")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-collect", action="store_true",
                    help="do not collect the previous run's garbage before a timed run (biased: for comparison)")
    args = ap.parse_args()
    names = [x.strip() for x in args.switch.split(",") if x.strip()]
    unknown = set(names) - set(FLAGS)
    if unknown:
        raise SystemExit(f"--switch: unknown {sorted(unknown)}; known: {sorted(FLAGS)}")
    if bool(names) == bool(args.input):
        raise SystemExit("name one of --switch or --input")
    settings = load_settings()
    ways = {False: settings, True: weighted_input(settings, args.input) if args.input else settings}
    with Store(Path(args.db), readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
    found = mentions(docs, settings)
    seconds: dict[bool, list[float]] = {False: [], True: []}
    count: dict[bool, int] = {}
    for _ in range(args.runs):
        for on in (False, True):
            switch(names, on)
            if not args.no_collect:
                gc.collect()
            start = time.process_time()
            count[on] = len(link(found, ways[on]))
            seconds[on].append(time.process_time() - start)
    switch(names, False)
    off, on_ = statistics.median(seconds[False]), statistics.median(seconds[True])
    print(json.dumps({"switch": names, "input": args.input, "runs": args.runs, "cpu_off": round(off, 3), "cpu_on": round(on_, 3),
                      "ratio": round(on_ / off, 3), "collect": not args.no_collect, "incidents_off": count[False], "incidents_on": count[True]}))


if __name__ == "__main__":
    main()
