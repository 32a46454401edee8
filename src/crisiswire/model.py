"""Typed records that flow one way through the pipeline.

Every stage takes and returns these records; none reaches back upstream. They are plain
dataclasses so that they pickle cheaply across processes and serialise to JSON as they are.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PublishedBasis = str
"""How `Article.published` was obtained: ``metadata``, ``given`` (``--date``),
``inferred: <reason>`` or ``unknown``."""


@dataclass(slots=True)
class Paragraph:
    """A paragraph as a character span of `Article.text` (end exclusive)."""

    start: int
    end: int


@dataclass(slots=True)
class Article:
    """One cleaned news article, ready for the NLP stage.

    `text` is the body only: paragraphs joined by a blank line. Title, standfirst,
    highlights (bullet teasers) and captions are kept apart so that later stages
    do not count a caption printed under a file photo as news of the day.
    """

    id: str
    hash: str
    text: str
    paragraphs: list[Paragraph]
    source: str | None = None
    url: str | None = None
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: str | None = None
    published_basis: PublishedBasis = "unknown"
    language: str = "en"
    highlights: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    origin: str = ""
    """Where the article was read from: a path, with ``:LINE`` or ``#N`` for records."""

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        fields = dict(data)
        fields["paragraphs"] = [Paragraph(**p) for p in fields.get("paragraphs", [])]
        return cls(**fields)


SkipKind = Literal[
    "empty",
    "binary",
    "undecodable",
    "not-english",
    "too-large",
    "malformed",
    "no-text",
    "not-found",
    "unreadable",
]


@dataclass(slots=True)
class Skipped:
    """An input that could not become an article, and why. Never dropped silently."""

    origin: str
    kind: SkipKind
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: skipped ({self.kind}): {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
