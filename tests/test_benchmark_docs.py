"""The benchmarks documentation split into ``docs/benchmarks.md`` (headline, newest round, index) and
``docs/benchmarks/*.md`` (one file per topic, large topics by date): sizes GitHub renders, an index
that is the script's output and reaches every section, and the helpers that build it."""

from __future__ import annotations

import re
from pathlib import Path

import docs_index
import inter_coder_casualties as icc
import inter_coder_pairs as icp
import pytest
from common import benchmark_doc_files, benchmark_docs_text
from conftest import REPO

HEADLINE = REPO / "docs" / "benchmarks.md"
TOPICS = REPO / "docs" / "benchmarks"
#: GitHub stops rendering Markdown at about 512 KB; the project's limit leaves room
LIMIT = 450_000
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#([^)\s]*))?\)")


def _index() -> str:
    text = HEADLINE.read_text(encoding="utf-8")
    start = text.index(docs_index.START)
    return text[start:text.index(docs_index.END, start)]


def _topic_files() -> list[Path]:
    return sorted(TOPICS.glob("*.md"))


def _headings(path: Path) -> list[tuple[int, str, str]]:
    """(level, heading, anchor) of every heading of a file, anchors numbered as GitHub numbers them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(level, heading, anchor) for _, level, heading, anchor in docs_index.headings(lines)]


def test_benchmark_docs_files_fit_what_github_renders() -> None:
    files = _topic_files()
    assert len(files) >= 10
    for path in [HEADLINE, *files]:
        assert path.stat().st_size <= LIMIT, f"{path.name} is {path.stat().st_size} bytes: split it by date"


def test_benchmark_docs_topic_files_open_with_a_title_and_a_link_back() -> None:
    for path in _topic_files():
        first, second = path.read_text(encoding="utf-8").splitlines()[:2]
        assert first.startswith("# "), path.name
        assert "(../benchmarks.md)" in second, path.name


def test_benchmark_docs_index_is_the_scripts_output() -> None:
    text = HEADLINE.read_text(encoding="utf-8")
    assert docs_index.with_index(text, docs_index.index_text()) == text, \
        "docs/benchmarks.md's index was edited by hand or is stale: python benchmarks/docs_index.py --write"
    assert docs_index.main(["--check"]) == 0


def test_benchmark_docs_index_reaches_every_section_in_its_file() -> None:
    links = {(target, anchor) for target, anchor in _LINK.findall(_index())}
    rows = _index().splitlines()
    for path in _topic_files():
        sections = [h for h in _headings(path) if h[0] in (2, 3)]
        assert sections, path.name
        for _, heading, anchor in sections:
            # a heading that quotes a passage is linked by its file alone (its anchor would spell the quote)
            shown = "" if docs_index._QUOTATION.search(heading) else anchor
            assert (f"benchmarks/{path.name}", shown) in links, f"{path.name}: {heading[:80]} not in the index"
            suffix = f"#{shown}" if shown else ""
            row = next(r for r in rows if f"(benchmarks/{path.name}{suffix})" in r
                       and docs_index.short_title(heading) in r)
            branch = docs_index._BRANCH.search(heading)
            if branch:
                assert f"[branch {branch.group(1) or branch.group(2)}]" in row


def test_benchmark_docs_index_links_resolve() -> None:
    links = _LINK.findall(_index())
    assert len(links) > 300
    anchors = {path.name: {a for _, _, a in _headings(path)} for path in _topic_files()}
    for target, anchor in links:
        path = (HEADLINE.parent / target).resolve()
        assert path.exists(), target
        if anchor:
            assert anchor in anchors[path.name], f"{target}#{anchor}"
    # every topic file has its table, and nothing outside docs/benchmarks/ (the incoming folder) is listed
    assert {t for t, _ in links} == {f"benchmarks/{p.name}" for p in _topic_files()}


def test_benchmark_docs_text_is_every_file_in_a_fixed_order() -> None:
    files = benchmark_doc_files()
    assert files[0] == HEADLINE
    assert files[1:] == _topic_files()
    text = benchmark_docs_text()
    assert text.startswith(HEADLINE.read_text(encoding="utf-8"))
    assert len(text) == sum(len(p.read_text(encoding="utf-8")) for p in files)


def test_benchmark_docs_readers_find_their_sections_whole() -> None:
    text = benchmark_docs_text()
    agree2 = icc.section(text, icc.AGREE2_MARK)
    agree3 = icp.section(text, icp.AGREE3_HEADING)
    for part, mark in ((agree2, "[branch agree2]"), (agree3, "[branch agree3]")):
        lines = part.splitlines()
        assert mark in lines[0]
        assert not any(re.match(r"#{1,3} ", line) for line in lines[1:]), "a section ran into the next one"
    assert icc.named_rows(agree2) and icp.named_rows(agree3)


def test_docs_index_slug_is_githubs(tmp_path: Path) -> None:
    assert docs_index.slug("Follow-up (2026-12-05, night 2): [branch events30] the `side_missing` — 3×") \
        == "follow-up-2026-12-05-night-2-branch-events30-the-side_missing--3"
    assert docs_index.slug("Geoparsing: GeoWebNews and LGL") == "geoparsing-geowebnews-and-lgl"


@pytest.mark.parametrize(("heading", "expected"), [
    ("Follow-up (2026-12-05, night 2): roles", ("2026-12-05", "night 2")),
    ("Follow-up (2026-12-04, late, lead): the roll-up", ("2026-12-04", "late")),
    ("Merged main re-measured, 12-07 small hours (2026-12-06 23:52 – 2026-12-07 01:30 UTC)",
     ("2026-12-07", "small hours")),
    ("Merged main re-measured, last (2026-12-05, 21:20–23:10 UTC, load 1–7)", ("2026-12-05", "last")),
    ("Speed on FA-KES (804 articles, 273k tokens)", ("", "")),
])
def test_docs_index_round_of(heading: str, expected: tuple[str, str]) -> None:
    assert docs_index.round_of(heading) == expected


def test_docs_index_tables_from_made_up_files(tmp_path: Path) -> None:
    topic = tmp_path / "events.md"
    long_tail = "a `code span that runs on` " + "x" * 130
    topic.write_text("# Events (issue 13)\nWhat it holds. [back](../benchmarks.md)\n\n## Chapter (issue 2)\n\n"
                     "### Speed\n\n### Speed\n\n### Follow-up (2026-12-06, night): [branch geo31] a | b [0.4]\n\n"
                     f"### Follow-up (2026-12-06, late): {long_tail}\n\nBranch `speed3` (from `geo6`).\n\n"
                     "### Method\n\nBranch `geo9` is not this section's: only a follow-up takes its opening's.\n",
                     encoding="utf-8")
    found = docs_index.entries(topic)
    assert [(e.level, e.anchor, e.issue, e.branch, e.round) for e in found] == [
        (2, "chapter-issue-2", "2", "", ""), (3, "speed", "2", "", ""), (3, "speed-1", "2", "", ""),
        (3, "follow-up-2026-12-06-night-branch-geo31-a--b-04", "14", "geo31", "night"),
        (3, found[-2].anchor, "16", "speed3", "late"), (3, "method", "2", "", "")]
    text = docs_index.index_text([topic])
    assert "| 2026-12-06 | night | [branch geo31] | 14 | [a \\| b \\[0.4\\]](benchmarks/events.md#follow-up" in text
    shown = docs_index.short_title(found[-2].heading)
    assert shown.endswith("…") and shown.count("`") % 2 == 0 and len(shown) <= docs_index.TITLE_CHARS + 1
    assert docs_index.short_title('a toll ("killing at least nine people since Monday" after 8), the "side missing"') \
        == 'a toll ("…" after 8), the "side missing"'
    wrapped = f"intro\n{docs_index.START}\nold rows\n{docs_index.END}\nafter\n"
    assert docs_index.with_index(wrapped, "NEW") == f"intro\n{docs_index.START}\nNEW\n{docs_index.END}\nafter\n"
    with pytest.raises(SystemExit):
        docs_index.with_index("no markers", "NEW")


def _anchors(path: Path) -> set[str]:
    """Every heading anchor of a Markdown file."""
    return {anchor for _, _, anchor in _headings(path)}


def _relative_links(path: Path) -> list[tuple[int, str, str]]:
    """(line, target, anchor) of every relative link of a Markdown file outside code fences."""
    out = []
    fenced = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
        if not fenced:
            out += [(number, t, a) for t, a in _LINK.findall(line) if not re.match(r"[a-z]+:", t)]
            out += [(number, path.name, a) for a in re.findall(r"\]\(#([^)\s]+)\)", line)]
    return out


def test_every_relative_link_of_the_docs_resolves() -> None:
    """README, CHANGELOG and every page under docs/: a relative link names a file that exists and, into a
    Markdown file, a heading it has (sections moved between files keep their links working)."""
    pages = [REPO / "README.md", REPO / "CHANGELOG.md", *sorted((REPO / "docs").rglob("*.md"))]
    broken = []
    checked = 0
    for page in pages:
        for number, target, anchor in _relative_links(page):
            checked += 1
            found = (page.parent / target).resolve()
            if not found.exists():
                broken.append(f"{page.relative_to(REPO)}:{number}: {target}")
            elif anchor and found.suffix == ".md" and anchor not in _anchors(found):
                broken.append(f"{page.relative_to(REPO)}:{number}: {target}#{anchor}")
    assert checked > 400
    assert not broken, broken
