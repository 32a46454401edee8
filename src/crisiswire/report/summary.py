"""Extractive briefing of a story told by several outlets: the sentences that say the most.

`summarise` is the report's summariser. Each candidate sentence is scored on

- *centrality*: TF-IDF cosine of its content words to the centroid of the other
  candidates — what the coverage as a whole is about;
- *position*: news is written lead first, so a sentence's prior falls with its index in
  its article;
- *support*: how closely the other outlets say the same thing (the best cosine to a
  sentence of each other source, averaged) — corroborated content before one outlet's
  angle;
- the caller's `Candidate.weight` (e.g. the sentence carries corroborated events).

Sentences are then picked greedily by Maximal Marginal Relevance (Carbonell & Goldstein
1998), so the same fact told by two outlets is chosen once: a candidate too similar to a
sentence already chosen is rejected outright. `textrank` is the classic graph baseline
(Mihalcea & Tarau 2004) with no redundancy control, kept to measure the summariser against.

No spaCy model is loaded: words are a regular expression and spaCy's English stop-word
list, and similarities are only computed between sentences that share a word, so a
thousand candidates take well under a second. `split_sentences` cuts
plain text into sentences the same way, without a model.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

if TYPE_CHECKING:
    import networkx as nx

POSITION_DECAY = 0.5
"""The position prior of the sentence at index i is ``1 / (1 + i) ** POSITION_DECAY``."""
SUPPORT_GAIN = 1.0
"""Relevance is multiplied by ``1 + SUPPORT_GAIN * support`` (support in [0, 1])."""
REDUNDANCY = 0.4
"""A candidate whose cosine to an already chosen sentence exceeds this is never chosen (on
NeuS, thresholds from 0.3 to 0.5 score alike)."""
MIN_WORDS = 3
"""Sentences with fewer content words (datelines, "Read more.") are chosen only when nothing
longer is left."""

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(slots=True, frozen=True)
class Candidate:
    """A sentence that may go into a summary, with where it comes from."""

    text: str
    """The sentence text."""
    article_id: str
    """Which article it comes from."""
    source: str | None
    """Outlet name; sentences of one outlet corroborate nothing for each other."""
    index: int
    """Sentence index within its article (reading order)."""
    start: int = 0
    """Character offsets in the article text (end exclusive)."""
    end: int = 0
    weight: float = 1.0
    """External prior (e.g. the sentence carries corroborated events); 1.0 is neutral."""


# --------------------------------------------------------------------------- words


def content_words(text: str) -> list[str]:
    """Lower-cased words that are not stop words, possessives and plain plurals folded
    ("Sanders'", "talks" → "sander", "talk") so outlets' wordings meet."""
    words = []
    for token in _WORD.findall(text.lower()):
        token = _POSSESSIVE.sub("", token).replace("’", "'")
        if token in STOP_WORDS or len(token) < 2:
            continue
        words.append(_fold_plural(token))
    return words


