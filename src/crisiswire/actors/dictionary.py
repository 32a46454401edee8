"""Actor dictionaries from ``data/actors``: countries, IGOs, sector words, people and groups.

The files are plain TSV/YAML so analysts extend them without Python; every load error names
the file and line. See ``docs/knowledge-files.md`` for the formats.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import yaml

from crisiswire.data import DataFileError, data_path
from crisiswire.data.tables import tsv_rows

ACTOR_DIR = "actors"


@dataclass(frozen=True, slots=True)
class Role:
    country: str | None
    sector: str | None
    title: str | None = None
    start: date | None = None
    end: date | None = None

    def covers(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a phrase can name.

    kind: ``country``, ``capital`` (a capital used for its government), ``demonym``, ``igo``,
    ``person``, ``group``, ``sector`` or ``place`` (a region or town: never an actor itself,
    only where an attack landed).
    """

    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    roles: tuple[Role, ...] = ()

    def role_on(self, day: date | None) -> Role | None:
        """The first listed role that covers `day`; undated text takes the latest role."""
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=lambda r: r.start or date.min)
        return next((r for r in self.roles if r.covers(day)), None)


@dataclass(slots=True)
class ActorDictionary:
    """Phrases (exact case) and sector phrases (lower case) → entries."""

    names: dict[str, list[Entry]] = field(default_factory=dict)
    short_names: dict[str, list[Entry]] = field(default_factory=dict)
    """Surnames and short forms: only used after a full mention in the same article."""
    sectors: dict[str, str] = field(default_factory=dict)
    """Lower-case phrase → sector code."""
    capitals: dict[str, str] = field(default_factory=dict)
    """Capital name → ISO3, for every capital (metonym or not), so geo can skip them."""

    def add(self, phrase: str, entry: Entry, short: bool = False) -> None:
        phrase = phrase.strip()
        if not phrase:
            return
        table = self.short_names if short else self.names
        bucket = table.setdefault(phrase, [])
        if entry not in bucket:
            bucket.append(entry)


_COLUMNS = {
    "countries.tsv": ("iso3", "name", "aliases", "demonyms", "capital", "capital_aliases",
                      "capital_metonym"),
    "igos.tsv": ("code", "name", "aliases", "sector"),
    "sectors.tsv": ("phrase", "sector"),
}  # fmt: skip


def _rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    return tsv_rows(f"{ACTOR_DIR}/{name}", _COLUMNS[name])


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _date(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


@cache
def load_dictionary() -> ActorDictionary:
    """Load and validate every actor file once per process."""
    actors = ActorDictionary()
    for number, row in _rows("countries.tsv"):
        iso3 = row["iso3"]
        if len(iso3) != 3:
            raise DataFileError(f"countries.tsv:{number}: iso3 {iso3!r} is not three letters")
        country = Entry("country", row["name"], iso3)
        for phrase in [row["name"], *_split(row["aliases"])]:
            actors.add(phrase, country)
        for phrase in _split(row["demonyms"]):
            actors.add(phrase, Entry("demonym", row["name"], iso3))
        capital = Entry("capital", row["capital"], iso3, "GOV")
        for phrase in [row["capital"], *_split(row["capital_aliases"])]:
            if phrase:
                actors.capitals[phrase] = iso3
                if row["capital_metonym"] == "1":
                    actors.add(phrase, capital)
    for number, row in _rows("igos.tsv"):
        if not row["code"]:
            raise DataFileError(f"igos.tsv:{number}: empty code")
        igo = Entry("igo", row["name"], "IGO", row["sector"] or "IGO")
        for phrase in [row["name"], *_split(row["aliases"])]:
            actors.add(phrase, igo)
    for number, row in _rows("sectors.tsv"):
        if not row["sector"]:
            raise DataFileError(f"sectors.tsv:{number}: empty sector")
        actors.sectors[row["phrase"].lower()] = row["sector"]
    for number, row in tsv_rows("gazetteer/regions.tsv", ("name", "aliases", "country")):
        if len(row["country"]) != 3:
            raise DataFileError(f"gazetteer/regions.tsv:{number}: country is not ISO alpha-3")
        place = Entry("place", row["name"], row["country"])
        for phrase in [row["name"], *_split(row["aliases"])]:
            actors.add(phrase, place)
    _load_people(actors)
    return actors


def _load_people(actors: ActorDictionary) -> None:
    path = data_path(f"{ACTOR_DIR}/people.yaml")
    try:
        with open(path, encoding="utf-8") as handle:
            people = yaml.safe_load(handle) or []
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DataFileError(f"{path}:{mark.line + 1 if mark else '?'}: {err}") from None
    except ValueError as err:  # a date YAML reads but the calendar lacks (2024-02-30)
        raise DataFileError(f"{path}: {err}") from None
    for index, item in enumerate(people, start=1):
        where = (
            f"{path}: entry {index} ({item.get('name', '?') if isinstance(item, dict) else '?'})"
        )
        if not isinstance(item, dict) or not item.get("name"):
            raise DataFileError(f"{where}: needs a name")
        roles = []
        for role in item.get("roles") or []:
            roles.append(
                Role(
                    country=role.get("country"),
                    sector=role.get("sector"),
                    title=role.get("title"),
                    start=_date(role.get("from"), where),
                    end=_date(role.get("to"), where),
                )
            )
        for role in roles:
            if role.start and role.end and role.start > role.end:
                raise DataFileError(f"{where}: role {role.title or ''} ends before it starts")
        kind = "group" if item.get("kind") == "group" else "person"
        entry = Entry(kind, item["name"], roles=tuple(roles))
        for phrase in [item["name"], *(item.get("aliases") or [])]:
            actors.add(str(phrase), entry)
        for phrase in item.get("short") or []:
            actors.add(str(phrase), entry, short=True)
