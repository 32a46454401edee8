"""Gather a situation report from the store: what the HTML and Markdown pages show.

A report covers one story (``--story``) or the whole database. Everything in it comes from
stored records and points back to the articles it came from: each article gets a citation
number (in publication order), and every summary sentence, timeline row, quote, difference
and corroboration row carries the numbers of the articles that report it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from crisiswire.analytics.escalation import Escalation, escalation
from crisiswire.model import ActorRef, Article, FusedEvent, Quote
from crisiswire.report.charts import (
    MapPoint,
    NetworkEdge,
    NetworkNode,
    actor_network,
    escalation_chart,
    event_map,
)
from crisiswire.report.summary import Candidate, summarise
from crisiswire.store.db import Store
from crisiswire.stories.fusion import outlet_of

SUMMARY_SENTENCES = 6
_DATELINE = re.compile(
    r"^[A-Z][A-Z/ .'-]+(?:,\s*[A-Z][a-z]{2}\.? \d{1,2})?\s*(?:\([^)]*\))?\s*[-–—:]\s+"
)
"""A wire dateline opening a sentence ("ISLAMABAD, Jan 22 (Wire) - "): not news."""
MAX_QUOTES = 8
MAX_DYADS = 3
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that"}
"""A speaker left as a bare pronoun says nothing of who spoke: not a key quote."""
_VERBS = {
    "ASSAULT": "attacked", "COERCE": "coerced", "SANCTION": "took measures against",
    "THREATEN": "threatened", "PROTEST": "protested against", "ACCUSE": "accused",
    "REJECT": "rejected", "REQUEST": "called on", "CONSULT": "held talks with",
    "AGREE": "agreed with", "SUPPORT": "supported", "COOPERATE": "cooperated with",
    "AID": "aided", "RETREAT": "stepped back from", "MOBILIZE": "mobilised against",
    "CONCEDE": "conceded to",
}  # fmt: skip


class ReportError(ValueError):
    """The report cannot be made (an unknown story, an empty database)."""


@dataclass(slots=True)
class Citation:
    number: int
    article_id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    origin: str


@dataclass(slots=True)
class Cited:
    """A line of the report with the citation numbers of the articles behind it."""

    text: str
    cites: list[int]
    detail: str = ""


@dataclass(slots=True)
class TimelineRow:
    date: str
    what: str
    place: str
    tolls: str
    n_sources: int
    cites: list[int]
    quad: int
    event_id: str


@dataclass(slots=True)
class DyadView:
    name: str
    escalation: Escalation
    svg: str


@dataclass(slots=True)
class Report:
    title: str
    scope: str
    first: str | None
    last: str | None
    citations: list[Citation]
    summary: list[Cited]
    timeline: list[TimelineRow]
    dyads: list[DyadView]
    map_svg: str
    places: list[Cited]
    network_svg: str
    network_edges: list[Cited]
    quotes: list[Cited]
    corroboration: list[TimelineRow]
    differences: list[Cited]
    single_source: list[Cited]
    counts: dict[str, int] = field(default_factory=dict)


def build_report(store: Store, story: str | None = None) -> Report:
    """The report of one story, or of everything in the store."""
    stories = store.stories()
    if story is not None:
        chosen = [s for s in stories if s["story_id"] == story]
        if not chosen:
            known = ", ".join(s["story_id"] for s in stories[:5])
            raise ReportError(f"no story {story!r} in {store.path} (stories: {known} …)")
        ids = list(chosen[0]["article_ids"])
        title, scope = chosen[0]["title"] or "Untitled story", f"story {story}"
    else:
        ids = [i for s in stories for i in s["article_ids"]]
        title = "Situation report"
        scope = "1 story" if len(stories) == 1 else f"{len(stories)} stories"
    if not ids:
        raise ReportError(f"{store.path}: no articles stored (run crisiswire ingest first)")
    articles = store.articles_of(ids)
    citations = _citations(articles)
    number = {c.article_id: c.number for c in citations}
    fused = [
        f for f in store.fused_events(story) if any(m.article_id in number for m in f.mentions)
    ]
    happened = [f for f in fused if not f.negated]
    dates = sorted(a.published for a in articles if a.published)
    return Report(
        title=title,
        scope=scope,
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        citations=citations,
        summary=_summary(store, articles, fused, number),
        timeline=[_row(f, number) for f in happened],
        dyads=_dyads(happened),
        map_svg=_map(happened),
        places=_places(happened, number),
        network_svg=_network(happened),
        network_edges=_edges(happened, number),
        quotes=_quotes(store.quotes_of(ids), number),
        corroboration=[
            _row(f, number)
            for f in sorted(happened, key=lambda f: (-f.n_sources, -f.n_articles, f.date or ""))
            if f.n_sources > 1
        ],
        differences=_differences(fused, articles, number),
        single_source=_single_source(fused, articles, number),
        counts={
            "articles": len(articles),
            "outlets": len({c.outlet for c in citations}),
            "fused_events": len(fused),
            "corroborated": sum(f.n_sources > 1 for f in fused),
        },
    )


# --------------------------------------------------------------------------- parts


def _citations(articles: list[Article]) -> list[Citation]:
    return [
        Citation(n, a.id, _outlet(a), a.title or a.id, a.published, a.url, a.origin)
        for n, a in enumerate(articles, start=1)
    ]


def _outlet(article: Article) -> str:
    return outlet_of(article.id, article)


def _cites(ids: list[str], number: dict[str, int]) -> list[int]:
    return sorted({number[i] for i in ids if i in number})


def actor_label(refs: list[ActorRef]) -> str:
    if not refs:
        return "?"
    return " + ".join(dict.fromkeys(r.code or r.name or r.text for r in refs))


def describe(f: FusedEvent) -> str:
    """One line for a fused event: "IRNMIL attacked PAK" with its PLOVER and CAMEO codes."""
    verb = _VERBS.get(f.event_type, f.event_type.lower())
    target = f" {actor_label(f.recipient)}" if f.recipient else ""
    modality = "" if f.modality in ("asserted", "reported-denial") else f" ({f.modality})"
    return (
        f"{actor_label(f.actor)} {verb}{target}{modality} — {f.event_type}, CAMEO {f.cameo}, "
        f"Goldstein {f.goldstein:+g}"
    )


def _row(f: FusedEvent, number: dict[str, int]) -> TimelineRow:
    tolls = []
    if f.dead is not None:
        tolls.append(f"{f.dead} dead")
    if f.injured is not None:
        tolls.append(f"{f.injured} injured")
    place = f.location.name if f.location else ""
    if f.location and f.location.country and f.location.feature != "country":
        place += f" ({f.location.country})"
    return TimelineRow(
        date=f.date or "undated",
        what=describe(f),
        place=place,
        tolls=", ".join(tolls),
        n_sources=f.n_sources,
        cites=_cites([m.article_id for m in f.mentions], number),
        quad=f.quad,
        event_id=f.id,
    )


def _summary(
    store: Store, articles: list[Article], fused: list[FusedEvent], number: dict[str, int]
) -> list[Cited]:
    """Extractive: sentences carrying corroborated events weigh more. Each cites its own
    article first, then, for every other outlet reporting the events in it, that outlet's
    first article: the corroboration, without listing every reprint and follow-up."""
    backing: dict[tuple[str, int], set[str]] = defaultdict(set)
    weight: dict[tuple[str, int], float] = defaultdict(lambda: 1.0)
    for f in fused:
        boost = 1 + math.log2(max(f.n_sources, 1))
        for m in f.mentions:
            key = (m.article_id, m.evidence.sentence)
            backing[key] |= {x.article_id for x in f.mentions}
            weight[key] = max(weight[key], boost)
    candidates = []
    for article in articles:
        for s in store.sentences_of(article.id):
            text = _DATELINE.sub("", article.text[s.start : s.end].strip())
            if len(text.split()) < 6:
                continue
            key = (article.id, s.index)
            candidates.append(
                Candidate(text, article.id, _outlet(article), s.index, s.start, s.end, weight[key])
            )
    chosen = summarise(candidates, max_sentences=SUMMARY_SENTENCES)
    rows = []
    for c in chosen:
        first_of: dict[str, int] = {}
        for n in _cites(list(backing[(c.article_id, c.index)]), number):
            first_of.setdefault(_outlet(articles[n - 1]), n)  # citation n is articles[n - 1]
        first_of.pop(c.source or "", None)
        rows.append(Cited(c.text, [number[c.article_id], *sorted(first_of.values())]))
    return rows


def _dyads(fused: list[FusedEvent]) -> list[DyadView]:
    pairs: Counter[tuple[str, str]] = Counter()
    for f in fused:
        for a in {r.country for r in f.actor if r.country}:
            for b in {r.country for r in f.recipient if r.country}:
                if a != b:
                    pairs[tuple(sorted((a, b)))] += 1  # type: ignore[index]
    views = []
    for pair, n in pairs.most_common(MAX_DYADS):
        if n < 2 and views:
            break
        result = escalation(fused, pair)
        if not result.days:
            continue
        name = "–".join(pair)
        series = [(d.date, d.index, d.events) for d in result.days]
        turns = [t["date"] for t in result.turning_points]
        svg = escalation_chart(series, f"Escalation index {name}", turns)
        views.append(DyadView(name, result, svg))
    return views


def _kind(f: FusedEvent) -> str:
    if f.quad in (1, 2):
        return "cooperation"
    return "conflict" if f.quad in (3, 4) else "other"


def _map(fused: list[FusedEvent]) -> str:
    placed: dict[tuple[float, float, str], list[FusedEvent]] = defaultdict(list)
    for f in fused:
        loc = f.location
        if loc is not None and loc.lat is not None and loc.lon is not None:
            placed[(loc.lat, loc.lon, loc.name)].append(f)
    points = []
    for (lat, lon, name), events in sorted(placed.items()):
        kinds = Counter(_kind(f) for f in events)
        weight = sum(f.n_sources for f in events)
        points.append(MapPoint(lat, lon, name, weight, kinds.most_common(1)[0][0]))
    countries = {r.country for f in fused for r in [*f.actor, *f.recipient] if r.country}
    return event_map(points, "Where the events took place", highlight=sorted(countries))


def _places(fused: list[FusedEvent], number: dict[str, int]) -> list[Cited]:
    by_place: dict[str, list[FusedEvent]] = defaultdict(list)
    for f in fused:
        if f.location is not None:
            by_place[f.location.name].append(f)
    rows = []
    for name, events in sorted(by_place.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        loc = events[0].location
        assert loc is not None
        where = f"{loc.lat:.2f}, {loc.lon:.2f}" if loc.lat is not None else "no coordinates"
        kinds = ", ".join(sorted({f.event_type for f in events}))
        ids = [m.article_id for f in events for m in f.mentions]
        n = "1 event" if len(events) == 1 else f"{len(events)} events"
        text = f"{name} ({loc.country or '?'}; {where}): {n}, {kinds}"
        rows.append(Cited(text, _cites(ids, number)))
    return rows


def _network_counts(fused: list[FusedEvent]) -> dict[tuple[str, str], list[FusedEvent]]:
    edges: dict[tuple[str, str], list[FusedEvent]] = defaultdict(list)
    for f in fused:
        for a in {r.code for r in f.actor if r.code}:
            for b in {r.code for r in f.recipient if r.code}:
                if a != b:
                    edges[(a, b)].append(f)
    return edges


def _network(fused: list[FusedEvent]) -> str:
    edges = _network_counts(fused)
    weight: Counter[str] = Counter()
    for (a, b), events in edges.items():
        weight[a] += len(events)
        weight[b] += len(events)
    nodes = [NetworkNode(code, code, n) for code, n in sorted(weight.items())]
    links = [
        NetworkEdge(a, b, len(events), Counter(_kind(f) for f in events).most_common(1)[0][0])
        for (a, b), events in sorted(edges.items())
    ]
    return actor_network(nodes, links, "Who acted on whom")


def _edges(fused: list[FusedEvent], number: dict[str, int]) -> list[Cited]:
    rows = []
    for (a, b), events in sorted(_network_counts(fused).items(), key=lambda kv: -len(kv[1])):
        types = Counter(f.event_type for f in events)
        what = ", ".join(f"{t} ×{n}" for t, n in types.most_common())
        ids = [m.article_id for f in events for m in f.mentions]
        rows.append(Cited(f"{a} → {b}: {what}", _cites(ids, number)))
    return rows


def _quotes(quotes: list[Quote], number: dict[str, int]) -> list[Cited]:
    """Direct quotes of coded, named speakers first and longer ones first; one per speaker
    until every speaker has one, and never the same words twice (syndicated copies)."""

    def rank(q: Quote) -> tuple[int, int, int, int]:
        speaker = q.speaker
        assert speaker is not None
        coded = (speaker.country is not None) + (speaker.name is not None)
        return (-coded, -len(q.text.split()), number.get(q.article_id, 0), q.start)

    usable = [
        q
        for q in quotes
        if q.direct
        and q.speaker is not None
        and (q.speaker.name or q.speaker.text.lower() not in _PRONOUNS)
        and 6 <= len(q.text.split()) <= 80
    ]
    ranked = sorted(usable, key=rank)
    chosen: list[Quote] = []
    seen: set[str] = set()
    for first_pass in (True, False):
        speakers = {(q.speaker.name or q.speaker.text) for q in chosen}  # type: ignore[union-attr]
        for q in ranked:
            who = q.speaker.name or q.speaker.text  # type: ignore[union-attr]
            words = " ".join(q.text.lower().split())[:80]
            if len(chosen) >= MAX_QUOTES or words in seen or (first_pass and who in speakers):
                continue
            seen.add(words)
            speakers.add(who)
            chosen.append(q)
    chosen.sort(key=lambda q: (number.get(q.article_id, 0), q.start))
    rows = []
    for q in chosen:
        speaker = q.speaker
        assert speaker is not None
        code = f", {speaker.code}" if speaker.code else ""
        who = speaker.name or speaker.text
        rows.append(Cited(q.text.strip(), _cites([q.article_id], number), f"{who}{code}"))
    return rows


def _outlet_cites(
    outlets: list[str], f: FusedEvent, articles: list[Article], number: dict[str, int]
) -> list[int]:
    """The citation numbers of the event's articles from these outlets (a copy counts as
    its original's outlet, as in fusion)."""
    by_id = {a.id: a for a in articles}
    bases = {m.article_id: m.copy_of or m.article_id for m in f.mentions}
    ids = [a for a, base in bases.items() if outlet_of(base, by_id.get(base)) in outlets]
    return _cites(ids, number)


