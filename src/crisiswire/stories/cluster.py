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

import numpy as np
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
    """``story_id = clusterer.add(article, analysis)``, in the order articles arrive.

    The choice is the one a plain scan would make: every live story scored by `_score`,
    the best (the least recently updated on a tie) joined if it reaches `threshold`. To
    make it cheap, all live stories are first scored at once with numpy from a flat copy
    of their words (`_LiveIndex.estimates`); only the few whose estimate is within `_TOL`
    of both the best estimate and the threshold are then scored exactly by `_score`, in
    live order (none when a single one is clearly above the threshold). The estimate and
    `_score` compute the same real number, so they differ by rounding only, far less than
    `_TOL` (see there): a story left out can neither reach the threshold nor match the
    best, and the result is the plain scan's exactly.
    """

    def __init__(
        self,
        threshold: float = THRESHOLD,
        *,
        max_live: int = MAX_LIVE,
        max_terms: int = MAX_TERMS,
    ) -> None:
        self.threshold = threshold
        self.max_live = max_live
        self.max_terms = max_terms
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.live: OrderedDict[str, Story] = OrderedDict()
        self.story_of: dict[str, str] = {}
        self._index = _LiveIndex()

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
        ids = self._index.count(terms, self.df)
        actors = _actors(analysis)
        day = _day(article.published)
        story = self.live.get(self.story_of.get(original, "")) if original else None
        if story is None and self.live:
            finalists, sure = self._finalists(terms, ids, actors, day)
            if sure:
                story = finalists[0]
            elif finalists:
                idf = _Idf(self.n_docs, self.df)
                norm_a = math.sqrt(sum((_TF[n] * idf[w]) ** 2 for w, n in terms.items()))
                scored = ((self._score(terms, norm_a, idf, actors, day, s), s) for s in finalists)
                best = max(scored, key=lambda pair: pair[0])
                story = best[1] if best[0] >= self.threshold else None
        if story is None:
            story = Story(article.id)
        self._join(story, article.id, terms, actors, day)
        return story.id

    def _finalists(
        self, terms: Counter[str], ids: np.ndarray, actors: set[str], day: date | None
    ) -> tuple[list[Story], bool]:
        """The live stories, in live order, whose estimate is at least both the threshold
        minus `_TOL` and the best estimate minus 2·`_TOL`; and whether the one of them is
        surely the choice without scoring it exactly.

        If the plain scan's best exact score s reaches the threshold, every story scoring s
        is among them: its estimate is at least s - `_TOL` ≥ threshold - `_TOL`, and every
        estimate is at most s + `_TOL`. So the first of them in live order with the best
        `_score` is the scan's choice; and if s is below the threshold, so is the best
        `_score` among them. A lone finalist whose estimate is at least threshold + `_TOL`
        scores at least the threshold: it is the choice."""
        tf = np.array([_TF[n] for n in terms.values()])
        estimates = self._index.estimates(ids, tf, actors, day, self.n_docs)
        top = float(estimates.max())
        floor = max(self.threshold - _TOL, top - 2 * _TOL)
        if top < floor:
            return [], False
        finalists = self._index.stories(np.flatnonzero(estimates >= floor))
        return finalists, len(finalists) == 1 and top >= self.threshold + _TOL

    def _score(
        self,
        terms: Counter[str],
        norm_a: float,
        idf: _Idf,
        actors: set[str],
        day: date | None,
        story: Story,
    ) -> float:
        """The article's score against `story`; `norm_a` is the length of its tf·idf vector.

        This is the plain scan's arithmetic, operation for operation and in the same order
        (``idf`` and ``tf`` values are remembered, not changed), so the same float."""
        score = _cosine(terms, norm_a, story.terms, idf)
        if actors and story.actors:
            score = 0.8 * score + 0.2 * len(actors & story.actors) / len(actors | story.actors)
        if day is not None and story.first is not None and story.last is not None:
            gap = max((story.first - day).days, (day - story.last).days, 0)
            if gap > WINDOW_DAYS:
                score *= 0.5
        return score

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
        replaced = self.live.get(story.id)
        if replaced is not None and replaced is not story:  # a new story under a reused id
            self._index.drop(replaced)
        self.live[story.id] = story
        self.live.move_to_end(story.id)
        self._index.put(story)
        while len(self.live) > self.max_live:
            self._index.drop(self.live.popitem(last=False)[1])


