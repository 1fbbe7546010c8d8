"""Generate a synthetic news corpus for scale tests and benchmarks (project-written text).

Every report is assembled from sentence templates written for sitrep, with varied actors,
named officials, places, dates, numbers and outlets drawn by a seeded generator: the same
``--n`` and ``--seed`` always give the same file. Nothing here comes from a dataset. The
reports read like wire copy about a conflict (strikes, shelling, talks, denials, quotes), so
every stage has work to do; they are not meant as gold data.

    python scripts/make_corpus.py --n 1000 -o /tmp/corpus-1k.jsonl
    sitrep run /tmp/corpus-1k.jsonl --map text=text,title=title,publisher=publisher,published=published
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ACTORS = [
    "the Syrian army", "government forces", "rebel fighters", "Turkish forces", "the Kurdish-led SDF",
    "Russian warplanes", "Islamic State militants", "the Free Syrian Army", "Hezbollah fighters",
    "the US-led coalition", "Iraqi troops", "Iranian-backed militias", "opposition factions",
    "the YPG", "Jaish al-Islam", "Israeli jets", "the Iraqi army", "Peshmerga forces",
]
OFFICIALS = [
    ("Colonel", "Amir Haddad"), ("General", "Samir Khoury"), ("spokesman", "Yusuf Darwish"),
    ("minister", "Leila Mansour"), ("commander", "Karim Nasser"), ("envoy", "Helena Varga"),
    ("governor", "Tariq Saleh"), ("spokeswoman", "Nadia Farouk"), ("Major", "Omar Qassem"),
    ("official", "Rami Aziz"), ("mayor", "Fadi Jaber"), ("negotiator", "Ingrid Holm"),
]
PLACES = [
    "Aleppo", "Idlib", "Homs", "Hama", "Raqqa", "Deir ez-Zor", "Afrin", "Manbij", "Daraa", "Latakia",
    "Douma", "eastern Ghouta", "Palmyra", "Kobani", "Mosul", "Kirkuk", "Tal Afar", "Jarablus",
    "al-Bab", "Qamishli", "Damascus", "Tartus", "Saraqeb", "Khan Sheikhoun",
]
OUTLETS = ["Northern Wire", "Levant Daily", "Crescent News", "Frontline Report", "Valley Herald",
           "Continental Press", "Harbour Times", "Capital Monitor"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

SENTENCES = [
    "{actor_a} shelled {place} on {weekday}, killing at least {n} civilians, {outlet} reported.",
    "Air strikes hit a market in {place} {when}, and {n} people were wounded.",
    "{actor_a} said it had captured three villages near {place} after heavy fighting with {actor_b}.",
    "\u201cWe will not allow terrorists to hold {place},\u201d {title} {name} told reporters.",
    "{title} {name} denied that {actor_a} had targeted a hospital in {place}.",
    "Talks between {actor_a} and {actor_b} resumed in {city} on {day} {month}.",
    "A ceasefire agreed {when} collapsed within hours, according to residents of {place}.",
    "{actor_b} accused {actor_a} of using barrel bombs against {place}.",
    "At least {n} fighters were killed in clashes around {place} {when}, a monitoring group said.",
    "The United Nations called for a humanitarian corridor to {place} on {weekday}.",
    "{actor_a} may launch an offensive on {place} next month, analysts warned.",
    "Thousands of families fled {place} as {actor_a} advanced from the north.",
    "{title} {name} said the attack on {place} was \u201ca clear violation of the truce.\u201d",
    "Convoys carrying food and medicine reached {place} on {day} {month} for the first time in weeks.",
    "{actor_a} and {actor_b} exchanged prisoners near {place}, state media said.",
    "Witnesses in {place} said drones circled the town before the strike.",
    "{outlet} could not independently verify the casualty figures from {place}.",
    "In {year}, {actor_a} had promised to withdraw from {place}.",
    "A car bomb exploded at a checkpoint in {place} {when}, killing {n} people.",
    "{title} {name} met officials in {city} to discuss the return of refugees to {place}.",
]
CITIES = ["Geneva", "Astana", "Sochi", "Vienna", "Ankara", "Amman", "Beirut", "Moscow"]


def _when(rng: random.Random) -> str:
    return rng.choice(["on Monday", "on Tuesday", "last week", "on Friday evening", "overnight",
                       "early on Sunday", "two days ago", "on Thursday"])


def report(i: int, seed: int = 0) -> dict[str, str]:
    """The ``i``-th report of the corpus with this seed: text, title, publisher, published (ISO day)."""
    rng = random.Random(f"{seed}:{i}")
    published = date(2016, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    sentences = []
    for template in rng.sample(SENTENCES, rng.randint(7, 11)):
        title, name = rng.choice(OFFICIALS)
        actor_a, actor_b = rng.sample(ACTORS, 2)
        sentence = template.format(
            actor_a=actor_a, actor_b=actor_b, place=rng.choice(PLACES), weekday=rng.choice(WEEKDAYS),
            n=rng.randint(2, 90), outlet=rng.choice(OUTLETS), when=_when(rng), title=title, name=name,
            city=rng.choice(CITIES), day=rng.randint(1, 28), month=rng.choice(MONTHS),
            year=published.year - rng.randint(1, 3),
        )
        sentences.append(sentence[0].upper() + sentence[1:])
    paragraphs = [" ".join(sentences[k:k + 3]) for k in range(0, len(sentences), 3)]
    place = rng.choice(PLACES)
    return {
        "title": f"Fighting near {place}: report {i}",
        "publisher": rng.choice(OUTLETS),
        "published": published.isoformat(),
        "text": "\n\n".join(paragraphs) + f"\n\n(Report {i}.)",
    }


def generate(n: int, seed: int = 0) -> Iterator[dict[str, str]]:
    for i in range(n):
        yield report(i, seed)


def write_jsonl(path: Path, n: int, seed: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in generate(n, seed):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of reports")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args(argv)
    write_jsonl(args.output, args.n, args.seed)
    print(f"wrote {args.n} reports to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
