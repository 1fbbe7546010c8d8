"""Every accuracy row of the headline table ("Where each issue stands", ``docs/benchmarks.md``) in one command.

Runs, one after the other and each as a subprocess exactly as a user runs it (from the repository
root, ``OMP_NUM_THREADS=1``, this checkout's ``src`` first on ``PYTHONPATH``), the commands the
headline's accuracy rows name:

- ``benchmarks/incidents_cost.py --db DB --workers 2`` (builds ``DB``; skipped when ``--db`` is given
  and exists);
- ``sitrep eval incidents benchmarks/data/fakes_incident_pairs.jsonl --db DB --json``;
- ``benchmarks/incidents_contested_oof.py --db DB --repeats 5``;
- ``benchmarks/incidents_records_audit.py --db DB --halves`` (the incident records against the
  hand-judged records gold);
- ``sitrep eval casualties benchmarks/data/fakes_casualties_gold.jsonl --json``;
- ``sitrep eval events benchmarks/data/fakes_events_gold.jsonl --json``;
- ``sitrep eval events $SITREP_SHARED/data/events/plover_gsr_dev.jsonl --json``;
- ``benchmarks/geo_bench.py --out DIR/geo.json``;
- ``benchmarks/actors_ngec_split.py --json DIR/ngec.json``.

Each command's output goes into ``DIR`` under a fixed name (``<name>.json`` the figures,
``<name>.stdout`` when the figures are written to a file of their own, ``<name>.stderr``, and
``<name>.exit`` its exit code); a failing command is recorded and the others still run. Then the
outputs are read (all of them give JSON) and one table is printed: issue, measure, tune, check,
target, met (tune / check). ``DIR/headline.json`` holds the same rows, the commit, the date, the
load average before and after, and each command's wall time. The targets are the typed table
``TARGETS`` below (each with the issue's wording); "met" is computed from it, never typed.

Out of scope: the speed rows (throughput, stage costs, linking share, scale: ratios that need a quiet
machine and run side by side, see their own commands in the headline), the rows the headline reads
from other scripts (``fakes_places.py``, the hand-read sample) or from the opt-in ``--record-check`` (its
tune figure is out of fold), and the 95 % intervals (``python benchmarks/headline_intervals.py --db DB``).
The whole run took 5–10 minutes on 2 shared cores (load 3–9). With every command skipped, the table is
read again from the outputs already in ``DIR``.

Usage: ``python benchmarks/headline.py --out DIR [--db DB] [--skip geo,oof,…] [--json]``
(``--skip`` takes the command names of ``COMMANDS``: cost, incidents, oof, casualties, events,
plover, geo, ngec).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

REPO = Path(__file__).resolve().parents[1]

Direction = Literal["at_least", "at_most", "within"]


@dataclass(frozen=True)
class Command:
    """One command of the headline: ``argv`` (``{db}``, ``{out}``, ``{shared}`` filled in at run time);
    ``figures_file`` names the file the command writes its JSON to itself (else its stdout is the JSON)."""

    name: str
    argv: tuple[str, ...]
    figures_file: str | None = None


@dataclass(frozen=True)
class Target:
    """One headline row: the figure at ``tune`` / ``check`` (key paths into the output of ``command``,
    dots between keys; ``None``: the row has no such half) against ``value`` in ``direction``
    (``within``: ``value`` is ``(low, high)``); ``value`` ``None``: a figure reported beside the targets."""

    issue: int
    measure: str
    command: str
    tune: str | None
    check: str | None
    value: float | tuple[float, float] | None
    direction: Direction = "at_least"
    note: str = ""


@dataclass
class RunRecord:
    """What one command did: its argv, exit code (``None``: not run), wall seconds, the reason when
    skipped or failed to start, and the files it left."""

    name: str
    argv: list[str]
    exit_code: int | None = None
    seconds: float | None = None
    skipped: str | None = None
    error: str | None = None
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    """One printed row: figures read (``None``: absent), the target as text, met per half."""

    issue: int
    measure: str
    tune: float | None
    check: float | None
    target: str
    met_tune: bool | None
    met_check: bool | None
    note: str


PY = "{python}"
COMMANDS: tuple[Command, ...] = (
    Command("cost", (PY, "benchmarks/incidents_cost.py", "--db", "{db}", "--workers", "2")),
    Command("incidents", (PY, "-m", "sitrep", "eval", "incidents", "benchmarks/data/fakes_incident_pairs.jsonl",
                          "--db", "{db}", "--json")),
    Command("oof", (PY, "benchmarks/incidents_contested_oof.py", "--db", "{db}", "--repeats", "5")),
    Command("records", (PY, "benchmarks/incidents_records_audit.py", "--db", "{db}", "--halves")),
    Command("casualties", (PY, "-m", "sitrep", "eval", "casualties", "benchmarks/data/fakes_casualties_gold.jsonl",
                           "--json")),
    Command("events", (PY, "-m", "sitrep", "eval", "events", "benchmarks/data/fakes_events_gold.jsonl", "--json")),
    Command("plover", (PY, "-m", "sitrep", "eval", "events", "{shared}/events/plover_gsr_dev.jsonl", "--json")),
    Command("geo", (PY, "benchmarks/geo_bench.py", "--out", "{out}/geo.json"), figures_file="geo.json"),
    Command("ngec", (PY, "benchmarks/actors_ngec_split.py", "--json", "{out}/ngec.json"), figures_file="ngec.json"),
)

# The targets, with the issues' wording ("Done when"). ``tune`` / ``check`` are key paths into the
# command's JSON. Issue 11: "same-incident pair F1 >= 0.85 on the labelled pairs; contested fields:
# >= 70 % of same pairs whose reports differ get a right field flagged, <= 10 % of agreeing pairs
# flagged".
TARGETS: tuple[Target, ...] = (
    Target(11, "pair F1", "incidents", "tune.f1", "check.f1", 0.85),
    Target(11, "pair precision", "incidents", "tune.precision", "check.precision", None),
    Target(11, "pair recall", "incidents", "tune.recall", "check.recall", None),
    Target(11, "pair F1 out of fold (mean of 5 splits)", "oof", "f1.mean", None, 0.85,
           note="the tune labels out of fold; sd in oof.json"),
    Target(11, "contested field right", "incidents", "tune.contested_right", "check.contested_right", 0.70),
    Target(11, "contested false flags", "incidents", "tune.false_flags", "check.false_flags", 0.10, "at_most"),
    Target(11, "contested right out of fold", "oof", "contested_right.mean", None, 0.70),
    Target(11, "contested false flags out of fold", "oof", "false_flags.mean", None, 0.10, "at_most"),
    # The incident records a user reads, against the hand-judged records gold (incaudit1; no target in
    # the issue: reported beside the pair figures).
    Target(11, "records: actors exact", "records", "tune.right_share.actors", "check.right_share.actors", None),
    Target(11, "records: recipients exact", "records", "tune.right_share.recipients", "check.right_share.recipients",
           None),
    Target(11, "records: place", "records", "tune.right_share.place", "check.right_share.place", None),
    Target(11, "records: killed best", "records", "tune.right_share.killed_best", "check.right_share.killed_best",
           None),
    Target(11, "records: contested fields", "records", "tune.right_share.contested", "check.right_share.contested",
           None),
    # Issue 12: "figure F1 >= 0.85, the main killed figure right >= 85 %, attribution >= 85 %, no
    # war-wide total attached to an event".
    Target(12, "figure F1", "casualties", "tune_figure_f1", "check_figure_f1", 0.85),
    Target(12, "main-killed accuracy", "casualties", "tune_main_killed_accuracy", "check_main_killed_accuracy", 0.85),
    Target(12, "attribution accuracy", "casualties", "tune_attribution_accuracy", "check_attribution_accuracy", 0.85),
    Target(12, "attribution strict", "casualties", "tune_attribution_strict", "check_attribution_strict", None),
    Target(12, "war-wide totals on an event", "casualties", "tune_war_totals_on_incidents",
           "check_war_totals_on_incidents", 0, "at_most"),
    # Issue 13: "PLOVER GSR category accuracy >= 0.80, actor F1 >= 0.75, recipient F1 >= 0.70 (held-out);
    # hand-coded FA-KES: event F1 >= 0.70; on matched events actor >= 0.80, recipient >= 0.70, place
    # >= 0.80, status >= 0.80; predicted events per article within +-30 % of the coder's count; no
    # ACLED-style row whose event_date is not a date".
    Target(13, "PLOVER category accuracy", "plover", "tune.category_accuracy", "check.category_accuracy", 0.80),
    Target(13, "PLOVER actor F1", "plover", "tune.actor_f1", "check.actor_f1", 0.75),
    Target(13, "PLOVER recipient F1", "plover", "tune.recipient_f1", "check.recipient_f1", 0.70),
    Target(13, "FA-KES event F1", "events", "tune.event_f1", "check.event_f1", 0.70),
    Target(13, "FA-KES actor (matched)", "events", "tune.actor_accuracy", "check.actor_accuracy", 0.80),
    Target(13, "FA-KES recipient (matched)", "events", "tune.recipient_accuracy", "check.recipient_accuracy", 0.70,
           note="tune in sample: the recipient model is fitted on these articles"),
    Target(13, "FA-KES place (matched)", "events", "tune.place_accuracy", "check.place_accuracy", 0.80),
    Target(13, "FA-KES status (matched)", "events", "tune.status_accuracy", "check.status_accuracy", 0.80),
    Target(13, "FA-KES strict actor", "events", "tune.actor_strict_accuracy", "check.actor_strict_accuracy", None),
    Target(13, "FA-KES strict recipient", "events", "tune.recipient_strict_accuracy",
           "check.recipient_strict_accuracy", None),
    Target(13, "events per coder event", "events", "tune.predicted_per_gold", "check.predicted_per_gold",
           (0.70, 1.30), "within"),
    Target(13, "non-calendar ACLED dates", "events", "tune.dates_not_calendar", "check.dates_not_calendar", 0,
           "at_most"),
    # Issue 14: "acc@161 on gold spans >= 0.90 on GeoWebNews and >= 0.85 on LGL; end-to-end F1 >= 0.80
    # on the held-out TR-News (the maintainers'); NGEC country >= 0.90, sector >= 0.80 (held-out)".
    Target(14, "GWN acc@161 (gold spans)", "geo", "GeoWebNews/dev.sitrep.acc161", "GeoWebNews/heldout.sitrep.acc161",
           0.90),
    Target(14, "LGL acc@161 (gold spans)", "geo", "LGL/dev.sitrep.acc161", "LGL/heldout.sitrep.acc161", 0.85),
    Target(14, "GWN end-to-end F1", "geo", "GeoWebNews/dev.sitrep.e2e_f1", "GeoWebNews/heldout.sitrep.e2e_f1", None,
           note="target (>= 0.80) on held-out TR-News, measured by the maintainers"),
    Target(14, "LGL end-to-end F1", "geo", "LGL/dev.sitrep.e2e_f1", "LGL/heldout.sitrep.e2e_f1", None,
           note="target (>= 0.80) on held-out TR-News, measured by the maintainers"),
    Target(14, "NGEC country", "ngec", "tune.country.accuracy", "check.country.accuracy", 0.90,
           note="the issue's target is on the maintainers' held-out cases"),
    Target(14, "NGEC sector", "ngec", "tune.sector.accuracy", "check.sector.accuracy", 0.80,
           note="the issue's target is on the maintainers' held-out cases"),
)


# -- running -------------------------------------------------------------------------------------
def fill(argv: Sequence[str], values: dict[str, str]) -> list[str]:
    """``argv`` with each ``{name}`` of ``values`` (``db``, ``out``, ``shared``, ``python``) replaced; any
    other brace is left as it is."""
    out = []
    for arg in argv:
        for name, value in values.items():
            arg = arg.replace("{" + name + "}", value)
        out.append(arg)
    return out


def run_command(command: Command, values: dict[str, str], out: Path, env: dict[str, str]) -> RunRecord:
    """Run one command from the repository root: its stdout to ``<name>.json`` (or ``<name>.stdout``
    when it writes its figures to a file of its own), stderr to ``<name>.stderr``, the exit code to
    ``<name>.exit``. A command that cannot start is recorded with the reason (exit code 127)."""
    argv = fill(command.argv, values)
    record = RunRecord(command.name, argv)
    stdout_name = f"{command.name}.stdout" if command.figures_file else f"{command.name}.json"
    started = time.perf_counter()
    with (out / stdout_name).open("w", encoding="utf-8") as so, (out / f"{command.name}.stderr").open(
            "w", encoding="utf-8") as se:
        try:
            record.exit_code = subprocess.run(argv, cwd=REPO, env=env, stdout=so, stderr=se, check=False).returncode
        except OSError as exc:
            record.exit_code, record.error = 127, f"{type(exc).__name__}: {exc}"
            se.write(record.error + "\n")
    record.seconds = round(time.perf_counter() - started, 1)
    (out / f"{command.name}.exit").write_text(f"{record.exit_code}\n", encoding="utf-8")
    record.files = [stdout_name, f"{command.name}.stderr", f"{command.name}.exit"]
    if command.figures_file:
        record.files.append(command.figures_file)
    return record


def child_env() -> dict[str, str]:
    """The environment of every command: single-threaded, this checkout's ``src`` first."""
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH", "")) if p)
    return env


