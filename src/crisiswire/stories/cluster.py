"""Online story grouping: each new article joins the best live story or opens a new one.

An article is compared with every live story on what it says (TF-IDF cosine of its content
words against the story's summed words, with document frequencies counted as articles
arrive), who it is about (the countries and named actors of its events) and when (two
reports more than `WINDOW_DAYS` apart are presumed different incidents unless the words
agree strongly). A copy of an earlier article (`crisiswire.stories.copies`) goes straight
to its original's story: it is the same report, not new evidence.

Memory is bounded: a story keeps at most `MAX_TERMS` words, and only the `MAX_LIVE` most
recently updated stories are candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from crisiswire.model import Article, ArticleAnalysis

THRESHOLD = 0.24
"""Score at or above which an article joins a story, tuned on ECB+ (772 articles, 66
incidents, no dates): ``crisiswire eval stories`` gives B-cubed F1 0.83 over three reading
orders (docs/evaluation.md)."""
WINDOW_DAYS = 7
MAX_TERMS = 400
MAX_LIVE = 2000
_WORD = re.compile(r"[a-z][a-z'-]{2,}")


@dataclass(slots=True)
class Story:
    id: str
    articles: list[str] = field(default_factory=list)
    terms: Counter[str] = field(default_factory=Counter)
    actors: set[str] = field(default_factory=set)
    first: date | None = None
    last: date | None = None


class StoryClusterer:
    """``story_id = clusterer.add(article, analysis)``, in the order articles arrive."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
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
        """The id of the story `article` joins (new ids are the first article's id)."""
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
        if len(story.terms) > MAX_TERMS:
            story.terms = Counter(dict(story.terms.most_common(MAX_TERMS)))
        story.actors |= actors
        if day is not None:
            story.first = min(story.first or day, day)
            story.last = max(story.last or day, day)
        self.story_of[article_id] = story.id
        self.live[story.id] = story
        self.live.move_to_end(story.id)
        while len(self.live) > MAX_LIVE:
            self.live.popitem(last=False)


def _tf(count: int) -> float:
    return 1 + math.log(count) if count else 0.0


def _actors(analysis: ArticleAnalysis | None) -> set[str]:
    if analysis is None:
        return set()
    out: set[str] = set()
    for event in analysis.events:
        for ref in (*event.actor, *event.recipient):
            if ref.name:
                out.add(ref.name)
            elif ref.country:
                out.add(ref.country)
    return out


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
