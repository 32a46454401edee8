"""The embedded store: one DuckDB file holding articles and everything found in them.

Each article is written in one transaction with its sentences, events, quotes, places and
time expressions, so an ingest killed midway leaves whole articles only, and a rerun adds
the rest; the ``copies`` table says which articles reprint which. Articles are keyed by
their content hash: storing the same text again (under any file name or id) changes
nothing. Every record is kept whole as JSON beside the columns analysts query, so what
comes back out is exactly what went in.

The schema is versioned in the ``meta`` table; a file written by a newer crisiswire is
refused with a clear message rather than misread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from crisiswire.model import Article, ArticleAnalysis, Event, FusedEvent, Quote, Sentence
from crisiswire.stories.copies import Copy

SCHEMA_VERSION = 1
DEFAULT_DB = "crisiswire.duckdb"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    hash VARCHAR PRIMARY KEY, id VARCHAR UNIQUE NOT NULL, source VARCHAR, url VARCHAR,
    title VARCHAR, published VARCHAR, published_basis VARCHAR, origin VARCHAR,
    n_events INTEGER, n_quotes INTEGER, ingested_at TIMESTAMP DEFAULT current_timestamp,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, event_type VARCHAR, mode VARCHAR,
    cameo VARCHAR, goldstein DOUBLE, quad INTEGER, actor_codes VARCHAR[],
    recipient_codes VARCHAR[], date VARCHAR, date_basis VARCHAR, place VARCHAR,
    country VARCHAR, lat DOUBLE, lon DOUBLE, dead INTEGER, injured INTEGER,
    negated BOOLEAN, modality VARCHAR, sentence INTEGER, start_char INTEGER,
    end_char INTEGER, record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, direct BOOLEAN,
    cue VARCHAR, speaker VARCHAR, speaker_country VARCHAR, record JSON NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    record JSON NOT NULL, PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS stories (article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS copies (
    article_id VARCHAR PRIMARY KEY, original_id VARCHAR NOT NULL, containment DOUBLE
);
CREATE TABLE IF NOT EXISTS fused_events (
    id VARCHAR PRIMARY KEY, story_id VARCHAR, story_ids VARCHAR[], event_type VARCHAR,
    cameo VARCHAR,
    goldstein DOUBLE, quad INTEGER, actor_countries VARCHAR[], recipient_countries VARCHAR[],
    date VARCHAR, place VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, dead INTEGER,
    injured INTEGER, negated BOOLEAN, modality VARCHAR, n_mentions INTEGER,
    n_articles INTEGER, n_sources INTEGER, record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS fused_stories (story_id VARCHAR PRIMARY KEY, n_articles INTEGER);
CREATE TABLE IF NOT EXISTS timexes (
    article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    type VARCHAR, value VARCHAR, record JSON NOT NULL, PRIMARY KEY (article_id, idx)
);
"""


class StoreError(RuntimeError):
    """The database cannot be used: the message says which file and why."""


