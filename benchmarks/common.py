"""What the benchmark scripts share: the repository's ``src`` on ``sys.path`` (the scripts run
from a checkout, installed or not), the shared datasets folder, and the coordinate search the
rule-fitting scripts run.

Import it first: ``from common import REPO, shared_dir`` (scripts run as ``python
benchmarks/<name>.py``, so this folder is on ``sys.path``).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import statistics
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))


def benchmark_doc_files() -> list[Path]:
    """``docs/benchmarks.md`` (the headline and the index), then every ``docs/benchmarks/*.md`` by
    name (date order within a topic): the benchmarks documentation in a fixed order."""
    return [REPO / "docs" / "benchmarks.md", *sorted((REPO / "docs" / "benchmarks").glob("*.md"))]


def benchmark_docs_text() -> str:
    """The text of every file of ``benchmark_doc_files``, joined in that order (for the scripts that
    read a section of the benchmarks documentation by its heading)."""
    return "".join(path.read_text(encoding="utf-8") for path in benchmark_doc_files())


def script_module(name: str) -> Any:
    """The module of ``scripts/<name>.py`` (the scripts are no package): loaded once and kept in
    ``sys.modules`` under ``<name>``, so its dataclasses and pickles resolve."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def shared_dir() -> Path:
    """``../shared/data`` (or ``$SITREP_SHARED/data``); exits with the reason when absent."""
    from sitrep.datasets import shared_data_dir
    from sitrep.errors import SitrepError

    try:
        return shared_data_dir(REPO)
    except SitrepError as exc:
        raise SystemExit(str(exc)) from exc


def fakes_csv() -> Path:
    """The FA-KES corpus file in the shared datasets."""
    return shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv"


def is_fakes_dev(row: dict[str, str]) -> bool:
    """An FA-KES development row: even ``unit_id``. Rows with an odd ``unit_id`` are held out:
    no benchmark reads, labels, tunes or measures on them."""
    unit = row.get("unit_id", "")
    return unit.isdigit() and int(unit) % 2 == 0


def fakes_dev_rows(path: Path | None = None) -> list[dict[str, str]]:
    """The development rows of FA-KES (even ``unit_id``), in file order."""
    import csv

    with (path or fakes_csv()).open(encoding="utf-8", errors="replace", newline="") as fh:
        return [row for row in csv.DictReader(fh) if is_fakes_dev(row)]


def fakes_dev_rows_numbered(path: Path | None = None) -> dict[int, dict[str, str]]:
    """The development rows of FA-KES by their 1-based row number in the file (the ``#rowN`` of the
    gold files); held-out rows are skipped, their numbers kept for the rows after them."""
    import csv

    with (path or fakes_csv()).open(encoding="utf-8", errors="replace", newline="") as fh:
        return {n: row for n, row in enumerate(csv.DictReader(fh), start=1) if is_fakes_dev(row)}


def write_fakes_dev_csv(folder: Path) -> Path:
    """A CSV of the FA-KES development rows only, written to ``folder`` (a temporary folder:
    the corpus never enters the repository), for benchmarks that ingest the CSV itself."""
    import csv

    rows = fakes_dev_rows()
    out = folder / "FA-KES-dev.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


#: how ``coordinate_search`` decides that a candidate beats the best settings so far:
#: ``in-sample`` (the objective on the pooled data is higher at all), ``out-of-fold`` (the mean
#: per-wave gain in the objective is larger than the sd of the per-wave gains; ``wave_gain_accepts``)
#: or ``out-of-fold-se`` (larger than the standard error of the mean gain, sd / sqrt(waves))
ACCEPT_RULES = ("in-sample", "out-of-fold", "out-of-fold-se")


def _components(value: Any) -> tuple[float, ...]:
    """An objective's value as a tuple of numbers (a bare number is a tuple of one)."""
    return tuple(float(v) for v in value) if isinstance(value, tuple) else (float(value),)


def wave_gain_accepts(gains: Sequence[Sequence[float]], *, per_mean: bool = False) -> bool:
    """Whether per-wave gains show a real improvement: ``gains`` holds, for each component of the
    objective (most important first), the candidate's gain over the best settings on each wave.
    The first component whose gains are not all zero decides: accepted when the mean gain is larger
    than the sample standard deviation of the gains (a single wave: when its gain is positive).
    All components unchanged on every wave: not accepted. ``per_mean``: the bound is the standard
    error of the mean gain (sd / sqrt(waves)) instead of the sd."""
    for per_wave in gains:
        values = [float(g) for g in per_wave]
        if not values or all(g == 0 for g in values):
            continue
        mean = statistics.fmean(values)
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        return mean > (sd / len(values) ** 0.5 if per_mean else sd)
    return False


def wave_gains(candidate: Sequence[dict[str, Any]], best: Sequence[dict[str, Any]],
               objective: Callable[[dict[str, Any]], Any]) -> list[list[float]]:
    """Per component of ``objective``, the candidate's gain over ``best`` on each wave (paired)."""
    if len(candidate) != len(best):
        raise ValueError("the candidate and the best settings must be scored on the same waves")
    pairs = [(_components(objective(c)), _components(objective(b))) for c, b in zip(candidate, best, strict=True)]
    n = len(pairs[0][0]) if pairs else 0
    return [[round(c[k] - b[k], 6) for c, b in pairs] for k in range(n)]


def coordinate_search(start: Any, grid: Mapping[str, Sequence[Any]], score: Callable[[Any], dict[str, Any]],
                      objective: Callable[[dict[str, Any]], Any], keys: Sequence[str],
                      passes: int = 2, *, accept: str = "in-sample",
                      score_waves: Callable[[Any], Sequence[dict[str, Any]]] | None = None,
                      quiet: bool = False) -> tuple[Any, dict[str, Any], list[dict[str, Any]]]:
    """Coordinate search over a frozen dataclass of settings: each field of ``grid`` in turn, each
    of its values tried from the best settings so far and kept when it beats them; at most
    ``passes`` passes, fewer when a pass changes nothing.

    ``accept`` says what beating is (``ACCEPT_RULES``): ``in-sample`` — ``objective`` of its
    ``score`` is higher at all; ``out-of-fold`` — scored per wave by ``score_waves`` (a list of
    metrics, one per wave, the same waves for every setting), paired with the best settings on the
    same waves, its mean per-wave gain in ``objective`` is larger than the sd of those gains
    (``wave_gain_accepts``; the first component of a tuple objective decides unless it is unchanged
    on every wave); ``out-of-fold-se`` — the same, its mean gain larger than the standard error. Returns the best settings, their (pooled) metrics and the trail of every setting
    tried (its fields, its metrics under ``keys`` and, out of fold, the per-wave gains of the first
    component that decided). Progress is printed as the search goes unless ``quiet``."""
    if accept not in ACCEPT_RULES:
        raise ValueError(f"accept must be one of {ACCEPT_RULES}, not {accept!r}")
    by_wave = accept != "in-sample"
    if by_wave and score_waves is None:
        raise ValueError("the out-of-fold acceptance needs score_waves")
    best, best_metrics = start, score(start)
    best_waves = score_waves(start) if by_wave and score_waves is not None else []
    trail = [{"rule": dataclasses.asdict(best), "tune": {k: best_metrics[k] for k in keys}}]
    if not quiet:
        print("start", objective(best_metrics), dataclasses.asdict(best), flush=True)
    for _ in range(passes):
        changed = False
        for name, values in grid.items():
            for value in values:
                if getattr(best, name) == value:
                    continue
                rule = dataclasses.replace(best, **{name: value})
                metrics = score(rule)
                row: dict[str, Any] = {"rule": dataclasses.asdict(rule), "tune": {k: metrics[k] for k in keys}}
                if by_wave and score_waves is not None:
                    waves = score_waves(rule)
                    gains = wave_gains(waves, best_waves, objective)
                    better = wave_gain_accepts(gains, per_mean=accept == "out-of-fold-se")
                    row["wave_gains"] = gains[0] if gains else []
                else:
                    waves = []
                    better = _components(objective(metrics)) > _components(objective(best_metrics))
                row["kept"] = better
                trail.append(row)
                if not quiet:
                    print(f"{name}={value}", objective(metrics), "kept" if better else "", flush=True)
                if better:
                    best, best_metrics, best_waves, changed = rule, metrics, waves, True
        if not changed:
            break
    return best, best_metrics, trail


@dataclasses.dataclass(frozen=True)
class IncumbentChoice:
    """What the incumbent rule (``incumbent_rule``) chose between a search's winner and the shipped
    rule, and why: ``chosen_by`` is ``winner`` (it beat the incumbent beyond the spread, or there is
    no incumbent), ``incumbent`` (it did not) or ``same`` (the search found the incumbent itself);
    ``mean_gain``/``sd_gain``/``gains``: the winner's per-wave gains over the incumbent in the
    deciding component of the objective (empty when not paired); ``waves``: the waves paired."""

    rule: Any
    chosen_by: str
    mean_gain: float | None
    sd_gain: float | None
    gains: tuple[float, ...]
    waves: tuple[int, ...]

    @property
    def keeps_incumbent(self) -> bool:
        return self.chosen_by in ("incumbent", "same")

    def report(self) -> dict[str, Any]:
        """The choice as written into the rule file or the script's report."""
        return {"chosen_by": self.chosen_by, "rule": dataclasses.asdict(self.rule), "mean_gain": self.mean_gain,
                "sd_gain": self.sd_gain, "gains": list(self.gains), "waves": list(self.waves),
                "bar": "the winner replaces the incumbent only when its mean per-wave gain in the objective, "
                       "paired on the same tune waves, is larger than the sd of those gains"}


def incumbent_choice(winner: Any, incumbent: Any | None, winner_waves: Sequence[dict[str, Any]],
                     incumbent_waves: Sequence[dict[str, Any]], objective: Callable[[dict[str, Any]], Any],
                     waves: Sequence[int]) -> IncumbentChoice:
    """The incumbent rule on per-wave metrics (``winner_waves``/``incumbent_waves``: one metrics dict
    per wave of ``waves``, the same waves for both): the search's ``winner`` replaces the shipped
    ``incumbent`` only when its paired per-wave gains in ``objective`` pass ``wave_gain_accepts``
    (the first component not unchanged on every wave decides: mean gain larger than the sd of the
    gains); a tie or a gain within the spread keeps the incumbent. No incumbent: the winner."""
    if incumbent is None:
        return IncumbentChoice(winner, "winner", None, None, (), tuple(waves))
    if winner == incumbent:
        return IncumbentChoice(incumbent, "same", 0.0, 0.0, (), tuple(waves))
    gains = wave_gains(winner_waves, incumbent_waves, objective)
    deciding = next((g for g in gains if any(x != 0 for x in g)), gains[0] if gains else [])
    mean = round(statistics.fmean(deciding), 6) if deciding else 0.0
    sd = round(statistics.stdev(deciding), 6) if len(deciding) > 1 else 0.0
    replaces = wave_gain_accepts(gains)
    return IncumbentChoice(winner if replaces else incumbent, "winner" if replaces else "incumbent",
                           mean, sd, tuple(deciding), tuple(waves))


def incumbent_rule(winner: Any, incumbent: Any | None, score_waves: Callable[[Any], Sequence[dict[str, Any]]],
                   objective: Callable[[dict[str, Any]], Any], waves: Sequence[int]) -> IncumbentChoice:
    """``incumbent_choice`` with each rule scored per wave by ``score_waves`` (one metrics dict per
    wave of ``waves``, the per-wave scoring of the ``out-of-fold`` acceptance)."""
    if incumbent is None or winner == incumbent:
        return incumbent_choice(winner, incumbent, [], [], objective, waves)
    return incumbent_choice(winner, incumbent, score_waves(winner), score_waves(incumbent), objective, waves)


def incumbent_arg(value: str) -> Path | None:
    """``--incumbent PATH|none`` of the rule-fitting scripts: ``none`` turns the incumbent rule off."""
    return None if value.lower() == "none" else Path(value)


def load_incumbent(path: Path | None, load: Callable[[Path], Any]) -> Any | None:
    """The incumbent rule read from ``path`` by ``load`` (none when ``path`` is none or absent)."""
    return load(path) if path is not None and path.exists() else None


def write_choice(target: Path, choice: IncumbentChoice, incumbent: Path | None, write_winner: Callable[[], None],
                 report: Path) -> None:
    """Write the rule file after the incumbent rule: the incumbent file's bytes unchanged when it is
    kept, else the winner (``write_winner``); the choice goes to ``report`` (a JSON file in
    ``benchmarks/results``) either way."""
    if choice.keeps_incumbent and incumbent is not None:
        data = incumbent.read_bytes()
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        print(f"kept the incumbent ({choice.chosen_by}): {target} written back unchanged", flush=True)
    else:
        write_winner()
        print("wrote", target, flush=True)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps({"file": _shown(target), "incumbent": _shown(incumbent) if incumbent else None,
                                  **choice.report()}, indent=1) + "\n", encoding="utf-8")


def _shown(path: Path) -> str:
    """``path`` relative to the repository when inside it."""
    path = path.resolve()
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def weighted_input(settings: Any, item: str) -> Any:
    """``settings`` with one input of the linker weighted: ``item`` is ``NAME=WEIGHT`` (a feature of
    ``sitrep.incidents.features.FEATURES``). The scorer computes only inputs of non-zero weight, so
    with the shipped model (no weight for an input it pins at 0) and this one the same process links
    without and with the input (``incidents_scale.py --input``; incidents63)."""
    from sitrep.incidents.features import FEATURES

    name, value = item.split("=", 1)
    if name not in FEATURES:
        raise SystemExit(f"--input: {name} is no linker input here")
    weights = {**settings.model.weights, name: float(value)}
    return dataclasses.replace(settings, model=dataclasses.replace(settings.model, weights=weights))


def incident_inputs(db: Path | str) -> tuple[list[Any], list[Any], dict[str, str]]:
    """The analysed reports of a sitrep database as the incident layer reads them
    (``update.load_inputs``), their sources (``Store.document_sources``) and the gold references of
    their documents (``incidents.evaluate.references``: a gold pair's ``a``/``b`` -> document id)."""
    from sitrep.incidents.evaluate import references
    from sitrep.incidents.update import load_inputs
    from sitrep.store import Store

    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    return docs, sources, references(docs, sources)


def incident_predictions(db: Path | str, gold: Sequence[Any]) -> dict[tuple[str, str], Any]:
    """What ``sitrep eval incidents --db DB`` predicts for the ``gold`` pairs: the reports analysed in
    ``db`` linked with the shipped linker (``load_settings()``) and read as the
    eval reads them (``sitrep.incidents.evaluate.predictions``)."""
    from collections import defaultdict

    from sitrep.incidents.evaluate import predictions, references
    from sitrep.incidents.linker import link
    from sitrep.incidents.mentions import Mention, mentions
    from sitrep.incidents.settings import load_settings
    from sitrep.incidents.update import load_inputs
    from sitrep.store import Store

    settings = load_settings()
    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources() if store.has_incidents else []
    found = mentions(docs, settings)
    reports: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        reports[m.document].append(m)
    groups = link(found, settings)
    return predictions(groups, gold, references(docs, sources), settings, reports)


def event_gold_documents(gold: Path, split: str | None = None) -> tuple[list[Any], list[str], list[Any]]:
    """The FA-KES events article gold of ``gold`` (one ``split`` when given, else both), the
    articles' texts from the shared corpus, and the documents ``sitrep eval events`` runs on them
    (``GoldText``, each dated by its article's ``published``)."""
    from sitrep.evaluation.runner import GoldText
    from sitrep.stages.events.article_scorer import read_article_gold, read_texts

    articles = read_article_gold(gold, split=split)
    texts = read_texts(articles, fakes_csv())
    return articles, texts, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]


def plover_tune_gold() -> tuple[list[dict[str, Any]], list[Any]]:
    """PLOVER GSR dev, its **tune part** only (``scorer.plover_split``): the gold records and the documents
    ``sitrep eval events`` runs on them (``GoldText``). The one place the events studies read it from."""
    from sitrep.evaluation.runner import GoldText
    from sitrep.stages.events.scorer import plover_split, read_gold

    records = [r for i, r in enumerate(read_gold(shared_dir() / "events" / "plover_gsr_dev.jsonl"))
               if plover_split(i) == "tune"]
    return records, [GoldText(str(r.get("id", i)), r["text"]) for i, r in enumerate(records)]


def switch_runs(module: Any, switch: str, pipeline: Any, docs: Sequence[Any]) -> dict[bool, list[Any]]:
    """The analyses of ``docs`` by ``pipeline`` with the module-level boolean ``switch`` of
    ``module`` off and on (``{False: …, True: …}``); the switch's value is restored afterwards."""
    from sitrep.evaluation import run_documents

    saved, runs = getattr(module, switch), {}
    try:
        for on in (False, True):
            setattr(module, switch, on)
            runs[on] = run_documents(pipeline, list(docs)).analyses
    finally:
        setattr(module, switch, saved)
    return runs


def from_raw(char_map: list[tuple[int, int]], raw_offset: int) -> int:
    """The stored-text offset of a raw-text offset (the inverse of ``sitrep.ingest.textmap.to_raw``
    where the character was kept; a removed character maps to the next kept one)."""
    if not char_map:
        return raw_offset
    best = 0
    for stored, raw in char_map:
        if raw > raw_offset:
            break
        best = stored + (raw_offset - raw)
    nxt = [stored for stored, raw in char_map if raw > raw_offset]
    return min(best, nxt[0]) if nxt else best


def by_geonames_id(gazetteer: Any, geonames_id: int) -> Any:
    """The gazetteer ``Entry`` of a GeoNames id, or ``None`` (the place studies' lookup)."""
    i = gazetteer.geonames_index(geonames_id)
    return gazetteer.entries[i] if i is not None else None
