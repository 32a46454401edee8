"""Syndicated and near-identical copies: an outlet reprinting a wire story is not a second
source, and must never be counted as one.

Each article's body becomes a set of hashed word 5-grams (shingles). Two articles are
copies when the smaller set is mostly contained in the larger (containment ≥ 0.8): a
reprint that trims the last paragraphs, adds a standfirst or changes the dateline still
counts, while two outlets writing up the same press release in their own words do not.
Candidates are found through a bottom-k sketch (the k smallest shingle hashes of each
article), so checking a new article costs a few dictionary lookups, not a pass over the
corpus; memory is k hashes an article. The original of a pair is the one published first
(then the one seen first).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass

from crisiswire.model import Article

SHINGLE = 5
SKETCH = 64
"""Hashes kept per article for finding candidates."""
CONTAINMENT = 0.8
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Copy:
    """`article_id` is a copy of `original_id`; `containment` is the share of the shorter
    text's shingles found in the other."""

    article_id: str
    original_id: str
    containment: float


def shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {_hash(" ".join(words))} if words else set()
    return {_hash(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big")


class CopyFinder:
    """Feed articles in any order with `add`; each returns the `Copy` it is, if any."""

    def __init__(self) -> None:
        self._shingles: dict[str, array[int]] = {}
        """Each article's shingle hashes, sorted, 8 bytes each (not a set: memory)."""
        self._published: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._by_hash: dict[int, list[str]] = defaultdict(list)
        self.links: dict[str, Copy] = {}
        """Every copy found so far, by the copy's id, pointing at the first original."""

    def add(self, article: Article) -> Copy | None:
        own = shingles(article.text)
        best: tuple[float, str] | None = None
        for other in self._candidates(own):
            theirs = self._shingles[other]
            smaller = min(len(own), len(theirs)) or 1
            containment = len(own.intersection(theirs)) / smaller
            if containment >= CONTAINMENT and (best is None or containment > best[0]):
                best = (containment, other)
        self._remember(article, own)
        if best is None:
            return None
        containment, other = best
        first, second = self._ordered(other, article.id)
        root = self.links[first].original_id if first in self.links else first
        found = Copy(second, root, round(containment, 4))
        self.links[second] = found
        if second == other:  # the newcomer is the earlier one: it becomes the original
            for copy, link in list(self.links.items()):
                if link.original_id == other:
                    self.links[copy] = Copy(copy, root, link.containment)
        return found

    @property
    def original_of(self) -> dict[str, str]:
        return {copy: link.original_id for copy, link in self.links.items()}

    def _candidates(self, own: set[int]) -> set[str]:
        found: set[str] = set()
        for value in sorted(own)[:SKETCH]:
            found.update(self._by_hash.get(value, ()))
        return found

    def _remember(self, article: Article, own: set[int]) -> None:
        self._shingles[article.id] = array("Q", sorted(own))
        self._published[article.id] = article.published or "9999"
        self._order[article.id] = len(self._order)
        for value in sorted(own)[:SKETCH]:
            self._by_hash[value].append(article.id)

    def _ordered(self, a: str, b: str) -> tuple[str, str]:
        """(earlier, later) by publication date, then by the order they came in."""
        key_a = (self._published[a], self._order[a])
        key_b = (self._published[b], self._order[b])
        return (a, b) if key_a <= key_b else (b, a)