def shared_data() -> str | None:
    """The shared data folder as every sitrep command finds it (``sitrep.datasets.shared_data_dir``),
    ``None`` when absent."""
    from sitrep.datasets import shared_data_dir
    from sitrep.errors import SitrepError

    try:
        return str(shared_data_dir(REPO))
    except SitrepError:
        return None


def run_all(commands: Sequence[Command], out: Path, *, db: Path, skip: set[str],
            runner: Callable[[Command, dict[str, str], Path, dict[str, str]], RunRecord] = run_command
            ) -> list[RunRecord]:
    """Every command not in ``skip``, in order; ``cost`` is skipped when ``db`` exists already. A
    command needing the shared data when it is absent is recorded as failed and not started."""
    shared = shared_data()
    values = {"db": str(db), "out": str(out), "shared": shared or "", "python": sys.executable}
    env = child_env()
    records = []
    for command in commands:
        argv = fill(command.argv, values)
        if command.name in skip:
            records.append(RunRecord(command.name, argv, skipped="--skip"))
        elif command.name == "cost" and db.exists():
            records.append(RunRecord(command.name, argv, skipped=f"{db} exists"))
        elif shared is None and "{shared}" in "".join(command.argv):
            records.append(RunRecord(command.name, argv, exit_code=127, error="the shared data folder is absent"))
        else:
            print(f"[headline] {command.name}: {' '.join(argv)}", file=sys.stderr, flush=True)
            records.append(runner(command, values, out, env))
    return records


