"""Who reports a figure: the source a sentence gives ("..., the monitor said", "according to
local sources", "X told AFP"), found on the parse and on the words around the cue.

News copy often loses its commas ("... on Tuesday state media said"), and the parser then
hangs the source anywhere; so besides the subject of a reporting verb, the noun phrase
right before the verb (or right after it: "said the Observatory") is read with a small
phrase grammar. Pure functions over spaCy tokens and the lexicon; choosing which source a
figure takes (same sentence, quotation, continuing or next sentence) is in ``extract``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon
from .tokens import Columns, columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

#: tokens that may sit inside a source's noun phrase ("the Britain-based Syrian Observatory")
NP_POS = {"DET", "ADJ", "NOUN", "PROPN", "PART"}
#: prepositions a source's phrase may carry ("a source in the militia", "head of the authority")
NP_PREPS = {"of", "in", "at", "for", "from", "with"}
#: verbs whose passive subject is the source ("the military was quoted as saying")
PASSIVE_SOURCE = {"quote", "cite"}
_MAX_NP = 12
#: the longest bracketed name read as a short form of the source before it ("(SOHR)")
BRACKET_NAME = 3
#: a subject further than this from its verb is trusted less than the phrase right before it
NEAR_SUBJECT = 8
#: verbs whose object is the one told, not the source ("X told AFP")
ADDRESSING = {"tell", "inform", "brief", "quote", "cite"}
#: word classes a source phrase never starts with
SKIPPED_POS = {"ADV", "NUM", "PUNCT", "ADP", "CCONJ", "PART", "AUX", "VERB"}


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A source in a sentence: tokens ``first..last`` (inclusive), its head token and the cue
    (reporting verb or "according") that makes it one."""

    first: int
    last: int
    cue: int
    head: int
    pronoun: bool = False


def _temporal_at(cols: Columns, k: int, lex: CasualtyLexicon) -> bool:
    """Token ``k`` is a time word: a weekday, a time of day, a month, a number, a date or a time."""
    low = cols.lower[k]
    return (low in lex.weekdays or low in lex.times_of_day or low in lex.time_words or low in lex.months
            or cols.like_num[k] or cols.ent_type[k] in ("DATE", "TIME"))


def source_word(tok: Token, lex: CasualtyLexicon) -> bool:
    """A word that can head a source: a name, an organisation, a source noun (not a date)."""
    return _source_word_at(columns(tok.doc), tok.i, lex)


def _source_word_at(cols: Columns, k: int, lex: CasualtyLexicon) -> bool:
    """``source_word`` of token ``k``, read from the columns."""
    low, lemma = cols.lower[k], cols.lemma[k]
    if low in lex.not_sources or lemma in lex.not_sources or _temporal_at(cols, k, lex):
        return False
    if cols.pos[k] == "PROPN" or cols.ent_type[k] in ("ORG", "PERSON", "NORP"):
        return True
    return lemma in lex.source_nouns or low in lex.source_nouns


def _skip_back(doc: Doc, j: int, start: int, lex: CasualtyLexicon) -> int:
    """Step left over adverbs, auxiliaries and a time phrase between a source and its verb
    ("IS on Monday claimed", "the monitor also said")."""
    cols = columns(doc)
    pos, lower = cols.pos, cols.lower
    while j >= start:
        opened = _bracket_open(cols, j, start)
        if opened is not None:
            j = opened - 1  # a bracketed short form after the name: "the Observatory (SOHR) said"
        elif pos[j] in ("ADV", "AUX", "PART") or lower[j] in ("also", "has", "had", "have"):
            j -= 1
        elif _temporal_at(cols, j, lex) and pos[j] in ("PROPN", "NOUN", "NUM"):
            j -= 1
            if j >= start and lower[j] in ("on", "in", "at", "late", "early", "this", "last"):
                j -= 1
        else:
            break
    return j


def _bracket_open(cols: Columns, j: int, start: int) -> int | None:
    """The "(" of a bracketed name that closes at ``j`` (at most ``BRACKET_NAME`` names, nothing
    else inside: "(SOHR)", "(Syrian Observatory)"), else None."""
    text, pos = cols.text, cols.pos
    if text[j] != ")":
        return None
    k = j - 1
    while k >= start and j - k <= BRACKET_NAME + 1 and pos[k] == "PROPN":
        k -= 1
    return k if k >= start and k < j - 1 and text[k] == "(" else None


