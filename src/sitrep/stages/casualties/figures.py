"""Which quantities count victims, of what kind, and who is counted.

A quantity becomes a casualty figure when the parse links it (or the noun it counts) to a
casualty predicate of the lexicon: the object of "killed", the subject of "were wounded"
or "fled", a participle or adjective on the counted noun ("9 people killed", "12 dead"),
a noun that is itself the casualty ("12 martyrs", "5000 refugees"), or the value of a
toll ("the death toll rose to 45"). A counted noun that does not count people ("300
homes", "60 missiles") makes the quantity no figure at all. Coordinated figures inherit
their kind ("30 soldiers and 39 rebels were killed"); "including 8 children", "12 of
them" and "among those killed" make a subset of another figure, never an addition.

Pure functions over spaCy tokens and the lexicon; the rule each reading used is kept in
``Reading.how`` (the features of the learned scope model and the debugging trail).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon, KindTable
from .numbers import Quantity
from .tokens import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

OBJ = ("dobj", "obj")
#: auxiliaries that make a count hypothetical ("the deal could move 30,000 people")
MODALS = {"could", "would", "may", "might", "should", "can", "will", "must"}
#: verbs that project a count into the future ("is set to see", "are expected to flee")
PROJECTING = {"set", "expect", "plan", "due", "aim", "intend", "forecast", "predict", "project", "fear", "threaten"}
#: verbs that undo a casualty ("300 hostages were released")
UNDOING = {"release", "free", "return", "exchange", "swap", "rescue", "save", "spare"}
NOUNS = ("NOUN", "PROPN", "PRON")
#: words on a coordinated casualty verb that give it a count of its own, however the parse hangs
#: them ("20 were killed and many more wounded", "... and dozens others injured"): not one number
#: for two kinds
OWN_COUNT_WORDS = frozenset({"more", "others", "other", "dozens", "scores", "hundreds"})
#: bounds the parser reads as prepositions ("over 130 people", "about 50")
TRANSPARENT = {"over", "about", "around", "than", "under", "approximately", "nearly", "almost"}
_MAX_DEPTH = 4


@dataclass(slots=True)
class Reading:
    """What the parse says about one quantity: its kind (None: not a figure) and links."""

    kind: str | None
    #: the token whose relations were read: the counted noun, or the number itself
    node: int
    #: the counted noun (``None`` when the number stands alone: "killing six")
    counted: int | None = None
    #: the casualty predicate (verb, participle, adjective or noun) the kind came from
    predicate: int | None = None
    how: str = ""
    #: part of another figure ("including 8 children", "12 of them", "among those killed")
    subset: bool = False
    #: token of the total it is part of, when the parse names it ("among the 126 people")
    total: int | None = None
    #: a toll update ("rose to 45"): earlier tolls of the same count are replaced
    update: bool = False
    #: an earlier toll the text itself replaces ("updating a previous toll of 112")
    superseded: bool = False
    #: tokens the figure's text spans (approximator to counted noun)
    span: tuple[int, int] = (0, 0)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def verb_kind(tok: Token, table: KindTable) -> str | None:
    """The kind a verb gives in a ``KindTable`` (lemma, or lemma + particle / object word)."""
    lemma = _lemma(tok)
    for child in tok.children:
        if child.dep_ in ("prt", "oprd", "acomp", "dobj", "advmod"):
            kind = table.phrases.get((lemma, child.lower_)) or table.phrases.get((lemma, _lemma(child)))
            if kind:
                return kind
    for form in (lemma, *stems(tok.lower_)):
        kind = table.words.get(form)
        if kind:
            return kind
    return None


def stems(word: str) -> tuple[str, ...]:
    """Candidate base forms of a word the tagger left unlemmatised ("Kills" in a headline)."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    return tuple(out)


