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


# --------------------------------------------------------------------------- events


@dataclass(slots=True)
class ActorRef:
    """An actor as coded: the words in the text and what they resolve to.

    `country` is ISO 3166 alpha-3 (or ``IGO`` for international organisations), `sector`
    a PLOVER/CAMEO agent code (GOV, MIL, COP, REB, SPY, …). An actor nobody can code keeps
    its `text` with null codes rather than being dropped.
    """

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    """Character offsets of `text` in the article text (end exclusive)."""
    end: int | None = None

    @property
    def code(self) -> str | None:
        """CAMEO-style actor code: country + sector (``PAKGOV``), ``---REB`` when stateless."""
        if self.country is None and self.sector is None:
            return None
        return f"{self.country or '---'}{self.sector or ''}"


@dataclass(slots=True)
class Evidence:
    """Where a record came from: the sentence (index in the article) and its characters."""

    sentence: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Location:
    """A resolved place: GeoNames name and id (null for our own additions that GeoNames
    lacks), ISO 3166 alpha-3 `country`, first-level division name `admin1`."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    """``city``, ``admin1``, ``country``, ``region`` (our additions) …"""


@dataclass(slots=True)
class Sentence:
    """A sentence as the parser split it: its index in the article and its characters."""

    index: int
    start: int
    end: int


@dataclass(slots=True)
class Timex:
    """A temporal expression with its TIMEX3 type and normalised value.

    `type` is ``DATE``, ``TIME``, ``DURATION`` or ``SET``; `value` is a TIMEX3 value
    (``2024-01-16``, ``2024-W03``, ``2024-01``, ``PRESENT_REF``, ``P2D``, ``XXXX-01-16`` …).
    `basis` says how it was resolved: ``explicit`` (a full date in the text), ``relative``
    (against the reference date: "on Thursday", "yesterday") or ``unresolved``.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    basis: str = "relative"
    sentence: int | None = None


@dataclass(slots=True)
class Place:
    """A toponym in the text and where it resolves (None when the gazetteer has no match)."""

    start: int
    end: int
    text: str
    location: Location | None
    sentence: int | None = None


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker: a direct quote, or reported (indirect) speech.

    `cue` is the attributing word ("said", "according to", "wrote"); `start`/`end` the
    characters of the quoted or reported content in the article text (end exclusive).
    """

    article_id: str
    text: str
    start: int
    end: int
    direct: bool
    speaker: ActorRef | None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        fields = dict(data)
        if fields.get("speaker") is not None:
            fields["speaker"] = ActorRef(**fields["speaker"])
        return cls(**fields)


@dataclass(slots=True)
class Event:
    """One coded event: who did what to whom, with the evidence for it.

    `event_type`/`mode` follow PLOVER; `cameo`, `goldstein` and `quad` (1 verbal cooperation,
    2 material cooperation, 3 verbal conflict, 4 material conflict) come from the ontology
    tables in ``data/ontology``. `modality` is ``asserted``, ``threat``, ``hypothetical``,
    ``intent`` or ``reported-denial``; a negated event has ``negated`` true and is never
    meant to be read as having happened.
    """

    id: str
    article_id: str
    event_type: str
    mode: str | None
    cameo: str
    goldstein: float
    quad: int
    actor: list[ActorRef]
    recipient: list[ActorRef]
    evidence: Evidence
    trigger: str = ""
    date: str | None = None
    date_text: str | None = None
    date_basis: str | None = None
    """``explicit``, ``relative``, ``anchored`` ("two days after …"), ``coreference`` (a
    precise date from another mention of the same event) or ``publication-date``."""
    date_value: str | None = None
    """The TIMEX3 value the date came from ("2024-01-16", "2024-W03"): its precision."""
    location: Location | None = None
    dead: int | None = None
    injured: int | None = None
    negated: bool = False
    modality: str = "asserted"
    speaker: ActorRef | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """The inverse of `to_dict` (for records read back from the store)."""
        fields = dict(data)
        fields["actor"] = [ActorRef(**a) for a in fields.get("actor") or []]
        fields["recipient"] = [ActorRef(**r) for r in fields.get("recipient") or []]
        fields["evidence"] = Evidence(**fields["evidence"])
        if fields.get("location") is not None:
            fields["location"] = Location(**fields["location"])
        if fields.get("speaker") is not None:
            fields["speaker"] = ActorRef(**fields["speaker"])
        return cls(**fields)


@dataclass(slots=True)
class ArticleAnalysis:
    """Everything the NLP stage found in one article, as plain records."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


# --------------------------------------------------------------------------- fusion


@dataclass(slots=True)
class Mention:
    """One article's report of a fused event: the coded event and where it was said."""

    event_id: str
    article_id: str
    source: str | None
    evidence: Evidence
    copy_of: str | None = None
    """The original article's id when this article is a syndicated copy (not counted as
    an independent source)."""


@dataclass(slots=True)
class FusedEvent(Event):
    """The same happening as reported across articles: every `Event` field (the consensus
    of its mentions) plus what each outlet said.

    `disagreements` lists fields whose values differ between outlets, each as
    ``{field, values: [{value, sources}]}``; `single_source` lists facts of a corroborated
    event that only one independent outlet reports, as ``{field, value, source}``.
    """

    story_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    n_articles: int = 0
    n_sources: int = 0
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    single_source: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FusedEvent:
        fields = dict(data)
        mentions = [
            Mention(**{**m, "evidence": Evidence(**m["evidence"])})
            for m in fields.pop("mentions", [])
        ]
        base = Event.from_dict({k: v for k, v in fields.items() if k in Event.__slots__})
        extra = {k: v for k, v in fields.items() if k not in Event.__slots__}
        return cls(**{s: getattr(base, s) for s in Event.__slots__}, mentions=mentions, **extra)
