"""Toponym resolution: which of the places a name may refer to is meant.

Every candidate gets a score, the sum of general evidence (no rule names a place):

* prior — log10 of its population; a country's name is a country first ("Georgia" alone
  is the country, "Jordan" the kingdom), a first-level division next, then populated places,
  a national capital above other towns; our curated additions (places.tsv) count as a town of
  some 30,000; a town of unknown population as one of a few hundred;
* match — a GeoNames alternate name or a designator-less form costs a little, a fuzzy
  (misspelt) match more, the more the less similar;
* focus — the countries the article is about (its country mentions, and the places it names),
  weighted 0–1 by their share; and the first-level divisions it names ("Louisiana");
* container — a named country or division that contains it ("Paris, Texas",
  "Balochistan's Panjgur district", "Saravan in Iran", "the Iranian town of Saravan")
  decides the matter for any candidate inside it;
* designator — "X district/county/province" prefers divisions to towns.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crisiswire.geo.gazetteer import Candidate, Gazetteer, get_gazetteer, normalize
from crisiswire.model import Location

if TYPE_CHECKING:
    from crisiswire.geo.toponyms import find_places, is_metonymic_subject  # noqa: F401

FOCUS_WEIGHT = 3.5
"""Score added to a candidate in the article's main country (weight 1)."""
REGION_WEIGHT = 2.5
"""Score added to a candidate in a first-level division the article names (weight 1)."""
CONTAINER_ADMIN1 = 10.0
CONTAINER_COUNTRY = 8.0
"""Score added to a candidate inside the named container (a division, or a country)."""
NEIGHBOUR_WEIGHT = 2.5
NEIGHBOUR_RANGE_KM = 400.0
"""Score added to a candidate at a neighbour's point, falling linearly to 0 at the range."""
FUZZY_PREFERENCE = 0.3
"""Score taken off a fuzzy candidate per point of rapidfuzz similarity under 100."""

_FEATURE_PRIOR = {
    "country": 2.5,
    "continent": 2.5,
    "admin1": 0.0,
    "region": 1.0,
    "water": 0.5,
    "admin2": -0.3,
    "district": 0.0,
    "city": 0.0,
}
_CURATED_POPULATION = 30_000
_UNKNOWN_POPULATION = 300
ADMIN_DESIGNATORS = frozenset(
    {"district", "province", "county", "parish", "region", "state", "governorate", "oblast",
     "prefecture", "division", "department", "municipality", "borough", "canton", "emirate"}
)  # fmt: skip
"""Words after a name that say it is an administrative division ("Panjgur district")."""


@dataclass(slots=True)
class Context:
    """What an article says about where it is: country weights (ISO3 → weight), division
    weights ((ISO3, admin1 name) → weight), and a container and designator for one name."""

    focus: Mapping[str, float] = field(default_factory=dict)
    regions: Mapping[tuple[str, str], float] = field(default_factory=dict)
    container: Location | None = None
    designator: str | None = None
    neighbours: tuple[tuple[float, float, float], ...] = ()
    """(lat, lon, weight) of the other places the article names: a candidate near them is
    preferred (spatial minimality; weight 1 for a town, less for a division's middle)."""


def _normalised(weights: Mapping[Any, float] | None) -> dict[Any, float]:
    if not weights:
        return {}
    top = max(weights.values())
    if top <= 0:
        return {}
    return {k: max(0.0, v) / top for k, v in weights.items() if v > 0}


def _prior(gazetteer: Gazetteer, candidate: Candidate) -> float:
    population = candidate.population
    if population <= 0:
        curated = candidate.row >= 0 and candidate.feature in ("district", "region", "water")
        population = _CURATED_POPULATION if curated else _UNKNOWN_POPULATION
    score = math.log10(population + 10) + _FEATURE_PRIOR.get(candidate.feature, 0.0)
    if candidate.capital:
        score += 1.5
    return score


