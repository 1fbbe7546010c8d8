"""The cue lexicon: verbs, phrases and nouns that introduce reported speech.

Kept as plain Python sets (reviewable, versioned with the stage) rather than a
learned model: the cue classes are small, closed and well documented in the
attribution literature (PARC, PolNeAR guidelines), and a list keeps each
decision explainable.
"""

from __future__ import annotations

#: verbs of saying, writing, reporting and asserting
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add write report note announce suggest argue claim deny warn insist explain
    declare acknowledge admit state assert confirm reveal allege accuse stress emphasize
    emphasise predict promise vow pledge threaten urge ask respond reply answer recall tweet
    post comment remark observe contend maintain concede complain boast joke quip testify
    indicate mention disclose caution counter retort repeat reiterate charge inform assure
    hint demand describe blame criticize criticise condemn lament concur proclaim pronounce
    affirm announce recount relate divulge whisper shout yell scream cry speak brief
    signal forecast estimate project calculate dismiss question challenge
    acknowledge complain protest object retort rebut reject refute slam praise hail
    """.split()
)

#: verbs reporting what a source found, showed or thinks (PolNeAR/PARC count these)
EVIDENCE_VERBS: frozenset[str] = frozenset("show find reveal indicate suggest conclude".split())

#: verbs of belief and cognition: attributions in PolNeAR's sense, but opinions the
#: writer ascribes rather than things anyone said
BELIEF_VERBS: frozenset[str] = frozenset(
    "believe think feel fear hope expect worry doubt suspect know consider reckon".split()
)

#: nouns that frame a claim: "X's statement that ...", "Moscow's version of events"
SPEECH_NOUNS: frozenset[str] = frozenset(
    """
    statement claim version account assertion accusation allegation denial warning promise
    pledge report remark comment argument insistence suggestion announcement testimony
    admission threat vow charge message assurance words
    """.split()
)

#: speech nouns that name a claim even with no "that"-clause (content = the noun phrase)
STANDALONE_NOUNS: frozenset[str] = frozenset("version account".split())

#: pronouns that refer back to a person speaker
PERSON_PRONOUNS: frozenset[str] = frozenset("he she him her they we i".split())

#: verbs of stance whose content may be a noun phrase or an infinitive ("endorsed Clinton",
#: "urged voters to …", "called the plan “reckless”", "refused to comment")
OBJECT_VERBS: frozenset[str] = frozenset(
    """
    call want support endorse criticize criticise praise defend refuse ask urge promise plan
    propose discuss mention prefer back oppose reject condemn thank mock cite deny dismiss
    question welcome vow pledge threaten demand request recommend announce describe
    acknowledge admit confirm highlight tout predict favor favour applaud hail laud decry
    lament dispute challenge accuse blame express voice suggest estimate expect fear
    reveal disclose tweet blast slam label dub brand term warn agree offer encourage
    tell remind decline denounce congratulate echo imply chant reference ridicule list debate advise
    """.split()
)

#: phrasal cues whose content is the object of a preposition ("called for …")
PHRASAL: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of"}),
    "point": frozenset({"to"}),
    "argue": frozenset({"for", "against"}),
    "push": frozenset({"for"}),
    "ask": frozenset({"for", "about"}),
    "complain": frozenset({"about", "of"}),
    "warn": frozenset({"about", "of", "against"}),
    "vote": frozenset({"for", "against"}),
    "comment": frozenset({"on"}),
    "insist": frozenset({"on"}),
    "refer": frozenset({"to"}),
    "write": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "joke": frozenset({"about"}),
}

#: verbs of saying whose direct object is what was said ("Trump says racist things")
SAYING_OBJECT: frozenset[str] = frozenset("say write tweet repeat declare state utter".split())

#: verbs that say what someone takes something for ("sees Clinton as weak")
AS_VERBS: frozenset[str] = frozenset("see view regard portray paint depict cast characterize characterise".split())

#: nouns of saying or judging whose content follows a preposition, with the
#: prepositions that introduce it ("concerns about …", "criticism of …")
def _noun_preps(table: dict[str, str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for preps, nouns in table.items():
        for noun in nouns.split():
            out.setdefault(noun, set()).update(preps.split())
    return {k: frozenset(v) for k, v in out.items()}


NOUN_PREPS: dict[str, frozenset[str]] = _noun_preps(
    {
        "about over regarding": "concern concerns question questions doubt doubts worry worries "
        "complaint complaints comment comments remark remarks joke jokes warning warnings claim claims",
        "of": "criticism criticisms condemnation praise denial defense defence endorsement rejection "
        "dismissal account",
        "for": "support call calls praise case argument plea demand demands backing enthusiasm",
        "on": "view views position positions stance stances comment comments remarks attack attacks",
        "against": "case argument accusation accusations attack attacks campaign",
        "to": "opposition objection objections response reference references",
    }
)
