"""The actor knowledge base in memory: actors, roles and lookup indexes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..dates import first_day
from ..records import ACTOR_KINDS, Actor, narrow
from .normalize import key

#: PLOVER/CAMEO sector codes accepted in the KB (PLOVER actor sectors plus the
#: CAMEO agent codes PETRARCH2 uses and NGEC's religion codes)
SECTORS: frozenset[str] = frozenset(
    ["GOV", "MIL", "REB", "COP", "SPY", "JUD", "LEG", "PTY", "IGO", "NGO", "JRN", "CVL", "BUS", "REL", "ELI", "UAF", "OPP", "MED", "EDU", "AGR", "LAB", "ENV", "HRI", "REF", "CRM", "HLH", "SET", "MOD", "RAD", "PRM", "PRE", "BUD", "CHR", "MOS", "JEW", "HIN", "ITH", "SHI", "SUN", "IMG", "AMN", "DEV", "UNK"]
)
#: country codes for organisations that are not states (NGEC/CAMEO style)
#: PLOVER's non-state "country" codes (manual table 5.1) used by the KB: the UN system, the
#: EU, other intergovernmental organisations, transnational militarized groups
IGO_CODES: frozenset[str] = frozenset({"UNO", "EUR", "IGO", "IMG"})

SECTOR_KIND: dict[str, str] = {
    "GOV": "government_body", "JUD": "government_body", "LEG": "government_body",
    "SPY": "government_body", "COP": "government_body", "HLH": "government_body",
    "MIL": "military", "REB": "armed_group", "UAF": "armed_group", "PRM": "armed_group",
    "CRM": "armed_group", "IMG": "armed_group", "IGO": "igo", "NGO": "ngo", "HRI": "ngo",
    "MED": "ngo", "JRN": "media", "PTY": "party", "OPP": "party", "BUS": "company",
    "REL": "ethnic_religious_group", "BUD": "ethnic_religious_group",
    "CHR": "ethnic_religious_group", "MOS": "ethnic_religious_group",
    "JEW": "ethnic_religious_group", "HIN": "ethnic_religious_group",
}

SECTOR_LABEL: dict[str, str] = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "COP": "police", "SPY": "intelligence",
    "JUD": "judiciary", "LEG": "legislature", "PTY": "political parties", "IGO": "organisation",
    "NGO": "NGOs", "JRN": "media", "CVL": "civilians", "BUS": "business", "REL": "religious leaders",
    "ELI": "elites", "UAF": "armed groups", "OPP": "opposition", "MED": "medical workers",
    "EDU": "academics", "AGR": "farmers", "LAB": "labour", "REF": "refugees", "CRM": "criminals",
    "HLH": "health authorities", "PRM": "paramilitaries", "PRE": "partially recognised states",
    "BUD": "Buddhists", "CHR": "Christians", "MOS": "Muslims", "JEW": "Jews", "HIN": "Hindus",
    "SHI": "Shia Muslims", "SUN": "Sunni Muslims", "IMG": "militants", "MOD": "moderates", "RAD": "radicals",
}

PROVENANCE_RANK: dict[str, int] = {"curated": 0, "pycountry": 1, "factbook": 2, "petrarch2": 3, "generic": 4}


def parse_date(value: object) -> dt.date | None:
    """ISO date (or YYYY-MM / YYYY, taken as the first day: ``sitrep.dates``) -> date; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return first_day(str(value))


@dataclass(frozen=True, slots=True)
class Role:
    """A dated office: ``President of Russia`` held from ``start`` to ``end``."""

    title: str
    role: str  # normalized key: head_of_state, foreign_minister, envoy, leader_of, ...
    of: str | None  # ISO3 of the state or the id of the organisation
    start: dt.date | None = None
    end: dt.date | None = None  # None: still in office (or unknown)
    leader: bool = False  # what "the <country> leader" refers to
    sector: str = "GOV"

    def active(self, when: dt.date) -> bool:
        if self.start is not None and when < self.start:
            return False
        return not (self.end is not None and when > self.end)