def score_candidate(
    candidate: Candidate,
    context: Context,
    gazetteer: Gazetteer | None = None,
) -> float:
    """The evidence for `candidate` (see the module docstring); higher is better."""
    gazetteer = gazetteer or get_gazetteer()
    score = _prior(gazetteer, candidate)
    if candidate.match == "alternate":
        score -= 1.5
    elif candidate.match == "fuzzy":
        score -= 1.0 + FUZZY_PREFERENCE * (100.0 - candidate.similarity)
    focus = context.focus
    if candidate.country and focus:
        score += FOCUS_WEIGHT * focus.get(candidate.country, 0.0)
    regions = context.regions
    if regions and candidate.country:
        region = candidate.name if candidate.feature == "admin1" else candidate.admin1
        if region:
            score += REGION_WEIGHT * regions.get((candidate.country, region), 0.0)
    container = context.container
    if container is not None and container.country and candidate.country == container.country:
        if container.feature == "admin1":
            inside = candidate.admin1 == container.name and candidate.feature != "admin1"
            score += CONTAINER_ADMIN1 if inside else 2.0
        elif container.feature == "country" and candidate.feature != "country":
            score += CONTAINER_COUNTRY
        elif candidate.admin1 and candidate.admin1 == container.admin1:
            score += 2.0  # a neighbour named with it ("Pandi, Bulacan")
    if context.neighbours and candidate.feature not in ("country", "continent"):
        best = 0.0
        for lat, lon, weight in context.neighbours:
            distance = haversine_km(candidate.lat, candidate.lon, lat, lon)
            if distance < NEIGHBOUR_RANGE_KM:
                best = max(best, weight * (1.0 - distance / NEIGHBOUR_RANGE_KM))
        score += NEIGHBOUR_WEIGHT * best
    if context.designator in ADMIN_DESIGNATORS and candidate.feature in (
        "admin1",
        "admin2",
        "district",
        "region",
    ):
        score += 2.0
    return score


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0176 * math.asin(min(1.0, math.sqrt(a)))


def rank(
    name: str,
    context: Context | None = None,
    fuzzy: bool = False,
    gazetteer: Gazetteer | None = None,
) -> list[tuple[float, Candidate]]:
    """Every candidate of `name` with its score, best first."""
    gazetteer = gazetteer or get_gazetteer()
    context = context or Context()
    found = gazetteer.candidates(name, fuzzy=fuzzy)
    scored = [(score_candidate(c, context, gazetteer), c) for c in found]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].population, pair[1].row))
    return scored


def to_location(candidate: Candidate) -> Location:
    return Location(
        name=candidate.name,
        country=candidate.country,
        admin1=candidate.admin1,
        lat=round(candidate.lat, 5),
        lon=round(candidate.lon, 5),
        geonameid=candidate.geonameid,
        feature=candidate.feature,
    )


def demonym_country(name: str, gazetteer: Gazetteer | None = None) -> str | None:
    """ISO3 of the country a demonym names ("Iranian", "Pakistanis" → IRN, PAK), else None."""
    gazetteer = gazetteer or get_gazetteer()
    key = normalize(name)
    if key.endswith(" s"):
        key = key[:-2]
    return gazetteer.demonyms.get(key)


def country_location(code: str, gazetteer: Gazetteer | None = None) -> Location | None:
    gazetteer = gazetteer or get_gazetteer()
    row = gazetteer.country_row.get(code)
    return to_location(gazetteer.candidate(row)) if row is not None else None


def resolve_in(
    name: str,
    context: Context,
    fuzzy: bool = False,
    adjectival: bool = False,
    gazetteer: Gazetteer | None = None,
) -> Location | None:
    """`resolve` with a ready `Context` (the form `find_places` uses)."""
    gazetteer = gazetteer or get_gazetteer()
    ranked = rank(name, context, gazetteer=gazetteer)
    if ranked:
        return to_location(ranked[0][1])
    if adjectival:
        code = demonym_country(name, gazetteer)
        if code is not None:
            return country_location(code, gazetteer)
    if fuzzy:
        ranked = rank(name, context, fuzzy=True, gazetteer=gazetteer)
        if ranked:
            return to_location(ranked[0][1])
    return None


def resolve(
    name: str,
    focus: Mapping[str, float] | None = None,
    container: str | None = None,
    fuzzy: bool = False,
    *,
    regions: Mapping[tuple[str, str], float] | None = None,
    adjectival: bool = False,
    designator: str | None = None,
) -> Location | None:
    """The place `name` most likely refers to, or None.

    `focus` weights countries (ISO3 → weight, any scale) the text is about; `container` names
    a country or division the place lies in ("Texas" for "Paris, Texas"); `fuzzy` allows
    misspellings (use it only for names already known to be toponyms). `regions` weights
    first-level divisions ((ISO3, admin1 name) → weight); `adjectival` also resolves a demonym
    to its country ("Iranian" → Iran); `designator` is the word after the name ("district")."""
    if not isinstance(name, str) or not name.strip():
        return None
    gazetteer = get_gazetteer()
    weights = _normalised(focus)
    context = Context(focus=weights, regions=_normalised(regions), designator=designator)
    if container and container.strip():
        context.container = resolve_in(
            container, Context(focus=weights, regions=context.regions), gazetteer=gazetteer
        )
    return resolve_in(name, context, fuzzy=fuzzy, adjectival=adjectival, gazetteer=gazetteer)


def __getattr__(name: str) -> Any:  # find_places lives in toponyms (it needs spaCy)
    if name in ("find_places", "is_metonymic_subject"):
        from crisiswire.geo import toponyms

        return getattr(toponyms, name)
    raise AttributeError(name)
