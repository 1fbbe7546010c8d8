"""Incident linking at scale: 100,000 synthetic events on one core, time and peak memory.

Builds a synthetic corpus (fixed seed): real-world incidents spread over two years and
60 districts of 5 invented countries, each told by one to five outlets in their own
words (shared place and means words, different fillers), plus statements, meetings and
other events that belong to no incident; about 20 events per report. Then runs the
whole incident layer (``build_incidents``: mentions, blocking, scoring, clustering,
copies, records) and prints the wall-clock and CPU seconds (the machine is shared: CPU
seconds are what one core spends), the peak Python heap (``tracemalloc``) and the
process's peak resident memory before and after (``--trace``: the linking's peak heap, in a
second run under ``tracemalloc``).

``--input NAME=W`` (``incidents63``): link with a pair input weighted ``W`` on top of the
shipped model (``common.weighted_input``), for its cost.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/incidents_scale.py [--events 100000] [--json] [--trace]
[--input NAME=W]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from common import weighted_input  # noqa: E402

from sitrep.incidents.build import build_incidents  # noqa: E402
from sitrep.incidents.inputs import DocumentInput  # noqa: E402
from sitrep.incidents.settings import load_settings  # noqa: E402
from sitrep.records import (  # noqa: E402
    Actor,
    Document,
    Entity,
    Event,
    EventDate,
    EventPlace,
    Evidence,
    Place,
)

MEANS = ["air strike", "shelling", "car bomb", "rocket fire", "sniper fire", "drone strike"]
OTHER = [("CONSULT", "met"), ("ACCUSE", "accused"), ("REQUEST", "called"), ("AGREE", "agreed"),
         ("SUPPORT", "praised"), ("MOBILIZE", "deployed")]
ACTORS = [Actor(f"A{i}", f"Force {i}", "military" if i % 2 else "armed_group", f"C{i % 5}") for i in range(20)]


def _syllable_name(rng: random.Random) -> str:
    parts = ["qa", "ra", "tel", "mar", "ka", "sa", "din", "hu", "ya", "bel", "nor", "ush", "zan", "fir"]
    return "".join(rng.choice(parts) for _ in range(3)).title()


class Corpus:
    """The synthetic world: districts, filler vocabulary, and the reports."""

    def __init__(self, events: int, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.target = events
        self.start = date(2030, 1, 1)
        self.districts = [(_syllable_name(self.rng), i // 12, 30 + (i % 12) * 0.9, 35 + (i // 12) * 1.7)
                          for i in range(60)]
        self.filler = [_syllable_name(self.rng).lower() for _ in range(3000)]

    def incident_sentence(self, district: str, means: str, toll: int, day: date) -> str:
        words = " ".join(self.rng.choice(self.filler) for _ in range(self.rng.randint(6, 14)))
        return f"An {means} hit {district} on {day:%A}, killing {toll} people, {words}."

    def build(self) -> list[DocumentInput]:
        out: list[DocumentInput] = []
        made = 0
        while made < self.target:
            district, country, lat, lon = self.rng.choice(self.districts)
            day = self.start + timedelta(days=self.rng.randrange(730))
            means, toll = self.rng.choice(MEANS), self.rng.randint(1, 60)
            for _ in range(self.rng.randint(1, 5)):  # the outlets telling this incident
                item = self.report(len(out), district, country, lat, lon, day, means, toll)
                made += len(item.events)
                out.append(item)
        return out

    def report(self, n: int, district: str, country: int, lat: float, lon: float, day: date, means: str,
               toll: int) -> DocumentInput:
        doc_id = f"d{n:07d}"
        published = day + timedelta(days=self.rng.randint(0, 1))
        sentences: list[tuple[str, str, str, bool]] = []  # text, category, trigger, placed
        for _ in range(self.rng.randint(1, 3)):
            sentences.append((self.incident_sentence(district, means, toll, day), "ASSAULT", "hit", True))
        for _ in range(self.rng.randint(12, 22)):
            category, trigger = self.rng.choice(OTHER)
            filler = " ".join(self.rng.choice(self.filler) for _ in range(self.rng.randint(8, 16)))
            sentences.append((f"Officials {trigger} {filler}.", category, trigger, False))
        text = " ".join(s[0] for s in sentences)
        events, places, entities = [], [], []
        offset = 0
        for k, (sent, category, trigger, placed) in enumerate(sentences):
            ev_place, ev_date = None, EventDate(day.isoformat(), "day", day.strftime("%A"))
            if placed:
                p0 = offset + sent.index(district)
                places.append(Place(doc_id, p0, p0 + len(district), district, sent, district, lat, lon,
                                    f"C{country}", f"D{district}", 10_000 + hash(district) % 100_000, 4))
                entities.append(Entity(doc_id, p0, p0 + len(district), district, "GPE", sent))
                ev_place = EventPlace(district, lat, lon, f"C{country}", None, district)
            else:
                ev_date = EventDate(published.isoformat(), "document", None)
            actor = self.rng.choice(ACTORS).id
            events.append(Event(f"ev_{doc_id}_{k}", doc_id, category, "asserted", Evidence(offset, offset + len(sent), sent),
                                trigger, actors=[actor], place=ev_place, date=ev_date, confidence=0.7))
            offset += len(sent) + 1
        document = Document(doc_id, doc_id, text, title=None, publisher=f"outlet{self.rng.randrange(40)}",
                            published=published.isoformat(), status="analyzed")
        return DocumentInput(document, events, places, entities, (), ACTORS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--trace", action="store_true", help="also measure the peak heap (a second, slower run)")
    ap.add_argument("--input", default=None, metavar="NAME=W",
                    help="link with a pair input weighted W on top of the shipped model")
    args = ap.parse_args()
    inputs = Corpus(args.events).build()
    events = sum(len(i.events) for i in inputs)
    settings = load_settings()
    if args.input:
        settings = weighted_input(settings, args.input)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    result = build_incidents(inputs, settings)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = None
    if args.trace:  # a second run under tracemalloc (slower) for the peak heap of the linking
        tracemalloc.start()
        build_incidents(inputs, settings)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    figures = {
        "reports": len(inputs), "events": events, "incidents": len(result.incidents),
        "multi_report_incidents": sum(1 for i in result.incidents if len(i.documents) > 1),
        "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "events_per_cpu_second": round(events / cpu),
        "rss_before_mb": round(before / 1024),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_heap_mb": round(peak / 2**20) if peak is not None else None,
    }
    print(json.dumps(figures) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
