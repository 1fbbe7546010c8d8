"""Probe sentences for the war-wide scope class (issue 12, 2026-12-05 early 2), written for the
project (never taken from a data set): an incident count next to a war noun that carries its own
count in a relative or appositive clause, and a running adverbial that the parse hangs on a
headline's reporting verb. Each probe: (sentence, value, the scope the value must get)."""

from __future__ import annotations

#: the incident count beside a war noun whose own clause carries the war-wide modifier and count
OTHER_NOUNS = [
    ("Jets bombed a market in Kafr Tala on Wednesday, killing 12 people, in a war that has killed "
     "more than 300,000 since 2011.", 12, "incident"),
    ("Jets bombed a market in Kafr Tala, killing 12 people in a conflict that has killed more than "
     "300,000 people.", 12, "incident"),
    ("Twelve people were killed when jets bombed a market in Kafr Tala, in fighting that has claimed "
     "400,000 lives since the start of the uprising.", 12, "incident"),
    ("Jets bombed a market in Kafr Tala, killing 12 people, the latest victims of a war that has "
     "killed 300,000 people in five years.", 12, "incident"),
    ("An air strike on a market in Kafr Tala killed 12 people, part of a conflict that has left more "
     "than 300,000 dead so far.", 12, "incident"),
    ("An air strike killed 12 people in Kafr Tala, a town in a province where the war has killed "
     "20,000 people since 2011.", 12, "incident"),
    ("An air strike killed 12 people in Kafr Tala, the deadliest this year.", 12, "incident"),
    ("An air strike killed 12 people in Kafr Tala, the deadliest attack on the town this year.", 12,
     "incident"),
]

#: the war total of the same sentences (the relative clause's own count stays a war total)
OTHER_NOUN_TOTALS = [(s, 300000, "war_total") for s, _, _ in OTHER_NOUNS[:2]]

#: a headline whose running adverbial the parse may hang on the reporting verb
HEADLINES = [
    ("Monitor says 1,500 civilians killed in Syria this year", 1500, "war_total"),
    ("UN says 400 children killed in Syria so far this year", 400, "war_total"),
    ("Activists say 2,000 people killed in Aleppo province to date", 2000, "war_total"),
    ("Monitor says 1,500 civilians have been killed in Syria this year", 1500, "war_total"),
    ("Monitor says 150 civilians killed in Idlib this year", 150, "war_total"),
    ("Activists say 90 children killed in Douma so far this year", 90, "war_total"),
    ("Monitor says 150 civilians killed in Idlib province in air strikes this year", 150, "war_total"),
    ("Group says 60 medics killed in Aleppo to date", 60, "war_total"),
    # the parse hangs "this year" on "says"
    ("Monitor says this year 1,500 civilians killed in Syria", 1500, "war_total"),
    ("This year, monitor says, 1,500 civilians have died in Syria", 1500, "war_total"),
    ("Monitor says 1,500 civilians dead in Syria this year", 1500, "war_total"),
    ("Monitor says 150 civilians dead in Idlib this year", 150, "war_total"),
    ("Activists say so far 90 children killed in Douma", 90, "war_total"),
    # a reporting verb's point in time does not scope the count
    ("Monitor says 12 civilians killed in air strike on Kafr Tala on Wednesday", 12, "incident"),
    ("Activists said on Wednesday that 12 civilians were killed in an air strike on Kafr Tala", 12, "incident"),
    ("Monitor said on Wednesday 12 civilians dead in air strike on Kafr Tala", 12, "incident"),
]

#: guards: a war noun whose clause counts another kind still scopes the count; a reporting verb
#: with an auxiliary is an activity its "so far" runs (the incident's running toll)
GUARDS = [
    ("At least 90 aid workers have been killed in the conflict, which has displaced millions.", 90, "war_total"),
    ("More than 300,000 people have been killed in the war, which has also displaced 11 million.", 300000,
     "war_total"),
    ("More than 300,000 people have been killed in the war, which began in 2011.", 300000, "war_total"),
    ("Medics said rescuers have recorded the deaths of 30 people so far.", 30, "incident"),
]