def counted_noun(doc: Doc, q: Quantity, lex: CasualtyLexicon) -> tuple[int | None, int]:
    """(counted noun, node): the noun a quantity counts, and the token its relations hang on."""
    head = doc[q.head]
    for child in head.children:  # partitive: "dozens of people", "five of its members"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in NOUNS:
                    return pobj.i, head.i
    if head.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and head.head.i > head.i \
            and head.head.pos_ in ("NOUN", "PROPN", "ADJ") and head.head.i - q.last <= 5:
        noun = head.head
        if _people(noun, lex):
            return noun.i, noun.i
        found = _person_to_right(doc, noun, lex)
        if found is not None:  # "70 regime and rebel fighters": the count hangs on "regime"
            return found.i, noun.i
        if noun.pos_ == "PROPN":  # "kills 58 Observatory", "rises to 70 REUTERS": a name run into
            return None, noun.i  # the number, not a counted noun; its place in the parse is the number's
        return noun.i, noun.i
    nxt = q.last + 1
    if nxt < len(doc) and doc[nxt].lower_ == "of":  # parse missed the partitive
        for tok in doc[nxt + 1:min(len(doc), nxt + 5)]:
            if tok.pos_ in NOUNS:
                return (tok.i, head.i) if _people(tok, lex) else (None, head.i)
    return None, _phrase_root(doc, q)


def _people(tok: Token, lex: CasualtyLexicon) -> bool:
    return lex.is_person_noun(_lemma(tok)) or lex.is_person_noun(tok.lower_) or tok.ent_type_ == "NORP"


def _person_to_right(doc: Doc, noun: Token, lex: CasualtyLexicon) -> Token | None:
    """A person noun the count really counts, after a modifier the parse took for the head."""
    for conj in noun.children:
        if conj.dep_ == "conj" and conj.pos_ == "NOUN" and _people(conj, lex):
            return conj
    for tok in doc[noun.i + 1:min(len(doc), noun.i + 4)]:
        if tok.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "NUM"):
            return None
        if tok.pos_ == "NOUN" and _people(tok, lex):
            return tok
    return None


def _phrase_root(doc: Doc, q: Quantity) -> int:
    """The token of the number phrase whose head lies outside it ("as high as 470000" -> "high")."""
    for tok in doc[q.first:q.last + 1]:
        if not q.first <= tok.head.i <= q.last or tok.head.i == tok.i:
            return tok.i
    return q.head


def counts_people(doc: Doc, counted: int | None, lex: CasualtyLexicon) -> bool:
    """Whether the counted noun counts people (or is a casualty noun like "dead")."""
    if counted is None:
        return True
    tok = doc[counted]
    lemma = _lemma(tok)
    if lex.is_person_noun(lemma) or lex.is_person_noun(tok.lower_) or tok.ent_type_ == "NORP":
        return True
    if lex.casualty_nouns.get(lemma) or lex.states.get(tok.lower_):
        return True
    return tok.pos_ == "PRON" and tok.lower_ in ("them", "whom", "those", "us", "which", "these")


def _own_state(doc: Doc, node: Token, lex: CasualtyLexicon) -> tuple[str, int] | None:
    """A participle or adjective on the counted noun: "9 people killed", "12 dead", "people
    who were wounded"."""
    for child in node.children:
        if child.i < node.i and child.dep_ != "amod":
            continue
        if child.dep_ in ("amod", "acl", "relcl", "oprd", "appos", "advmod", "npadvmod", "conj"):
            kind = lex.states.get(child.lower_) or lex.states.get(_lemma(child))
            if kind is None and child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "AUX"):
                kind = verb_kind(child, lex.transitive) or verb_kind(child, lex.intransitive)
            if kind and not _undone(child):
                return kind, child.i
    return None


def _undone(tok: Token) -> bool:
    """A predicate under a modal or negation (also on the verb whose complement it is), a
    projection ("is set to see 30,000 people evacuated") or an undoing verb: no figure ("could
    see 30,000 people moved", "300 hostages were released")."""
    cols = columns(tok.doc)
    dep, lower, lemma, head, children = cols.dep, cols.lower, cols.lemma, cols.head, cols.children
    i = start = tok.i
    for _ in range(5):
        for c in children[i]:
            if dep[c] == "neg" or (dep[c] == "aux" and lower[c] in MODALS):
                return True
        if lemma[i] in UNDOING or (lemma[i] in PROJECTING and i != start):
            return True
        if dep[i] not in ("xcomp", "ccomp", "acl", "dobj") or head[i] == i:
            return False
        i = head[i]
    return False