def _boundary(cols: Columns, k: int, named: bool, lex: CasualtyLexicon) -> bool:
    """Whether the phrase read leftwards stops before token ``k`` (commas lost in the copy)."""
    iob, pos, ent = cols.ent_iob, cols.pos, cols.ent_type
    r = k + 1
    if named and iob[k] not in ("B", "I") and pos[k] in ("NOUN", "PROPN") and iob[r] == "B":
        return True  # a name does not take the common noun before it: "as human shields Press TV said"
    if ent[k] in ("GPE", "LOC") and iob[r] not in ("B", "I") and pos[r] in ("ADJ", "VERB"):
        return True  # a place before an adjective ends the phrase: "Iraq or Turkey informed sources said"
    if iob[k] in ("B", "I") and iob[r] == "B" and ent[k] != ent[r]:
        return True  # two names side by side: "in Aleppo Syrian state television said"
    return _temporal_at(cols, k, lex) or (pos[k] in ("VERB", "AUX", "PRON", "NUM", "PUNCT")
                                          and cols.text[k] not in ("-", "–") and cols.dep[k] not in ("amod", "compound"))


def _in_phrase(cols: Columns, k: int) -> bool:
    return cols.pos[k] in NP_POS or cols.text[k] in ("-", "–") or cols.lower[k] == "and" \
        or cols.dep[k] in ("amod", "compound")


def _np_left(sent: Span, verb: Token, lex: CasualtyLexicon) -> tuple[int, int, int] | None:
    """(first, last, head) of the noun phrase that ends right before ``verb`` ("... on Tuesday
    state media said", "a source in the Syrian militia said")."""
    doc = verb.doc
    cols = columns(doc)
    pos, lower = cols.pos, cols.lower
    last = _skip_back(doc, verb.i - 1, sent.start, lex)
    if last < sent.start or pos[last] not in ("NOUN", "PROPN"):
        return None
    first, k = last, last - 1
    named = cols.ent_iob[last] in ("B", "I") and pos[last] == "PROPN"
    while k >= sent.start and last - k < _MAX_NP and not _boundary(cols, k, named, lex):
        if _in_phrase(cols, k):
            first = k
            if pos[k] == "DET":  # a determiner opens the phrase, unless "of"/"in" hangs it on a source noun
                if not (k - 1 >= sent.start and lower[k - 1] in NP_PREPS and _hangs(cols, k - 1, sent, lex)):
                    break
                k -= 1
        elif not (lower[k] in NP_PREPS and _hangs(cols, k, sent, lex)):
            break
        k -= 1
    while first < last and lower[first] in {"and", "-", "–", "'s"} | NP_PREPS:
        first += 1
    head = _np_head(cols, first, last, lex)
    return (first, last, head) if head is not None else None


def _np_head(cols: Columns, first: int, last: int, lex: CasualtyLexicon) -> int | None:
    """The source word of a phrase: the noun before its first preposition ("a source in the
    militia" -> "source"), else the last source word in it."""
    lower, pos = cols.lower, cols.pos
    for k in range(first, last + 1):
        if lower[k] in NP_PREPS and k > first:
            if _source_word_at(cols, k - 1, lex):
                return k - 1
            break
    for k in range(last, first - 1, -1):
        if _source_word_at(cols, k, lex) and pos[k] in ("NOUN", "PROPN"):
            return k
    return None


def _hangs(cols: Columns, k: int, sent: Span, lex: CasualtyLexicon) -> bool:
    """Whether the preposition at ``k`` hangs on a source noun to its left ("head of")."""
    return k - 1 >= sent.start and cols.pos[k - 1] in ("NOUN", "PROPN") and _source_word_at(cols, k - 1, lex)


def _np_right(sent: Span, start: int, lex: CasualtyLexicon) -> tuple[int, int, int] | None:
    """The noun phrase that starts at token ``start`` ("according to local sources")."""
    cols = columns(sent.doc)
    pos, lower, iob = cols.pos, cols.lower, cols.ent_iob
    last = None
    k = start
    while k < sent.end and k - start < _MAX_NP:
        if _temporal_at(cols, k, lex):
            break
        if last is not None and iob[k] == "B" and iob[k - 1] in ("B", "I"):
            break  # a second name right after the first: "according to the Observatory DAESH has lost"
        if last is not None and pos[k] == "DET":
            break  # a second phrase: "the Observatory the casualties"
        if pos[k] in NP_POS or cols.text[k] in ("-", "–") or cols.dep[k] in ("amod", "compound"):
            if pos[k] in ("NOUN", "PROPN"):
                last = k
            k += 1
            continue
        if lower[k] in NP_PREPS and last is not None and k + 1 < sent.end and pos[k + 1] in NP_POS \
                and (_source_word_at(cols, last, lex) or (lower[k] == "of" and _source_follows(sent, k + 1, lex))):
            k += 1
            continue
        break
    if last is None:
        return None
    head = _np_head(cols, start, last, lex)
    return (start, last, head) if head is not None else None


