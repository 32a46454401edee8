"""Doc → `ArticleAnalysis`: the one place where a whole parsed article becomes plain records."""

from __future__ import annotations

from spacy.tokens import Doc

from crisiswire.events.records import doc_events
from crisiswire.model import Article, ArticleAnalysis, Quote, Sentence


def analysis_of(doc: Doc, article: Article) -> ArticleAnalysis:
    quotes: list[Quote] = []
    if Doc.has_extension("cw_quotes"):
        from crisiswire.quotes.component import doc_quotes

        quotes = doc_quotes(doc, article.id)
    return ArticleAnalysis(
        article=article,
        events=doc_events(doc, article),
        quotes=quotes,
        timexes=list(_extension(doc, "cw_timexes")),
        places=list(_extension(doc, "cw_places")),
        sentences=[
            Sentence(n, s.start_char, s.start_char + len(s.text.rstrip()))
            for n, s in enumerate(doc.sents)
        ]
        if doc.has_annotation("SENT_START")
        else [],
    )


def _extension(doc: Doc, name: str) -> list:
    return (getattr(doc._, name) or []) if Doc.has_extension(name) else []
