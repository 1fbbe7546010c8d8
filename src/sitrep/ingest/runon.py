"""Web-page furniture run into a one-line body: headlines of other articles, link labels, captions.

Bodies scraped into a CSV cell often lose their line breaks, so the page around the article
runs into its sentences: "... a monitor said. Related <another article's headline in title
case> <another> Tags <tag> <tag>", "Read more here <a headline> The army ...", "<a caption>.
(AFP Photo)". The line-shape rules of
:mod:`.boilerplate` never see them (there is no line). Three shapes find them from the text
alone, never a list of outlet phrases:

* **a headline run** (``headline``): a run of title-case words — every word capitalised but the
  minor words title case leaves in lower case (articles, short prepositions, conjunctions) —
  of at least ``MIN_CAPS`` capitalised words, not in the body's first sentence (a headline at
  the top of the body is the article's own and is read). Prose does not write eight capitalised
  words in a row without a verb in lower case; a list of names that lost its commas can, so
  the run needs a capitalised word that title case made so (one the body writes in lower
  case elsewhere, as "Attack" next to "the attack") — the body is its own case lexicon.
* **a link label and its items** (``link-label``): a capitalised web label ("Tags", "Related",
  "Topic", "Read more", "Read also", "See also") after a sentence end, a number or the body's
  start, and the items after it up to where prose starts again (a capitalised word followed by
  a function word within three words), at most ``MAX_ITEMS`` words.
* **a photo caption** (``caption``): a bracket naming a picture ("(AFP Photo)", "(Photo:
  Agencies)", "(Photos Heavy smoke ... by AFP)"); a short credit bracket takes the sentence
  before it (the caption it credits) along.

The spans are returned as :class:`~sitrep.records.Removed` spans of the text; the caller
merges them with the other furniture (the document keeps them; offsets stay right).
``RUN_ON`` switches the detector (see docs/ingest.md).
"""

from __future__ import annotations

import os
import re

from ..records import ContextText, Removed
from .boilerplate import _FUNCTION

#: switch: find furniture run into one-line bodies (headline runs, link labels, captions)
RUN_ON = False


def enabled() -> bool:
    """``RUN_ON``, unless ``$SITREP_RUN_ON_FURNITURE`` says ``1`` (on) or ``0`` (off)."""
    value = os.environ.get("SITREP_RUN_ON_FURNITURE", "").strip()
    return RUN_ON if value not in ("0", "1") else value == "1"


#: switch (design 2, branch furniture2): the names in the removed run-on spans stay document context
#: (``Document.context``: the state a document is about), never a record of their own
CONTEXT = True
#: the kinds of span this detector finds
KINDS = frozenset(["headline", "link-label", "caption"])


def context_of(raw: str, removed: list[Removed]) -> list[ContextText]:
    """The removed run-on spans (``KINDS``) of ``raw`` as document context (empty when ``CONTEXT``
    is off): their offsets into ``raw`` and their text, for the stages' document-level evidence."""
    if not CONTEXT:
        return []
    return [ContextText(s.start, s.end, raw[s.start:s.end]) for s in removed if s.kind in KINDS]


#: a headline run has at least this many capitalised words
MIN_CAPS = 8
#: a link label's items: at most this many words
MAX_ITEMS = 15
#: a caption before a credit bracket: at most this many words
MAX_CAPTION = 45

_WORD = re.compile(r"\S+")
#: the words title case leaves in lower case (articles, short prepositions, conjunctions)
_MINOR = frozenset(
    ["a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as",
     "near", "over", "into", "via", "vs", "per", "off", "up", "amid", "after", "against", "-", "–", "—", "|"]
)
_END = re.compile(r"[.!?][\"”’)]*$")
_LABEL = re.compile(r"(?:Tags|Related(?: News| Coverage| Articles| Stories)?|Topic|Read (?:more|also)(?: here)?"
                    r"|See also)\b:?")
_PICTURE = re.compile(r"\((?:[^()]{0,40}\b(?:photos?|pictures?|image|file)\b[^()]{0,300})\)", re.I)


def _cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isalpha() for c in word))


def _number(word: str) -> bool:
    return word.strip(".,%").replace(",", "").isdigit()


def run_on_furniture(text: str) -> list[Removed]:
    """The furniture spans run into ``text`` (headline runs, link labels, captions)."""
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    first_end = next((i for i, (w, _, _) in enumerate(words) if _END.search(w)), len(words))
    found = _captions(text, words)
    found += _labels(words)
    found += _headlines(text, words, first_end)
    return found


