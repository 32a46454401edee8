"""HTML pages through trafilatura: main text, title, author, date and site name, offline."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from crisiswire.ingest.errors import Rejected
from crisiswire.ingest.markup import figure_captions
from crisiswire.ingest.pagetext import PageParts, split_page


@dataclass(slots=True)
class HtmlMeta:
    title: str | None
    byline: str | None
    date: str | None
    source: str | None
    url: str | None


def read_html(page: bytes) -> tuple[PageParts, HtmlMeta]:
    """Main text of `page` (bytes, so trafilatura sniffs the encoding) as page parts, with
    its metadata. trafilatura never fetches anything when handed the document itself."""
    try:
        doc = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=False,  # True drops paragraphs shared by syndicated pages
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # trafilatura raises lxml's and its own errors on broken markup
        raise Rejected("malformed", f"HTML could not be parsed ({type(err).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise Rejected("no-text", "no article text found in the HTML page")
    parts = split_page(doc.text, known_title=doc.title)
    for caption in figure_captions(page):
        if caption not in parts.captions:
            parts.captions.append(caption)
    parts.paragraphs = [p for p in parts.paragraphs if p not in parts.captions]
    meta = HtmlMeta(
        title=doc.title or parts.title,
        byline=doc.author or parts.byline,
        date=doc.date,
        source=doc.sitename or doc.hostname,
        url=doc.url,
    )
    return parts, meta
