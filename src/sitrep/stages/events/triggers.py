"""Find event triggers in a parsed sentence: verbs, nominal events, light-verb frames.

Pure functions over spaCy tokens and the ``Lexicon``. A ``Trigger`` has an *anchor*
(the token whose clause gives modality and arguments: the verb, or the light verb that
governs a nominal event, or the noun itself) and the tokens that carry the event.
Written here rather than with a spaCy ``DependencyMatcher`` because the lexicon lookups
depend on lemma + particle + object combinations that would need thousands of patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import (
    COMMISSIVES,
    CONCLUDING,
    DEONTIC,
    EVENT_MODIFIERS,
    PARTICLES,
    REPORTING,
    SEIZE_WORDS,
    Code,
    Lexicon,
)
from .seizure import seized

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: verbs whose complement event is part of their own meaning (PLOVER: "agreed to withdraw"
#: is AGREE, "threatened to strike" is THREATEN, "refused to release" is REJECT)
ABSORBING = {"AGREE", "THREATEN", "REJECT", "REQUEST", "CONCEDE"}
FORCE = {"ASSAULT", "COERCE", "MOBILIZE"}
OBJ_DEPS = {"dobj", "obj", "attr", "oprd"}


@dataclass(slots=True)
class Trigger:
    anchor: Token
    tokens: list[Token]
    code: Code
    kind: str  # verb, noun, light, deontic

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t) for t in self.tokens)

    @property
    def text(self) -> str:
        return " ".join(t.text for t in sorted(self.tokens, key=lambda t: t.i))

    @property
    def heads(self) -> set[int]:
        return {t.i for t in self.tokens}


#: most lemma hashes remembered by ``lemma`` (beyond it, lemmas are computed, not remembered)
LEMMA_MEMO_SIZE = 100_000
#: lemma hash -> the lemma lower-cased. spaCy names a string by the hash of the string itself,
#: the same in every ``StringStore``, so the memo holds across documents and pipelines.
_LOWER_LEMMAS: dict[int, str] = {}


def lemma(token: Token) -> str:
    """The token's lemma, lower-cased (remembered by the lemma's hash: the events helpers ask
    for it millions of times per thousand articles)."""
    key = token.lemma
    found = _LOWER_LEMMAS.get(key)
    if found is None:
        found = token.lemma_.lower()
        if len(_LOWER_LEMMAS) < LEMMA_MEMO_SIZE:
            _LOWER_LEMMAS[key] = found
    return found


def verb_forms(token: Token) -> set[str]:
    """The lemma, and the stems an inflected verb's spelling gives when the lemmatizer is wrong
    ("staged" lemmatized as "stag": "stage" is among the forms). For lookups in closed lists
    (light verbs) only, where a wrong stem cannot match by accident."""
    forms = {lemma(token)}
    word = token.lower_
    for ending in ("ed", "ing"):
        if token.tag_ in ("VBD", "VBN", "VBG") and word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            forms.update({stem, stem + "e"})
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])  # "mapped" -> "map"
    return forms


def phrase_key(token: Token) -> list[str]:
    """Candidate lexicon keys for a verb: with its particle, its preposition, then alone."""
    keys = []
    lem = lemma(token)
    for child in token.children:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in PARTICLES):
            keys.append(f"{lem} {child.lower_}")
    for child in token.children:
        if child.dep_ == "prep":
            keys.append(f"{lem} {child.lower_}")
    keys.append(lem)
    return keys


def objects(token: Token) -> list[Token]:
    """Direct objects and prepositional objects of a verb ("tons of aid" counts as aid)."""
    out = [c for c in token.children if c.dep_ in OBJ_DEPS]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    # coordinated objects: "providing maps and military intelligence"
    out.extend(c for obj in list(out) for c in obj.children if c.dep_ == "conj")
    for obj in list(out):
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _noun_matches(sent: Span, lex: Lexicon) -> list[tuple[list[Token], Code]]:
    """Longest-match nominal triggers (lemma sequences) whose last token is a noun."""
    tokens = list(sent)
    words = [lemma(t).replace("-", " - ").split() or [""] for t in tokens]
    out: list[tuple[list[Token], Code]] = []
    i = 0
    while i < len(tokens):
        longest = lex.noun_first.get(words[i][0], 0)
        found = None
        for j in range(min(len(tokens), i + longest), i, -1):
            key = tuple(w for ws in words[i:j] for w in ws)
            code = lex.nouns.get(key)
            if code and tokens[j - 1].pos_ in ("NOUN", "PROPN") and tokens[j - 1].tag_ != "VBG":
                found = (tokens[i:j], code)
                break
        if found:
            out.append(found)
            i += len(found[0])
        else:
            i += 1
    return out


def _is_strong_noun(head: Token, tokens: list[Token], lex: Lexicon) -> bool:
    if len(tokens) > 1 or lemma(head) not in lex.weak_nouns:
        return True
    if any(c.dep_ == "poss" for c in head.children):
        return True
    return any(lemma(c) in EVENT_MODIFIERS for c in head.children if c.dep_ in ("amod", "compound"))


def _object_nouns(verb: Token, noun_heads: dict[int, Trigger]) -> list[Trigger]:
    """Nominal triggers among a verb's objects, or compounding them ("ended mediation efforts")."""
    out = []
    for obj in objects(verb):
        if obj.i in noun_heads:
            out.append(noun_heads[obj.i])
        else:
            out.extend(noun_heads[c.i] for c in obj.children
                       if c.dep_ == "compound" and c.i in noun_heads)
    return out


