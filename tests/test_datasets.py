"""Locating the shared evaluation data (FA-KES) for the training scripts."""

from pathlib import Path

import pytest

from sitrep.datasets import FAKES_CSV, fakes_data_dir
from sitrep.errors import SitrepError


def test_fakes_data_dir_accepts_a_folder_that_holds_the_corpus(tmp_path: Path) -> None:
    csv = tmp_path / FAKES_CSV
    csv.parent.mkdir(parents=True)
    csv.write_text("unit_id\n", encoding="utf-8")
    assert fakes_data_dir(tmp_path) == tmp_path


def test_fakes_data_dir_says_where_it_looked_and_how_to_fix_it(tmp_path: Path) -> None:
    with pytest.raises(SitrepError) as info:
        fakes_data_dir(tmp_path)
    message = str(info.value)
    assert str(tmp_path / FAKES_CSV) in message
    assert "--shared" in message
