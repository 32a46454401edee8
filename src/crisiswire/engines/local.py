"""Run the NLP stage over a stream of articles on this machine, in one or N processes.

Memory stays bounded whatever the corpus size: articles are taken from the input stream in
small chunks and at most ``2 × jobs`` chunks are in flight; results come back in input order.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from crisiswire.model import Article, ArticleAnalysis, Event

CHUNK = 8


def _analyse_chunk(articles: list[Article]) -> list[ArticleAnalysis]:
    from crisiswire.nlp import parse_articles
    from crisiswire.nlp.records import analysis_of

    return [analysis_of(doc, a) for a, doc in parse_articles(articles)]


def analyse_articles(
    articles: Iterable[Article], jobs: int = 1, chunk_size: int = CHUNK
) -> Iterator[ArticleAnalysis]:
    """Each article's events, quotes, time expressions and places, in input order.
    ``jobs=0`` uses every core."""
    jobs = os.cpu_count() or 1 if jobs == 0 else max(1, jobs)
    stream = iter(articles)
    if jobs == 1:
        from crisiswire.nlp import parse_articles
        from crisiswire.nlp.records import analysis_of

        for article, doc in parse_articles(stream):
            yield analysis_of(doc, article)
        return
    window: deque[Future[list[ArticleAnalysis]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        while True:
            while len(window) < 2 * jobs:
                chunk = list(islice(stream, chunk_size))
                if not chunk:
                    break
                window.append(pool.submit(_analyse_chunk, chunk))
            if not window:
                return
            yield from window.popleft().result()


def extract_events(
    articles: Iterable[Article], jobs: int = 1, chunk_size: int = CHUNK
) -> Iterator[tuple[Article, list[Event]]]:
    """Yield each article with its events, in input order. ``jobs=0`` uses every core."""
    for analysis in analyse_articles(articles, jobs, chunk_size):
        yield analysis.article, analysis.events
