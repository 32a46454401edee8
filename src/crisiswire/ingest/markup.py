"""Small HTML helpers shared by the HTML, feed and record readers."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_BLOCKS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "br",
    "tr",
    "figcaption",
    "section",
    "article",
    "pre",
)
_LOOKS_LIKE_HTML = re.compile(r"<(p|div|br|span|a|li|h[1-6]|strong|em|figure)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    return len(_LOOKS_LIKE_HTML.findall(text[:20_000])) >= 2


def fragment_to_text(markup: str) -> str:
    """Text of an HTML fragment with a blank line after every block element, so that
    paragraphs survive; scripts and styles are dropped."""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", markup)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def figure_captions(page: bytes) -> list[str]:
    """Captions of the figures in a page (trafilatura leaves them out of the text)."""
    try:
        root = lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    out: list[str] = []
    for node in root.iter("figcaption"):
        caption = " ".join(node.text_content().split())
        if caption and caption not in out:
            out.append(caption)
    return out
