"""Page parts + metadata → `Article`: offsets, content hash, id, language and publication date."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pycountry

from crisiswire.ingest.errors import Rejected
from crisiswire.ingest.language import detect_language
from crisiswire.ingest.pagetext import PageParts
from crisiswire.ingest.pubdate import infer_publication_date, normalise_date
from crisiswire.model import Article, Paragraph

PARAGRAPH_SEPARATOR = "\n\n"
MAX_TEXT_CHARS = 2_000_000
"""An article body longer than this (about 300,000 words) is refused as not one article."""


@dataclass(slots=True)
class Metadata:
    """What the input itself says about the article; any field may be missing."""

    id: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    byline: str | None = None


def content_hash(text: str) -> str:
    """SHA-256 of the text with case and whitespace normalised: the same story copied with
    other line breaks hashes the same."""
    normalised = " ".join(text.casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def build_article(
    parts: PageParts,
    meta: Metadata,
    origin: str,
    *,
    given_date: date | None = None,
    default_source: str | None = None,
) -> Article:
    """Assemble an `Article`, or raise `Rejected` for empty, oversized or non-English text."""
    paragraphs = [p for p in parts.paragraphs if p.strip()]
    if not paragraphs:
        raise Rejected("no-text", "no article text left after removing page furniture")
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
    if len(text) > MAX_TEXT_CHARS:
        raise Rejected(
            "too-large", f"article text is {len(text):,} characters (limit {MAX_TEXT_CHARS:,})"
        )
    language = detect_language(f"{meta.title or parts.title or ''}\n{text}")
    if language not in ("en", "und"):
        raise Rejected("not-english", f"not English (looks like {_language_name(language)})")
    spans, offset = [], 0
    for paragraph in paragraphs:
        spans.append(Paragraph(offset, offset + len(paragraph)))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    digest = content_hash(text)
    published, basis = _publication_date(parts, meta, text, given_date)
    url = meta.url or parts.meta.get("url")
    return Article(
        id=meta.id or digest[:16],
        hash=digest,
        text=text,
        paragraphs=spans,
        source=meta.source or parts.meta.get("source") or default_source or _host(url),
        url=url,
        title=meta.title or parts.title,
        standfirst=parts.standfirst,
        byline=_clean_byline(meta.byline or parts.byline),
        published=published,
        published_basis=basis,
        language=language,
        highlights=parts.highlights,
        captions=parts.captions,
        origin=origin,
    )


def _publication_date(
    parts: PageParts, meta: Metadata, text: str, given: date | None
) -> tuple[str | None, str]:
    """Metadata first, then the analyst's ``--date``, then inference from the body."""
    for raw in (meta.date, parts.meta.get("date"), parts.date_text):
        published = normalise_date(raw)
        if published:
            return published, "metadata"
    if given is not None:
        return given.isoformat(), "given"
    inferred, reason = infer_publication_date(text)
    if inferred:
        return inferred, f"inferred: {reason}"
    return None, "unknown"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _clean_byline(byline: str | None) -> str | None:
    if not byline:
        return None
    byline = re.sub(r"^(by|written by)\s+", "", byline.strip(), flags=re.I)
    return byline.strip(" |,;") or None


def _language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return f"{language.name}, {code}" if language else code
