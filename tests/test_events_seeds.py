"""Events on the seed articles (read from ../shared at run time; skipped when absent).

The sentences are located through the modality set's references (file + offsets), so no
seed text is stored here. Also pins the current scores on fixed small subsets.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO, SEEDS, SHARED, needs_shared

pytestmark = [needs_shared, pytest.mark.slow, pytest.mark.shared]

LABELS = REPO / "benchmarks" / "data" / "modality_labels.jsonl"


def label(item_id: str) -> dict:
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["id"] == item_id:
            return item
    raise KeyError(item_id)


@pytest.fixture(scope="module")
def seed_analyses():
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document
    from sitrep.stages.base import Analysis, pipe

    pipeline = build_pipeline()
    docs = [Document(id=p.name, sha256=p.name, text=p.read_text(encoding="utf-8"))
            for p in sorted(SEEDS.glob("*.txt"))]
    analyses = [Analysis(document=d) for d in docs]
    for stage in pipeline.stages:
        analyses = list(pipe(stage, analyses))
    return {a.document.id: a for a in analyses}


def covering(analysis, start: int):
    for ev in analysis.events:
        if not ev.evidence.start <= start < ev.evidence.end:
            continue
        sent = analysis.text[ev.evidence.start:ev.evidence.end]
        for word in re.findall(r"\w[\w'-]*", ev.trigger):
            for m in re.finditer(re.escape(word), sent):
                if ev.evidence.start + m.start() <= start < ev.evidence.start + m.end():
                    return ev
    return None


@pytest.mark.parametrize("item_id", ["m025", "m030", "m059", "m079", "m100", "m117"])
def test_seeds_traps_are_not_asserted(seed_analyses, item_id):
    """impossible-to-believe bombardment, might lend a hand, might regret, if hostilities
    continue, would scale back, no grounds to assert: none is exported as a fact."""
    item = label(item_id)
    ev = covering(seed_analyses[item["file"]], item["start"])
    assert ev is None or ev.status != "asserted"


@pytest.mark.parametrize("item_id", ["m025", "m030", "m059", "m100"])
def test_seeds_trap_events_have_the_labelled_status(seed_analyses, item_id):
    item = label(item_id)
    ev = covering(seed_analyses[item["file"]], item["start"])
    assert ev is not None and ev.status == item["status"]


def test_seeds_might_regret_is_no_record(seed_analyses):
    """m117 ("might regret", hypothetical): a CAMEO-derived trigger with one argument role is no
    record under the shipped record rule (2026-12-04 morning; before, it was exported with its
    labelled status). It is never exported as a fact; the modality rules' status of the word is
    still pinned by ``test_seeds_modality_subset_pinned``."""
    item = label("m117")
    ev = covering(seed_analyses[item["file"]], item["start"])
    assert ev is None or ev.status == item["status"]


def test_seeds_rejected_requests_are_an_asserted_rejection(seed_analyses):
    item = label("m024")
    ev = covering(seed_analyses[item["file"]], item["start"])
    assert ev is not None and (ev.category, ev.status) == ("REJECT", "asserted")


def test_seeds_meeting_has_its_participants(seed_analyses):
    item = label("m015")
    analysis = seed_analyses[item["file"]]
    ev = covering(analysis, item["start"])
    assert ev is not None and ev.category == "CONSULT" and ev.status == "asserted"
    names = {a.id: a.name for a in analysis.actors}
    assert len(ev.actors) >= 2, [names.get(i, i) for i in ev.actors]


def test_seeds_nominal_agreement_names_both_ministers(seed_analyses):
    item = label("m045")
    analysis = seed_analyses[item["file"]]
    ev = covering(analysis, item["start"])
    assert ev is not None and ev.category == "AGREE" and ev.status == "asserted"
    assert len(ev.actors) == 2


def test_seeds_offensive_is_an_asserted_assault_with_its_actor(seed_analyses):
    item = label("m069")
    ev = covering(seed_analyses[item["file"]], item["start"])
    assert ev is not None and (ev.category, ev.status) == ("ASSAULT", "asserted")
    assert ev.actors


def test_seeds_modality_subset_pinned(seed_analyses):
    """Status accuracy on the seed items of the modality set (measured 2026-11-21)."""
    from sitrep.stages.events.lexicon import Code
    from sitrep.stages.events.modality import assess
    from sitrep.stages.events.triggers import Trigger

    items = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    items = [i for i in items if i["source"] == "seed"]
    right = exported_asserted = 0
    for item in items:
        analysis = seed_analyses[item["file"]]
        ev = covering(analysis, item["start"])
        if ev is not None:
            status = ev.status
            exported_asserted += item["status"] in ("hypothetical", "future", "negated") and status == "asserted"
        else:
            token = analysis.doc.char_span(item["start"], item["end"], alignment_mode="expand")[0]
            kind = "noun" if token.pos_ in ("NOUN", "PROPN") else "verb"
            status = assess(Trigger(token, [token], Code("NONE"), kind)).status
        right += status == item["status"]
    # measured 2026-11-21 afternoon: 109/122 = 0.893, no non-factual item exported as asserted
    assert right / len(items) >= 0.89
    assert exported_asserted == 0


def test_seeds_plover_dev_subset_pinned():
    """PLOVER GSR dev, first 40 records (measured 2026-11-21 afternoon: category 0.825, actor
    F1 0.813, recipient F1 0.825; 2026-12-03, issue 13: recipient F1 0.8125, since a place
    gives a state recipient only when the actor is foreign, as the FA-KES coding guide says;
    2026-12-04 morning, issue 13: recipient F1 0.8065 — the record rule (``record_rule``: a
    CAMEO-derived, pattern or rule trigger needs two argument roles) costs one record's recipient
    of these 40, docs/benchmarks.md; 2026-12-07 morning: recipient F1 0.7937 — the learned recipient
    model refitted on the 36 tune waves, its threshold 0.5 -> 0.45 chosen on FA-KES tune only, costs
    one more; the PLOVER check-part recipient F1 0.797 -> 0.766 in docs/benchmarks.md)."""
    from sitrep.eval import run_eval

    result = run_eval("events", SHARED / "events" / "plover_gsr_dev.jsonl", limit=40)
    assert result["category_accuracy"] >= 0.825
    assert result["actor_f1"] >= 0.81
    assert result["recipient_f1"] >= 0.79