def _headlines(text: str, words: list[tuple[str, int, int]], first_end: int) -> list[Removed]:
    lower = {w.lower().strip(".,:;\"'()") for w, _, _ in words if w[:1].islower()}
    found: list[Removed] = []
    i = first_end + 1
    while i < len(words):
        j = i
        while j < len(words) and (_cap(words[j][0]) or _number(words[j][0]) or words[j][0] in _MINOR):
            j += 1
            if _END.search(words[j - 1][0]):
                break
        span = _trim_run(words, i, j)
        if span is not None and _apart(words, span[0]) and _headline(words[span[0]:span[1]], lower):
            found.append(Removed(words[span[0]][1], words[span[1] - 1][2], "headline"))
        i = max(j, i + 1)
    return found


def _trim_run(words: list[tuple[str, int, int]], i: int, j: int) -> tuple[int, int] | None:
    """The run ``words[i:j]`` without minor words at its edges and without the opening of the next
    sentence (a capitalised opener such as "The" near its end when prose follows it)."""
    while i < j and words[i][0] in _MINOR:
        i += 1
    while j > i and words[j - 1][0] in _MINOR:
        j -= 1
    if j < len(words) and not _END.search(words[j - 1][0]) and words[j][0][:1].islower():
        j -= 1  # the run's last capitalised word opens the prose after it ("According to ...")
        if j > i and words[j - 1][0].lower() in _FUNCTION:
            j -= 1  # and a capitalised function word before it ("The Syrian government ...")
        while j > i and words[j - 1][0] in _MINOR:
            j -= 1
    return (i, j) if j > i else None


def _apart(words: list[tuple[str, int, int]], i: int) -> bool:
    """The run does not go on a sentence: the word before it is no lower-case word of prose."""
    return i == 0 or not words[i - 1][0][:1].islower() or bool(_END.search(words[i - 1][0]))


def _headline(run: list[tuple[str, int, int]], lower: set[str]) -> bool:
    caps = [w for w, _, _ in run if _cap(w)]
    if len(caps) < MIN_CAPS:
        return False
    return any(w.lower().strip(".,:;\"'()") in lower for w in caps[1:])


def _labels(words: list[tuple[str, int, int]]) -> list[Removed]:
    found: list[Removed] = []
    for i, (_word, start, _) in enumerate(words):
        label = _LABEL.match(" ".join(w for w, _, _ in words[i:i + 3]))
        if label is None or not (i == 0 or _END.search(words[i - 1][0]) or _number(words[i - 1][0])):
            continue
        k = i + len(label.group().split())
        if not label.group().startswith(("Tags", "Topic")) and (k >= len(words) or not _cap(words[k][0])):
            continue  # "Related clashes erupted ...": prose; a related list starts with a headline
        end = _items_end(words, k)
        if end is not None and end > i:
            found.append(Removed(start, words[end - 1][2], "link-label"))
    return found


def _items_end(words: list[tuple[str, int, int]], k: int) -> int | None:
    """Where the items after a label end: before a capitalised word that opens prose (a function
    word in it or in the next three words, and a lower-case word title case would not write), or at
    the end of the text."""
    for n in range(k + 1, min(k + MAX_ITEMS + 1, len(words))):
        window = [w for w, _, _ in words[n:n + 4]]
        if words[n][0][:1].isupper() and _opens(window):
            return n
    return len(words) if len(words) - k <= MAX_ITEMS else None


def _opens(window: list[str]) -> bool:
    """``window`` (a capitalised word and the next three) reads as prose: a function word and a
    lower-case word that is no title-case minor word ("Russia has accused", "A suicide bomber")."""
    lower = [w.lower() for w in window]
    if len(window) < 2 or not window[1][:1].islower():
        return False
    return any(w in _FUNCTION for w in lower) and any(w[:1].islower() and w not in _MINOR for w in window[1:])


def _captions(text: str, words: list[tuple[str, int, int]]) -> list[Removed]:
    found: list[Removed] = []
    for m in _PICTURE.finditer(text):
        start = m.start()
        if len(m.group().split()) <= 4:
            start = _caption_start(text, words, m.start())
        found.append(Removed(start, m.end(), "caption"))
    return found


def _caption_start(text: str, words: list[tuple[str, int, int]], bracket: int) -> int:
    """The start of the caption a short credit bracket closes: the sentence before it (after a
    date header when it is the body's first), or the bracket alone when that is longer than a caption."""
    before = [w for w in words if w[2] <= bracket]
    n = len(before) - 1
    while n > 0 and not _END.search(before[n - 1][0]):
        n -= 1
    if n == 0:
        years = [k for k, (w, _, _) in enumerate(before[:10]) if re.fullmatch(r"(?:19|20)\d\d", w)]
        n = years[-1] + 1 if years else 0
    if not before or len(before) - n > MAX_CAPTION or n >= len(before):
        return bracket
    return before[n][1]