def _toll_kind(tok: Token, lex: CasualtyLexicon) -> str | None:
    """The kind of a toll noun: "death toll", "the toll", "number of dead"."""
    lemma = _lemma(tok)
    compounds = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    for c in compounds:
        kind = lex.toll_nouns.phrases.get((_lemma(c), lemma)) or lex.toll_nouns.phrases.get((c.lower_, lemma))
        if kind:
            return kind
    if lemma == "number":
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    kind = lex.casualty_nouns.get(_lemma(pobj)) or lex.states.get(pobj.lower_)
                    if kind:
                        return kind
                    if lex.is_person_noun(_lemma(pobj)):  # "the number of civilians killed"
                        for acl in pobj.children:
                            state = lex.states.get(acl.lower_) if acl.dep_ in ("acl", "relcl", "amod") else None
                            if state:
                                return state
            if child.dep_ in ("acl", "relcl", "amod") and child.i == tok.i + 1 and child.tag_ in ("VBN", "JJ"):
                kind = lex.states.get(child.lower_)  # "the number killed", "the number wounded"
                if kind:
                    return kind
        return None
    if lemma == "toll":
        for c in compounds:
            if lex.states.get(c.lower_) or lex.casualty_nouns.get(_lemma(c)):
                return lex.states.get(c.lower_) or lex.casualty_nouns.get(_lemma(c))
    return lex.toll_nouns.get(lemma)


def _toll_of_verb(verb: Token, lex: CasualtyLexicon) -> str | None:
    """The kind of the toll that a toll verb ("rose", "reached", "brought") is about."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            kind = _toll_kind(child, lex) or _pronoun_toll(child, verb, lex)
            if kind:
                return kind
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ == "NOUN":
        return _toll_kind(verb.head, lex)
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return _last_toll(doc_slice(verb, 12), lex)  # the parse lost the subject: nearest toll before
    return None


def _last_toll(tokens: Iterable[Token], lex: CasualtyLexicon) -> str | None:
    """The kind of the last toll noun ("toll", "number of dead") among ``tokens``, else None."""
    for tok in reversed(list(tokens)):
        kind = _toll_kind(tok, lex) if _lemma(tok) in ("toll", "number") else None
        if kind:
            return kind
    return None


def _pronoun_toll(subject: Token, verb: Token, lex: CasualtyLexicon) -> str | None:
    """ "... a first death toll of 31. This was later updated to 56": a pronoun subject of an
    update verb stands for the toll the previous sentence names (its kind), else None."""
    if subject.lower_ not in lex.toll_pronouns or verb.lemma_ not in lex.update_verbs or subject.sent.start == 0:
        return None
    return _last_toll(subject.doc[subject.sent.start - 1].sent, lex)


def doc_slice(tok: Token, width: int) -> list[Token]:
    """The ``width`` tokens before ``tok`` in its sentence."""
    start = max(tok.sent.start, tok.i - width)
    return list(tok.doc[start:tok.i])


def _via_governor(doc: Doc, node: Token, lex: CasualtyLexicon, depth: int) -> Reading | None:
    """The kind from the word that governs the count: verb, preposition, copula, toll."""
    dep, gov = _attachment(node)
    if gov.i == node.i:
        return None
    if dep in OBJ or dep == "nsubjpass":
        return _verb_reading(doc, node, gov, lex, passive=dep == "nsubjpass")
    if dep == "nsubj":
        return _subject_reading(doc, node, gov, lex, depth)
    if dep in ("pobj", "pcomp"):
        return _pobj_reading(doc, node, gov, lex, depth)
    if dep in ("attr", "acomp", "oprd") and gov.lemma_ in ("be", "stand", "remain"):
        for child in gov.children:
            if child.dep_ == "nsubj":
                kind = _toll_kind(child, lex)
                if kind:
                    earlier = any(_lemma(c) in lex.superseded_cues for c in child.children if c.dep_ == "amod")
                    return Reading(kind, node.i, predicate=child.i, how="toll-copula", superseded=earlier)
        if dep == "attr" and gov.lemma_ == "be":  # inverted: "Among the dead were 20 children"
            return _copula_reading(doc, node, gov, lex, depth)
    if dep in ("conj", "appos") and depth < _MAX_DEPTH:
        inherited = read_node(doc, gov, lex, depth + 1)
        if inherited is not None and inherited.kind:
            return Reading(inherited.kind, node.i, predicate=inherited.predicate,
                           how=f"{dep}>{inherited.how}",
                           subset=inherited.subset and (dep == "appos" or inherited.how in ("part-of", "among")))
    return None


def _attachment(node: Token) -> tuple[str, Token]:
    """(dep, governor) of a count, past a bound the parse took for a preposition ("Over 130
    people were killed": "people" is the object of "Over")."""
    dep, gov = node.dep_, node.head
    while dep == "pobj" and gov.lower_ in TRANSPARENT and 0 < node.i - gov.i <= 4 and gov.head.i != gov.i:
        dep, gov = gov.dep_, gov.head
    return dep, gov


def _verb_reading(doc: Doc, node: Token, verb: Token, lex: CasualtyLexicon, *, passive: bool) -> Reading | None:
    if _undone(verb):
        return None
    kind = verb_kind(verb, lex.transitive)
    if kind is None:
        state = _complement_state(verb, lex) or (_own_state(doc, node, lex) if verb.lemma_ == "leave" else None)
        if state:
            return Reading(state[0], node.i, predicate=state[1], how="complement-state")
    if kind is None and not passive:
        toll = _toll_of_verb(verb, lex) if verb.lemma_ in lex.toll_verbs else None
        if toll:
            return Reading(toll, node.i, predicate=verb.i, how="toll-object",
                           update=verb.lemma_ in lex.update_verbs)
    if kind is None and not passive and verb.lemma_ in lex.part_verbs:
        return _part_reading(doc, node, verb, lex)
    if kind is None:
        return None
    if _combined(verb, kind, lex, node):
        return Reading(None, node.i, predicate=verb.i, how="combined")
    return Reading(kind, node.i, predicate=verb.i, how="passive" if passive else "object")


def _part_reading(doc: Doc, node: Token, verb: Token, lex: CasualtyLexicon) -> Reading | None:
    """ "The deaths include 65 people", "the victims included five children": the object is a
    part of a total the article has given (a subset, never an addition), of the kind the
    subject names."""
    for child in verb.children:
        if child.dep_ != "nsubj":
            continue
        lemma = _lemma(child)
        kind = lex.casualty_nouns.get(lemma) or lex.victim_group_nouns.get(lemma) or _toll_kind(child, lex) \
            or lex.states.get(child.lower_)
        if kind:
            return Reading(kind, node.i, predicate=child.i, how="part-of", subset=True)
    return None


def _complement_state(verb: Token, lex: CasualtyLexicon) -> tuple[str, int] | None:
    for child in verb.children:
        if child.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "advcl"):
            kind = lex.states.get(child.lower_) or lex.states.get(_lemma(child))
            if kind:
                return kind, child.i
    return None


