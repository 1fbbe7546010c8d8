"""HTML pages: main text and metadata with trafilatura, publication date with htmldate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import NoArticle

#: libxml2 (under lxml and trafilatura) stops building the tree past 255 nested elements,
#: so deeper markup loses its text; wrapper tags are flattened before that depth is reached
MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(/?)>")
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"])
#: layout wrappers whose removal loses no text structure worth keeping
_WRAPPERS = frozenset(["div", "span", "section", "font", "center", "b", "i", "u", "em", "strong", "small", "big", "table", "tbody", "tr", "td", "th"])
_WRAPPER_TAG = re.compile(r"</?(?:" + "|".join(sorted(_WRAPPERS)) + r")\b[^<>]*>", re.I)


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None
    url: str | None


def markup_depth(html: str) -> int:
    """The deepest nesting of elements (void and self-closed elements ignored)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, name, self_closed = m.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closed and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def extract_html(html: str, *, url: str | None = None, name: str = "input") -> HtmlArticle:
    """Extract the article from an HTML page; raise ``NoArticle`` (with the true reason) when there is none."""
    depth = markup_depth(html)
    if depth > MAX_DEPTH:
        # Wrappers nested past the parser's limit: drop the layout tags, keep the text and
        # the paragraph structure, and extract from that.
        html = _WRAPPER_TAG.sub("\n", html)
    text, result = _trafilatura(html, url)
    if len(text.split()) < 20:
        if depth > MAX_DEPTH and markup_depth(html) > MAX_DEPTH:
            raise NoArticle(
                f"{name}: elements nested {depth} deep, past what the HTML parser can read "
                f"(about 255); no article text could be extracted."
            )
        found = f"{len(text.split())} words of main text" if text.strip() else "no main text"
        raise NoArticle(f"{name}: no article found in this HTML page ({found}; only menus, links or boilerplate).")
    return HtmlArticle(
        text=text,
        title=result.get("title") or None,
        author=result.get("author") or None,
        publisher=result.get("sitename") or None,
        published=_published(html, url),
        url=result.get("url") or url,
    )


def _trafilatura(html: str, url: str | None) -> tuple[str, dict[str, Any]]:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None:
        result: dict[str, Any] = {}
    elif isinstance(extracted, dict):
        result = extracted
    else:
        result = extracted.as_dict()
    return result.get("text") or "", result


def _published(html: str, url: str | None) -> str | None:
    """The date the page states in its metadata or markup (htmldate, no extensive search), else None."""
    from htmldate import find_date

    # htmldate without extensive search: only dates the page states, never a guess from elsewhere.
    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises assorted parser errors on odd markup; a date is optional
        return None
    return str(found) if found else None
