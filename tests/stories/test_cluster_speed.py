"""The indexed `StoryClusterer` makes exactly the choices of the plain scan it replaced.

`ReferenceClusterer` is that scan, kept here as the oracle: every live story scored in
live order, the first best one joined if it reaches the threshold. The articles are
synthetic (`synthetic_stream`): invented words drawn from overlapping topic vocabularies,
invented actors, dates around invented incidents, some copies, blanks and reused ids.
``bench/stories.py`` times the two on the same stream.
"""

from __future__ import annotations

import math
import random
from collections import Counter, OrderedDict
from datetime import date, timedelta

import numpy as np
import pytest

from crisiswire.model import ActorRef, Article, ArticleAnalysis, Event, Evidence, Paragraph
from crisiswire.stories import cluster
from crisiswire.stories.cluster import (
    _TOL,
    _WORD,
    MAX_LIVE,
    MAX_TERMS,
    STOP_WORDS,
    THRESHOLD,
    WINDOW_DAYS,
    Story,
    StoryClusterer,
    _actors,
    _day,
)

# --------------------------------------------------------------------------- the oracle


class ReferenceClusterer:
    """The scan `StoryClusterer` used before it had an index, line for line."""

    def __init__(
        self, threshold: float = THRESHOLD, max_live: int = MAX_LIVE, max_terms: int = MAX_TERMS
    ) -> None:
        self.threshold = threshold
        self.max_live = max_live
        self.max_terms = max_terms
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.live: OrderedDict[str, Story] = OrderedDict()
        self.story_of: dict[str, str] = {}

    def add(
        self,
        article: Article,
        analysis: ArticleAnalysis | None = None,
        original: str | None = None,
    ) -> str:
        terms = Counter(w for w in _WORD.findall(article.text.lower()) if w not in STOP_WORDS)
        self.n_docs += 1
        self.df.update(terms.keys())
        actors = _actors(analysis)
        day = _day(article.published)
        story = self.live.get(self.story_of.get(original, "")) if original else None
        if story is None:
            best = max(
                ((self._score(terms, actors, day, s), s) for s in self.live.values()),
                default=(0.0, None),
                key=lambda pair: pair[0],
            )
            story = best[1] if best[0] >= self.threshold else None
        if story is None:
            story = Story(article.id)
        self._join(story, article.id, terms, actors, day)
        return story.id

    def _score(
        self, terms: Counter[str], actors: set[str], day: date | None, story: Story
    ) -> float:
        score = self._cosine(terms, story.terms)
        if actors and story.actors:
            score = 0.8 * score + 0.2 * len(actors & story.actors) / len(actors | story.actors)
        if day is not None and story.first is not None and story.last is not None:
            gap = max((story.first - day).days, (day - story.last).days, 0)
            if gap > WINDOW_DAYS:
                score *= 0.5
        return score

    def _cosine(self, a: Counter[str], b: Counter[str]) -> float:
        if not a or not b:
            return 0.0
        idf = self._idf
        dot = sum(_tf(n) * _tf(b[w]) * idf(w) ** 2 for w, n in a.items() if w in b)
        if dot == 0:
            return 0.0
        norm_a = math.sqrt(sum((_tf(n) * idf(w)) ** 2 for w, n in a.items()))
        norm_b = math.sqrt(sum((_tf(n) * idf(w)) ** 2 for w, n in b.items()))
        return dot / (norm_a * norm_b)

    def _idf(self, word: str) -> float:
        return math.log((self.n_docs + 1) / (self.df[word] + 1)) + 1

    def _join(
        self, story: Story, article_id: str, terms: Counter[str], actors: set[str], day: date | None
    ) -> None:
        story.articles.append(article_id)
        story.terms.update(terms)
        if len(story.terms) > self.max_terms:
            story.terms = Counter(dict(story.terms.most_common(self.max_terms)))
        story.actors |= actors
        if day is not None:
            story.first = min(story.first or day, day)
            story.last = max(story.last or day, day)
        self.story_of[article_id] = story.id
        self.live[story.id] = story
        self.live.move_to_end(story.id)
        while len(self.live) > self.max_live:
            self.live.popitem(last=False)


def _tf(count: int) -> float:
    return 1 + math.log(count) if count else 0.0


# --------------------------------------------------------------------------- synthetic stream

Item = tuple[Article, ArticleAnalysis | None, str | None]
_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "kr", "st"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]
_CODAS = ["", "", "n", "r", "l", "s", "k", "m"]


def _invented_words(rng: random.Random, n: int) -> list[str]:
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < n:
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
            for _ in range(rng.randint(2, 3))
        )
        if word not in seen and word not in STOP_WORDS:
            seen.add(word)
            words.append(word)
    return words


