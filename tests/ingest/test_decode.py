"""Bytes to text: UTF-8/16 with or without BOM, legacy encodings, binary refused."""

from __future__ import annotations

import random

import pytest

from crisiswire.ingest.decode import decode_bytes
from crisiswire.ingest.errors import Rejected

ENGLISH = (
    "The envoy, François Müller, arrived in the capital on Monday for talks with the foreign "
    "minister. The two sides discussed the disputed crossing near the river, where a café "
    "owner said trade had fallen by half since the closure."
)


@pytest.mark.parametrize(
    "data",
    [
        ENGLISH.encode("utf-8"),
        b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"),
        ENGLISH.encode("utf-16"),  # with its BOM
        ENGLISH.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-32-bom"],
)
def test_unicode_encodings_decode_exactly(data):
    assert decode_bytes(data) == ENGLISH


def test_latin1_english_text_is_read_not_skipped(write, read_one):
    article = read_one(write("latin1.txt", ENGLISH.encode("latin-1")))
    assert article.language == "en"
    assert article.text.startswith("The envoy, Fran")
    assert "arrived in the capital on Monday for talks with the foreign minister" in article.text


def test_cp1252_curly_quotes_are_decoded(write, read_one):
    text = (
        "Officials in the port city said the d\u00e9tente was fragile. The regional governor "
        "said the \u00a320 million aid package would be paid in March and that the "
        "\u201cclich\u00e9s\u201d about the border were out of date."
    )
    article = read_one(write("cp1252.txt", text.encode("cp1252")))
    assert article.text == text


def test_latin1_accented_names_survive_decoding():
    assert decode_bytes(ENGLISH.encode("latin-1")) == ENGLISH


@pytest.mark.parametrize(
    ("data", "kind", "words"),
    [
        (b"", "empty", "no text"),
        (b" \n\t\r\n  ", "empty", "no text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary", "ZIP"),
        (b"Kelvar\x00bridge\x00" * 40, "binary", "NUL"),
        (b"Kelvar bridge \x01\x02\x03\x04\x05\x06\x07\x08" * 40, "binary", "control"),
    ],
    ids=["empty", "whitespace", "pdf", "png", "zip", "nul-bytes", "control-chars"],
)
def test_refusals_name_a_kind_and_a_reason(data, kind, words):
    with pytest.raises(Rejected) as caught:
        decode_bytes(data)
    assert caught.value.kind == kind
    assert words.lower() in caught.value.reason.lower()


def test_random_bytes_are_undecodable():
    rng = random.Random(0)
    noise = bytes(rng.randrange(1, 256) for _ in range(3000))  # no NUL, no magic number
    with pytest.raises(Rejected) as caught:
        decode_bytes(noise)
    assert caught.value.kind == "undecodable"
