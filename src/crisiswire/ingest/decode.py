"""Bytes → text, refusing binary and undecodable input with a reason a person understands."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from crisiswire.ingest.errors import Rejected

# Magic numbers of files people drop into a folder of articles by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
    b"PAR1": "a Parquet file",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> str:
    """Decode `data` as text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else the
    encoding charset-normalizer finds most coherent. Raises `Rejected` otherwise."""
    if not data.strip():
        raise Rejected("empty", "no text in input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding))
            except UnicodeDecodeError as err:
                raise Rejected("undecodable", f"starts with a {encoding} mark but {err}") from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise Rejected("binary", f"binary file ({what})")
    if b"\x00" in data[:8192]:
        raise Rejected("binary", "binary data (NUL bytes)")
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    non_ascii = sum(b > 127 for b in data[:200_000]) / min(len(data), 200_000)
    if non_ascii < 0.05:
        # English text with a few accented names: Windows-1252 (a superset of Latin-1) is
        # by far the likeliest, and guessers pick odd code pages on so little evidence.
        try:
            return _check_text(data.decode("cp1252"))
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.25:
        raise Rejected("undecodable", "not UTF-8 and no other text encoding fits")
    try:
        return _check_text(data.decode(best.encoding))
    except (UnicodeDecodeError, LookupError):
        raise Rejected("undecodable", f"not UTF-8 and not valid {best.encoding}") from None


def _check_text(text: str) -> str:
    sample = text[:20_000]
    if sample and len(_CONTROL.findall(sample)) > 0.02 * len(sample):
        raise Rejected("binary", "binary data (control characters)")
    if not text.strip():
        raise Rejected("empty", "no text in input")
    return text
