"""Word lists of the actor stage (data, not code): which heads, suffixes and agents mean what."""

from __future__ import annotations

import re

#: "rebel-held", "terrorist-designated", "Bosnian-like": the word before the hyphen is no actor
NON_ACTOR_SUFFIXES: frozenset[str] = frozenset({
    "held", "controlled", "like", "style", "type", "designated", "dominated", "majority", "populated", "based",
    "inhabited", "run",
})
#: "Ankara-designated", "Turkish-backed": the word before the hyphen is the actor doing it
AGENT_SUFFIXES: frozenset[str] = frozenset({
    "designated", "backed", "led", "sponsored", "supported", "allied", "aligned", "funded", "armed",
    "brokered", "imposed", "occupied", "installed", "trained", "controlled",
})


#: sectors a city name can give a country to ("Shanghai police" -> CHN COP)
CITY_SECTORS: frozenset[str] = frozenset({"COP", "GOV", "MIL", "SPY", "JUD", "LEG"})
#: last words that make a name a place, not an actor
PLACE_HEADS: frozenset[str] = frozenset({
    "road", "street", "avenue", "square", "highway", "bridge", "airport", "airbase", "base", "district",
    "province", "governorate", "neighborhood", "neighbourhood", "village", "town", "city", "valley", "river",
    "mountain", "mountains", "heights", "hospital", "camp", "crossing", "border", "port", "dam", "lake",
    "area", "suburb", "quarter", "outskirts", "enclave", "pocket", "countryside", "municipality", "region",
    "hill", "plain", "island", "oasis", "checkpoint", "prison", "school", "mosque", "market", "station",
})
#: nouns that a country name or demonym modifies as a place or topic, not as an actor
#: ("the Syrian Conflict", "Syria's largest city", "the Ukrainian front", "US elections")
TOPIC_HEADS: frozenset[str] = PLACE_HEADS | frozenset({
    "conflict", "war", "crisis", "front", "territory", "soil", "coast", "capital", "desert", "economy",
    "election", "elections", "civil", "one", "revolution", "uprising", "countryside", "north",
    "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "airspace", "waters",
    "side", "part", "region", "theater", "theatre", "battlefield", "landscape", "history", "culture",
})
#: last words that make a name an organisation even after "in"/"at" ("at the Atlantic Council")
ORG_HEADS: frozenset[str] = frozenset({
    "council", "institute", "institution", "university", "ministry", "agency", "committee", "organization",
    "organisation", "office", "center", "centre", "party", "front", "army", "brigade", "brigades", "group",
    "movement", "forces", "force", "corps", "union", "association", "foundation", "bank", "company", "network",
    "media", "news", "times", "post", "journal", "coalition", "alliance", "command", "court", "department",
    "service", "commission", "assembly", "parliament", "observatory", "school", "club", "society",
})
#: unmodified agents that mean the state forces of the country the text is about
DOMESTIC_AGENTS: frozenset[str] = frozenset({
    "government forces", "regime forces", "government troops", "regime troops", "pro government forces",
    "pro regime forces", "government soldiers", "security forces",
})
#: unmodified institutions -> the KB id suffix of that body in a country (else the country's GOV)
INSTITUTIONS: dict[str, str] = {
    "defense ministry": "_MOD", "defence ministry": "_MOD", "ministry of defense": "_MOD",
    "ministry of defence": "_MOD", "foreign ministry": "_MFA", "ministry of foreign affairs": "_MFA",
}
NER_KINDS: dict[str, str] = {"PERSON": "person", "ORG": "other", "NORP": "ethnic_religious_group"}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
_LEADING = re.compile(r"^(?:the|a|an|mr\.?|mrs\.?|ms\.?|dr\.?|late|former)\s+", re.I)
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")

#: words of web-page furniture that the NER takes for organisations ("Subscribe TRT World")
BOILERPLATE: frozenset[str] = frozenset({
    "subscribe", "latest", "news", "category", "showcase", "episode", "slideshow", "partner", "coverage",
    "satellite", "android", "follow", "share", "video", "videos", "photo", "photos", "gallery", "watch",
    "live", "updates", "tags", "newsletter", "download", "app", "click", "read", "more", "comments",
})
