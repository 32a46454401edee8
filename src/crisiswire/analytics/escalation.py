"""The escalation index of a pair of countries (a dyad), day by day, from fused events.

For each day *d* from the dyad's first event to its last::

    score(d) = Σ  g(e) · w(e)          over the fused events e of the dyad dated d
    index(d) = DECAY · index(d − 1) + score(d)
    w(e)     = log2(1 + n_sources(e))  (1 for one outlet, 1.58 for two, 2 for three)

*g* is the event's Goldstein score (−10 war … +10 cooperation), so a falling index is
escalation and a rising one de-escalation. An event belongs to the dyad when one country
is among its actors and the other among its targets, in either direction. Negated events
and those that have not happened (intent, hypothetical) are left out; threats count with
their own (negative) Goldstein score. Corroboration weighs: an event five outlets report
moves the index more than a rumour one outlet carries, but not five times more.

``DECAY`` (0.5, a half-life of one day) carries the weight of a strike into the days
after it, so a quiet day after a strike is still a tense day, while a day of talks lifts
the index without erasing what came before.

The trend is the sign of the index's change over the last `TREND_DAYS` days; a turning
point is the first day the index rises after falling (``upturn``), or the reverse.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from crisiswire.model import FusedEvent

DECAY = 0.5
TREND_DAYS = 3
_NOT_HAPPENED = {"intent", "hypothetical"}


@dataclass(slots=True)
class Day:
    date: str
    index: float
    events: int
    score: float
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"date": self.date, "index": round(self.index, 3), "events": self.events,
                "score": round(self.score, 3), "event_ids": self.event_ids}  # fmt: skip


@dataclass(slots=True)
class Escalation:
    dyad: tuple[str, str]
    days: list[Day]
    trend: str
    """``escalating``, ``de-escalating`` or ``steady`` over the last days."""
    turning_points: list[dict[str, str]]
    """``{date, kind}`` with kind ``upturn`` (stops falling) or ``downturn``."""


def parse_dyad(text: str) -> tuple[str, str]:
    """``"PAK-IRN"`` → ``("PAK", "IRN")``; raises ValueError for anything else."""
    parts = text.upper().replace("–", "-").split("-")
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise ValueError(f"{text!r} is not a dyad of two ISO 3166 alpha-3 codes like PAK-IRN")
    if parts[0] == parts[1]:
        raise ValueError(f"{text!r} names one country twice")
    return parts[0], parts[1]


def in_dyad(event: FusedEvent, dyad: tuple[str, str]) -> bool:
    actors = {a.country for a in event.actor}
    targets = {r.country for r in event.recipient}
    a, b = dyad
    return (a in actors and b in targets) or (b in actors and a in targets)


def counts(event: FusedEvent) -> bool:
    """Whether an event moves the index: it happened (or was threatened) and has a date."""
    return not event.negated and event.modality not in _NOT_HAPPENED and event.date is not None


def weight(event: FusedEvent) -> float:
    return math.log2(1 + max(event.n_sources, 1))


def escalation(events: Iterable[FusedEvent], dyad: tuple[str, str]) -> Escalation:
    """The dyad's daily index, trend and turning points."""
    by_day: dict[date, list[FusedEvent]] = {}
    for event in events:
        if in_dyad(event, dyad) and counts(event):
            day = date.fromisoformat(event.date[:10])  # type: ignore[index]
            by_day.setdefault(day, []).append(event)
    days: list[Day] = []
    if by_day:
        index = 0.0
        day, last = min(by_day), max(by_day)
        while day <= last:
            todays = by_day.get(day, [])
            score = sum(e.goldstein * weight(e) for e in todays)
            index = DECAY * index + score
            days.append(Day(day.isoformat(), index, len(todays), score, [e.id for e in todays]))
            day += timedelta(days=1)
    return Escalation(dyad, days, _trend(days), _turning_points(days))


def _trend(days: list[Day]) -> str:
    if len(days) < 2:
        return "steady"
    window = days[-(TREND_DAYS + 1) :]
    change = window[-1].index - window[0].index
    if abs(change) < 0.5:
        return "steady"
    return "de-escalating" if change > 0 else "escalating"


def _turning_points(days: list[Day]) -> list[dict[str, str]]:
    points: list[dict[str, str]] = []
    direction = 0
    for before, after in itertools.pairwise(days):
        step = after.index - before.index
        now = (step > 1e-9) - (step < -1e-9)
        if now and direction and now != direction:
            points.append({"date": after.date, "kind": "upturn" if now > 0 else "downturn"})
        if now:
            direction = now
    return points
