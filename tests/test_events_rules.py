"""Event stage rules: lexicon, triggers, modality, PLOVER coding. Sentences are sitrep's own."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import EVENT_CATEGORIES
from sitrep.stages.events.coding import apply_manual_rules
from sitrep.stages.events.lexicon import load_lexicon
from sitrep.stages.events.modality import Modality, assess
from sitrep.stages.events.triggers import find_triggers


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def triggers_of(nlp, lex, text):
    doc = nlp(text)
    return [t for sent in doc.sents for t in find_triggers(sent, lex)]


def trigger_for(nlp, lex, text, word):
    for trig in triggers_of(nlp, lex, text):
        if any(tok.lower_ == word.lower() for tok in trig.tokens):
            return trig
    raise AssertionError(f"no trigger {word!r} in {text!r}: {triggers_of(nlp, lex, text)}")


def test_lexicon_categories_are_plover(lex):
    cats = {c.category for c in lex.verbs.values()} | {c.category for c in lex.cameo_verbs.values()}
    cats |= {c.category for c in lex.nouns.values()}
    assert cats <= set(EVENT_CATEGORIES) | {"NONE"}  # NONE: a curated "not an event" entry


def test_lexicon_curated_overrides_cameo(lex):
    # CAMEO 050 maps "agree" to SUPPORT; sitrep's curated layer says AGREE
    assert lex.cameo_verbs["agree"].category == "SUPPORT"
    assert lex.verb("agree").category == "AGREE"


def test_triggers_phrasal_not_an_event(nlp, lex):
    words = {tok.lower_ for t in triggers_of(nlp, lex, "The deal frees him up to run again.")
             for tok in t.tokens}
    assert "frees" not in words


def test_lexicon_stop_verbs_only_stop_derived_entries(lex):
    assert lex.verb("say") is None
    assert lex.verb("attack").category == "ASSAULT"


@pytest.mark.parametrize("text,word,category,mode", [
    ("The air force launched a bombing campaign against the rebels.", "campaign", "ASSAULT", "aerial"),
    ("The air strike on the aid convoy killed twelve drivers.", "strike", "ASSAULT", "aerial"),
    ("The two sides signed a ceasefire agreement on Sunday.", "signed", "SUPPORT", None),
    ("Police arrested dozens of students.", "arrested", "COERCE", "arrest"),
    ("The ministry condemned the raid.", "condemned", "ACCUSE", "disapprove"),
    ("The army withdrew from the hills.", "withdrew", "RETREAT", "withdraw"),
    # PLOVER SANCTION 'withdraw': one's non-military resources, not troops
    ("The government withdrew its observers from the border town.", "withdrew", "SANCTION", "withdraw"),
    ("The council withdrew its peacekeeping force from the valley.", "withdrew", "SANCTION", "withdraw"),
    # coordinated objects count: the second object decides
    ("The ministry is providing maps and military intelligence to the army.", "providing", "AID", None),
    ("Dock workers stopped work on Monday.", "stopped", "PROTEST", "strike"),
    ("The court opened a hearing into the abuses.", "opened", "ACCUSE", "investigate"),
    ("The governor ordered the weekly to suspend publication.", "suspend", "COERCE", "censor"),
    # a vow to use force is a threat; a vow to help is an agreement
    ("The militia leaders have sworn to fight until the last man.", "sworn", "THREATEN", "violence"),
    ("The militia leaders vowed to help the farmers.", "vowed", "AGREE", None),
])
def test_triggers_category_and_mode(nlp, lex, text, word, category, mode):
    trig = trigger_for(nlp, lex, text, word)
    assert (trig.code.category, trig.code.mode) == (category, mode)


def test_triggers_bare_hearing_is_not_an_event(nlp, lex):
    assert not triggers_of(nlp, lex, "The hearing lasted two hours.")


def test_triggers_sworn_in_is_not_an_event(nlp, lex):
    assert not triggers_of(nlp, lex, "The new governor was sworn in on Monday.")


def test_triggers_finding_with_must_is_a_request(nlp, lex):
    trig = trigger_for(nlp, lex, "The panel concluded that the ministry must publish the data.", "concluded")
    assert trig.code.category == "REQUEST"


def test_triggers_light_verb_takes_noun_category(nlp, lex):
    trig = trigger_for(nlp, lex, "The rebels launched an offensive on the airport.", "launched")
    assert trig.kind == "light" and trig.code.category == "ASSAULT"
    assert trig.anchor.lower_ == "launched"


def test_triggers_complement_absorbed_by_intent(nlp, lex):
    words = {tok.lower_ for t in triggers_of(nlp, lex, "The militia agreed to withdraw its fighters.")
             for tok in t.tokens}
    assert "agreed" in words and "withdraw" not in words


def test_triggers_participle_modifier_is_not_an_event(nlp, lex):
    words = {tok.lower_ for t in triggers_of(nlp, lex, "The Iranian-backed militia holds the town.")
             for tok in t.tokens}
    assert "backed" not in words


# status of the event carried by WORD, paraphrasing the traps of the seed articles
@pytest.mark.parametrize("text,word,status", [
    ("It is impossible to believe that the coalition will mount a serious joint bombing raid.",
     "raid", "negated"),
    ("The neighbouring kingdom might lend a hand to the capital.", "lend", "hypothetical"),
    ("The general might eventually regret backing the offensive.", "regret", "hypothetical"),
    ("If the clashes continue, a new refugee crisis might follow.", "continue", "hypothetical"),
    ("The militia would scale back its shelling in exchange for fuel.", "scale", "hypothetical"),
    ("The requests have until now always been rejected.", "rejected", "asserted"),
    ("There were no grounds to claim that the pilots deliberately targeted the convoy.",
     "targeted", "negated"),
    ("There are no signs that the president is preparing to negotiate.", "negotiate", "negated"),
    ("It is hard to imagine why the army would shell its own depot.", "shell", "hypothetical"),
    ("It is premature to predict that the factions will sign a deal.", "sign", "hypothetical"),
    ("The strike is unlikely to end soon.", "end", "hypothetical"),
    ("The ministers will meet in Oslo next week.", "meet", "future"),
    # a scheduled nominal event has not happened yet
    ("The truce is due to begin at dawn on Friday.", "truce", "future"),
    ("The offensive is expected to start in spring.", "offensive", "future"),
    ("The ceasefire will start on Monday.", "ceasefire", "future"),
    ("The ceasefire began on Monday.", "ceasefire", "asserted"),
    ("The army plans to deploy more troops to the border.", "deploy", "future"),
    ("The rebels did not attack the convoy.", "attack", "negated"),
    ("The envoy failed to broker a truce.", "broker", "negated"),
    ("The two leaders won't meet before the vote.", "meet", "negated"),
    ("According to witnesses, soldiers beat the prisoners.", "beat", "reported"),
    ("The ministry said its jets had destroyed a depot.", "destroyed", "reported"),
    ("The rebels reportedly seized two villages.", "seized", "reported"),
    ("Jets struck a market in the town on Tuesday.", "struck", "asserted"),
    ("Since the army launched its offensive in 2012, the town has been empty.", "launched",
     "historical"),
    ("Unless the sanctions are lifted, the government may expel the monitors.", "expel",
     "hypothetical"),
    ("The coalition could well impose a blockade if talks fail.", "impose", "hypothetical"),
    # a postposed condition lists several clauses; all of them are conditions
    ("Strikes could resume if the militia advances, the army retreats, and the capital agrees "
     "to the plan.", "agrees", "hypothetical"),
    ("The ministry said it would respond if provoked, and the army moved troops to the border.",
     "moved", "asserted"),
    ("Despite the government hailing the deal, fighting went on.", "hailing", "asserted"),
    ("One aim is to isolate the rebels while agreeing to talks.", "agreeing", "hypothetical"),
    ("It can't be ruled out that the army might storm the port.", "storm", "hypothetical"),
])
def test_modality_status(nlp, lex, text, word, status):
    doc = nlp(text)
    token = next(t for t in doc if t.lower_ == word)
    trig = next((t for s in doc.sents for t in find_triggers(s, lex) if token.i in t.heads), None)
    if trig is None:
        from sitrep.stages.events.lexicon import Code
        from sitrep.stages.events.triggers import Trigger

        trig = Trigger(token, [token], Code("NONE"), "verb")
    assert assess(trig, date(2016, 7, 16)).status == status


def test_modality_old_date_is_historical(nlp, lex):
    trig = trigger_for(nlp, lex, "In March 2011 security forces shot protesters in the town.", "shot")
    assert assess(trig, date(2016, 7, 16)).status == "historical"
    assert assess(trig, None).status == "asserted"  # no publication date: no age


def test_modality_presupposed_noun_keeps_existence(nlp, lex):
    trig = trigger_for(nlp, lex, "The air strike on the convoy could be the end of the truce.",
                       "strike")
    assert assess(trig, None).status == "asserted"


def test_coding_future_cooperation_is_agree():
    mod = Modality("future", ["future:aux:will@0.5"], None)
    assert apply_manual_rules("AID", None, mod) == ("AGREE", None, "future")


def test_coding_announced_retreat_is_concede():
    mod = Modality("future", ["future:aux:will@0.5", "reported:reporting:say@1"], object())
    assert apply_manual_rules("RETREAT", "withdraw", mod)[0] == "CONCEDE"


def test_coding_authors_negation_stays_negated():
    mod = Modality("negated", ["future:aux:wo@0.5", "negated:neg:n't@0.6"], None)
    assert apply_manual_rules("CONCEDE", None, mod) == ("CONCEDE", None, "negated")