def _source_follows(sent: Span, start: int, lex: CasualtyLexicon) -> bool:
    """A source word in the noun phrase that starts at ``start``: "the press office *of the
    ministry*", "the Arabic-language desk *of Sputnik news agency*" (the office or desk is no
    source word, the organisation it belongs to is)."""
    cols = columns(sent.doc)
    pos = cols.pos
    for k in range(start, min(sent.end, start + 5)):
        if pos[k] not in NP_POS and cols.text[k] not in ("-", "–"):
            return False
        if pos[k] in ("NOUN", "PROPN") and _source_word_at(cols, k, lex):
            return True
    return False


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and verb.lemma_.lower() in PASSIVE_SOURCE):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ == "VERB":
        return _subject(verb.head)
    return None


def _subject_span(subj: Token, lex: CasualtyLexicon) -> tuple[int, int, int] | None:
    cols = columns(subj.doc)
    s = subj.i
    if not _source_word_at(cols, s, lex):
        return None
    dep, pos, lower = cols.dep, cols.pos, cols.lower
    keep = {t for t in cols.subtree(s) if dep[t] not in ("relcl", "acl", "advcl", "ccomp", "punct")}
    keep -= {i for c in cols.children[s] if dep[c] in ("relcl", "acl", "advcl", "ccomp") for i in cols.subtree(c)}
    first = min(i for i in keep if i <= s)
    while first < s and (_temporal_at(cols, first, lex) or pos[first] in SKIPPED_POS
                         or lower[first] in ("least", "more", "than")):
        first += 1  # "Earlier the source said", "February 27 SANA reported", "at least 50 a monitor said"
    closed = [i for i in range(first, s) if cols.text[i] == ")"]
    if closed:
        first = closed[-1] + 1  # a bracket closed before the head is no part of its phrase: "(AFP) SANA said"
    last = subj.i
    while last + 1 in keep and last + 1 - subj.i <= _MAX_NP:  # "head of the health authority"
        last += 1
    if subj.i - first > _MAX_NP:
        first = subj.i
    return first, last, subj.i


def _reporting(verb: Token, sent: Span, lex: CasualtyLexicon) -> SourceSpan | None:
    """The source of one reporting verb: its subject, else the phrase before it, else the phrase
    after it ("said the Observatory", not before "that"). A participle hung on a clause that a
    reporting verb governs ("X said planes struck … in Deir Ezzor adding that …") is that verb's
    speaker's (``_continued_speech``)."""
    carried = _continued_speech(verb, sent, lex)
    if carried is not None:
        return carried
    subj = _subject(verb)
    if subj is not None and subj.lower_ in lex.pronouns:
        return SourceSpan(subj.i, subj.i, verb.i, subj.i, True)
    left = _np_left(sent, verb, lex)
    if left is not None and subj is not None and _bracketed(subj, verb):
        subj = None  # "(TRT World and Agencies) Syrian Observatory … said": the name after the bracket speaks
    inside_subject = left is not None and subj is not None and any(t.i == left[2] for t in subj.subtree)
    if subj is not None and subj.i < verb.i and (left is None or inside_subject or verb.i - subj.i <= NEAR_SUBJECT
                                                 or _apposed(subj, left, lex)):
        found = _subject_span(subj, lex)
        if found is not None:
            return SourceSpan(found[0], found[1], verb.i, found[2])
    right = _np_after(sent, verb, lex)
    if left is not None and _addressed(verb.doc[left[2]]):
        left = None  # "X told AFP adding ...": the agency told is not who adds
    if left is not None and not (right is not None and _clause_object(verb.doc[left[2]])):
        return SourceSpan(left[0], left[1], verb.i, left[2])
    if right is not None:
        return SourceSpan(right[0], right[1], verb.i, right[2])
    return None


def _bracketed(subj: Token, verb: Token) -> bool:
    """The parsed subject stands inside a bracket that closes before the verb (a credit line the
    parse hangs the sentence's speaker on)."""
    return any(verb.doc[i].text == ")" for i in range(subj.i + 1, verb.i))


