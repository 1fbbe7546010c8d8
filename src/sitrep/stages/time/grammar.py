"""The temporal-expression grammar: regex rules over the text, each with a normaliser.

Why regexes over the raw text rather than spaCy's DATE entities or token Matcher
patterns: TIMEX3 extents follow TimeML conventions that OntoNotes-style DATE
entities do not (the small English model splits "Thursday evening" into a DATE and
a TIME, keeps "about ... earlier" inside "about a month earlier", and has no entity
for "now" or "recently"), and expressions such as ``Sept. 12, 2016``,
``3:30 p.m. EDT``, ``mid-2012`` or ``the '90s`` are compositions of punctuation
and numbers that a character grammar states directly. (Measured on TBAQ: spaCy DATE/TIME
entities that this grammar does not already cover overlap a gold TIMEX3 63 times and nothing
130 times, so they are not used as a fall-back.) The spaCy parse is still
used where words are ambiguous (``May`` as a modal, ``March`` as a verb,
``2000 troops``) and to read the tense that decides on which side of the
publication date a bare weekday or month falls (``tense.py``).

Each ``Rule`` pairs a pattern with a handler ``(match, ctx) -> Resolved | None``;
None rejects the candidate (so a shorter rule may take the place). Handlers are
pure given the ``Context``.
"""

from __future__ import annotations

import re

from .common import Resolved, Rule
from .dates import (
    h_century,
    h_decade,
    h_half,
    h_holiday,
    h_iso,
    h_month,
    h_month_day,
    h_month_year,
    h_qn,
    h_quarter,
    h_season,
    h_slash,
    h_year,
    h_year_ago_adj,
)
from .lexicon import (
    DECADE_WORDS,
    FUTURE_REF_WORDS,
    PAST_REF_WORDS,
    PRESENT_REF_WORDS,
    REL_NEXT,
    REL_PAST,
    REL_THIS,
    SET_ADVERBS,
    alternation,
)
from .patterns import APPROX, FULL_WD, MOD, MON, NUM, PART, UNIT, WD, WD_PREFIX, YEAR
from .relative import (
    h_ago,
    h_bare_units,
    h_clock,
    h_clock_day,
    h_day_word,
    h_duration,
    h_ref,
    h_rel_part,
    h_rel_unit,
    h_set,
    h_weekday,
)

__all__ = ["RULES", "Resolved", "Rule"]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’])" + pattern, re.IGNORECASE)


_REF_WORDS = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    PRESENT_REF_WORDS | PAST_REF_WORDS | FUTURE_REF_WORDS, key=len, reverse=True))