def _fold_plural(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")) or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


Vector = dict[str, float]


def _dot(a: Vector, b: Vector) -> float:
    """Dot product of two sparse vectors: their cosine when both are unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def _unit(counts: dict[str, float]) -> Vector:
    norm = math.sqrt(sum(v * v for v in counts.values()))
    return {w: v / norm for w, v in counts.items()} if norm else {}


def _tfidf(bags: Sequence[Counter[str]]) -> list[Vector]:
    """Unit TF-IDF vectors, document frequency counted over the candidate sentences
    (smoothed: a word in every sentence still weighs ``1``)."""
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {w: math.log((1 + n) / (1 + d)) + 1.0 for w, d in df.items()}
    return [_unit({w: (1.0 + math.log(c)) * idf[w] for w, c in bag.items()}) for bag in bags]


# --------------------------------------------------------------------------- summarise


def summarise(
    candidates: Sequence[Candidate],
    max_sentences: int = 5,
    max_words: int | None = None,
    diversity: float = 0.7,
) -> list[Candidate]:
    """The sentences that best brief a story, at most `max_sentences` and `max_words`
    (whitespace-separated words), in reading order (see `reading_order`).

    `diversity` is MMR's λ: 1.0 ranks on relevance alone, lower values trade relevance
    for novelty against the sentences already chosen. Whatever λ, a candidate whose cosine
    to a chosen sentence exceeds `REDUNDANCY` is rejected — two outlets' versions of one
    fact are never both chosen. A sentence that would overflow `max_words` is passed over
    for a shorter one; only when no sentence fits is the single best one returned, alone.
    Deterministic: ties go to the earlier candidate.
    """
    if not candidates or max_sentences < 1:
        return []
    bags = [Counter(content_words(c.text)) for c in candidates]
    vectors = _tfidf(bags)
    relevance = _relevance(candidates, vectors)
    top = max(relevance) or 1.0
    relevance = [r / top for r in relevance]
    sizes = [sum(bag.values()) for bag in bags]
    chosen: list[int] = []
    pool = list(range(len(candidates)))
    words_left = max_words
    closest = [0.0] * len(candidates)  # cosine to the nearest chosen sentence
    while pool and len(chosen) < max_sentences:
        # Fragments wait until every full sentence is chosen or rejected.
        full = [i for i in pool if sizes[i] >= MIN_WORDS] or pool
        best = max(
            full,
            key=lambda i: (diversity * relevance[i] - (1 - diversity) * closest[i], -i),
        )
        pool.remove(best)
        if words_left is not None and _length(candidates[best]) > words_left:
            continue
        chosen.append(best)
        if words_left is not None:
            words_left -= _length(candidates[best])
        for i in list(pool):
            closest[i] = max(closest[i], _dot(vectors[i], vectors[best]))
            if closest[i] > REDUNDANCY:
                pool.remove(i)
    if not chosen:  # nothing fits the word budget
        chosen = [max(range(len(candidates)), key=lambda i: (relevance[i], -i))]
    return reading_order(candidates, chosen)


def _relevance(candidates: Sequence[Candidate], vectors: Sequence[Vector]) -> list[float]:
    """Centrality x position x support x weight of each candidate."""
    centroid: defaultdict[str, float] = defaultdict(float)
    postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for word, weight in vector.items():
            centroid[word] += weight
            postings[word].append((i, weight))
    centroid_norm2 = sum(x * x for x in centroid.values())
    origins = [_origin(c) for c in candidates]
    n_others = len(set(origins)) - 1
    scores = []
    for i, candidate in enumerate(candidates):
        # Cosine to the centroid of the *other* sentences, C - v (v is a unit vector): in
        # a story of a dozen sentences a sentence's own words would otherwise be a tenth of
        # what it is compared with.
        dot = _dot(vectors[i], centroid)
        rest = math.sqrt(max(centroid_norm2 - 2.0 * dot + 1.0, 0.0)) if vectors[i] else 0.0
        centrality = max((dot - 1.0) / rest, 0.0) if rest > 1e-9 else 0.0
        position = 1.0 / (1 + max(candidate.index, 0)) ** POSITION_DECAY
        support = 0.0
        if n_others:
            # Cosines to the sentences sharing a word with this one (the others are 0),
            # then the best of each other origin.
            dots: defaultdict[int, float] = defaultdict(float)
            for word, weight in vectors[i].items():
                for j, other in postings[word]:
                    dots[j] += weight * other
            best: dict[str, float] = {}
            for j, value in dots.items():
                if origins[j] != origins[i] and value > best.get(origins[j], 0.0):
                    best[origins[j]] = value
            support = sum(best.values()) / n_others
        gain = 1.0 + SUPPORT_GAIN * support
        scores.append(centrality * position * gain * max(candidate.weight, 0.0))
    return scores


def _origin(candidate: Candidate) -> str:
    """Who tells it: the outlet when known, else the article."""
    return f"source:{candidate.source}" if candidate.source is not None else candidate.article_id


def _length(candidate: Candidate) -> int:
    return len(candidate.text.split())


def reading_order(candidates: Sequence[Candidate], chosen: Sequence[int]) -> list[Candidate]:
    """The chosen candidates ordered for reading: articles in the order they first appear
    among `candidates`, and within an article by sentence index — a summary reads as the
    first article's points, then what the next adds."""
    rank: dict[str, int] = {}
    for candidate in candidates:
        rank.setdefault(candidate.article_id, len(rank))
    ordered = sorted(chosen, key=lambda i: (rank[candidates[i].article_id], candidates[i].index, i))
    return [candidates[i] for i in ordered]


# --------------------------------------------------------------------------- textrank


def textrank(
    candidates: Sequence[Candidate], max_sentences: int = 5, max_words: int | None = None
) -> list[Candidate]:
    """TextRank sentence extraction (Mihalcea & Tarau 2004), the baseline: PageRank over a
    graph whose edge weights are the number of words two sentences share divided by the
    sum of the logs of their lengths (content words, stop words out, as implementations
    usually do); the top sentences within the same budgets as `summarise` (a sentence that
    would overflow `max_words` is passed over), in reading order. No redundancy control."""
    if not candidates or max_sentences < 1:
        return []
    words = [content_words(c.text) for c in candidates]
    logs = [math.log(len(w) or 1) for w in words]
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for i, bag in enumerate(words):
        for word in set(bag):
            postings[word].append(i)
    shared: Counter[tuple[int, int]] = Counter()  # only pairs with a word in common
    for members in postings.values():
        for k, i in enumerate(members):
            for j in members[k + 1 :]:
                shared[i, j] += 1
    graph = _graph(len(candidates))
    for (i, j), count in sorted(shared.items()):
        if logs[i] + logs[j] > 0:
            graph.add_edge(i, j, weight=count / (logs[i] + logs[j]))
    rank = _pagerank(graph)
    order = sorted(range(len(candidates)), key=lambda i: (-rank[i], i))
    chosen: list[int] = []
    words_left = max_words
    for i in order:
        if len(chosen) == max_sentences:
            break
        if words_left is not None:
            if _length(candidates[i]) > words_left:
                continue
            words_left -= _length(candidates[i])
        chosen.append(i)
    return reading_order(candidates, chosen or order[:1])


def _graph(n: int) -> nx.Graph:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    return graph


def _pagerank(graph: nx.Graph) -> dict[int, float]:
    """Weighted PageRank, networkx's (damping 0.85, as in the paper)."""
    import networkx as nx

    return nx.pagerank(graph, alpha=0.85, weight="weight")


# --------------------------------------------------------------------------- sentences

_TITLES = frozenset({
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "gen", "lt",
    "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "st", "mt", "ft", "rev", "fr",
    "hon", "pres", "amb", "atty", "supt", "insp", "det", "gens"
})  # fmt: skip
"""Abbreviations always followed by a name: never the end of a sentence."""
_BEFORE_NUMBER = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "vol", "art", "fig", "p", "pp"
})  # fmt: skip
"""Abbreviations followed by a number ("Jan. 16", "No. 10"); elsewhere they may end one."""
_MAY_END = frozenset({
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "sr", "vs", "etc", "approx", "dept",
    "est", "univ"
})  # fmt: skip
"""Abbreviations that end a sentence only when a sentence plainly starts after them."""
_STARTERS = frozenset(w.capitalize() for w in STOP_WORDS if w.isalpha()) - {"May", "Will"}
"""Capitalised function words ("The", "But", "He"): after "U.S." or "Inc." a new sentence,
whereas a capitalised noun ("U.S. Senate") continues one."""