def _is_direct_object(noun: Token, verb: Token) -> bool:
    """The noun is the verb's direct object (or its "of" complement, or compounds it)."""
    node = noun
    for _ in range(3):
        if node.head.i == verb.i:
            # "engage in a bombardment", "take part in talks": the object of "in" counts
            return node.dep_ in OBJ_DEPS or (node.dep_ == "prep" and node.lower_ == "in")
        if node.dep_ not in ("pobj", "prep", "compound") or (
                node.dep_ == "prep" and node.lower_ not in ("of", "in")):
            return False
        node = node.head
    return False


def _adjectival(token: Token) -> bool:
    """Not an event verb: participles used as modifiers ("Russian-backed", "integrated
    operations"), "according to", and impersonal frames ("it can't be ruled out that")."""
    if token.dep_ in ("amod", "compound", "nmod"):
        return True
    if any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in token.children) and any(
            c.dep_ == "ccomp" for c in token.children):
        return True
    if token.lower_ == "according":
        return True
    return token.tag_ == "VBN" and token.dep_ == "acl" and not any(
        c.dep_ in ("agent", "dobj", "prep") for c in token.children)


def _verb_code(token: Token, lex: Lexicon) -> Code | None:
    """The category of a verb token from curated entries, CAMEO patterns, CAMEO verbs."""
    lem = lemma(token)
    for obj in objects(token):
        # the object's lemma, then its modifiers' ("withdraw its peacekeeping force")
        for word in [obj, *(c for c in obj.children if c.dep_ in ("amod", "compound"))]:
            code = lex.verb_objects.get((lem, lemma(word)))
            if code:
                return None if code.category == "NONE" else code
    for prt in (c for c in token.children if c.dep_ == "prt" or (
            c.dep_ == "advmod" and c.lower_ in PARTICLES)):
        code = lex.verb_objects.get((f"{lem}", prt.lower_))
        if code:
            return code
    matched, pcode = False, None
    if lem in lex.patterns:
        right = {lemma(t) for t in token.subtree if t.i > token.i}
        left = {lemma(t) for t in token.doc[max(0, token.left_edge.i - 8):token.i]}
        matched, pcode = lex.pattern(lem, left, right)
    if matched and pcode is None:
        return None  # a suppressing pattern ("killed in an accident")
    for key in phrase_key(token):
        if key in lex.verbs:
            code = lex.verbs[key]
            return None if code.category == "NONE" else code  # "free up": not an event
    if matched and lem not in lex.stop_verbs:
        return pcode
    for key in phrase_key(token):
        code = lex.verb(key)
        if code:
            return code
    return None


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """All event triggers in one sentence, in text order, absorbed complements removed."""
    triggers: list[Trigger] = []
    noun_heads: dict[int, Trigger] = {}
    for span, code in _noun_matches(sent, lex):
        head = span[-1]
        trig = Trigger(head, list(span), code, "noun")
        noun_heads[head.i] = trig
    for token in sent:
        if token.pos_ != "VERB" or lemma(token) in REPORTING or _adjectival(token):
            continue
        obj_nouns = _object_nouns(token, noun_heads)
        phrase = " ".join(phrase_key(token)[:1])
        is_light = bool(verb_forms(token) & lex.light_verbs) or phrase in lex.light_verbs
        vo_code = next((lex.verb_objects.get((lemma(token), lemma(t.anchor))) for t in obj_nouns
                        if (lemma(token), lemma(t.anchor)) in lex.verb_objects), None)
        direct = [t for t in obj_nouns if _is_direct_object(t.anchor, token)]
        if (direct and is_light) or (obj_nouns and vo_code):
            noun = (direct or obj_nouns)[0]
            del noun_heads[noun.anchor.i]
            triggers.append(Trigger(token, [token, *noun.tokens], vo_code or noun.code, "light"))
            continue
        verb_code = _verb_code(token, lex)
        if verb_code is None and lemma(token) in SEIZE_WORDS:
            taken = seized([token])  # "took three villages", "the town fell to the rebels"
            verb_code = Code(taken[0], taken[1], "rule") if taken is not None else None
        if verb_code is not None:
            triggers.append(Trigger(token, [token], verb_code, "verb"))
    for trig in noun_heads.values():
        if _is_strong_noun(trig.anchor, trig.tokens, lex):
            triggers.append(trig)
    triggers.extend(_deontic_requests(sent, triggers))
    triggers.sort(key=lambda t: t.start)
    return _absorb(triggers)


