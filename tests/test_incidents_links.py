"""Each report's tie to the others on the incident record (``build.report_links``, branch link1):
project-written mentions and links, no model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sitrep.incidents.build import adjacency, report_links
from sitrep.incidents.clustering import Edge
from sitrep.incidents.linker import Group
from sitrep.incidents.mentions import Mention


@dataclass(frozen=True)
class _M:
    """What ``report_links`` reads of a mention: its id, report and role."""

    id: str
    document: str
    role: str = "news"


def _group(news: list[_M], attached: tuple[_M, ...] = ()) -> Group:
    return Group(cast(tuple[Mention, ...], tuple(news)), cast(tuple[Mention, ...], tuple(attached)))


def test_incident_links_each_report_gets_its_best_link_and_the_incident_its_weakest() -> None:
    news = [_M("a1", "A"), _M("a2", "A"), _M("b1", "B"), _M("c1", "C")]
    edges = [Edge("a1", "b1", 0.62), Edge("a2", "b1", 0.81), Edge("b1", "c1", 0.55),
             Edge("a1", "x1", 0.99),  # to a mention of no report of the incident: not a tie
             Edge("a1", "a2", 0.97)]  # within one report: not a tie
    denial, recall = _M("d1", "D", "denial"), _M("e1", "E", "background")
    attached = {"d1": ("c1", 0.48), "e1": ("a1", 0.93)}
    links, weakest = report_links(_group(news, (denial, recall)), adjacency(edges), attached)
    got = {x.document: (x.strength, x.to, x.linked) for x in links}
    assert got == {"A": (0.81, "B", ["B"]), "B": (0.81, "A", ["A", "C"]), "C": (0.55, "B", ["B", "D"]),
                   "D": (0.48, "C", ["C"])}  # the background mention's report is no report of the incident
    assert weakest == 0.48


def test_incident_links_one_report_has_none() -> None:
    news = [_M("a1", "A"), _M("a2", "A")]
    links, weakest = report_links(_group(news), adjacency([Edge("a1", "a2", 0.9)]), {})
    assert links == [] and weakest is None


def test_incident_links_equal_scores_tie_to_the_smaller_report_and_round() -> None:
    news = [_M("a1", "A"), _M("b1", "B"), _M("c1", "C")]
    edges = [Edge("a1", "c1", 0.70004), Edge("a1", "b1", 0.70004)]
    links, weakest = report_links(_group(news), adjacency(edges), {})
    assert [(x.document, x.strength, x.to) for x in links] == [("A", 0.7, "B"), ("B", 0.7, "A"), ("C", 0.7, "A")]
    assert weakest == 0.7


def test_incident_links_a_report_without_a_kept_link_reads_null() -> None:
    """Links that no longer reach a report (none given): its tie is null, not invented."""
    links, weakest = report_links(_group([_M("a1", "A"), _M("b1", "B")]), {}, {})
    assert [(x.document, x.strength, x.to, x.linked) for x in links] == [("A", None, None, []), ("B", None, None, [])]
    assert weakest is None