class Store:
    """``with Store(path) as store: store.add(analysis)``; created on first use."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        try:
            self.db = duckdb.connect(str(self.path))
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open as a crisiswire database: {err}") from None
        self._migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType
    ) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        try:
            self.db.execute(_SCHEMA)
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: not a crisiswire database: {err}") from None
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('schema', ?)", [str(SCHEMA_VERSION)])
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer crisiswire (schema {row[0]}, this one "
                f"reads {SCHEMA_VERSION}); upgrade crisiswire to use it"
            )

    # -- writing ------------------------------------------------------------------------

    def has(self, article: Article) -> bool:
        """Whether this text is stored already (by content hash, whatever its id)."""
        found = self.db.execute("SELECT 1 FROM articles WHERE hash = ?", [article.hash])
        return found.fetchone() is not None

    def id_taken(self, article: Article) -> bool:
        """Whether another text is stored under this article's id."""
        found = self.db.execute(
            "SELECT 1 FROM articles WHERE id = ? AND hash <> ?", [article.id, article.hash]
        )
        return found.fetchone() is not None

    def add(self, analysis: ArticleAnalysis) -> bool:
        """Store one article with all its records in one transaction; False when its text
        was stored already."""
        article = analysis.article
        if self.has(article):
            return False
        db = self.db
        db.execute("BEGIN TRANSACTION")
        try:
            db.execute(
                "INSERT INTO articles (hash, id, source, url, title, published, "
                "published_basis, origin, n_events, n_quotes, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    article.hash, article.id, article.source, article.url, article.title,
                    article.published, article.published_basis, article.origin,
                    len(analysis.events), len(analysis.quotes), _json(article.to_dict()),
                ],
            )  # fmt: skip
            aid = article.id
            if analysis.sentences:
                db.executemany(
                    "INSERT INTO sentences VALUES (?, ?, ?, ?)",
                    [[aid, s.index, s.start, s.end] for s in analysis.sentences],
                )
            if analysis.events:
                db.executemany(
                    "INSERT INTO events VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [_event_row(e) for e in analysis.events],
                )
            if analysis.quotes:
                db.executemany(
                    "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            aid, n, q.start, q.end, q.direct, q.cue,
                            (q.speaker.name or q.speaker.text) if q.speaker else None,
                            q.speaker.country if q.speaker else None,
                            _json({**q.to_dict(), "article_id": aid}),
                        ]
                        for n, q in enumerate(analysis.quotes)
                    ],
                )  # fmt: skip
            if analysis.places:
                db.executemany(
                    "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            aid, n, p.start, p.end, p.text,
                            p.location.name if p.location else None,
                            p.location.country if p.location else None,
                            p.location.lat if p.location else None,
                            p.location.lon if p.location else None,
                            p.location.geonameid if p.location else None,
                            _json(asdict(p)),
                        ]
                        for n, p in enumerate(analysis.places)
                    ],
                )  # fmt: skip
            if analysis.timexes:
                db.executemany(
                    "INSERT INTO timexes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [aid, n, t.start, t.end, t.text, t.type, t.value, _json(asdict(t))]
                        for n, t in enumerate(analysis.timexes)
                    ],
                )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return True

    def record_story(self, article_id: str, story_id: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO stories VALUES (?, ?)", [article_id, story_id])

    def record_copies(self, copies: Iterable[Copy]) -> None:
        """Store which articles are copies of which (replacing what was known of them)."""
        rows = [[c.article_id, c.original_id, c.containment] for c in copies]
        if rows:
            self.db.executemany("INSERT OR REPLACE INTO copies VALUES (?, ?, ?)", rows)

    def replace_fused(self, fused: list[FusedEvent]) -> None:
        """Replace the fused events, noting each story's article count (a story whose
        count has moved on since is stale: `stale_stories`)."""
        db = self.db
        db.execute("BEGIN TRANSACTION")
        try:
            db.execute("DELETE FROM fused_events")
            db.execute("DELETE FROM fused_stories")
            if fused:
                stories = self.story_map()
                db.executemany(
                    "INSERT INTO fused_events VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [_fused_row(f, stories) for f in fused],
                )
            db.execute(
                "INSERT INTO fused_stories SELECT story_id, count(*) FROM stories GROUP BY 1"
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    # -- reading ------------------------------------------------------------------------

    def copies(self) -> dict[str, str]:
        """Copy → original article id: syndicated and near-identical texts."""
        return dict(self.db.execute("SELECT article_id, original_id FROM copies").fetchall())

    def stories(self) -> list[dict[str, Any]]:
        """Each story with its articles, outlets, independent sources (copies left out),
        dates and headline, largest first."""
        rows = self.db.execute(
            """
            SELECT s.story_id, count(*) AS n_articles,
                   count(DISTINCT a.source) AS n_outlets,
                   count(DISTINCT CASE WHEN c.article_id IS NULL THEN a.source END)
                       AS n_sources,
                   min(a.published) AS first, max(a.published) AS last,
                   arg_min(a.title, a.published) AS title,
                   list(a.id ORDER BY a.published) AS article_ids
            FROM stories s JOIN articles a ON a.id = s.article_id
            LEFT JOIN copies c ON c.article_id = a.id
            GROUP BY s.story_id ORDER BY n_articles DESC, first
            """
        ).fetchall()
        keys = ("story_id", "n_articles", "n_outlets", "n_sources", "first", "last", "title",
                "article_ids")  # fmt: skip
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def counts(self) -> dict[str, int]:
        tables = (
            "articles", "sentences", "events", "quotes", "places", "timexes", "copies", "stories",
            "fused_events",
        )  # fmt: skip
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def articles(self) -> Iterator[Article]:
        query = "SELECT record FROM articles ORDER BY ingested_at, id"
        for (record,) in self.db.execute(query).fetchall():
            yield Article.from_dict(json.loads(record))

    def events(self) -> Iterator[Event]:
        query = "SELECT record FROM events ORDER BY article_id, sentence, start_char, id"
        for (record,) in self.db.execute(query).fetchall():
            yield Event.from_dict(json.loads(record))

    def stale_stories(self) -> list[tuple[str, int]]:
        """Stories (with their article counts) whose fused events are missing or older
        than their articles."""
        return self.db.execute(
            """
            SELECT s.story_id, count(*) AS n FROM stories s GROUP BY s.story_id
            EXCEPT SELECT story_id, n_articles FROM fused_stories ORDER BY 1
            """
        ).fetchall()

    def article_headers(self) -> dict[str, Article]:
        """Every article's id, outlet, title and dates, without its text (fusion and the
        report's citations need no more, and texts would fill memory)."""
        rows = self.db.execute(
            "SELECT id, hash, source, url, title, published, published_basis, origin FROM articles"
        ).fetchall()
        return {
            r[0]: Article(r[0], r[1], "", [], source=r[2], url=r[3], title=r[4],
                          published=r[5], published_basis=r[6], origin=r[7])
            for r in rows
        }  # fmt: skip

    def articles_of(self, ids: Iterable[str]) -> list[Article]:
        """Whole articles (with their text), in publication order."""
        rows = self.db.execute(
            "SELECT record FROM articles WHERE list_contains(?, id) ORDER BY published, id",
            [list(ids)],
        ).fetchall()
        return [Article.from_dict(json.loads(r)) for (r,) in rows]

    def sentences_of(self, article_id: str) -> list[Sentence]:
        rows = self.db.execute(
            "SELECT idx, start_char, end_char FROM sentences WHERE article_id = ? ORDER BY idx",
            [article_id],
        ).fetchall()
        return [Sentence(*row) for row in rows]

    def quotes_of(self, ids: Iterable[str]) -> list[Quote]:
        rows = self.db.execute(
            "SELECT record FROM quotes WHERE list_contains(?, article_id) ORDER BY article_id, idx",
            [list(ids)],
        ).fetchall()
        return [Quote.from_dict(json.loads(r)) for (r,) in rows]

    def story_map(self) -> dict[str, str]:
        """Article id → story id."""
        return dict(self.db.execute("SELECT article_id, story_id FROM stories").fetchall())

    def fused_events(self, story_id: str | None = None) -> Iterator[FusedEvent]:
        """Fused events in date order: all, or those a story's articles report."""
        where, args = ("WHERE list_contains(story_ids, ?)", [story_id]) if story_id else ("", [])
        query = f"SELECT record FROM fused_events {where} ORDER BY date NULLS LAST, story_id, id"
        for (record,) in self.db.execute(query, args).fetchall():
            yield FusedEvent.from_dict(json.loads(record))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fused_row(f: FusedEvent, stories: dict[str, str]) -> list[Any]:
    location = f.location
    story_ids = sorted({stories[m.article_id] for m in f.mentions if m.article_id in stories})
    return [
        f.id, f.story_id, story_ids, f.event_type, f.cameo, f.goldstein, f.quad,
        sorted({a.country for a in f.actor if a.country}),
        sorted({r.country for r in f.recipient if r.country}), f.date,
        location.name if location else None, location.country if location else None,
        location.lat if location else None, location.lon if location else None,
        f.dead, f.injured, f.negated, f.modality, len(f.mentions), f.n_articles, f.n_sources,
        _json(f.to_dict()),
    ]  # fmt: skip


def _event_row(event: Event) -> list[Any]:
    location = event.location
    return [
        event.id, event.article_id, event.event_type, event.mode, event.cameo,
        event.goldstein, event.quad, [a.code or "" for a in event.actor],
        [r.code or "" for r in event.recipient], event.date, event.date_basis,
        location.name if location else None, location.country if location else None,
        location.lat if location else None, location.lon if location else None,
        event.dead, event.injured, event.negated, event.modality, event.evidence.sentence,
        event.evidence.start, event.evidence.end, _json(event.to_dict()),
    ]  # fmt: skip
