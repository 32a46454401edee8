"""Article assembly: paragraph offsets, content hash and id, for every reader."""

from __future__ import annotations

import hashlib

import pytest

from crisiswire import Article
from crisiswire.ingest.assemble import Metadata, build_article, content_hash
from crisiswire.ingest.errors import Rejected
from crisiswire.ingest.pagetext import PageParts

FIXTURE_FILES = ["page_dump.txt", "article.html", "records.jsonl", "records.json", "feed.rss",
                 "feed.atom"]  # fmt: skip


@pytest.fixture
def every_fixture_article(read_all, fixtures_dir):
    items = read_all([fixtures_dir / name for name in FIXTURE_FILES])
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 10
    return articles


def test_offsets_slice_text_into_paragraphs_for_every_reader(
    every_fixture_article, check_invariants
):
    for article in every_fixture_article:
        check_invariants(article)


def test_ids_follow_the_record_id_or_the_hash(every_fixture_article):
    by_origin = {a.origin.rsplit("/", 1)[-1]: a for a in every_fixture_article}
    assert by_origin["records.jsonl:1"].id == "atl-0001"
    assert by_origin["feed.rss#1"].id == "lkc-5521"
    for name in ("page_dump.txt", "article.html", "records.jsonl:2"):
        article = by_origin[name]
        assert article.id == article.hash[:16]
    for article in every_fixture_article:
        assert article.hash == content_hash(article.text)


def test_ids_and_hashes_are_stable_across_runs(read_all, fixtures_dir, every_fixture_article):
    again = read_all([fixtures_dir / name for name in FIXTURE_FILES])
    again = [a for a in again if isinstance(a, Article)]
    assert [(a.id, a.hash) for a in again] == [(a.id, a.hash) for a in every_fixture_article]


def test_content_hash_is_sha256_of_the_normalised_text():
    assert (
        content_hash("  The Bridge\n\nreopened. ")
        == hashlib.sha256(b"the bridge reopened.").hexdigest()
    )


@pytest.mark.parametrize(
    "variant",
    [
        "The Kelvar bridge reopened on Friday.\n\nLorries crossed at dawn.",
        "The Kelvar bridge\nreopened on Friday. Lorries crossed at dawn.",
        "THE KELVAR BRIDGE REOPENED ON FRIDAY.  LORRIES CROSSED AT DAWN.",
        "  the kelvar\tbridge reopened on friday.\r\n\r\nlorries crossed at dawn.\n",
    ],
)
def test_same_text_with_other_line_breaks_or_case_hashes_the_same(variant):
    reference = content_hash("The Kelvar bridge reopened on Friday. Lorries crossed at dawn.")
    assert content_hash(variant) == reference


def test_different_text_hashes_differently():
    assert content_hash("The bridge reopened.") != content_hash("The bridge stayed closed.")


def test_same_story_copied_with_other_line_breaks_gets_the_same_id(write, read_all, story):
    second = "Lorries will have to wait for a separate agreement on customs checks."
    one = write("one.txt", f"{story}\n\n{second}\n")
    other = write("other.txt", f"\n\n{story}\n\n\n\n{second}")
    a, b = read_all([one, other])
    assert (a.id, a.hash) == (b.id, b.hash)


def test_build_article_joins_paragraphs_with_a_blank_line():
    parts = PageParts(
        paragraphs=[
            "Ardania and Belmora agreed on Friday to reopen the bridge to lorries next week.",
            "Traders on both banks of the river welcomed the decision.",
        ],
        title="Bridge to reopen",
    )
    article = build_article(parts, Metadata(id="k-1"), "memory")
    assert article.text == "\n\n".join(parts.paragraphs)
    assert article.paragraph_texts() == parts.paragraphs
    assert [(p.start, p.end) for p in article.paragraphs] == [(0, 79), (81, 138)]
    assert (article.id, article.origin, article.title) == ("k-1", "memory", "Bridge to reopen")


def test_build_article_refuses_empty_body():
    with pytest.raises(Rejected) as caught:
        build_article(PageParts(paragraphs=["  "]), Metadata(), "memory")
    assert caught.value.kind == "no-text"


def test_article_round_trips_through_a_dict(every_fixture_article):
    for article in every_fixture_article:
        assert Article.from_dict(article.to_dict()) == article