def _combined(verb: Token, kind: str, lex: CasualtyLexicon, node: Token | None = None) -> bool:
    """ "15 were killed or wounded", "killed and wounded 15": one number for two kinds is no
    figure. A count that stands between the two verbs ("killed 5 people … and wounded at least
    50") is the first verb's object only, whatever the parse hangs on the second: unpunctuated
    text often leaves the second verb's own object attached elsewhere."""
    for child in verb.children:
        if node is not None and verb.i < node.i < child.i:
            continue
        if child.dep_ == "conj" and child.pos_ in ("VERB", "ADJ"):
            other = verb_kind(child, lex.transitive) or lex.states.get(child.lower_)
            has_own = any(c.dep_ in OBJ + ("nsubj", "nsubjpass") or c.lower_ in OWN_COUNT_WORDS or c.like_num
                          for c in child.children)  # "... were killed and many more wounded"
            if other and other != kind and not has_own:
                return True
    return False


def _subject_reading(doc: Doc, node: Token, verb: Token, lex: CasualtyLexicon, depth: int) -> Reading | None:
    if _undone(verb):
        return None
    kind = verb_kind(verb, lex.intransitive)
    if kind:
        return Reading(kind, node.i, predicate=verb.i, how="intransitive")
    if verb.tag_ in ("VBG", "VBN", "JJ") and lex.states.get(verb.lower_) \
            and not any(c.dep_ in OBJ and _counted(c) for c in verb.children):  # "are still missing"; not
        # the agent of "three suicide bombers killed at least two people" (a VBN with a count as object)
        return Reading(lex.states.get(verb.lower_), node.i, predicate=verb.i, how="state-verb")
    transitive = verb_kind(verb, lex.transitive)
    if transitive and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ in OBJ for c in verb.children):
        return Reading(transitive, node.i, predicate=verb.i, how="reduced-passive")
    state = _complement_state(verb, lex)
    if state and verb.lemma_ not in ("be", "remain"):
        return Reading(state[0], node.i, predicate=state[1], how="complement-state")
    if verb.lemma_ in ("be", "remain", "lie", "stay", "become"):
        return _copula_reading(doc, node, verb, lex, depth)
    return None