_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n[ \t\xa0]*\n")
_NEXT = re.compile(r"\s+[\"“‘'(\[]*(\S*)")
_LAST_TOKEN = re.compile(r"[\"“‘'(\[]*([^\s\"“‘'(\[]+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans (end exclusive) of the sentences of plain `text`, without a model.

    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (closing quotes and brackets
    included) followed by white space and a capital, digit or opening quote, and at a blank
    line. A period is not an end after a title ("Mr.", "Sen."), an initial ("Robert E.
    Lee"), a date or number abbreviation before a digit ("Jan. 16", "No. 10"), or an
    acronym or company abbreviation ("U.S.", "Inc.") unless a function word ("The", "He")
    follows. Decimals ("2.5") have no space after the point. Spans are stripped of white
    space; empty ones are dropped.
    """
    cuts = [0]
    for paragraph in _PARAGRAPH.finditer(text):
        cuts.append(paragraph.start())
    for match in _END.finditer(text):
        if _is_end(text, match):
            cuts.append(match.end())
    cuts.append(len(text))
    spans = []
    for start, end in zip(sorted(set(cuts)), sorted(set(cuts))[1:], strict=False):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _is_end(text: str, match: re.Match[str]) -> bool:
    following = _NEXT.match(text, match.end())
    if following is None:
        return True
    opener = text[match.end() : following.start(1)].strip()
    next_word = following.group(1)
    if not (opener or next_word[:1].isupper() or next_word[:1].isdigit()):
        return False  # "a.m. on Monday", '"Why?" he asked'
    mark = match.group()
    if not mark.startswith(".") or mark.startswith(".."):
        return True
    token = _LAST_TOKEN.search(text, max(0, match.start() - 40), match.start())
    if token is None:
        return True
    token = token.group(1)
    word = token.lower()
    if word in _TITLES or (len(token) == 1 and token.isupper()):
        return False  # "Sen. Ames", "Robert E. Lee"
    if word in _BEFORE_NUMBER:
        return not next_word[:1].isdigit()
    if "." in token or word in _MAY_END:  # "U.S", "D.C", "Inc"
        return opener != "" or next_word.rstrip(",;:") in _STARTERS
    return True
