"""Decide an input's format from its first bytes, with the file extension as a tie-breaker."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["text", "html", "jsonl", "json", "feed"]

_BY_EXTENSION: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|article|p|div|h1)[\s>]", re.I)


def sniff_format(name: str, head: bytes) -> Format:
    """Content decides when it is unambiguous (a ``.txt`` holding HTML is HTML);
    otherwise the extension does; plain text is the fallback."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    by_ext = _BY_EXTENSION.get(suffix)
    if start.startswith(b"<"):
        if _FEED.search(start):
            return "feed"
        if _HTML.search(start):
            return "html"
        return by_ext or "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        return "json" if by_ext == "json" else "jsonl"
    if by_ext in ("html", "feed") and _HTML.search(head[:65536]):
        return "html"
    return "text" if by_ext in (None, "json", "jsonl", "feed") else by_ext