@dataclass(frozen=True, slots=True)
class KBActor:
    """One knowledge-base entry."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    provenance: str = "curated"
    roles: tuple[Role, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    #: seats of government used as metonyms anywhere but in a locative ("the Kremlin")
    seats: tuple[str, ...] = ()

    def to_actor(self, aliases: list[str] | None = None) -> Actor:
        return Actor(
            id=self.id, name=self.name, kind=narrow(self.kind, ACTOR_KINDS, default="other"), country=self.country,
            sector=self.sector,
            aliases=list(aliases if aliases is not None else dict.fromkeys(a.lstrip("=") for a in self.aliases)),
            wikidata=self.wikidata,
        )


@dataclass(frozen=True, slots=True)
class AliasClaim:
    """An alias as written in the KB and the actor that claims it."""

    actor: str
    alias: str  # without the "=" marker
    exact_case: bool
    kind: str = "name"  # name, demonym, capital, seat


@dataclass(slots=True)
class KnowledgeBase:
    """Actors plus the indexes the actor stage and ``resolve_text`` use."""

    actors: dict[str, KBActor]
    #: folded alias key -> claims, best first (provenance rank, then file order)
    aliases: dict[str, list[AliasClaim]] = field(default_factory=dict)
    #: folded agent noun -> sector
    agents: dict[str, str] = field(default_factory=dict)
    #: folded agent nouns that make a mention without a country modifier
    armed_agents: frozenset[str] = frozenset()
    #: folded agent nouns of the sectors that stand alone as an actor (``standalone_sectors`` of
    #: ``agents_curated.yaml``, derived by ``load.standalone_agents``)
    standalone_agents: frozenset[str] = frozenset()
    #: folded title -> role keys
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: folded city name -> ISO3 (large cities; used only as modifiers)
    cities: dict[str, str] = field(default_factory=dict)
    #: folded first-level division name -> ISO3 (states, provinces; used only as modifiers)
    regions: dict[str, str] = field(default_factory=dict)
    #: (of, role key) -> [(person id, role)]
    holders: dict[tuple[str, str], list[tuple[str, Role]]] = field(default_factory=dict)
    #: folded alias -> preferred actor id (declared disambiguation rules)
    prefer: dict[str, str] = field(default_factory=dict)
    version: str = "1"

    def get(self, actor_id: str) -> KBActor | None:
        return self.actors.get(actor_id)

    def agent(self, text: str) -> str | None:
        """The sector of an agent noun ("jet fighters" -> MIL), folded as the KB folds, or None."""
        return self.agents.get(key(text))

    def lookup(self, text: str) -> list[AliasClaim]:
        """Claims on ``text`` (folded), best first; empty when nobody claims it."""
        return self.aliases.get(key(text), [])

    def state(self, iso3: str | None) -> KBActor | None:
        actor = self.actors.get(iso3 or "")
        return actor if actor is not None and actor.kind == "state" else None

    def generic(self, country: str | None, sector: str) -> KBActor:
        """The ``<ISO3>_<SECTOR>`` actor (curated if it exists, else synthesised)."""
        actor_id = f"{country}_{sector}" if country else sector
        found = self.actors.get(actor_id)
        if found is not None:
            return found
        state = self.state(country)
        label = SECTOR_LABEL.get(sector, sector.lower())
        if state is not None:
            adj = state.demonyms[0] if state.demonyms else state.name
            name = f"{adj} {label}"
        else:
            name = label[:1].upper() + label[1:] if not country else f"{country} {label}"
        return KBActor(
            id=actor_id, name=name, kind=SECTOR_KIND.get(sector, "other"), country=country,
            sector=sector, provenance="generic",
        )

    def holders_of(self, of: str, role: str) -> list[tuple[str, Role]]:
        return self.holders.get((of, role), [])

    def leaders_of(self, of: str) -> list[tuple[str, Role]]:
        """Roles flagged ``leader`` for a state, or ``leader_of`` roles of an organisation."""
        out: list[tuple[str, Role]] = []
        for (o, _r), pairs in self.holders.items():
            if o != of:
                continue
            out.extend(p for p in pairs if p[1].leader or p[1].role in ("leader_of", "leader"))
        return out