def _copula_reading(doc: Doc, node: Token, verb: Token, lex: CasualtyLexicon, depth: int) -> Reading | None:
    """ "8 people are missing", "70 children were among those killed"."""
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "oprd"):
            kind = lex.states.get(child.lower_) or lex.casualty_nouns.get(_lemma(child))
            if kind:
                return Reading(kind, node.i, predicate=child.i, how="copula")
        if child.dep_ == "prep" and child.lower_ in ("among", "amongst"):
            for group in child.children:
                if group.dep_ == "pobj":
                    found = group_kind(doc, group, lex, depth)
                    if found:
                        kind, pred = found
                        total = group.i if any(c.dep_ == "nummod" for c in group.children) else None
                        return Reading(kind, node.i, predicate=pred, how="among", subset=True, total=total)
    return None


def group_kind(doc: Doc, group: Token, lex: CasualtyLexicon, depth: int) -> tuple[str, int] | None:
    """The kind of "those killed", "the dead", "the victims", "the 126 people killed"."""
    state = _own_state(doc, group, lex)
    if state:
        return state
    named = lex.victim_group_nouns.get(_lemma(group)) or lex.casualty_nouns.get(_lemma(group))
    if named:
        return named, group.i
    if depth < _MAX_DEPTH:
        inner = _via_governor(doc, group, lex, depth + 1)
        if inner is not None and inner.kind:
            return inner.kind, inner.predicate if inner.predicate is not None else group.i
    return None


def _additive(prep: Token) -> bool:
    """ "along with", "together with", "in addition to", "as well as", "besides", "plus"."""
    doc, i = prep.doc, prep.i
    before = doc[i - 1].lower_ if i > 0 else ""
    two = doc[i - 2].lower_ if i > 1 else ""
    return (prep.lower_ == "with" and before in ("along", "together")) or prep.lower_ in ("besides", "plus") \
        or (prep.lower_ == "to" and (two, before) == ("in", "addition")) or (prep.lower_ == "as" and before == "well")


def _pobj_reading(doc: Doc, node: Token, prep: Token, lex: CasualtyLexicon, depth: int) -> Reading | None:
    word, owner = prep.lower_, prep.head
    if _additive(prep) and depth < _MAX_DEPTH:  # "..., along with five fighters": the owner's kind
        while owner.lower_ in ("along", "together", "addition", "in", "as", "well") and owner.head.i != owner.i:
            owner = owner.head
        if owner.pos_ in ("VERB", "AUX"):
            kind = verb_kind(owner, lex.intransitive) or verb_kind(owner, lex.transitive)
            if kind and not _undone(owner):
                return Reading(kind, node.i, predicate=owner.i, how="additive-verb")
        inherited = read_node(doc, owner, lex, depth + 1)
        if inherited is not None and inherited.kind:
            return Reading(inherited.kind, node.i, predicate=inherited.predicate, how=f"additive>{inherited.how}")
    if word == "to" and owner.lemma_ not in lex.toll_verbs:
        # "bringing the number killed in 24 hours to 45", "raising the number of civilians killed
        # in the town since Sunday to 70": the parse hangs "to" on a word inside the toll's phrase
        for up in list(owner.ancestors)[:5]:
            if up.lemma_ in lex.update_verbs and up.pos_ == "VERB":
                if _toll_of_verb(up, lex):
                    owner = up
                break
    if word in ("to", "at") and owner.lemma_ in lex.toll_verbs:
        kind = _toll_of_verb(owner, lex)
        if kind:
            return Reading(kind, node.i, predicate=owner.i, how="toll-to", update=owner.lemma_ in lex.update_verbs)
    if word == "of":
        return _of_reading(doc, node, owner, lex, depth)
    if word in ("including", "among", "amongst") or _lemma(prep) == "include":
        if owner.pos_ == "VERB":
            kind = verb_kind(owner, lex.intransitive) or verb_kind(owner, lex.transitive)
            if kind:
                return Reading(kind, node.i, predicate=owner.i, how="subset-verb", subset=True)
        if depth < _MAX_DEPTH:
            total = read_node(doc, owner, lex, depth + 1)
            if total is not None and total.kind:
                return Reading(total.kind, node.i, predicate=total.predicate, how=f"subset>{total.how}",
                               subset=True, total=owner.i)
    return None


