"""Described groups: a party named by what its members are ("Kurdish fighters", "Sunni militants").

Grammar: ``<modifier> <group head>``, where the head is an agent noun of the KB (its sector
is the actor's sector) and the modifier, written with a capital right before it, is

- a word of the derived vocabulary ``group_modifiers.csv`` (built by
  ``scripts/build_group_modifiers.py`` from the PETRARCH2 agents' religion codes and the KB's
  ethnic and religious groups; not edited by hand), or
- with a parse, a word the NER labels ``GPE`` that no gazetteer or KB knows, modifying a plural
  noun for people (the NER's guess for an ethnic name it has not seen: "Yoruba elders"). ``NORP``
  words were measured as modifiers (``MODIFIER_LABELS``, empty = off; removed by branch prune3):
  no mention gained on the tune halves, and "Republican senators" or "Arab leaders" became
  parties of the theatre state.

The phrase is the generic actor of a **country** and the head's sector (``GROUP_SECTORS``: a
community's armed men are a non-state armed group, ``REB``, and its officials and leaders its
notables, ``ELI``, not the state's army or government). The country: the modifier's own when
the vocabulary gives one ("Bosniak" -> BIH), else the state a locative phrase puts the group in
("militants in Iraq"), else the state the document puts it in (``context.DocumentContext``:
the text's theatre, else the nearest state-bearing actor of the sentence, else of the two
sentences before). Without any, the phrase is dropped (keeping it as an actor of no country,
``KEEP_WITHOUT_COUNTRY``, changed no tune figure: removed by branch prune3).
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

MODIFIERS_PATH = Path(__file__).with_name("group_modifiers.csv")
#: NER labels accepted only when the word is no place the gazetteer or the KB knows
UNPLACED_LABELS = frozenset({"GPE"})
#: dependency labels of a modifier word on its head noun
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
#: read described groups at all (issue 13, events14; off only for ``benchmarks/actors_plover_ablation.py``)
DESCRIBED_GROUPS = True
#: the head's sector -> the described group's: an ethnic or religious group's forces, police
#: or agents are a non-state armed group of the country (REB, coding guide section 3: "non-state
#: armed groups of a country"), its officials and leaders are notables (ELI), not the state's
#: army or government ("Kurdish forces" in Syria are not the Syrian army); others unchanged
GROUP_SECTORS = {"MIL": "REB", "COP": "REB", "SPY": "REB", "GOV": "ELI"}
#: the ``surface_key`` of a described group's span (the context pass finds them by it)
DESCRIBED = "described"


@functools.lru_cache(maxsize=1)
def group_modifiers() -> dict[str, str | None]:
    """Folded modifier word -> its country (ISO3) or None."""
    with MODIFIERS_PATH.open(encoding="utf-8", newline="") as fh:
        return {row["word"]: (row["country"] or None) for row in csv.DictReader(fh)}
