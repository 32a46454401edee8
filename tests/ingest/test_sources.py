"""Naming inputs: files, directories (recursive, sorted), globs, stdin, gzip."""

from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from crisiswire import Article, Skipped
from crisiswire.ingest.sources import Input, expand_inputs


@pytest.fixture
def tree(write, story):
    """A folder with nested articles, a hidden file and a README."""
    write("corpus/b/2.txt", story.replace("Monday", "Tuesday"))
    write("corpus/a.txt", story)
    write("corpus/b/1.txt", story.replace("Monday", "Wednesday"))
    write("corpus/c/deep/3.txt", story.replace("Monday", "Thursday"))
    write("corpus/.cache/ignored.txt", story)
    write("corpus/README.md", "# About this folder\n\nNotes for the analyst.\n")
    return write("corpus/a.txt", story).parent


def test_directory_is_read_recursively_in_sorted_order(tree, read_all):
    items = read_all([tree])
    origins = [i.origin for i in items]
    assert origins == [
        str(tree / ".cache"),
        str(tree / "README.md"),
        str(tree / "a.txt"),
        str(tree / "b" / "1.txt"),
        str(tree / "b" / "2.txt"),
        str(tree / "c" / "deep" / "3.txt"),
    ]
    hidden, readme, *articles = items
    assert isinstance(hidden, Skipped) and "hidden folder" in hidden.reason
    assert isinstance(readme, Skipped) and readme.kind == "no-text"
    assert all(isinstance(a, Article) for a in articles)
    assert not any("ignored.txt" in o for o in origins)  # a hidden folder is not entered


def test_empty_directory_is_reported(tmp_path, read_skipped):
    (tmp_path / "nothing").mkdir()
    skipped = read_skipped(tmp_path / "nothing")
    assert skipped.kind == "not-found"
    assert "no files" in skipped.reason


def test_readme_named_directly_is_read(write, read_all, story):
    # Only files found by walking a folder are taken for documentation.
    path = write("README.txt", story)
    (item,) = read_all([path])
    assert isinstance(item, Article)


def test_glob_pattern_matches_in_sorted_order(tree, read_all):
    items = read_all([str(tree / "b" / "*.txt")])
    assert [i.origin for i in items] == [str(tree / "b" / "1.txt"), str(tree / "b" / "2.txt")]
    assert all(isinstance(i, Article) for i in items)


def test_recursive_glob(tree, read_all):
    items = read_all([str(tree / "**" / "3.txt")])
    assert [i.origin for i in items] == [str(tree / "c" / "deep" / "3.txt")]


def test_glob_without_match_is_reported(tmp_path, read_skipped):
    pattern = str(tmp_path / "*.nomatch")
    skipped = read_skipped(pattern)
    assert skipped.origin == pattern
    assert skipped.kind == "not-found"
    assert "pattern" in skipped.reason


def test_missing_path_is_reported(tmp_path, read_skipped):
    missing = str(tmp_path / "no-such-file.txt")
    skipped = read_skipped(missing)
    assert (skipped.origin, skipped.kind) == (missing, "not-found")


def test_paths_keep_the_order_given(tree, read_all):
    items = read_all([tree / "b" / "2.txt", tree / "a.txt"])
    assert [i.origin for i in items] == [str(tree / "b" / "2.txt"), str(tree / "a.txt")]


def test_dash_reads_standard_input(read_all, story):
    (article,) = read_all(["-"], stdin=io.BytesIO(story.encode("utf-8")))
    assert isinstance(article, Article)
    assert article.origin == "<stdin>"
    assert article.text == story


def test_standard_input_is_sniffed_for_json_lines(read_all, story):
    data = "\n".join(json.dumps({"id": f"s-{n}", "text": story}) for n in (1, 2)).encode()
    items = read_all(["-"], stdin=io.BytesIO(data))
    assert [(i.origin, i.id) for i in items] == [("<stdin>:1", "s-1"), ("<stdin>:2", "s-2")]


def test_gz_file_is_decompressed(write, read_one, story):
    article = read_one(write("story.txt.gz", gzip.compress(story.encode("utf-8"))))
    assert article.text == story


def test_gz_jsonl_keeps_record_origins(write, read_all, story):
    data = "\n".join(json.dumps({"id": f"z-{n}", "text": story}) for n in (1, 2)).encode()
    path = write("batch.jsonl.gz", gzip.compress(data))
    items = read_all([path])
    assert [i.origin for i in items] == [f"{path}:1", f"{path}:2"]
    assert [i.id for i in items] == ["z-1", "z-2"]


def test_gzip_content_without_gz_extension(write, read_one, story):
    article = read_one(write("story.txt", gzip.compress(story.encode("utf-8"))))
    assert article.text == story


def test_gzipped_html_page(write, read_one, fixtures_dir):
    page = (fixtures_dir / "article.html").read_bytes()
    article = read_one(write("page.html.gz", gzip.compress(page)))
    assert article.source == "Ridgeway Times"
    assert article.captions


def test_expand_inputs_strips_gz_from_the_name_used_for_sniffing(write):
    path = write("feed.xml.gz", gzip.compress(b"<rss></rss>"))
    (item,) = expand_inputs([str(path)])
    assert isinstance(item, Input)
    assert item.origin == str(path)
    assert item.name == "feed.xml"
    with item.open() as stream:
        assert stream.read() == b"<rss></rss>"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_path_that_is_not_a_regular_file_is_reported(tmp_path, read_skipped):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    skipped = read_skipped(fifo)
    assert skipped.kind == "unreadable"