def synthetic_stream(n: int, seed: int = 0, topics: int | None = None) -> list[Item]:
    """`n` invented articles (with analyses and copy originals) in arrival order.

    Each topic has its own words, shares some with the next topic, and all share a common
    pool; words are drawn with skewed weights so that counts repeat. A topic has a few
    incidents (base dates weeks apart) and four actors; articles fall within days of their
    incident, or carry no date, or an unreadable one. Some carry events naming actors
    (by name or only by country), some are copies of an earlier article, a few are blank,
    and a few reuse an earlier article's id."""
    rng = random.Random(seed)
    topics = topics or max(4, n // 25)
    words = _invented_words(rng, 300 + 150 * topics)
    common = words[:300]
    vocab = [words[300 + 150 * t : 300 + 150 * (t + 1)] for t in range(topics)]
    actors = [
        [ActorRef(f"Actor {t}-{k}", name=f"Actor {t}-{k}", country=f"C{t % 7}") for k in range(3)]
        + [ActorRef(f"people of C{t % 7}", country=f"C{t % 7}")]
        for t in range(topics)
    ]
    start = date(2024, 1, 1)
    incidents = [
        [start + timedelta(days=rng.randrange(0, 400)) for _ in range(rng.randint(1, 4))]
        for _ in range(topics)
    ]
    stream: list[Item] = []
    for i in range(n):
        t = rng.randrange(topics)
        own, near = vocab[t], vocab[(t + 1) % topics]
        sentences = []
        for _ in range(rng.randint(2, 12)):
            picks = []
            for _ in range(rng.randint(5, 14)):
                pool = rng.choices((own, common, near), weights=(5, 3, 2))[0]
                picks.append(pool[min(int(rng.expovariate(1 / 40)), len(pool) - 1)])
            sentences.append(" ".join(picks).capitalize() + ".")
        text = " ".join(sentences)
        original = None
        if stream and rng.random() < 0.05:
            source = rng.choice(stream)[0]
            text, original = source.text + " Ends.", source.id
        elif rng.random() < 0.02:
            text = ""
        roll = rng.random()
        if roll < 0.1:
            published = None
        elif roll < 0.12:
            published = "sometime"
        else:
            day = rng.choice(incidents[t]) + timedelta(days=rng.randint(-4, 4))
            published = day.isoformat() + "T08:00:00Z"
        article_id = f"a{i}"
        if stream and rng.random() < 0.01:
            article_id = rng.choice(stream)[0].id
        article = Article(article_id, f"h{i}", text, [Paragraph(0, len(text))], published=published)
        analysis = None
        if rng.random() < 0.5:
            events = [
                Event(
                    f"{article_id}-e{k}",
                    article_id,
                    "ACCUSE",
                    None,
                    "112",
                    -2.0,
                    3,
                    [rng.choice(actors[t])],
                    [rng.choice(actors[rng.choice((t, (t + 1) % topics))])],
                    Evidence(0, 0, 0, ""),
                )
                for k in range(rng.randint(0, 3))
            ]
            analysis = ArticleAnalysis(article, events=events)
        stream.append((article, analysis, original))
    return stream


def _assignments(clusterer: StoryClusterer | ReferenceClusterer, stream: list[Item]) -> list[str]:
    return [clusterer.add(article, analysis, original) for article, analysis, original in stream]


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize(
    ("seed", "threshold", "max_live", "max_terms"),
    [
        (0, THRESHOLD, MAX_LIVE, MAX_TERMS),
        (1, THRESHOLD, 12, MAX_TERMS),  # stories evicted all the time
        (2, THRESHOLD, MAX_LIVE, 25),  # story words truncated all the time
        (3, THRESHOLD, 7, 40),
        (4, 0.15, MAX_LIVE, MAX_TERMS),  # below 0.2: shared actors alone can join
        (5, 0.5, 30, MAX_TERMS),
        (6, 0.05, MAX_LIVE, MAX_TERMS),
        (7, 0.0, MAX_LIVE, MAX_TERMS),  # every score qualifies: all join the first story
    ],
)
def test_same_stories_as_the_plain_scan(seed, threshold, max_live, max_terms):
    stream = synthetic_stream(250, seed)
    reference = ReferenceClusterer(threshold, max_live, max_terms)
    clusterer = StoryClusterer(threshold, max_live=max_live, max_terms=max_terms)
    expected = _assignments(reference, stream)
    assert _assignments(clusterer, stream) == expected
    if threshold >= 0.15:
        assert len(set(expected)) > 15
    elif threshold > 0:
        assert len(set(expected)) > 1
    else:
        assert set(expected) == {stream[0][0].id}
    assert list(clusterer.live) == list(reference.live)


def test_the_stream_exercises_eviction_truncation_copies_and_reused_ids():
    stream = synthetic_stream(250, 3)
    ids = _assignments(ReferenceClusterer(), stream)
    reference = ReferenceClusterer(max_live=7, max_terms=40)
    assert len(set(_assignments(reference, stream))) > len(set(ids)) + 10  # evicted
    assert any(len(s.terms) == 40 for s in reference.live.values())  # truncated
    assert sum(original is not None for _, _, original in stream) > 5
    assert sum(not a.text for a, _, _ in stream) > 0
    assert len({a.id for a, _, _ in stream}) < len(stream)


def test_the_module_constants_remain_the_defaults(monkeypatch):
    clusterer = StoryClusterer()
    assert (clusterer.threshold, clusterer.max_live, clusterer.max_terms) == (0.24, 2000, 400)
    assert (cluster.WINDOW_DAYS, cluster.THRESHOLD) == (7, 0.24)


def test_estimates_are_within_a_thousandth_of_the_tolerance_of_exact_scores():
    clusterer = StoryClusterer(max_live=60, max_terms=120)
    worst = 0.0
    for article, analysis, original in synthetic_stream(300, 7):
        if clusterer.live:
            terms = Counter(w for w in _WORD.findall(article.text.lower()) if w not in STOP_WORDS)
            # what `add` does first, on a copy of the counts
            clusterer.n_docs += 1
            clusterer.df.update(terms.keys())
            ids = clusterer._index.count(terms, clusterer.df)
            actors, day = _actors(analysis), _day(article.published)
            tf = np.array([_tf(n) for n in terms.values()])
            estimates = clusterer._index.estimates(ids, tf, actors, day, clusterer.n_docs)
            idf = cluster._Idf(clusterer.n_docs, clusterer.df)
            norm_a = math.sqrt(sum((_tf(n) * idf[w]) ** 2 for w, n in terms.items()))
            for story in clusterer.live.values():
                exact = clusterer._score(terms, norm_a, idf, actors, day, story)
                worst = max(worst, abs(exact - estimates[clusterer._index.slot_of[story.id]]))
            # undo, so that `add` counts the article once
            clusterer.n_docs -= 1
            clusterer.df.subtract(terms.keys())
            clusterer._index.count(terms, clusterer.df)
        clusterer.add(article, analysis, original)
        index = clusterer._index
        assert index.held == sum(len(s.terms) for s in clusterer.live.values())
        assert set(index.slot_of) == set(clusterer.live)
    assert worst < _TOL / 1000


def _article(article_id: str, text: str, published: str | None) -> Article:
    return Article(article_id, article_id, text, [Paragraph(0, len(text))], published=published)


def _about(article: Article, *names: str) -> ArticleAnalysis:
    refs = [ActorRef(n, name=n) for n in names]
    event = Event("e", article.id, "ACCUSE", None, "112", -2.0, 3, refs, [], Evidence(0, 0, 0, ""))
    return ArticleAnalysis(article, events=[event])


def _both(threshold: float, items: list[Item]) -> list[str]:
    ours = _assignments(StoryClusterer(threshold), items)
    assert ours == _assignments(ReferenceClusterer(threshold), items)
    return ours


def test_an_exact_tie_goes_to_the_story_updated_least_recently():
    text = "Vorkan tribunal postponed the Ostrel hearing again."
    items: list[Item] = []
    for article_id, day, actors in [
        ("jan", "2024-01-01", ("Vorkan",)),
        ("mar", "2024-03-01", ("Ostrel",)),  # (0.8 + 0) · ½ = 0.4: a story of its own
        ("feb", "2024-02-01", ("Vorkan", "Ostrel")),  # (0.8 + 0.2 · ½) · ½ ≈ 0.45 with both
    ]:
        article = _article(article_id, text, day)
        items.append((article, _about(article, *actors), None))
    assert _both(0.449, items) == ["jan", "mar", "jan"]
    # a blank copy of "jan" moves it after "mar" without changing its words, actors or dates
    items.insert(2, (_article("touch", "", None), None, "jan"))
    assert _both(0.449, items) == ["jan", "mar", "jan", "mar"]


def test_shared_actors_without_shared_words_join_only_below_a_fifth():
    first = _article("one", "Vorkan tribunal postponed the Ostrel hearing.", "2024-01-01")
    other = _article("two", "Harbour cranes idle during dockworkers strike.", "2024-01-02")
    items: list[Item] = [
        (first, _about(first, "Vorkan"), None),
        (other, _about(other, "Vorkan"), None),
    ]
    assert _both(THRESHOLD, items) == ["one", "two"]  # at most 0.2 · 1 on actors alone
    assert _both(0.2, items) == ["one", "one"]
