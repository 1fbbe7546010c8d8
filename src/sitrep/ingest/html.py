"""HTML pages: main text and metadata with trafilatura, publication date with htmldate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import NoArticle


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None
    url: str | None


def extract_html(html: str, *, url: str | None = None, name: str = "input") -> HtmlArticle:
    """Extract the article from an HTML page; raise ``NoArticle`` when there is none."""
    import trafilatura
    from htmldate import find_date

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None:
        result: dict[str, Any] = {}
    else:  # a trafilatura Document (a dict only with the deprecated as_dict=True)
        result = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = result.get("text") or ""
    if len(text.split()) < 20:
        raise NoArticle(f"{name}: no article text found in this HTML page (menus or boilerplate only).")
    # htmldate without extensive search: only dates the page states in its metadata or markup,
    # never a guess from elsewhere. None when it finds nothing.
    try:
        published = find_date(html, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises assorted parser errors on odd markup; a date is optional
        published = None
    return HtmlArticle(
        text=text,
        title=result.get("title") or None,
        author=result.get("author") or None,
        publisher=result.get("sitename") or None,
        published=published,
        url=result.get("url") or url,
    )