def _continued_speech(verb: Token, sent: Span, lex: CasualtyLexicon) -> SourceSpan | None:
    """The source of a reporting participle ("adding", "noting") that continues a reported
    statement: the speaker of the nearest reporting verb above it in the same sentence. The
    phrase right before such a participle ends the reported clause (an object, a place), it is
    not who speaks."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    for anc in verb.ancestors:
        if anc.lemma_.lower() in lex.reporting_verbs and sent.start <= anc.i < sent.end and anc.i < verb.i:
            found = _reporting(anc, sent, lex)
            return SourceSpan(found.first, found.last, verb.i, found.head, found.pronoun) if found else None
    return None


def _apposed(subj: Token, left: tuple[int, int, int], lex: CasualtyLexicon) -> bool:
    """The phrase before the verb is an indefinite description set after the named subject, its
    commas lost ("The Syrian Observatory for Human Rights an opposition-leaning monitoring
    group said"): the source is the name, not "a … group"."""
    found = _subject_span(subj, lex)
    return found is not None and found[1] + 1 == left[0] and subj.doc[left[0]].lower_ in ("a", "an")


def _np_after(sent: Span, verb: Token, lex: CasualtyLexicon) -> tuple[int, int, int] | None:
    """The source after the verb ("said the Observatory"), never a clause ("said that", "said it")
    nor whom a source tells ("told AFP")."""
    if verb.lemma_.lower() in ADDRESSING:
        return None
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < sent.end else None
    if nxt is None or nxt.lower_ in ("that", "it", "he", "she", "they", "there"):
        return None
    right = _np_right(sent, verb.i + 1, lex)
    if right is None or verb.doc[right[0]].pos_ not in ("DET", "PROPN", "ADJ", "NOUN"):
        return None
    return right


def _addressed(head: Token) -> bool:
    """The one a source speaks to: the object of "told", "informed" ("told AFP")."""
    return head.dep_ in ("dobj", "dative", "obj") and head.head.lemma_.lower() in ADDRESSING


def _clause_object(head: Token) -> bool:
    """The object of a preposition (or a conjunct of one) that ends the reported clause ("the
    village of Taduf said the Observatory", "destruction in public facilities and hospitals said
    the Observatory"): not the source when one follows the verb."""
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    return head.dep_ == "pobj"


def _prep_source(tok: Token, sent: Span, lex: CasualtyLexicon, *, passive: bool = False) -> SourceSpan | None:
    """ "according to X", "citing X", "quoted by X" (``passive``: also after a passive speaker,
    when none was found before it)."""
    doc = tok.doc
    if not passive and _passive_speaker(tok, lex):
        return None  # "X was quoted by AFP as saying": X speaks, AFP only carries it (``_reporting``)
    for ph in lex.source_preps:
        n = len(ph)
        if tuple(columns(doc).lower[tok.i:min(len(doc), tok.i + n)]) == ph:
            if tok.i + n < sent.end and doc[tok.i + n].lower_ in lex.pronouns:
                return SourceSpan(tok.i + n, tok.i + n, tok.i, tok.i + n, True)
            right = _np_right(sent, tok.i + n, lex)
            if right is not None:
                return SourceSpan(right[0], right[1], tok.i, right[2])
    return None


def _passive_speaker(tok: Token, lex: CasualtyLexicon) -> bool:
    """ "was quoted by" / "was cited by" with a source as its passive subject: the subject is the
    speaker, the agent the outlet that quotes it."""
    if tok.lemma_.lower() not in PASSIVE_SOURCE:
        return False
    if any(c.dep_ == "nsubjpass" and source_word(c, lex) for c in tok.children):
        return True
    # the parse often hangs the speaker elsewhere: "… Rami Example head of the Observatory was quoted by"
    return any(c.dep_ == "auxpass" for c in tok.children) and tok.i > 1 and tok.doc[tok.i - 2].pos_ in ("NOUN", "PROPN")


#: reporting verbs that report only with a source as their subject ("the monitor's figures show"
#: has none; "A video shows fighters parading bodies" is a picture, not a report)
DEPICTING = {"show"}
#: objects that make a reporting verb something else ("claimed the lives of 3", "claimed responsibility")
NOT_REPORTED = {"life", "responsibility", "credit"}
#: reporting word forms that end a sentence as a cue whatever their tag ("SANA news agency reports.")
FINAL_CUES = {"said", "says", "reported", "reports", "added", "adds", "told", "stated", "confirmed"}


def _may_cue(lemma: str, low: str, pos: str, lex: CasualtyLexicon) -> bool:
    """Whether ``_is_cue`` can be true of a token with this lower-case lemma, word and tag: its
    first two tests, on the token's columns (``tokens.columns``), without building the token."""
    if lemma in lex.toll_reporting_verbs and pos == "VERB":
        return True
    return (lemma in lex.reporting_verbs or low in FINAL_CUES) and low != "according"


def _is_cue(tok: Token, sent: Span, lex: CasualtyLexicon) -> bool:
    """A reporting verb (or a sentence-final reporting word the tagger took for a noun)."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    if lemma in lex.toll_reporting_verbs and tok.pos_ == "VERB":
        return _gives_toll(tok, lex)
    if (lemma not in lex.reporting_verbs and low not in FINAL_CUES) or low == "according":
        return False
    if any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in NOT_REPORTED for c in tok.children):
        return False
    if lemma == "claim" and _claims_attack(tok, lex):
        return False
    if lemma in DEPICTING and not any(c.dep_ == "nsubj" and source_word(c, lex) for c in tok.children):
        return False  # "A graphic video posted on social media shows …": a picture is no one's report
    if tok.pos_ in ("VERB", "AUX") and lemma in lex.reporting_verbs:
        return True
    nxt = tok.i + 1
    return low in FINAL_CUES and (nxt >= sent.end or tok.doc[nxt].is_punct)


def _claims_attack(verb: Token, lex: CasualtyLexicon) -> bool:
    """A claim of an attack, not a report: "claimed the bomb attack", "an attack claimed by IS"."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in lex.incident_nouns:
        return True
    return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lex.incident_nouns for c in verb.children)


