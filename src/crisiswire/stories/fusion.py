"""Fusion: the mentions of one happening, across articles, become one fused event.

Two mentions are the same happening when their event types are of one family, their
modalities agree (a threat never fuses with a strike), their actors and targets share a
country on each side where both name one, their dates can be the same day, and their
places can be the same place. Within a story that is enough. Across stories (a later
story recalling an earlier strike) more is needed: a date stated in the text of the
earlier reports, and countries named on both sides. The rules and tolerances are in
``data/stories/fusion.yaml``.

Mentions are taken most informative first (named countries on both sides, a day-precise
date, a place), so that the precise reports found the fused events and vague ones ("Iran
attacked", dated only by the paper's date) join the one they fit best. The order depends
only on the mentions themselves, so the result does not depend on ingest order or engine.

A fused event keeps every mention. Its fields are the consensus of its mentions: the most
precise date from the best-dated mention, the most precise place, the casualty figure most
outlets give. Outlets are counted once each, and a syndicated copy counts as its
original's outlet: `n_sources` is the number of independent outlets. An article whose
outlet is unknown counts as an outlet of its own. Where the outlets' values differ the
event lists a disagreement; a fact of a corroborated event that one outlet alone reports
is listed as single-source.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from crisiswire.data import DataFileError, load_yaml
from crisiswire.model import ActorRef, Article, Event, FusedEvent, Location, Mention
from crisiswire.timex.calendar import full_day, period_days

_FILE = "stories/fusion.yaml"
_PLACE_RANK = {"city": 0, "district": 1, "admin2": 1, "admin1": 2, "region": 3, "water": 3,
               "country": 4, "continent": 5}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rules:
    date_tolerance: int
    undated_window: int
    max_distance_km: float
    family: Mapping[str, str]
    modality: Mapping[str, str]
    basis_rank: Mapping[str, int]

    def family_of(self, event_type: str) -> str:
        return self.family.get(event_type, event_type)

    def modality_of(self, event: Event) -> str:
        if event.negated:
            return "negated"
        return self.modality.get(event.modality, event.modality)


@cache
def rules() -> Rules:
    raw = load_yaml(_FILE)
    try:
        family = {t: name for name, types in (raw.get("families") or {}).items() for t in types}
        modality = {m: name for name, mods in raw["modalities"].items() for m in mods}
        return Rules(
            date_tolerance=int(raw["date_tolerance_days"]),
            undated_window=int(raw["undated_window_days"]),
            max_distance_km=float(raw["max_distance_km"]),
            family=family,
            modality=modality,
            basis_rank={b: n for n, b in enumerate(raw["date_basis_rank"])},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise DataFileError(f"{_FILE}: malformed fusion rules ({err!r})") from None


# --------------------------------------------------------------------------- mentions


@dataclass(slots=True)
class _Mention:
    """An event with what fusion needs to know of it, computed once."""

    event: Event
    story: str | None
    outlet: str
    """Independent outlet: the article's source, its original's for a copy, else its id."""
    source: str | None
    copy_of: str | None
    published: str
    actors: frozenset[str]
    targets: frozenset[str]
    span: tuple[date, date] | None
    """The days the happening can fall on (None: nothing known)."""
    stated: bool
    """The date was stated or reasoned from the text (not the paper's date)."""
    specificity: int


def _countries(refs: list[ActorRef]) -> frozenset[str]:
    return frozenset(r.country for r in refs if r.country)


def _span(
    event: Event, published: str | None, rules: Rules
) -> tuple[tuple[date, date] | None, bool]:
    """The days a mention's date allows, and whether the date came from the text."""
    basis = event.date_basis or "unresolved"
    if basis in ("publication-date", "unresolved"):
        pub = full_day(published or "") or full_day(event.date or "")
        if pub is None:
            return None, False
        return (pub - timedelta(days=rules.undated_window), pub), False
    start = full_day(event.date or "")
    if start is None:
        return None, False
    value = event.date_value or event.date or ""
    end = _period_end(value, start)
    tolerance = timedelta(days=rules.date_tolerance)
    return (start - tolerance, end + tolerance), True


def _period_end(value: str, start: date) -> date:
    """The last day of the period a TIMEX3 value names, `start` being its first."""
    if full_day(value) is not None:
        return start
    period = period_days(value)
    if period is not None:
        return period[1]
    return start + timedelta(days=6)  # seasons, quarters, weekends: a generous bound


def outlet_of(article_id: str, article: Article | None) -> str:
    """The outlet an article counts for (give a copy's original): its source, or, when
    its outlet is unknown, the article itself as ``[id]``."""
    return article.source if article is not None and article.source else f"[{article_id}]"


def _mention(
    event: Event,
    articles: Mapping[str, Article],
    copies: Mapping[str, str],
    stories: Mapping[str, str],
    rules: Rules,
) -> _Mention:
    article = articles.get(event.article_id)
    original = copies.get(event.article_id)
    base_id = original or event.article_id
    outlet = outlet_of(base_id, articles.get(base_id))
    published = article.published if article and article.published else ""
    span, stated = _span(event, published or None, rules)
    actors, targets = _countries(event.actor), _countries(event.recipient)
    specificity = (
        2 * bool(actors) + 2 * bool(targets) + 2 * stated
        + (event.location is not None)
        + sum(1 for r in [*event.actor, *event.recipient] if r.sector)
    )  # fmt: skip
    source = article.source if article else None
    story = stories.get(event.article_id)
    return _Mention(event, story, outlet, source, original, published, actors, targets, span,
                    stated, specificity)  # fmt: skip


# --------------------------------------------------------------------------- clusters


@dataclass(slots=True)
class _Cluster:
    family: str
    modality: str
    members: list[_Mention] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    span: tuple[date, date] | None = None
    places: list[Location] = field(default_factory=list)
    sentences: set[tuple[str, int]] = field(default_factory=set)
    stories: set[str | None] = field(default_factory=set)
    stated: bool = False

    def add(self, m: _Mention) -> None:
        self.members.append(m)
        self.actors |= m.actors
        self.targets |= m.targets
        if m.span is not None:
            self.span = m.span if self.span is None else _overlap(self.span, m.span)
        if m.event.location is not None:
            self.places.append(m.event.location)
        self.sentences.add((m.event.article_id, m.event.evidence.sentence))
        self.stories.add(m.story)
        self.stated = self.stated or m.stated


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> tuple[date, date]:
    return max(a[0], b[0]), min(a[1], b[1])


def _score(cluster: _Cluster, m: _Mention, rules: Rules) -> float | None:
    """How well a mention fits a fused event; None when it cannot be the same happening."""
    if (m.event.article_id, m.event.evidence.sentence) in cluster.sentences:
        return None  # one sentence reporting two events of a kind reports two happenings
    if m.story not in cluster.stories and not (cluster.stated and m.actors and m.targets):
        return None  # another story's happening: only a report naming both sides joins it
    score = 0.0
    for mine, theirs in ((m.actors, cluster.actors), (m.targets, cluster.targets)):
        if mine and theirs:
            if not mine & theirs:
                return None
            score += 2
    if m.span is not None and cluster.span is not None:
        lo, hi = _overlap(cluster.span, m.span)
        if lo > hi:
            return None
        if m.stated:
            score += 1
        else:  # dated by its paper only: the nearer the happening to that day, the likelier
            gap = (m.span[1] - min(cluster.span[1], m.span[1])).days
            score += max(0.0, 1 - gap / max(rules.undated_window, 1))
    if m.event.location is not None and cluster.places:
        fits = [_place_fit(m.event.location, p, rules) for p in cluster.places]
        if None in fits:
            return None
        score += max(f for f in fits if f is not None)
    if m.event.article_id not in {x.event.article_id for x in cluster.members}:
        score += 0.5  # another outlet's report of it, rather than the same article again
    return score


def _place_fit(a: Location, b: Location, rules: Rules) -> float | None:
    """1 for the same place, 0.5 for nested places, None for places that cannot coincide."""
    if a.country and b.country and a.country != b.country:
        return None
    if a.name == b.name:
        return 1.0
    ra, rb = _PLACE_RANK.get(a.feature or "", 3), _PLACE_RANK.get(b.feature or "", 3)
    if ra <= 1 and rb <= 1 and None not in (a.lat, a.lon, b.lat, b.lon):
        if _km(a, b) > rules.max_distance_km:
            return None
        return 0.75
    apart = a.admin1 and b.admin1 and a.admin1 != b.admin1
    if ra <= 2 and rb <= 2 and apart and not (_province_of(a, b) or _province_of(b, a)):
        return None
    return 0.5


def _province_of(a: Location, b: Location) -> bool:
    return a.feature == "admin1" and a.name == b.admin1


def _km(a: Location, b: Location) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --------------------------------------------------------------------------- fusing


def fuse(
    events: Iterable[Event],
    articles: Mapping[str, Article],
    copies: Mapping[str, str] | None = None,
    stories: Mapping[str, str] | None = None,
) -> list[FusedEvent]:
    """Fuse event mentions into happenings; every input event is a mention of exactly one
    fused event. `copies` maps a copy's id to its original's, `stories` an article's id to
    its story (without it, all articles are one story)."""
    rules_ = rules()
    copies, stories = copies or {}, stories or {}
    mentions = [_mention(e, articles, copies, stories, rules_) for e in events]
    fused = [_fused(c, rules_) for c in _cluster(mentions, rules_)]
    fused.sort(key=lambda f: (f.date or "9999", f.story_id or "", f.id))
    return fused


def _cluster(mentions: list[_Mention], rules: Rules) -> list[_Cluster]:
    mentions = sorted(
        mentions,
        key=lambda m: (-m.specificity, m.published, m.event.article_id,
                       m.event.evidence.sentence, m.event.evidence.start, m.event.id),
    )  # fmt: skip
    clusters: list[_Cluster] = []
    blocks: dict[tuple[str, str], _Block] = defaultdict(_Block)
    for m in mentions:
        key = (rules.family_of(m.event.event_type), rules.modality_of(m.event))
        block = blocks[key]
        best, best_score = None, -1.0
        for cluster in block.candidates(m.span):
            score = _score(cluster, m, rules)
            if score is not None and score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = _Cluster(*key)
            clusters.append(best)
            block.register(best, m.span)
        best.add(m)
    return clusters


class _Block:
    """The fused events of one type family and modality, found by the days they may fall
    on, so a mention is compared only with those whose dates can overlap its own (a
    cluster's span only narrows as mentions join, so the days it was filed under stay a
    superset). Candidates come in creation order, as a full scan would meet them."""

    def __init__(self) -> None:
        self.order: dict[int, int] = {}
        self.by_day: dict[date, list[_Cluster]] = defaultdict(list)
        self.undated: list[_Cluster] = []
        self.all: list[_Cluster] = []

    def register(self, cluster: _Cluster, span: tuple[date, date] | None) -> None:
        self.order[id(cluster)] = len(self.all)
        self.all.append(cluster)
        if span is None:
            self.undated.append(cluster)
            return
        day = span[0]
        while day <= span[1]:
            self.by_day[day].append(cluster)
            day += timedelta(days=1)

    def candidates(self, span: tuple[date, date] | None) -> list[_Cluster]:
        if span is None:
            return self.all
        found = {id(c): c for c in self.undated}
        day = span[0]
        while day <= span[1]:
            for c in self.by_day.get(day, ()):
                found[id(c)] = c
            day += timedelta(days=1)
        return sorted(found.values(), key=lambda c: self.order[id(c)])


def _fused(cluster: _Cluster, rules: Rules) -> FusedEvent:
    members = cluster.members
    lead = members[0]  # the most informative mention founded the cluster
    outlets = {m.outlet for m in members}
    first = min(members, key=lambda m: (m.published, m.event.article_id))
    type_votes = _votes(members, lambda m: m.event.event_type)
    event_type = max(type_votes, key=lambda t: (len(type_votes[t]), t == lead.event.event_type))
    typed = [m for m in members if m.event.event_type == event_type]
    coded = lead if lead.event.event_type == event_type else typed[0]
    date_votes = _votes(members, lambda m: m.event.date)
    dated = min(
        members,
        key=lambda m: (
            not m.stated,
            _precision(m.event),
            rules.basis_rank.get(m.event.date_basis or "unresolved", 99),
            -len(date_votes.get(m.event.date, ())),
        ),
    )
    placed = _best_place(members)
    event = lead.event
    ids = sorted(m.event.id for m in members)
    fused = FusedEvent(
        id="F" + hashlib.sha1("|".join(ids).encode()).hexdigest()[:15],
        article_id=event.article_id,  # the article `evidence` is quoted from
        event_type=event_type,
        mode=coded.event.mode,
        cameo=coded.event.cameo,
        goldstein=coded.event.goldstein,
        quad=coded.event.quad,
        actor=_side(members, "actor"),
        recipient=_side(members, "recipient"),
        evidence=event.evidence,
        trigger=coded.event.trigger,
        date=dated.event.date,
        date_text=dated.event.date_text,
        date_basis=dated.event.date_basis,
        date_value=dated.event.date_value,
        location=placed.event.location if placed else None,
        dead=_figure(members, "dead"),
        injured=_figure(members, "injured"),
        negated=event.negated,
        modality=Counter(m.event.modality for m in members).most_common(1)[0][0],
        speaker=_speaker(members),
        story_id=first.story,
        mentions=[
            Mention(m.event.id, m.event.article_id, m.source, m.event.evidence, m.copy_of)
            for m in sorted(members, key=_reading_order)
        ],
        n_articles=len({m.event.article_id for m in members}),
        n_sources=len(outlets),
    )
    fused.disagreements = _disagreements(members)
    if len(outlets) > 1:
        fused.single_source = _single_source(members)
    return fused


def _reading_order(m: _Mention) -> tuple[str, str, int]:
    return m.published, m.event.article_id, m.event.evidence.start


def _precision(event: Event) -> int:
    value = event.date_value or ""
    if full_day(value) is not None:
        return 0
    return 1 if "-W" in value else 2


def _votes(members: list[_Mention], value: Any) -> dict[Any, set[str]]:
    """Value → the outlets giving it (None values left out)."""
    votes: dict[Any, set[str]] = defaultdict(set)
    for m in members:
        v = value(m)
        if v is not None:
            votes[v].add(m.outlet)
    return votes


def _side(members: list[_Mention], side: str) -> list[ActorRef]:
    """The side's coding most outlets give, ties to the more specific (sectors named)."""
    options: dict[tuple[str, ...], list[ActorRef]] = {}
    votes: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for m in members:
        refs = getattr(m.event, side)
        key = tuple(sorted(r.code or "" for r in refs if r.code))
        if key:
            options.setdefault(key, refs)
            votes[key].add(m.outlet)
    if not votes:
        return list(getattr(members[0].event, side))
    best = max(votes, key=lambda k: (len(votes[k]), sum(len(c) > 3 for c in k), len(k)))
    return list(options[best])


def _best_place(members: list[_Mention]) -> _Mention | None:
    placed = [m for m in members if m.event.location is not None]
    if not placed:
        return None
    votes = _votes(placed, lambda m: m.event.location.name)  # type: ignore[union-attr]
    return min(
        placed,
        key=lambda m: (
            _PLACE_RANK.get(m.event.location.feature or "", 3),  # type: ignore[union-attr]
            -len(votes[m.event.location.name]),  # type: ignore[union-attr]
        ),
    )


def _figure(members: list[_Mention], name: str) -> int | None:
    votes = _votes(members, lambda m: getattr(m.event, name))
    if not votes:
        return None
    return max(votes, key=lambda v: (len(votes[v]), v))


def _speaker(members: list[_Mention]) -> ActorRef | None:
    spoken = [m.event.speaker for m in members if m.event.speaker is not None]
    if not spoken:
        return None
    votes = Counter(_speaker_name(s) for s in spoken)
    best = votes.most_common(1)[0][0]
    return next(s for s in spoken if _speaker_name(s) == best)


def _speaker_name(ref: ActorRef) -> str:
    return ref.name or ref.text


def _disagreements(members: list[_Mention]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def report(name: str, votes: dict[Any, set[str]]) -> None:
        outlets = list(votes.values())
        if any(len(a | b) > 1 for i, a in enumerate(outlets) for b in outlets[i + 1 :]):
            values = [{"value": v, "sources": sorted(s)} for v, s in votes.items()]
            values.sort(key=lambda x: (-len(x["sources"]), str(x["value"])))
            found.append({"field": name, "values": values})

    report("date", _votes(
        [m for m in members if m.stated and _precision(m.event) == 0], lambda m: m.event.date
    ))  # fmt: skip
    places = [m for m in members if m.event.location is not None]
    if any(
        _place_fit(a.event.location, b.event.location, rules()) is None  # type: ignore[arg-type]
        for i, a in enumerate(places) for b in places[i + 1 :]
    ):  # fmt: skip
        report("place", _votes(places, lambda m: m.event.location.name))  # type: ignore[union-attr]
    report("dead", _votes(members, lambda m: m.event.dead))
    report("injured", _votes(members, lambda m: m.event.injured))
    for side in ("actor", "recipient"):
        report(side, _votes(members, lambda m, side=side: _full_code(getattr(m.event, side))))
    report("attribution", _votes(
        members, lambda m: _speaker_name(m.event.speaker) if m.event.speaker else None
    ))  # fmt: skip
    return found


def _full_code(refs: list[ActorRef]) -> str | None:
    """A side's codes when every actor on it has a sector (a bare country agrees with any)."""
    codes = [r.code for r in refs if r.code]
    if not codes or any(r.sector is None for r in refs if r.code):
        return None
    return "+".join(sorted(codes))


def _single_source(members: list[_Mention]) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = []
    facts.extend(_single_source_places(members))
    fields: list[tuple[str, Any]] = [
        ("date", lambda m: m.event.date if m.stated else None),
        ("dead", lambda m: m.event.dead),
        ("injured", lambda m: m.event.injured),
        ("attribution", lambda m: _speaker_name(m.event.speaker) if m.event.speaker else None),
    ]
    for name, value in fields:
        for v, outlets in _votes(members, value).items():
            if len(outlets) == 1:
                facts.append({"field": name, "value": v, "source": next(iter(outlets))})
    return facts


def _single_source_places(members: list[_Mention]) -> list[dict[str, Any]]:
    """Each outlet's most precise place for the event, when no other outlet gives that
    place or a finer one within it ("Panjgur" when the others only say "Balochistan")."""
    best: dict[str, Location] = {}
    for m in members:
        loc = m.event.location
        if loc is not None and (
            m.outlet not in best or _PLACE_RANK.get(loc.feature or "", 3)
            < _PLACE_RANK.get(best[m.outlet].feature or "", 3)
        ):  # fmt: skip
            best[m.outlet] = loc
    facts = []
    for outlet, loc in best.items():
        rank = _PLACE_RANK.get(loc.feature or "", 3)
        confirmed = any(
            other != outlet
            and _PLACE_RANK.get(o.feature or "", 3) <= rank
            and _place_fit(loc, o, rules()) is not None
            for other, o in best.items()
        )
        if not confirmed:
            facts.append({"field": "place", "value": loc.name, "source": outlet})
    return facts
