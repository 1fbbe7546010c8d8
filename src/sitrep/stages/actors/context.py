"""Context passes of the actor stage: what the rest of the document tells about a span.

Acronyms defined in the text, short forms of names seen earlier, "the regime"
after "the Assad regime", provisional actors for names the KB lacks, the
ministry of the state named nearby, the dominant armed group for "the
terrorists", and the country the text places events in ("theatre").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING

from ...kb.model import KBActor, KnowledgeBase
from ...kb.normalize import key, slug
from .groups import DESCRIBED
from .lexicon import (
    _ACRONYM,
    _LEADING,
    _TRAILING,
    BARE_HEAD_FOLLOWERS,
    BOILERPLATE,
    DEFINITE_HEADS,
    DOMESTIC_AGENTS,
    INSTITUTIONS,
    NER_KINDS,
    ORG_HEADS,
    PLACE_HEADS,
    SALIENT_GROUP_HEADS,
)
from .matcher import Word
from .rules import is_locative
from .spans import Found, Resolution

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span


#: "(SAA)": an acronym in parentheses
#: a capitalised proper noun the NER left out is compared with the states' names (``near_name``:
#: "Ethopia has agreed"); added against a PLOVER tune miss (issue 13, events14), a switch so that
#: ``benchmarks/actors_plover_ablation.py`` can measure it
UNLABELLED_STATES = True
_DEFINED = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
#: capitalised words (short forms of names: "Itani", "Times")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w]*(?:[-'’][A-Z][\w]*)*")


class DocumentContext:
    """The document-level passes of the actor stage, over what the resolver found in the text.

    Built once per KB by :class:`~sitrep.stages.actors.resolve.Resolver` (which owns one);
    ``places`` are folded gazetteer names that must stay places. Pure: reads the parse,
    extends the :class:`Resolution` it is given.

    Example: in "The Syrian Arab Army (SAA) advanced. The SAA said ...", ``run`` makes both
    "SAA" spans the Syrian army (``acronym``), and in "... Assad regime ... the regime said"
    the second "regime" the Syrian government (``coref``).
    """

    def __init__(self, kb: KnowledgeBase, places: frozenset[str] = frozenset()) -> None:
        self.kb = kb
        self.places = places

    def run(self, text: str, doc: Doc, words: list[Word], res: Resolution) -> None:
        """Every pass, in order: acronyms defined in the text, short forms, "the regime",
        provisional actors, acronym uses; then institutions, the theatre, the salient group."""
        defined = self._acronym_definitions(text)
        res.blocked.extend((s, e) for s, e, _ in defined)
        self._short_forms(text, res)
        self._definite_heads(text, words, res)
        self._provisional(doc, res)
        res.blocked = [b for b in res.blocked if b not in {(s, e) for s, e, _ in defined}]
        self._acronyms(text, res, defined)
        self._institutions(doc, res)
        self._described(doc, res)
        self._theatre(res)
        self._salient_group(text, words, res)

    def _country_of(self, f: Found) -> str | None:
        """The state a resolved span belongs to (the state itself, or its actor's country)."""
        c = f.actor.id if f.actor.kind == "state" else f.actor.country
        return c if c and self.kb.state(c) is not None else None

    def _nearest_state(self, sents: list[Span], starts: list[int], res: Resolution, at: int,
                       reach: int | None) -> str | None:
        """The state of the state-bearing span nearest to offset ``at``: within ``reach``
        characters in the same sentence first (any distance when ``reach`` is None), else the
        closest preceding one in the two sentences before, else any in the same sentence."""
        si = max(bisect.bisect_right(starts, at) - 1, 0)
        lo = sents[max(si - 2, 0)].start_char
        same = (sents[si].start_char, sents[si].end_char)
        in_sentence = [f for f in res.found if self._country_of(f) and same[0] <= f.start < same[1]]
        near = [f for f in in_sentence if reach is None or abs(f.start - at) <= reach]
        if not near:
            near = [f for f in res.found if self._country_of(f) and lo <= f.start < at]
        if not near:
            near = in_sentence
        if not near:
            return None
        return self._country_of(min(near, key=lambda f: abs(f.start - at)))

    def _described(self, doc: Doc, res: Resolution) -> None:
        """Described groups the text gave no country ("Sunni militants", ``groups.py``): the
        text's theatre (the state it places events in), else the state named nearest to them
        (as for institutions, the whole sentence in reach); none, and the group is dropped.
        The theatre comes first: in a report from a war the
        state named next to a group is as often its enemy or a source ("the British-based
        Observatory said Islamist rebels …") as its own."""
        waiting = [f for f in res.found if f.surface_key == DESCRIBED and f.actor.country is None]
        if not waiting:
            return
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        theatre = self._theatre_country(res)
        drop = []
        for f in waiting:
            country = theatre or self._nearest_state(sents, starts, res, f.start, None)
            if country is not None:
                f.actor = self.kb.generic(country, f.actor.sector or "UNK")
            else:
                drop.append(id(f))
        res.found = [f for f in res.found if id(f) not in drop]

    def _institutions(self, doc: Doc, res: Resolution) -> None:
        """ "the Defense Ministry": the ministry of the state named nearest to it.

        A state-bearing mention within 60 characters in the same sentence first,
        else the closest preceding one in the two sentences before, else any in the
        same sentence; no state in reach, no actor.
        """
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        for atom in res.institutions:
            country = self._nearest_state(sents, starts, res, atom.char_start, 60)
            if country is None:
                continue
            suffix = INSTITUTIONS[key(atom.surface)]
            actor = self.kb.actors.get(country + suffix) or self.kb.generic(country, "GOV")
            res.found.append(Found(atom.char_start, atom.char_end, actor, "coref"))

    def _salient_group(self, text: str, words: list[Word], res: Resolution) -> None:
        """ "the terrorists" / "the militants": the armed group the text is about, when one dominates.

        Only definite plurals without a modifier, and only when one named armed
        group has been mentioned at least twice before and more than any other.
        """
        starts = {w.start: i for i, w in enumerate(words)}
        named = sorted((f for f in res.found if f.actor.kind == "armed_group" and f.actor.provenance != "generic"
                        and f.surface_key != DESCRIBED),  # "Kurdish fighters" names no group
                       key=lambda f: f.start)
        for f in res.found:
            if f.method != "generic" or f.actor.sector not in ("REB", "UAF"):
                continue
            i = starts.get(f.start)
            if i is None or i == 0 or words[i].text not in SALIENT_GROUP_HEADS or words[i - 1].text != "the":
                continue
            if f.end != words[i].end:
                continue
            counts = Counter(g.actor.id for g in named if g.end <= f.start)
            ranked = counts.most_common(2)
            if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
                continue
            f.actor = next(g.actor for g in named if g.actor.id == ranked[0][0])
            f.method = "coref"

    @staticmethod
    def _theatre_country(res: Resolution) -> str | None:
        """The state named most often in a locative position, when it is a strict maximum."""
        counts = Counter(iso for iso in res.theatre if iso)
        if not counts:
            return None
        ranked = counts.most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def _theatre(self, res: Resolution) -> None:
        """Unmodified rebels/opposition take the country the text places events in most often.

        The "theatre" is the state named most often in a locative position ("in
        Syria"); only a strict maximum counts.
        """
        country = self._theatre_country(res)
        if country is None:
            return
        for f in res.found:
            if f.method != "generic" or f.actor.country is not None:
                continue
            if f.actor.sector in ("REB", "OPP") or f.surface_key in DOMESTIC_AGENTS:
                f.actor = self.kb.generic(country, f.actor.sector or "MIL")

    # ------------------------------------------------------------ step 1

    @staticmethod
    def _acronym_definitions(text: str) -> list[tuple[int, int, str]]:
        """``(start, end, ACR)`` for every ``Expansion (ACR)`` (regex over the text: no token walk)."""
        out = []
        for m in _DEFINED.finditer(text):
            acr = m.group(1)
            if _ACRONYM.match(acr) and sum(c.isupper() for c in acr) >= 2 and text[:m.start()].strip():
                out.append((m.start(1), m.end(1), acr))
        return out

    def _acronyms(self, text: str, res: Resolution, defined: list[tuple[int, int, str]]) -> None:
        """``Expansion (ACR)``: every ``ACR`` = the expansion's actor, or no actor at all."""
        by_end = {f.end: f for f in res.found}
        mapping: dict[str, KBActor | None] = {}
        for start, _end, acr in defined:
            paren = text.rindex("(", 0, start)
            before_end = len(text[:paren].rstrip())
            hit = by_end.get(before_end)
            if acr not in mapping:
                mapping[acr] = hit.actor if hit else None
        if not mapping:
            return
        spans = [(m.start(), m.end(), m.group()) for m in
                 re.finditer(r"(?<![\w-])(?:" + "|".join(map(re.escape, mapping)) + r")(?![\w-])", text)]
        # the NER may have made provisional actors of the acronym itself: the definition wins
        acronym_spans = {(s, e) for s, e, _ in spans}
        res.found = [f for f in res.found if not (f.method == "provisional" and (f.start, f.end) in acronym_spans)]
        covered = [(f.start, f.end) for f in res.found]
        for s, e, acr in spans:
            if any(a < e and s < b for a, b in covered):
                continue
            actor = mapping[acr]
            if actor is None:
                res.blocked.append((s, e))
            else:
                res.found.append(Found(s, e, actor, "acronym"))

    def _definite_heads(self, text: str, words: list[Word], res: Resolution) -> None:
        """ "the regime" after "the Assad regime": the same government actor."""
        named = sorted((f for f in res.found if f.actor.kind == "government_body"), key=lambda f: f.start)
        if not named:
            return
        covered = [(f.start, f.end) for f in res.found]
        for i, w in enumerate(words[1:], 1):
            if w.text not in DEFINITE_HEADS or words[i - 1].text != "the":
                continue
            if i + 1 < len(words) and words[i + 1].text not in (".", ",", ";", ":", "'s") and \
                    words[i + 1].text.isalpha() and words[i + 1].text not in BARE_HEAD_FOLLOWERS:
                continue  # "the regime forces", "the government troops": not a bare head
            if any(a < w.end and w.start < b for a, b in covered):
                continue
            before = [f for f in named if f.end <= w.start and w.text in key(text[f.start:f.end]).split(" ")]
            if before:
                res.found.append(Found(w.start, w.end, before[-1].actor, "coref"))

    def _short_forms(self, text: str, res: Resolution) -> None:
        """Surnames of people and last words of outlets named earlier ("Itani", "the Times")."""
        short: dict[str, KBActor] = {}
        for f in sorted(res.found, key=lambda f: f.start):
            if f.actor.kind in ("person", "media", "monitor", "ngo"):
                words = f.actor.name.replace("(", " ").split()
                if f.actor.kind != "person":  # "Syrian Observatory for Human Rights" -> "Observatory"
                    cut = next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))
                    words = words[:cut]
                if len(words) >= 2:
                    short.setdefault(key(words[-1]), f.actor)
                if len(words) >= 3 and f.actor.kind == "person":  # "Rami Abdel Rahman" -> "Abdel Rahman"
                    short.setdefault(key(" ".join(words[-2:])), f.actor)
        if not short:
            return
        covered = [(f.start, f.end) for f in res.found] + res.blocked
        first = min(f.start for f in res.found)
        for m in _CAPITALISED.finditer(text, first):
            s, e = m.start(), m.end()
            nxt = _CAPITALISED.match(text, e + 1) if text[e:e + 1] == " " else None
            actor = short.get(key(text[s:nxt.end()])) if nxt else None
            if nxt is not None and actor is not None:
                e = nxt.end()
            else:
                word = key(m.group())
                actor = short.get(word) or (short.get(word[:-1]) if word.endswith("s") else None)
            if actor is None:
                continue
            if any(a < e and s < b for a, b in covered):
                continue
            res.found.append(Found(s, e, actor, "coref"))

    # ------------------------------------------------------------ step 4

    @staticmethod
    def _place_like(ent: Span) -> bool:
        """The entity sits where places sit: "in X", "the X neighborhood", "the towns of X and Y"."""
        if is_locative(ent) and key(ent[-1].text) not in ORG_HEADS:
            return True
        root = ent.root
        while root.dep_ in ("conj", "appos") and root.head.i != root.i:
            root = root.head
        head = root.head
        if root.dep_ in ("compound", "appos", "nmod") and key(head.lemma_) in PLACE_HEADS:
            return True
        return root.dep_ == "pobj" and head.lower_ == "of" and key(head.head.lemma_) in PLACE_HEADS

    def _near_state(self, ent: Span, res: Resolution) -> None:
        """A GPE the KB does not know that is a near spelling of a state, in an actor's
        position (a misspelt place stays a place: the place stage's business)."""
        name = ent.text.strip()
        if self._place_like(ent) or key(name) in self.places or not name[:1].isupper():
            return
        near = near_name(self.kb, name, "state")
        if near is not None:
            res.found.append(Found(ent.start_char, ent.end_char, near, "near"))

    def _provisional(self, doc: Doc, res: Resolution) -> None:
        """Names the NER finds and nothing else resolved: provisional actors, a misspelt known
        person or state, or the provisional person a surname refers back to.

        Example: "Abu Ahmad al-Hamwi, a local commander, said ... al-Hamwi added" gives one
        provisional person ``prov:abu-ahmad-al-hamwi`` for both spans (the second by
        ``coref``); "Kazakstan has agreed" gives Kazakhstan (``near``)."""
        covered = [(f.start, f.end) for f in res.found] + res.blocked
        # provisional people a title already named ("President Vojislav Kostunica"): their
        # surnames later in the text refer back to them
        merged: dict[str, KBActor] = {key(f.actor.name): f.actor for f in res.found
                                      if f.method == "provisional" and f.actor.kind == "person"}
        # a name used once as a place is a place everywhere in the text
        places_here = {key(_TRAILING.sub("", _LEADING.sub("", e.text.strip()))) for e in doc.ents
                       if e.label_ in NER_KINDS and self._place_like(e)}
        for ent in doc.ents:
            kind = NER_KINDS.get(ent.label_)
            s, e = ent.start_char, ent.end_char
            if ent.label_ == "GPE" and not any(a < e and s < b for a, b in covered):
                self._near_state(ent, res)  # "Kazakstan has agreed": a misspelt state
                continue
            if kind is None or ent.label_ == "NORP" or any(a < e and s < b for a, b in covered):
                continue
            name = self._provisional_name(ent)
            if name is None:
                continue
            found = self._provisional_actor(ent, name, kind, merged, places_here)
            if found is None:
                continue
            actor, method = found
            start = s + ent.text.find(name) if name in ent.text else s
            res.found.append(Found(start, start + len(name) if name in ent.text else e, actor, method))
        if UNLABELLED_STATES:
            self._unlabelled_states(doc, res)

    def _unlabelled_states(self, doc: Doc, res: Resolution) -> None:
        """A capitalised proper noun the NER left out and nothing resolved ("Ethopia has
        agreed", first in a sentence): a near spelling of a state (``near_name``), else nothing."""
        in_ents = {t.i for ent in doc.ents for t in ent}
        covered = [(f.start, f.end) for f in res.found] + res.blocked
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.i in in_ents or not tok.text[:1].isupper() or not tok.is_alpha:
                continue
            s, e = tok.idx, tok.idx + len(tok.text)
            if not any(a < e and s < b for a, b in covered):
                self._near_state(doc[tok.i:tok.i + 1], res)

    def _provisional_name(self, ent: Span) -> str | None:
        """The name an NER entity gives a provisional actor, or None when it is no name.

        Leading "the"/"Mr." and a possessive are cut ("Mr. Hamwi's" -> "Hamwi"); refused:
        lower-case or one-letter text, long spans, agent nouns and titles the KB knows, a
        lone non-proper word ("Rescue" at the start of a caption), headlines with a verb,
        "Q&A", page furniture ("Subscribe TRT World"), and a lost possessive apostrophe
        ("Aleppos")."""
        name = _TRAILING.sub("", _LEADING.sub("", ent.text.strip())).strip(" *_\"'“”‘’")
        if not name or not any(c.isupper() for c in name) or len(name) < 2 or len(ent) > 6 or len(name) > 60:
            return None
        k = key(name)
        if k in self.kb.agents or k in self.kb.titles:
            return None
        if len(ent) == 1 and ent[0].pos_ != "PROPN":
            return None  # "Rescue" at the start of a caption
        if any(t.pos_ in ("VERB", "AUX") for t in ent):
            return None  # a title-cased headline, not a name
        if not re.search(r"[A-Za-z]{2,}", name) or ("&" in name and len(name) < 6):
            return None  # "Q&A"
        name_words = k.split(" ")
        if sum(w in BOILERPLATE for w in name_words) * 2 >= len(name_words):
            return None  # "Subscribe TRT World": page furniture
        if name_words[-1].endswith("s") and (k[:-1] in self.places or self.kb.lookup(name[:-1])):
            return None  # "Aleppos": a possessive whose apostrophe was lost
        return name

    def _provisional_actor(self, ent: Span, name: str, kind: str, merged: dict[str, KBActor],
                           places_here: set[str]) -> tuple[KBActor, str] | None:
        """(actor, method) for a provisional name, remembering new actors in ``merged``; None
        when the name is a place ("Castello Road", "Idlib", "fighting in Amiriyah")."""
        k = key(name)
        actor = merged.get(k)
        if actor is None and kind == "person":
            # a surname of a provisional person seen earlier in this text
            actor = next((other for other_k, other in merged.items()
                          if other.kind == "person" and other_k.split(" ")[-1] == k and " " in other_k), None)
        if actor is None and (key(ent[-1].text) in PLACE_HEADS or k in self.places or k in places_here):
            return None  # "Castello Road", "Idlib", "the towns of Foua and Kefraya": places
        if actor is None and (kind == "person" or " " not in k):
            # "Angela Merkle": a misspelt known person; "Ethopia" (which the NER
            # takes for an organisation): a misspelt state
            near = near_name(self.kb, name, "person" if kind == "person" else "state")
            if near is not None:
                merged[k] = near
                return near, "near"
        if actor is None:
            actor = KBActor(id=f"prov:{slug(name)}", name=name, kind=kind, country=None, sector=None,
                            provenance="provisional")
            merged[k] = actor
            return actor, "provisional"
        return actor, ("coref" if key(actor.name) != k else "provisional")