def _gives_toll(verb: Token, lex: CasualtyLexicon) -> bool:
    """ "gave a toll of 34", "had given a death toll of 9": the verb's object is a toll noun."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.lemma_.lower() in lex.toll_nouns.words:
            return True
    return False


def _source_words(cols: Columns, lex: CasualtyLexicon) -> list[int]:
    """The tokens of a document ``find_sources`` tests: a source preposition's first word or a
    possible cue (``_may_cue``); at any other token neither test can find a source."""
    firsts = {ph[0] for ph in lex.source_preps}
    verbs = lex.toll_reporting_verbs | lex.reporting_verbs
    lemma, pos = cols.lemma, cols.pos
    return [i for i, low in enumerate(cols.lower) if low in firsts
            or ((lemma[i] in verbs or low in FINAL_CUES) and _may_cue(lemma[i], low, pos[i], lex))]


def find_sources(sent: Span, lex: CasualtyLexicon) -> list[SourceSpan]:
    """Every source the sentence gives, in text order."""
    out: list[SourceSpan] = []
    firsts = {ph[0] for ph in lex.source_preps}
    doc = sent.doc
    cols = columns(doc)
    words = cols.derived("source words", lex, lambda: _source_words(cols, lex))
    for k in range(bisect.bisect_left(words, sent.start), bisect.bisect_left(words, sent.end)):
        tok = doc[words[k]]
        found = None
        if tok.lower_ in firsts:
            found = _prep_source(tok, sent, lex)
        if found is None and _is_cue(tok, sent, lex):
            found = _reporting(tok, sent, lex)
        if found is None and tok.lower_ in firsts:
            found = _prep_source(tok, sent, lex, passive=True)  # no speaker before "was quoted by X"
        if found is not None and not any(found.first <= s.last and s.first <= found.last for s in out):
            out.append(found)
    return out


def governs(source: SourceSpan, token: Token) -> bool:
    """Whether the source's cue is an ancestor of ``token`` (it reports that clause)."""
    return any(anc.i == source.cue for anc in token.ancestors)


_QUOTE_MARKS = re.compile('[“”"]')


def quotation_marks(text: str) -> list[tuple[int, int]]:
    """(open, close) character offsets of the quotations of a text. Straight quotes pair in
    order of appearance; curly ones by their direction."""
    opens: list[int] = []
    pairs: list[tuple[int, int]] = []
    for m in _QUOTE_MARKS.finditer(text):  # the marks only: every other character leaves both lists as they are
        i, ch = m.start(), m.group()
        if ch == "“" or (ch == '"' and not opens):
            opens.append(i)
        elif (ch == "”" or ch == '"') and opens:
            pairs.append((opens.pop(), i))
    return pairs


def quotation_at(pairs: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The quotation (of ``quotation_marks``) around ``offset``, if any."""
    for start, end in pairs:
        if start < offset < end:
            return start, end
    return None
