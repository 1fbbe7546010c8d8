"""A fight's reciprocal frame (issue 13, branch events48; ``benchmarks/events_reciprocal_frame.py``, the library of
the study ``benchmarks/events_strict_sides.py``).
Sentences written for these tests."""

from __future__ import annotations

import events_reciprocal_frame as reciprocal
import pytest


def _word(doc, text):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(("text", "trigger", "kind", "sides"), [
    ("Clashes broke out between the army and Hezbollah fighters near Homs.", "Clashes", "between",
     ["army", "fighters"]),
    ("The rebels clashed with the army on Monday.", "clashed", "with", ["army"]),
    ("The militia has fought the army, local tribes and Kurdish units since May.", "fought", "object",
     ["army", "tribes", "units"]),
    ("The army and the rebels fought for hours in the old city.", "fought", "coordinated", ["army", "rebels"]),
])
def test_the_frame_names_the_sides_as_the_parse_tells_them(nlp, text, trigger, kind, sides):
    frame = reciprocal.reciprocal_frame(_word(nlp(text), trigger))
    assert frame is not None and frame.kind == kind
    assert [t.text for t in frame.sides] == sides


def test_no_frame_for_a_one_sided_act(nlp):
    doc = nlp("Rebels shelled the town on Monday.")
    assert reciprocal.reciprocal_frame(_word(doc, "shelled")) is None