def _of_reading(doc: Doc, node: Token, owner: Token, lex: CasualtyLexicon, depth: int) -> Reading | None:
    """ "a toll of 112", "the lives of 12", "a family of five"."""
    kind = _toll_kind(owner, lex)
    if kind:
        superseded = any(_lemma(c) in lex.superseded_cues for c in owner.children if c.dep_ == "amod")
        return Reading(kind, node.i, predicate=owner.i, how="toll-of", superseded=superseded)
    event = lex.event_nouns.get(_lemma(owner)) or lex.event_nouns.get(owner.lower_)
    if event and not _undone(owner.head):
        return Reading(event, node.i, predicate=owner.i, how="event-of")
    if _lemma(owner) in ("body", "corpse") and owner.tag_ == "NNS" and not _undone(owner.head):
        return Reading("killed", node.i, predicate=owner.i, how="bodies-of")  # "the bodies of 16 children"
    if _lemma(owner) == "life" and owner.dep_ in OBJ and _lemma(owner.head) in ("claim", "take", "lose", "cost"):
        return Reading("killed", node.i, predicate=owner.head.i, how="lives-of")
    if _lemma(owner) in lex.group_nouns and depth < _MAX_DEPTH:
        inner = read_node(doc, owner, lex, depth + 1)
        if inner is not None and inner.kind:
            return Reading(inner.kind, node.i, predicate=inner.predicate, how=f"group>{inner.how}")
    return None


def read_node(doc: Doc, node: Token, lex: CasualtyLexicon, depth: int = 0) -> Reading | None:
    """The reading of a token that stands for a count (see the module docstring)."""
    via = _via_governor(doc, node, lex, depth)
    if via is not None and (via.kind or via.how == "combined"):
        return via
    state = _own_state(doc, node, lex)
    if state:
        return Reading(state[0], node.i, predicate=state[1], how="state")
    noun_kind = lex.casualty_nouns.get(_lemma(node)) or lex.casualty_nouns.get(node.lower_)
    if noun_kind and node.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") and not _undone(node.head):
        return Reading(noun_kind, node.i, predicate=node.i, how="noun")
    return via


def _window(doc: Doc, q: Quantity, end: int, lex: CasualtyLexicon) -> Reading | None:
    """Headlines and broken parses: "Bombs Kill 22", "22 killed", "Dozens dead"."""
    before = doc[q.first - 1] if q.first > 0 else None
    if before is not None and verb_kind(before, lex.transitive) and before.pos_ in ("VERB", "NOUN", "PROPN"):
        return Reading(verb_kind(before, lex.transitive), q.head, predicate=before.i, how="window-before")
    after = doc[end + 1] if end + 1 < len(doc) else None
    if after is not None:
        kind = lex.states.get(after.lower_)
        nxt = doc[end + 2] if end + 2 < len(doc) else None
        if kind and nxt is not None and lex.states.get(nxt.lower_) not in (None, kind):
            return Reading(None, q.head, how="combined")
        if kind and after.tag_ in ("VBN", "VBD", "JJ", "NNS", "NN", "NNP") and not _agent_of(doc[end], after, lex):
            return Reading(kind, q.head, predicate=after.i, how="window-after")
    return None


