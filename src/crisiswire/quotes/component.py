"""``crisiswire_quotes``: a spaCy component that puts the quotes of a Doc on ``doc._.cw_quotes``.

It runs after ``crisiswire_actors`` (speakers are resolved from ``doc._.cw_mentions``) and
codes office-holders on ``doc._.cw_ref_date``, as the event coder does::

    nlp = build_pipeline()
    nlp.add_pipe("crisiswire_quotes")
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from crisiswire.actors.resolve import ActorResolver
from crisiswire.events.patterns import load_patterns
from crisiswire.model import Quote
from crisiswire.quotes.extract import find_quotes

if not Doc.has_extension("cw_quotes"):
    Doc.set_extension("cw_quotes", default=None)


class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        resolver = ActorResolver(doc, doc._.cw_ref_date, load_patterns().body_anaphors)
        doc._.cw_quotes = find_quotes(doc, resolver)
        return doc


@Language.factory("crisiswire_quotes", requires=["doc._.cw_mentions"], assigns=["doc._.cw_quotes"])
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


def doc_quotes(doc: Doc, article_id: str) -> list[Quote]:
    """The quotes of `doc` (``doc._.cw_quotes`` when the component ran, else found now), as
    copies with `article_id` set."""
    quotes = doc._.cw_quotes
    if quotes is None:
        quotes = find_quotes(doc)
    return [replace(q, article_id=article_id) for q in quotes]
