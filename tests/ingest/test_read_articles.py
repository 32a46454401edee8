"""Bad inputs: each becomes a `Skipped` with the right kind, never an exception."""

from __future__ import annotations

import gzip
import random

import pytest

import crisiswire.ingest.assemble as assemble
from crisiswire import Article, Skipped, read_articles

FRENCH = (
    "Les deux gouvernements ont annoncé lundi qu'ils poursuivraient les discussions sur le "
    "pont, et que les commerçants des deux rives devaient faire preuve de patience pendant "
    "les négociations entre les ministres."
)
GERMAN = (
    "Die beiden Regierungen kündigten am Montag an, die Gespräche über die Brücke "
    "fortzusetzen, und die Händler auf beiden Seiten des Flusses sollten Geduld haben, bis "
    "die Einzelheiten geklärt sind."
)


def _noise() -> bytes:
    rng = random.Random(0)
    return bytes(rng.randrange(1, 256) for _ in range(3000))


BAD_FILES = [
    # name, content, kind, a word the reason must contain
    ("empty.txt", b"", "empty", "no text"),
    ("blank.txt", b"  \n\n\t  \r\n", "empty", "no text"),
    ("blank.jsonl", b"\n\n\n", "empty", "no text"),
    ("scan.txt", b"Kelvar\x00\x00bridge\x00report\x00" * 30, "binary", "NUL"),
    ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "binary", "PDF"),
    ("renamed-pdf.txt", b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n", "binary", "PDF"),
    ("noise.txt", _noise(), "undecodable", "encoding"),
    ("french.txt", FRENCH.encode("utf-8"), "not-english", "French"),
    ("german.txt", GERMAN.encode("utf-8"), "not-english", "German"),
    ("broken.json", b'[{"title": "Bridge", "text": "The bridge', "malformed", "JSON"),
    ("trailing.json", b'[{"text": "x"},]', "malformed", "line 1"),
    ("scalar.json", b'["one", 2', "malformed", "JSON"),
    ("shell.html", b"<html><body><div><span></span></div></body></html>", "no-text", "text"),
    ("furniture.txt", b"Advertisement\n\nAlso read: more news\n\n", "no-text", "furniture"),
    ("garbage.txt.gz", b"\x1f\x8b\x08\x00" + b"not really gzip" * 5, "malformed", "gzip"),
    ("cut.txt.gz", gzip.compress(b"The bridge stayed closed." * 40)[:25], "malformed", "gzip"),
    ("cut-no-ext.txt", gzip.compress(b"The bridge stayed closed." * 40)[:25], "malformed", "gzip"),
]


@pytest.mark.parametrize(
    ("name", "content", "kind", "word"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_bad_file_is_skipped_with_kind_and_reason(write, read_skipped, name, content, kind, word):
    path = write(name, content)
    skipped = read_skipped(path)
    assert skipped.origin == str(path)
    assert skipped.kind == kind
    assert word.lower() in skipped.reason.lower()
    assert str(skipped) == f"{path}: skipped ({kind}): {skipped.reason}"


def test_not_english_reason_names_the_language(write, read_skipped):
    skipped = read_skipped(write("fr.txt", FRENCH))
    assert skipped.reason == "not English (looks like French, fr)"


BYTE_LIMIT_BUG = (
    "ingest/__init__.py _read_input reads `stream.read(max_bytes + 1 - len(head))`: when the "
    "first 64 KiB chunk is already longer than max_file_bytes + 1 the length is negative and "
    "the stream raises ValueError out of read_articles instead of yielding too-large"
)


def test_file_over_the_byte_limit_is_too_large(write, read_skipped, story):
    path = write("long.txt", story)
    assert len(story.encode()) > 101
    skipped = read_skipped(path, max_file_bytes=100)
    assert skipped.kind == "too-large"
    assert "100" in skipped.reason


def test_byte_limit_applies_to_decompressed_size(write, read_skipped, story):
    path = write("long.txt.gz", gzip.compress((story * 5).encode()))
    assert path.stat().st_size < 300
    assert read_skipped(path, max_file_bytes=300).kind == "too-large"


def test_file_one_byte_over_the_limit_is_too_large(write, read_skipped, story):
    path = write("long.txt", story.encode()[:101])
    skipped = read_skipped(path, max_file_bytes=100)
    assert skipped.kind == "too-large"
    assert "100" in skipped.reason


def test_file_over_a_limit_beyond_the_first_chunk_is_too_large(write, read_skipped, story):
    data = ((story + "\n\n") * 450).encode()
    assert len(data) > 70_000
    skipped = read_skipped(write("huge.txt", data), max_file_bytes=70_000)
    assert skipped.kind == "too-large"
    assert "70,000" in skipped.reason


def test_file_at_the_byte_limit_is_read(write, read_one, story):
    data = story.encode()
    article = read_one(write("exact.txt", data), max_file_bytes=len(data))
    assert article.text == story


def test_article_text_over_the_character_limit_is_too_large(
    write, read_skipped, story, monkeypatch
):
    monkeypatch.setattr(assemble, "MAX_TEXT_CHARS", 50)
    skipped = read_skipped(write("long.txt", story))
    assert skipped.kind == "too-large"
    assert "limit 50" in skipped.reason


def test_missing_path_and_unmatched_glob(tmp_path, read_all):
    missing, pattern = str(tmp_path / "gone.txt"), str(tmp_path / "*.rss")
    items = read_all([missing, pattern])
    assert [(i.origin, i.kind) for i in items] == [(missing, "not-found"), (pattern, "not-found")]


def test_latin1_english_is_read(write, read_one):
    text = (
        "Ren\u00e9e Dupr\u00e9, the mayor of Osk, said the talks on the bridge would resume on "
        "Monday. It is the third round of negotiations this year, and the mood was calm."
    )
    article = read_one(write("latin1.txt", text.encode("latin-1")))
    assert article.text == text


def test_one_item_per_bad_input_and_good_ones_still_read(write, read_all, story, tmp_path):
    paths = [write(name, content) for name, content, _, _ in BAD_FILES]
    good = write("good.txt", story)
    missing = tmp_path / "missing.txt"
    items = read_all([*paths, good, missing])
    assert [i.origin for i in items] == [str(p) for p in [*paths, good, missing]]
    assert [i.kind for i in items if isinstance(i, Skipped)] == [
        *(kind for _, _, kind, _ in BAD_FILES),
        "not-found",
    ]
    assert [i.origin for i in items if isinstance(i, Article)] == [str(good)]


def test_read_articles_is_lazy(write, story):
    first = write("1.txt", story)
    later = write("2.txt", story)
    items = read_articles([str(first), str(later)])
    assert next(items).origin == str(first)
    later.unlink()  # not opened yet: reported when reached, not an error
    second = next(items)
    assert (second.origin, second.kind) == (str(later), "not-found")