RULES: tuple[Rule, ...] = (
    Rule("iso", _rx(r"(?P<year>\d{4})-(?P<mon_n>\d{2})-(?P<day>\d{2})(?!\d)"), h_iso),
    Rule("slash", _rx(r"(?<![\d/])(?P<mon_n>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])"),
         h_slash),
    Rule("month_day", _rx(WD_PREFIX + MON + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?![a-z:])"
                          r"(?:\s*,?\s*(?P<year>\d{4})(?!\d))?"), h_month_day),
    Rule("day_month", _rx(WD_PREFIX + r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MON
                          + r"(?:\s*,?\s*(?P<year>\d{4})(?!\d))?"), h_month_day),
    Rule("month_year", _rx(MOD + MON + r"\s*,?\s+(?:of\s+)?(?P<year>\d{4})(?!\d)"), h_month_year),
    Rule("month", _rx(MOD + r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming)\s+)?"
                      + MON), h_month),
    Rule("decade", _rx(MOD + r"(?:the\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?:(?P<dec>1[5-9]\d|20\d)0'?s"
                       r"|['’](?P<dec2>\d)0s|(?P<decw>" + alternation(DECADE_WORDS) + r"))(?![a-z])"),
         h_decade),
    Rule("century", _rx(MOD + r"(?:the\s+)?(?P<cent>\d{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth"
                        r"|twenty-first)[\s-]+century(?![a-z])"), h_century),
    Rule("year", _rx(MOD + r"(?:(?P<pre>(?:the\s+)?(?:fiscal|calendar)(?:\s+year)?|FY|the\s+year)\s*)?"
                     r"(?<![\d$£€#,.])" + YEAR + r"(?![\d,]\d)"), h_year),
    Rule("quarter", _rx(r"(?P<the>the\s+)?(?:(?P<rel>fiscal|latest|current|last|this|next|previous"
                        r"|year-earlier|year-ago|same)\s+)?(?:(?P<pyear>(?:19|20)\d\d)\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd"
                        r"|3rd|4th)[\s-]+(?:fiscal[\s-]+)?)?quarter(?:\s+of\s+(?:(?:fiscal\s+)?"
                        r"(?P<year>\d{4})|(?P<yrel>this|last|next)\s+year))?(?![a-z])"), h_quarter, uses_ref=True),
    Rule("year_ago_adj", _rx(r"(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:(?P<ord>first|second|third|fourth)"
                             r"[\s-]+)?(?P<what>quarter|period))?(?![a-z-])"), h_year_ago_adj, uses_ref=True),
    Rule("qn", re.compile(r"\bQ(?P<qn>[1-4])(?:\s+(?P<year>\d{4}))?\b"), h_qn),
    Rule("half", _rx(r"the\s+(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<year>\d{4})|(?:the|this"
                     r"|(?P<yrel>last|next))\s+year))(?![a-z])"), h_half),
    Rule("season", _rx(MOD + r"(?:(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming|the)\s+)?"
                       r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?"
                       r"(?![a-z])"), h_season),
    Rule("day_word", _rx(MOD + r"(?P<dw>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
                         r"|today|tonight|yesterday|tomorrow)(?:\s+" + PART + r")?(?![a-z])"), h_day_word),
    Rule("rel_part", _rx(r"(?P<rel>this|last)\s+" + PART + r"(?![a-z])"), h_rel_part),
    Rule("weekday", _rx(MOD + r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming)\s+)?"
                        + WD + r"(?P<plural>s)?(?:\s+" + PART + r")?(?![a-z])"), h_weekday),
    Rule("clock", _rx(r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"
                      r"(?![a-z])|(?P<word>noon|midnight|midday)(?![a-z]))"
                      r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time)(?![a-z]))?"), h_clock, uses_ref=True),
    Rule("clock_day", _rx(r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"
                          r"|(?P<word>noon|midnight|midday))(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time))?"
                          r"\s*,?\s+(?:on\s+)?(?:" + WD + r"|(?P<dw>today|yesterday|tomorrow))(?![a-z])"),
         h_clock_day),
    Rule("clock24", _rx(r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s+(?P<tz>GMT|UTC|[ECMP][SD]T"
                        r"|local\s+time))(?![a-z])"), h_clock, uses_ref=True),
    Rule("ago", _rx(APPROX + r"(?:" + NUM + r"[\s-]+)?" + UNIT + r"s?\s+(?P<dir>ago|earlier|later"
                    r"|before|after|from\s+now|hence|back)(?![a-z])"), h_ago, uses_ref=True),
    Rule("duration", _rx(APPROX + r"(?:(?P<det>the\s+(?:past|last|next|first|previous|coming|following"
                         r"|final|latest|remaining|entire|whole|initial)|the|past|last|next|first|another"
                         r"|an\s+additional|a\s+further|an\s+extra|additional|further)\s+)?" + NUM
                         + r"[\s-]+(?:more\s+)?" + UNIT + r"s?(?P<adj>[\s-]+(?:long|old))?(?![a-z])"),
         h_duration),
    Rule("bare_units", _rx(r"(?:(?P<det>the\s+(?:past|last|next|coming|previous|following)|recent"
                           r"|coming|past)\s+)?" + r"(?P<unit>second|minute|hour|day|week|month|year"
                           r"|decade)s(?![a-z])"), h_bare_units),
    Rule("rel_unit", _rx(r"(?:(?P<skip>earlier|later)\s+)?" + MOD + r"(?P<rel>"
                         + alternation(set(REL_PAST) | set(REL_NEXT) | set(REL_THIS)
                                       | {"that", "the", "that same"})
                         + r")\s+(?P<unit>fiscal\s+year|weekend|week|month|year|quarter|decade|century"
                         r"|day|morning|afternoon|evening|night|season)(?![a-z])"),
         h_rel_unit, uses_ref=True),
    Rule("ref", _rx(r"(?:(?P<skip>in|right)\s+)?(?P<ref>" + _REF_WORDS + r")(?![a-z])"), h_ref),
    Rule("set", _rx(r"(?:(?P<q>every|each|per)\s+(?P<other>other\s+)?(?:" + NUM + r"\s+)?(?P<what>"
                    r"second|minute|hour|day|week|month|quarter|year|decade|morning|afternoon|evening"
                    r"|night|weekend|spring|summer|fall|autumn|winter|" + alternation(FULL_WD)
                    + r")s?|(?P<adv>" + alternation(SET_ADVERBS) + r"))(?![a-z])"), h_set),
    Rule("holiday", _rx(r"(?P<hol>christmas\s+eve|christmas(?:\s+day)?|new\s+year['’]?s\s+eve"
                        r"|new\s+year['’]?s(?:\s+day)?|thanksgiving(?:\s+day)?|independence\s+day"
                        r"|valentine['’]?s\s+day|halloween|easter)(?:\s+(?P<year>\d{4}))?(?![a-z])"),
         h_holiday),
)
