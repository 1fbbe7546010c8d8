"""An earlier attack recalled as the topic, cause or time of another act (issue 12).

The coding guide makes an earlier attack "brought in as the cause or backdrop of the article's
incident" background, whatever its day: "hours after a gas attack left dozens dead", "blamed
France for the massacre that claimed the lives of 1127 civilians", "strikes to punish the
government over a gas attack the United States says killed 1400 people". The class is
grammatical: the count's clause *describes* an attack noun (it is the noun's relative clause or
participle, or hangs on an attack noun's object: "an attack on a convoy that claimed 20 lives"),
and that noun is the object of a preposition of topic, cause or time (``lexicon.topic_preps``:
"for", "over", "after", "following", "about", "against", "since", "before") — the sentence is
about something else that the attack explains or dates. An attack narrated where it happens ("the
army shelled the town in an attack that killed 12": "in") is the incident itself, and so is an
attack that is the sentence's subject or object ("an attack that killed 12 hit the market").

One parse error of the class is read too: in "an attack the United States says killed 1400", a
relative clause with a reporting verb and no relative pronoun, the parser often hangs the count's
verb on the sentence's main verb instead of on "says"; the count's verb right after a reporting
verb that is a relative clause of an attack noun is that clause's complement.

``recalled_attack`` is a feature of the scope rules (``scope.rule_scope``: background outside the
lead, unless the count repeats an earlier incident count — the article's own toll told again in
"the UN condemned the attack that killed 38") and of the learned war-total model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: how far up from a count's clause the attack noun it describes may be, through prepositional
#: objects ("an attack on [a convoy that claimed 20 lives]": one step)
RECALL_STEPS = 3


def _clause(pred: Token, lex: CasualtyLexicon) -> Token:
    """The count's describing clause: the predicate, or the reporting verb whose complement it
    is ("an attack [the US says] killed 1400"), also where the parse hangs the predicate on the
    sentence's main verb but it follows the reporting relative clause directly."""
    if pred.dep_ == "ccomp" and pred.head.lemma_.lower() in lex.reporting_verbs:
        return pred.head
    if pred.i > pred.sent.start:
        prev = pred.nbor(-1)
        if prev.dep_ in ("relcl", "acl") and prev.lemma_.lower() in lex.reporting_verbs and not any(
                c.dep_ in ("ccomp", "dobj") for c in prev.children):
            return prev
    return pred


def described_attack(pred: Token, lex: CasualtyLexicon) -> Token | None:
    """The attack noun the count's clause describes (see the module docstring), or None."""
    clause = _clause(pred, lex)
    if clause.dep_ not in ("relcl", "acl"):
        return None
    noun = clause.head
    for _ in range(RECALL_STEPS):
        if noun.lemma_.lower() in lex.incident_nouns:
            return noun
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return None
        noun = noun.head.head
    return None


def recalled_attack(pred: Token, lex: CasualtyLexicon) -> bool:
    """The count describes an attack that is the object of a preposition of topic, cause or time
    ("blamed France for the massacre that claimed 1127 lives"); a "following" the parse takes for
    a verb has the attack as its direct object."""
    attack = described_attack(pred, lex)
    return attack is not None and attack.dep_ in ("pobj", "dobj") and attack.head.lower_ in lex.topic_preps
