"""Ingest: code new articles and store them with their copies and stories.

The library side of ``crisiswire ingest``: the command only draws the progress bar and
prints the summary. The copy finder and the story clusterer are online, so they are
rebuilt from the stored articles (in the order they were stored) before new ones arrive;
that is also what makes a rerun after an interrupted ingest end where a clean run would.

Fusion runs last, over every stored event, whenever a story's articles changed since the
last fusion (`Store.stale_stories`); a run killed before fusing leaves stale stories that
the next run fuses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from crisiswire.model import Article, ArticleAnalysis, Event
from crisiswire.store.db import Store
from crisiswire.stories import CopyFinder, StoryClusterer
from crisiswire.stories.fusion import fuse


@dataclass(slots=True)
class IngestCounts:
    known: int = 0
    """Articles whose text was stored already (skipped before parsing)."""
    duplicate_ids: int = 0
    stored: int = 0
    events: int = 0
    copies: int = 0
    fused_stories: int = 0
    """Stories whose events were (re)fused."""


def ingest(
    articles: Iterable[Article],
    store: Store,
    jobs: int = 1,
    on_duplicate_id: Callable[[Article], None] | None = None,
    on_stored: Callable[[ArticleAnalysis, IngestCounts], None] | None = None,
) -> IngestCounts:
    """Code and store every article not stored yet; returns what was done."""
    from crisiswire.engines import analyse_articles

    counts = IngestCounts()
    copies, stories = _rebuild(store)

    def new() -> Iterator[Article]:
        for article in articles:
            if store.has(article):
                counts.known += 1
            elif store.id_taken(article):
                counts.duplicate_ids += 1
                if on_duplicate_id is not None:
                    on_duplicate_id(article)
            else:
                yield article

    fresh = new()
    first = next(fresh, None)
    if first is None:  # nothing new: do not load the pipeline at all
        counts.fused_stories = fuse_stale(store)
        return counts
    for analysis in analyse_articles(_chain(first, fresh), jobs=jobs):
        if not store.add(analysis):
            continue
        article = analysis.article
        counts.stored += 1
        counts.events += len(analysis.events)
        if copies.add(article) is not None:
            counts.copies += 1
            store.record_copies(copies.links.values())
        story = stories.add(article, analysis, copies.original_of.get(article.id))
        store.record_story(article.id, story)
        if on_stored is not None:
            on_stored(analysis, counts)
    counts.fused_stories = fuse_stale(store)
    return counts


def fuse_stale(store: Store) -> int:
    """Fuse all events again when any story changed since the last fusion (a strike can
    be recalled by a later story, so fusion spans stories); returns the stories changed."""
    stale = store.stale_stories()
    if stale:
        fused = fuse(store.events(), store.article_headers(), store.copies(), store.story_map())
        store.replace_fused(fused)
    return len(stale)


def _rebuild(store: Store) -> tuple[CopyFinder, StoryClusterer]:
    copies, stories = CopyFinder(), StoryClusterer()
    events_of: dict[str, list[Event]] = {}
    for event in store.events():
        events_of.setdefault(event.article_id, []).append(event)
    for article in store.articles():
        copy = copies.add(article)
        analysis = ArticleAnalysis(article, events=events_of.get(article.id, []))
        story = stories.add(article, analysis, copy.original_id if copy else None)
        store.record_story(article.id, story)  # a run killed between the writes
    store.record_copies(copies.links.values())
    return copies, stories


def _chain(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest
