"""Quotes and reported speech: who said what, with the cue that says so.

`find_quotes` reads them off a parsed Doc; the ``crisiswire_quotes`` spaCy component
(`crisiswire.quotes.component`) stores them on ``doc._.cw_quotes``; `doc_quotes` hands them
out as `Quote` records of one article. Cue words live in ``data/quotes/cues.yaml``.
"""

from crisiswire.quotes.component import doc_quotes
from crisiswire.quotes.extract import find_quotes

__all__ = ["doc_quotes", "find_quotes"]
