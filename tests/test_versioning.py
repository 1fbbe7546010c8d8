"""Derived versions: editing a data file in a copy of the package changes exactly the
versions of the stages that load it, and makes `sitrep analyze` redo the documents
analyzed before the edit (and only those)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep import versioning

STAGE_PACKAGES = {
    "parse": "sitrep.stages.parse", "actors": "sitrep.stages.actors", "time": "sitrep.stages.time",
    "place": "sitrep.stages.place", "events": "sitrep.stages.events", "quotes": "sitrep.stages.quotes",
    "framing": "sitrep.stages.framing",
}


def _clear() -> None:
    versioning.code_fingerprint.cache_clear()
    versioning.module_closure.cache_clear()


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the package's sources and data; versions are computed from it."""
    copy = tmp_path / "sitrep"
    shutil.copytree(versioning.SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "models"))
    monkeypatch.setattr(versioning, "SRC", copy)
    _clear()
    yield copy
    _clear()


def _fingerprints() -> dict[str, str]:
    _clear()
    return {name: versioning.code_fingerprint(pkg) for name, pkg in STAGE_PACKAGES.items()}


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited by a test\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("data_file", "changed"),
    [
        ("stages/events/data/curated.yaml", {"events"}),  # the events lexicon
        # the gazetteer's curated table: the place stage only. Since issue 13 the events stage
        # reads the place records and no place code or data (its place is the one the event
        # governs, ``events.anchoring``); the pipeline's version covers every stage.
        ("stages/place/data/curated.yaml", {"place"}),
        ("stages/framing/lexicon.yaml", {"framing"}),  # the framing lexicon
        # the KB's code and files: the actors stage; the events stage, which only reads the KB
        # object it is handed, takes the KB's fingerprint from Resources (test_resources.py)
        ("kb/curated.yaml", {"actors"}),
    ],
)
def test_versioning_a_data_file_changes_exactly_the_stages_that_load_it(tree, data_file, changed):
    before = _fingerprints()
    _edit(tree / data_file)
    after = _fingerprints()
    assert {name for name in before if before[name] != after[name]} == changed


def test_versioning_a_word_list_moved_into_a_data_file_is_part_of_the_version(tree):
    before = _fingerprints()
    (tree / "stages" / "quotes" / "data").mkdir()
    (tree / "stages" / "quotes" / "data" / "cue_verbs.txt").write_text("say\ntell\n", encoding="utf-8")
    after = _fingerprints()
    assert {name for name in before if before[name] != after[name]} == {"quotes"}


def test_versioning_code_edit_and_type_checking_imports(tree):
    before = _fingerprints()
    _edit(tree / "stages" / "time" / "relative.py")
    assert {n for n, v in _fingerprints().items() if v != before[n]} == {"time", "events"}
    # imports under `if TYPE_CHECKING:` are for the type checker: sitrep.resources (which loads
    # every resource) is never part of a stage's code
    for pkg in STAGE_PACKAGES.values():
        assert "sitrep.resources" not in versioning.module_closure(pkg)


def test_versioning_content_digest_ignores_set_order():
    a = {"x": frozenset({"alpha", "beta", "gamma"}), "y": [1, 2]}
    b = {"y": [1, 2], "x": frozenset({"gamma", "alpha", "beta"})}
    assert versioning.content_digest(a) == versioning.content_digest(b)
    assert versioning.content_digest(a) != versioning.content_digest({**a, "y": [2, 1]})


DOCS = {
    "one.txt": "Turkish troops shelled positions near Afrin on Monday, the army said.",
    "two.txt": "The foreign ministers of Iran and Russia met in Moscow to discuss the truce.",
    "three.txt": "Rebels said they had withdrawn from the town after a week of fighting.",
    "four.txt": "The United Nations called for a ceasefire in Yemen on Friday.",
}


@pytest.mark.slow
def test_versioning_sitrep_analyze_redoes_what_an_edit_affects_and_only_that(tree, tmp_path):
    from typer.testing import CliRunner

    from sitrep.cli import app
    from sitrep.store import Store
    from sitrep.workflow import analyze, ingest

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "t.db"

    def add(*names: str) -> None:
        with Store(db) as store:
            ingest(store, [str(folder / n) for n in names])

    def analyzed() -> int:
        _clear()
        with Store(db) as store:
            return analyze(store).analyzed

    add("one.txt", "two.txt")
    assert analyzed() == 2
    assert analyzed() == 0  # nothing changed, nothing redone

    _edit(tree / "stages" / "events" / "data" / "curated.yaml")  # one data file
    add("three.txt")
    assert analyzed() == 3  # the two analyzed before the edit, and the new one
    add("four.txt")
    assert analyzed() == 1  # documents already at the new version are not redone

    _edit(tree / "stages" / "place" / "data" / "curated.yaml")
    _clear()
    result = CliRunner().invoke(app, ["analyze", "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        versions = {d.id: store.conn.execute("SELECT pipeline_version FROM documents WHERE id = ?",
                                             (d.id,)).fetchone()[0] for d in store.documents()}
    assert len(set(versions.values())) == 1 and len(versions) == 4  # all four at the newest version
    assert analyzed() == 0


def test_versioning_the_creation_time_choice_is_part_of_every_dated_stage(tree):
    """``sitrep.dates`` holds ``creation_time`` (the date the stages anchor on): editing it changes
    the version of every stage that reads a date, so `sitrep analyze` redoes their analyses."""
    before = _fingerprints()
    _edit(tree / "dates.py")
    after = _fingerprints()
    changed = {name for name in before if before[name] != after[name]}
    assert {"time", "events", "actors", "place"} <= changed
    assert not changed & {"parse", "quotes", "framing"}


@pytest.mark.slow
def test_versioning_analyze_redoes_the_dated_stages_after_the_creation_time_changes(tree, tmp_path):
    from sitrep.store import Store
    from sitrep.workflow import analyze, ingest

    (tmp_path / "one.txt").write_text(DOCS["one.txt"], encoding="utf-8")
    db = tmp_path / "t.db"
    with Store(db) as store:
        ingest(store, [str(tmp_path / "one.txt")])
    _clear()
    with Store(db) as store:
        assert analyze(store).analyzed == 1
    _edit(tree / "dates.py")
    _clear()
    with Store(db) as store:
        assert analyze(store).analyzed == 1  # redone at the new version
    _clear()
    with Store(db) as store:
        assert analyze(store).analyzed == 0