def _agent_of(noun: Token, verb: Token, lex: CasualtyLexicon) -> bool:
    """The counted noun is the subject of the killing verb, which has an object of its own:
    "three suicide bombers killed at least two people" counts the attackers, not the dead (a
    headline's "13 civilians killed 43 others injured" is a list: its object has a state word)."""
    if noun.dep_ != "nsubj" or noun.head.i != verb.i:
        return False
    doc = verb.doc
    return any(c.dep_ in OBJ and _counted(c) and not (c.i + 1 < len(doc) and lex.states.get(doc[c.i + 1].lower_))
               for c in verb.children)


def _counted(noun: Token) -> bool:
    """A noun with a number of its own ("at least two people"; not "wounded mostly women")."""
    return noun.like_num or any(c.dep_ == "nummod" for c in noun.children)


def _partitive_subset(doc: Doc, q: Quantity, counted: int | None, lex: CasualtyLexicon) -> bool:
    """ "12 of them", "five of the dead", "three of its workers were among the wounded"."""
    if counted is None:
        return False
    tok = doc[counted]
    det = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    between = {t.lower_ for t in doc[q.last + 1:counted]}
    if "of" not in between:
        return False
    return tok.lower_ in ("them", "whom", "those", "these") or (
        "the" in det and (lex.victim_group_nouns.get(_lemma(tok)) is not None or lex.states.get(tok.lower_) is not None))


def read_quantity(doc: Doc, q: Quantity, lex: CasualtyLexicon) -> Reading:
    """The reading of one quantity: kind (``None``: not a casualty figure) and its links."""
    return _parsed_reading(doc, q, lex)


def _parsed_reading(doc: Doc, q: Quantity, lex: CasualtyLexicon) -> Reading:
    """The reading of one quantity from the parse, the state words and the window."""
    counted, node_i = counted_noun(doc, q, lex)
    if not counts_people(doc, counted, lex):
        return Reading(None, node_i, counted, how="not-people")
    if counted is not None and _combined_noun(doc, counted, lex):
        return Reading(None, node_i, counted, how="combined-noun")
    end = counted if counted is not None and q.last < counted <= q.last + 6 else q.last
    reading = _first_reading(doc, q, counted, node_i, end, lex)
    if reading is None or (reading.kind and _bare_one(doc, q, counted, reading)):
        return Reading(None, node_i, counted, how="no-predicate")
    reading.counted = counted
    reading.node = node_i
    if _partitive_subset(doc, q, counted, lex):
        reading.subset = True
    node = doc[node_i]
    if reading.kind and node.dep_ in OBJ and node.head.lemma_ in lex.part_verbs \
            and _part_reading(doc, node, node.head, lex) is not None:
        reading.subset = True  # "the deaths include 70 people killed in shelling"
    if any(t.like_num for t in doc[q.last + 1:end]):  # "30 regime and 39 rebel fighters"
        end = node_i if q.last < node_i < end else q.last
    reading.span = (q.first, end)
    return reading


def _first_reading(doc: Doc, q: Quantity, counted: int | None, node_i: int, end: int,
                   lex: CasualtyLexicon) -> Reading | None:
    """The readings in order of trust: a casualty group the count is part of ("109 of the
    dead"), a state word right after it ("10 killed 40 injured"), the parse, the window."""
    group = _partitive_group(doc, q, counted, lex)
    if group is not None:
        return group
    before = _state_between_counts(doc, q, lex)
    if before is not None:
        return Reading(before[0], node_i, predicate=before[1], how="state-before")
    after = _state_after(doc, end, lex)
    if after is not None:
        kind, pred = after
        if kind and _undone(doc[pred]):
            return Reading(None, node_i, predicate=pred, how="undone")
        return Reading(kind or None, node_i, predicate=pred, how="state-after" if kind else "combined")
    reading = read_node(doc, doc[node_i], lex)
    if (reading is None or not reading.kind) and node_i != q.head:
        reading = read_node(doc, doc[q.head], lex) or reading
    if (reading is None or not reading.kind) and (reading is None or reading.how != "combined"):
        reading = _window(doc, q, end, lex) or reading
    return reading