# -- reading -------------------------------------------------------------------------------------
def read_figures(out: Path, command: Command) -> dict[str, Any] | None:
    """The JSON a command left in ``out`` (its own file, or its stdout), ``None`` when absent or not
    JSON (a failed run)."""
    path = out / (command.figures_file or f"{command.name}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def lookup(data: dict[str, Any] | None, path: str | None) -> float | None:
    """The number at the dotted key ``path`` of ``data`` (``None`` when any key is missing or the value
    is not a number). Keys may hold ``/`` (``GeoWebNews/dev.sitrep.acc161``), never ``.``."""
    if data is None or path is None:
        return None
    value: Any = data
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def met(figure: float | None, target: Target) -> bool | None:
    """Whether ``figure`` meets ``target`` (``None``: no figure, or a row without a target)."""
    if figure is None or target.value is None:
        return None
    if target.direction == "within":
        assert isinstance(target.value, tuple)
        low, high = target.value
        return low <= figure <= high
    assert not isinstance(target.value, tuple)
    return figure >= target.value if target.direction == "at_least" else figure <= target.value


def target_text(target: Target) -> str:
    if target.value is None:
        return ""
    if isinstance(target.value, tuple):
        return f"{target.value[0]:g}–{target.value[1]:g}"
    return f"{'≥' if target.direction == 'at_least' else '≤'} {target.value:g}"


def rows(targets: Sequence[Target], figures: dict[str, dict[str, Any] | None]) -> list[Row]:
    """One row per target, from the commands' figures (by command name)."""
    out = []
    for t in targets:
        data = figures.get(t.command)
        tune, check = lookup(data, t.tune), lookup(data, t.check)
        out.append(Row(t.issue, t.measure, tune, check, target_text(t), met(tune, t), met(check, t), t.note))
    return out


# -- reporting -----------------------------------------------------------------------------------
def _cell(value: float | None) -> str:
    """A figure as the scripts print it: whole numbers bare, others to 3 decimals by Python's formatting of
    the scorers' 4-decimal value (0.8115 prints 0.811: the headline, rounded by hand, has one such cell at
    0.812; no one rule on 4 decimals reads every headline cell). The JSON keeps every digit."""
    if value is None:
        return "—"
    return str(int(value)) if value == int(value) else f"{value:.3f}"


def _yes(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "no")


def table(result_rows: Sequence[Row]) -> str:
    """The rows as a fixed-width text table."""
    head = f"{'issue':5}  {'measure':40} {'tune':>7} {'check':>7}  {'target':>10}  met (tune / check)"
    lines = [head, "-" * len(head)]
    for r in result_rows:
        lines.append(f"{r.issue:5}  {r.measure:40} {_cell(r.tune):>7} {_cell(r.check):>7}  {r.target:>10}  "
                     f"{_yes(r.met_tune)} / {_yes(r.met_check)}")
    return "\n".join(lines)


def commit() -> str:
    """``git describe``-like: the HEAD commit, ``+dirty`` when the tree has changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def report(records: Sequence[RunRecord], result_rows: Sequence[Row], *, load_before: Sequence[float],
           load_after: Sequence[float], started: str, head: str) -> dict[str, Any]:
    """The content of ``headline.json`` (``head``: the commit the run started on)."""
    return {"commit": head, "started_utc": started,
            "finished_utc": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
            "commands": [dataclasses.asdict(r) for r in records],
            "rows": [dataclasses.asdict(r) for r in result_rows]}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="folder for every output (created)")
    ap.add_argument("--db", type=Path, default=None, help="FA-KES database (built by `cost` unless it exists; "
                    "default DIR/fakes.db)")
    ap.add_argument("--skip", default="", help=f"commands not to run, comma-separated: "
                    f"{', '.join(c.name for c in COMMANDS)}")
    ap.add_argument("--json", action="store_true", help="print headline.json instead of the table")
    args = ap.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - {c.name for c in COMMANDS}
    if unknown:
        ap.error(f"unknown command(s) in --skip: {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    db = (args.db or args.out / "fakes.db").resolve()
    started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    load_before = os.getloadavg()
    head = commit()  # before the run: a commit made while it runs is not the code it ran
    records = run_all(COMMANDS, args.out.resolve(), db=db, skip=skip)
    load_after = os.getloadavg()
    figures = {c.name: read_figures(args.out, c) for c in COMMANDS}
    result_rows = rows(TARGETS, figures)
    data = report(records, result_rows, load_before=load_before, load_after=load_after, started=started,
                  head=head)
    (args.out / "headline.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=1) if args.json else table(result_rows))
    failed = [r.name for r in records if r.exit_code not in (None, 0)]
    if failed:
        print(f"failed: {', '.join(failed)} (see their .stderr in {args.out})", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