_TOL = 1e-9
"""How far an estimate (`_LiveIndex.estimates`) may be from `StoryClusterer._score`.

Both compute the same real number in floating point from the same ``tf`` values, in a
different way: the exact score sums ``tf``·``tf``·``idf``² and (``tf``·``idf``)² in the
article's and the story's word order, the estimate sums (``tf``·``idf``)·(``tf``·``idf``) in
another order and takes ``idf`` as ``log(n + 1) + 1 - log(df + 1)``. Every sum is of
non-negative terms, so each is within (k + 1)·2⁻⁵³ of its exact value relatively, k the
number of words (≤ `MAX_TERMS` in a story, any number in the article); each ``idf``, at
least 1, within (2·log(n + 1) + 3)·2⁻⁵³ (under 100 ulps for any n below 10¹⁸); and the
few products, quotients and square roots add an ulp each. Scores are at most 1
(Cauchy–Schwarz), so with 400-word stories the two differ by under 10⁻¹²: `_TOL` leaves
a margin of over 1000 (it holds while an article or a story has fewer than about 10⁶
distinct words; an article of 2 million characters has fewer than 10⁶ words)."""


class _LiveIndex:
    """The live stories in numpy arrays, so that they can be scored all at once.

    Each story has a slot; the words of all stories lie in flat arrays (word id, ``tf``),
    one contiguous segment per story. A story that changes gets a new segment at the end
    and its old one is zeroed (a ``tf`` of 0 adds nothing); the arrays are compacted when
    a fifth of them is dead. Segments are summed with ``np.add.reduceat`` over the starts of
    the non-empty ones, in order, each sum running up to the next start over dead zeros.
    """

    def __init__(self) -> None:
        self.word_id: dict[str, int] = {}
        self.words = np.zeros((1024, 2))  # by word id: log(df + 1), the article's tf·idf
        self.slot_of: dict[str, int] = {}
        self.story_at: list[Story | None] = []
        self.free: list[int] = []
        self.alive = np.zeros(0, dtype=bool)
        self.order = np.zeros(0, dtype=np.int64)  # when last updated: the live order
        self.start = np.zeros(0, dtype=np.int64)  # segment in t_word, t_tf
        self.length = np.zeros(0, dtype=np.int64)
        self.dated = np.zeros(0, dtype=bool)
        self.first = np.zeros(0, dtype=np.int64)
        self.last = np.zeros(0, dtype=np.int64)
        self.has_actors = np.zeros(0, dtype=bool)
        self.by_actor: dict[str, set[int]] = {}
        self.t_word = np.zeros(4096, dtype=np.int64)
        self.t_tf = np.zeros(4096)
        self.used = 0
        self.held = 0  # words in live segments
        self.clock = 0

    def count(self, terms: Counter[str], df: Counter[str]) -> np.ndarray:
        """Take the new document frequencies `df` of the article's words; their ids."""
        ids = np.array([self.word_id.setdefault(w, len(self.word_id)) for w in terms], dtype=int)
        while len(self.word_id) > len(self.words):
            self.words = np.concatenate([self.words, np.zeros_like(self.words)])
        self.words[ids, 0] = np.log(np.array([df[w] for w in terms], dtype=float) + 1)
        return ids

    def estimates(
        self, ids: np.ndarray, tf: np.ndarray, actors: set[str], day: date | None, n_docs: int
    ) -> np.ndarray:
        """`StoryClusterer._score` against every slot, up to rounding, of an article with
        words `ids` counted `tf`; -1 for an empty slot."""
        n, size = self.used, len(self.alive)
        top_idf = math.log(n_docs + 1) + 1
        weights = tf * (top_idf - self.words[ids, 0])
        norm_a = math.sqrt(float(weights @ weights))
        self.words[ids, 1] = weights
        per_word = np.take(self.words, self.t_word[:n], axis=0)  # one gather for both
        self.words[ids, 1] = 0.0
        held = self.t_tf[:n] * (top_idf - per_word[:, 0])
        full = np.flatnonzero(self.length)
        full = full[np.argsort(self.start[full])]
        dot, norm_b = np.zeros(size), np.zeros(size)
        if len(full):
            at = self.start[full]
            dot[full] = np.add.reduceat(held * per_word[:, 1], at)
            norm_b[full] = np.sqrt(np.add.reduceat(held * held, at))
        score = np.zeros(size)
        np.divide(dot, norm_a * norm_b, out=score, where=dot > 0)
        if actors:
            jaccard = np.zeros(size)
            for i in set().union(*(self.by_actor.get(a, ()) for a in actors)):
                theirs = self.story_at[i].actors  # type: ignore[union-attr]
                jaccard[i] = len(actors & theirs) / len(actors | theirs)
            score = np.where(self.has_actors, 0.8 * score + 0.2 * jaccard, score)
        if day is not None:
            d = day.toordinal()
            gap = np.maximum(np.maximum(self.first - d, d - self.last), 0)
            score = np.where(self.dated & (gap > WINDOW_DAYS), score * 0.5, score)
        return np.where(self.alive, score, -1.0)

    def stories(self, slots: np.ndarray) -> list[Story]:
        """The stories in `slots`, in live order."""
        ordered = slots[np.argsort(self.order[slots])]
        return [self.story_at[i] for i in ordered]  # type: ignore[misc]

    def put(self, story: Story) -> None:
        """Add `story` or bring its slot up to date (it was just updated)."""
        i = self.slot_of.get(story.id)
        if i is None:
            i = self._new_slot()
            self.slot_of[story.id] = i
            self.story_at[i] = story
        else:
            self._free_segment(i)
        self.clock += 1
        self.alive[i], self.order[i] = True, self.clock
        self.has_actors[i] = bool(story.actors)
        for actor in story.actors:
            self.by_actor.setdefault(actor, set()).add(i)
        self.dated[i] = story.first is not None and story.last is not None
        if story.first is not None and story.last is not None:
            self.first[i], self.last[i] = story.first.toordinal(), story.last.toordinal()
        k = len(story.terms)
        if self.used + k > len(self.t_tf) or 4 * self.used > 5 * self.held + 16384:
            self._compact(k)
        at = self.used
        self.t_word[at : at + k] = np.fromiter(map(self.word_id.__getitem__, story.terms), int, k)
        self.t_tf[at : at + k] = np.fromiter(map(_TF.__getitem__, story.terms.values()), float, k)
        self.start[i], self.length[i] = at, k
        self.used += k
        self.held += k

    def drop(self, story: Story) -> None:
        """Forget `story` (no longer live)."""
        i = self.slot_of.pop(story.id)
        self._free_segment(i)
        for actor in story.actors:
            holders = self.by_actor[actor]
            holders.discard(i)
            if not holders:
                del self.by_actor[actor]
        self.story_at[i] = None
        self.alive[i] = self.has_actors[i] = self.dated[i] = False
        self.free.append(i)

    def _new_slot(self) -> int:
        if self.free:
            return self.free.pop()
        i = len(self.story_at)
        self.story_at.append(None)
        if i >= len(self.alive):
            grow = max(16, len(self.alive))
            for name in ("alive", "order", "start", "length", "dated", "first", "last"):
                array = getattr(self, name)
                setattr(self, name, np.concatenate([array, np.zeros(grow, dtype=array.dtype)]))
            self.has_actors = np.concatenate([self.has_actors, np.zeros(grow, dtype=bool)])
        return i

    def _free_segment(self, i: int) -> None:
        at, k = self.start[i], self.length[i]
        self.t_tf[at : at + k] = 0.0
        self.length[i] = 0
        self.held -= int(k)

    def _compact(self, room: int) -> None:
        """Drop the dead words (keeping the segments' order), with room for `room` more."""
        n = self.used
        keep = self.t_tf[:n] > 0  # a live word's tf is at least 1
        before = np.cumsum(keep) - keep  # live words before each position
        full = np.flatnonzero(self.length)
        self.start[full] = before[self.start[full]]
        size = max(4096, 2 * (self.held + room))
        word, tf = np.zeros(size, dtype=np.int64), np.zeros(size)
        word[: self.held] = self.t_word[:n][keep]
        tf[: self.held] = self.t_tf[:n][keep]
        self.t_word, self.t_tf, self.used = word, tf, self.held


