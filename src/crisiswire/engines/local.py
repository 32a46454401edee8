"""Run event coding over a stream of articles on this machine, in one or N processes.

Memory stays bounded whatever the corpus size: articles are taken from the input stream in
small chunks and at most ``2 × jobs`` chunks are in flight; results come back in input order.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from crisiswire.model import Article, Event

CHUNK = 8


def _code_chunk(articles: list[Article]) -> list[tuple[str, list[Event]]]:
    from crisiswire.events.records import doc_events
    from crisiswire.nlp import parse_articles

    return [(a.id, doc_events(doc, a)) for a, doc in parse_articles(articles)]


def extract_events(
    articles: Iterable[Article], jobs: int = 1, chunk_size: int = CHUNK
) -> Iterator[tuple[Article, list[Event]]]:
    """Yield each article with its events, in input order. ``jobs=0`` uses every core."""
    jobs = os.cpu_count() or 1 if jobs == 0 else max(1, jobs)
    stream = iter(articles)
    if jobs == 1:
        from crisiswire.events.records import doc_events
        from crisiswire.nlp import parse_articles

        for article, doc in parse_articles(stream):
            yield article, doc_events(doc, article)
        return
    window: deque[tuple[list[Article], Future[list[tuple[str, list[Event]]]]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        while True:
            while len(window) < 2 * jobs:
                chunk = list(islice(stream, chunk_size))
                if not chunk:
                    break
                window.append((chunk, pool.submit(_code_chunk, chunk)))
            if not window:
                return
            chunk, future = window.popleft()
            for article, (_, events) in zip(chunk, future.result(), strict=True):
                yield article, events