#: the verbs whose "must"/"should" complement is a request (built once: a union per token cost
#: about a microsecond on every token of every sentence)
_DEONTIC_HEADS = REPORTING | CONCLUDING


def _deontic_requests(sent: Span, found: list[Trigger]) -> list[Trigger]:
    """'X said that Y must/should Z' is a REQUEST by X (PLOVER: demands are verbal)."""
    out = []
    for token in sent:
        if lemma(token) not in _DEONTIC_HEADS:
            continue
        for comp in (c for c in token.children if c.dep_ == "ccomp"):
            if any(lemma(a) in DEONTIC for a in comp.children if a.dep_ == "aux"):
                out.append(Trigger(token, [token], Code("REQUEST", None, "rule"), "deontic"))
                break
    return out


def _absorb(triggers: list[Trigger]) -> list[Trigger]:
    """Drop triggers inside the complement of an absorbing trigger (agree to X, threaten to X).

    A vow to use force is a threat (PLOVER THREATEN 'violence'): "swore to fight", "vowed
    to crush the rebels" are THREATEN, where "vowed to help" stays AGREE."""
    by_anchor = {t.anchor.i: t for t in triggers}
    threats: set[int] = set()
    keep = []
    for trig in triggers:
        absorbed = False
        node = trig.anchor
        hops = 0
        while node.head.i != node.i and hops < 3:
            dep = node.dep_
            node = node.head
            hops += 1
            owner = by_anchor.get(node.i)
            if owner is not None and owner is not trig:
                # ("have sworn to fight on": spaCy may attach the infinitive as advcl)
                infinitive = dep == "advcl" and hops == 1 and lemma(node) in COMMISSIVES and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in trig.anchor.children)
                if owner.code.category in ABSORBING and (infinitive or dep in (
                        "xcomp", "ccomp", "pobj", "pcomp", "prep", "dobj", "acl")):
                    absorbed = owner.kind != "noun" or dep in ("acl", "prep", "pobj")
                    if (absorbed and hops == 1 and trig.kind == "verb" and owner.code.category == "AGREE"
                            and lemma(owner.anchor) in COMMISSIVES and trig.code.category in FORCE):
                        threats.add(owner.anchor.i)
                break
            if dep not in ("xcomp", "ccomp", "prep", "pobj", "pcomp", "aux"):
                break
        if not absorbed:
            keep.append(trig)
    return [Trigger(t.anchor, t.tokens, Code("THREATEN", "violence", "rule"), t.kind)
            if t.anchor.i in threats else t for t in keep]