def _cosine(a: Counter[str], norm_a: float, b: Counter[str], idf: _Idf) -> float:
    """TF-IDF cosine of word counts `a` (whose vector length is `norm_a`) and `b`."""
    if not a or not b:
        return 0.0
    dot = sum(_TF[n] * _TF[b[w]] * idf[w] ** 2 for w, n in a.items() if w in b)
    if dot == 0:
        return 0.0
    norm_b = math.sqrt(sum((_TF[n] * idf[w]) ** 2 for w, n in b.items()))
    return dot / (norm_a * norm_b)


class _Idf(dict[str, float]):
    """``idf[word]``, each word's computed once: valid until the next article is counted."""

    def __init__(self, n_docs: int, df: Counter[str]) -> None:
        super().__init__()
        self.n_docs, self.df = n_docs, df

    def __missing__(self, word: str) -> float:
        value = self[word] = math.log((self.n_docs + 1) / (self.df[word] + 1)) + 1
        return value


def _tf(count: int) -> float:
    return 1 + math.log(count) if count else 0.0


class _TfTable(dict[int, float]):
    def __missing__(self, count: int) -> float:
        value = self[count] = _tf(count)
        return value


_TF = _TfTable()
"""``_TF[count]`` is ``_tf(count)``, remembered."""


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