# ------------------------------------------------------------ near names
#: a misspelling or another transliteration must be this close (rapidfuzz ratio, 0-100)
NEAR_RATIO = 90
#: what ``near_name`` compares, per kind: minimum letters, and whether the word count and the
#: first letters of the first and last words must agree (a cheap block that also keeps
#: "George Bush" from becoming "George W. Bush"; states from five letters: "Quatar" is Qatar); organisation names vary in their word
#: splits ("Waljama'a" / "Waljama"), so only long, multi-word ones are compared, unblocked
_NEAR_RULES = {"person": (6, True), "state": (5, True), "organisation": (12, False)}
_NEAR_INDEX: dict[tuple[int, str], dict[tuple[str, str], list[tuple[str, str]]]] = {}


def _block(k: str, strict: bool) -> tuple[str, str]:
    if not strict:
        return "", ""
    words = k.split(" ")
    return words[0][:1], words[-1][:1]


def _near_kind(actor: KBActor) -> str | None:
    if actor.kind in ("person", "state"):
        return actor.kind
    return "organisation" if actor.provenance in ("curated", "petrarch2") else None


def near_name(kb: KnowledgeBase, name: str, kind: str) -> KBActor | None:
    """The KB actor of ``kind`` ("person", "state" or "organisation") whose name or alias is a
    near spelling of ``name``: "Angela Merkle", "Hasan Rohani", "Ethopia", "Ahlu
    Sunnah Waljama".

    Written here because the KB has no spelling index: rapidfuzz ``ratio`` ≥ 90 against the
    aliases of that kind (each alias with the actor that wins it), and ≥ 90 again on the
    consonant skeletons; a tie between two actors gives nothing. People and states must also
    agree in word count and in the first letters of the first and last words; people and
    organisations need two words."""
    from rapidfuzz import fuzz, process

    min_letters, strict = _NEAR_RULES[kind]
    k = key(name)
    if len(k.replace(" ", "")) < min_letters or (kind != "state" and " " not in k):
        return None
    index = _NEAR_INDEX.get((id(kb), kind))
    if index is None:
        index = {}
        for ak, claims in kb.aliases.items():
            actor = kb.actors.get(claims[0].actor) if claims else None
            if actor is None or claims[0].exact_case or _near_kind(actor) != kind:
                continue
            if len(ak.replace(" ", "")) >= min_letters and (kind == "state" or " " in ak):
                index.setdefault(_block(ak, strict), []).append((ak, actor.id))
        _NEAR_INDEX[(id(kb), kind)] = index
    candidates = index.get(_block(k, strict), [])
    if strict:
        candidates = [c for c in candidates if c[0].count(" ") == k.count(" ")]
    hits = process.extract(k, [c[0] for c in candidates], scorer=fuzz.ratio, score_cutoff=NEAR_RATIO, limit=5)
    if not hits:
        return None
    best = hits[0][1]
    ids = {candidates[i][1] for _, score, i in hits if score >= best - 1e-9}
    if len(ids) != 1 or fuzz.ratio(_skeleton(k), _skeleton(hits[0][0])) < NEAR_RATIO:
        return None
    return kb.actors[ids.pop()]


def _skeleton(k: str) -> str:
    """Consonants with doubles collapsed: transliterations vary the vowels ("Rouhani" /
    "Rohani", "Kerry" / "Kerri"), other people's names differ in consonants ("Shaar" / "Shata")."""
    out = re.sub(r"[aeiouyh]", "", k.replace("ck", "k"))
    return re.sub(r"(.)\1+", r"\1", out)