_FIELD_ORDER = ["date", "place", "dead", "injured", "actor", "recipient", "attribution"]
"""What an analyst checks first when outlets differ: when, where, how many; then who."""


def _differences(
    fused: list[FusedEvent], articles: list[Article], number: dict[str, int]
) -> list[Cited]:
    rows = []
    for f in fused:
        for d in f.disagreements:
            parts = [f"{', '.join(v['sources'])}: {v['value']}" for v in d["values"]]
            outlets = [s for v in d["values"] for s in v["sources"]]
            where = _outlet_cites(outlets, f, articles, number)
            detail = f"{d['field']} — " + "; ".join(parts)
            rank = _FIELD_ORDER.index(d["field"])
            rows.append((rank, Cited(f"{f.date or 'undated'} · {describe(f)}", where, detail)))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def _single_source(
    fused: list[FusedEvent], articles: list[Article], number: dict[str, int]
) -> list[Cited]:
    rows = []
    for f in fused:
        for fact in f.single_source:
            where = _outlet_cites([fact["source"]], f, articles, number)
            detail = f"only {fact['source']} reports {fact['field']} {fact['value']}"
            rows.append(Cited(f"{f.date or 'undated'} · {describe(f)}", where, detail))
    return rows


def period(report: Report) -> str:
    if not report.first:
        return "undated"
    first, last = date.fromisoformat(report.first[:10]), date.fromisoformat(report.last[:10])  # type: ignore[index]
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
