"""The TempEval-3 style scorer, on a TimeML file written by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import EvalError
from sitrep.stages.time.scorer import Pred, score
from sitrep.stages.time.timeml import read_folder, read_tml

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2016-07-16" functionInDocument="CREATION_TIME">July 16, 2016</TIMEX3></DCT>
<TEXT>
Envoys <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="TIME" value="2016-07-14TEV">Thursday evening</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT3H">three hours</TIMEX3> &amp; agreed to meet <TIMEX3 tid="t3" type="DATE" value="2016-W29">next week</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tml(tmp_path: Path) -> Path:
    path = tmp_path / "demo.tml"
    path.write_text(TML)
    return path


def test_timeml_reads_text_offsets_and_dct(tml):
    doc = read_tml(tml)
    assert doc.dct == "2016-07-16"
    assert [t.text for t in doc.timexes] == ["Thursday evening", "three hours", "next week"]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert "&" in doc.text and "July 16" not in doc.text  # the DCT is not in the scored text


def test_scorer_strict_relaxed_value_and_type(tml):
    doc = read_tml(tml)
    t1, t2, t3 = doc.timexes
    preds = [
        Pred(t1.start, t1.end - len(" evening"), "DATE", "2016-07-14"),  # relaxed only, wrong value/type
        Pred(t2.start, t2.end, "DURATION", "PT3H"),  # exact, right
        Pred(t3.start, t3.end, "DATE", "2016-W29"),  # exact, right
        Pred(0, 6, "DATE", "PRESENT_REF"),  # spurious ("Envoys")
    ]
    m = score([doc], [preds]).metrics()
    # strict: 2 of 4 system, 2 of 3 gold -> P .5, R .667
    assert m["strict_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), abs=1e-4)
    # relaxed: 3/4, 3/3
    assert m["relaxed_f1"] == pytest.approx(2 * 0.75 * 1.0 / 1.75, abs=1e-4)
    # value: 2 right among matched -> P 2/4, R 2/3
    assert m["value_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), abs=1e-4)
    assert m["type_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["n_gold"] == 3


def test_scorer_matches_one_to_one(tml):
    doc = read_tml(tml)
    t1 = doc.timexes[0]
    twice = [Pred(t1.start, t1.start + 8, "DATE", None), Pred(t1.start + 9, t1.end, "TIME", None)]
    counts = score([doc], [twice])
    assert counts.relaxed == 1 and counts.n_sys == 2


def test_timeml_folder_errors_say_what_to_do(tmp_path):
    with pytest.raises(EvalError, match="No .tml files"):
        read_folder(tmp_path)
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><DOCID>x</DOCID></TimeML>")
    with pytest.raises(EvalError, match="no <TEXT>"):
        read_folder(tmp_path)


def test_eval_registry_names_the_time_task():
    from sitrep.eval import TASKS, get_task

    assert TASKS["time"].stages == ("time",)
    assert callable(get_task("time").evaluate)
