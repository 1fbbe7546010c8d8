"""Every data file of the package is listed in pyproject's package-data, so a wheel (a
non-editable install) ships it: the incident linker's weights were once left out."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sitrep"


def data_files() -> set[Path]:
    return {
        p.relative_to(PACKAGE)
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    }


def covered(patterns: list[str]) -> set[Path]:
    return {p.relative_to(PACKAGE) for pattern in patterns for p in PACKAGE.glob(pattern) if p.is_file()}


def test_every_data_file_is_in_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["sitrep"]
    missing = sorted(str(p) for p in data_files() - covered(patterns))
    assert data_files(), "no data files found: the test looks in the wrong place"
    assert not missing, f"data files a wheel would leave out (add them to package-data): {missing}"


def test_the_check_sees_a_missing_pattern() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = [p for p in config["tool"]["setuptools"]["package-data"]["sitrep"] if not p.startswith("incidents/")]
    assert any(str(p).startswith("incidents/data/") for p in data_files() - covered(patterns))