def _state_between_counts(doc: Doc, q: Quantity, lex: CasualtyLexicon) -> tuple[str, int] | None:
    """A headline's list of counts after a verb, each state word before its count ("Kurds kill
    83 Injured 100 ISIS Terrorists"): the state word between two numbers is the second one's,
    unless the second has its own right after it ("2 Killed 10 Injured": states follow)."""
    if q.first < 2 or q.last + 1 >= len(doc):
        return None
    before = doc[q.first - 1]
    kind = lex.states.get(before.lower_)
    if kind is None or not doc[q.first - 2].like_num or lex.states.get(doc[q.last + 1].lower_):
        return None
    return kind, before.i


def _bare_one(doc: Doc, q: Quantity, counted: int | None, reading: Reading) -> bool:
    """ "one" with no noun counts a person only as a direct object or passive subject."""
    return q.value == 1 and counted is None and doc[q.num_first].lower_ == "one" \
        and reading.how not in ("object", "passive", "state-after")


def _state_after(doc: Doc, end: int, lex: CasualtyLexicon) -> tuple[str, int] | None:
    """A participle or adjective right after the figure that says what happened to it
    ("40 injured", "nine other injured"), unless it governs a counted object of its own;
    kind ``""`` when two kinds share the one number ("Dozens Killed Injured")."""
    if end + 1 >= len(doc):
        return None
    after = doc[end + 1]
    passive = False
    while after.pos_ == "AUX" and after.lemma_ in ("be", "have") and after.i + 1 < min(len(doc), end + 4):
        after, passive = doc[after.i + 1], True  # "160 people were injured", "... have been killed"
    kind = lex.states.get(after.lower_)
    if kind is None or after.tag_ not in (("VBN", "JJ") if passive else ("VBN", "VBD", "JJ")):
        return None
    nxt = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("or", "and", "/") and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]  # "killed or wounded"
    if nxt is not None and lex.states.get(nxt.lower_) not in (None, kind):
        return "", after.i
    for child in after.children:
        if child.dep_ in OBJ and child.i > after.i and not _headline_count(doc, child, lex):
            return None  # "12 soldiers killed 5 rebels", "has killed 220000 people wounded 1 million"
    return kind, after.i


def _headline_count(doc: Doc, tok: Token, lex: CasualtyLexicon) -> bool:
    """A bare number followed by its own state word: "killed 40 injured"."""
    return tok.pos_ == "NUM" and tok.i + 1 < len(doc) and lex.states.get(doc[tok.i + 1].lower_) is not None


def _partitive_group(doc: Doc, q: Quantity, counted: int | None, lex: CasualtyLexicon) -> Reading | None:
    """ "109 of the dead", "three of the wounded": the kind is the group's, and a subset."""
    if counted is None:
        return None
    between = {t.lower_ for t in doc[q.last + 1:counted]}
    if "of" not in between or not between & {"the", "those", "these"}:
        return None
    tok = doc[counted]
    kind = lex.victim_group_nouns.get(_lemma(tok)) or lex.states.get(tok.lower_)
    if not kind:
        return None
    return Reading(kind, counted, predicate=counted, how="partitive-group", subset=True)


def _combined_noun(doc: Doc, counted: int, lex: CasualtyLexicon) -> bool:
    tok = doc[counted]
    return (_lemma(tok),) in lex.combined_nouns or (tok.lower_,) in lex.combined_nouns


def victims_of(doc: Doc, counted: int | None, lex: CasualtyLexicon) -> str | None:
    """The victims class of a counted noun; ``None`` when it must come from another figure
    (no noun, "others", "them")."""
    if counted is None:
        return None
    tok = doc[counted]
    lemma = _lemma(tok)
    for child in tok.children:
        if child.dep_ == "compound" and child.i == counted - 1:
            cls = lex.victim_phrases.get((_lemma(child), lemma)) or lex.victim_phrases.get((child.lower_, tok.lower_))
            if cls:
                return cls
    if lemma in ("other", "others", "them", "whom", "those", "more"):
        return None
    if lemma == "member":  # "members of one family" are people, "members of the group" fighters
        owners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if any(_lemma(g) in ("family", "household", "clan", "tribe", "community") for g in owners):
            return "people"
    cls = lex.victim_class(lemma) or lex.victim_class(tok.lower_)
    if cls is None and lex.is_person_noun(lemma):
        return "people"
    return cls
