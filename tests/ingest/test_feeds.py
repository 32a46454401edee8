"""RSS and Atom feeds: one article per item with content; an item without is reported."""

from __future__ import annotations

from crisiswire import Article, Skipped


def test_rss_items_become_articles(read_all, fixtures_dir, check_invariants):
    path = str(fixtures_dir / "feed.rss")
    items = read_all([path])
    assert [type(i) for i in items] == [Article, Article, Skipped]
    first, second, _ = items
    for article in (first, second):
        check_invariants(article)
        assert article.source == "Lakeside Chronicle"  # the channel title
    assert (first.origin, second.origin) == (f"{path}#1", f"{path}#2")
    assert (first.id, second.id) == ("lkc-5521", "lkc-5522")
    assert first.title == "Ministers agree to reopen Kelvar bridge to lorries"
    assert first.url == "https://lakesidechronicle.example/news/kelvar-lorries"
    assert first.byline == "Ilse Varga"
    assert (first.published, first.published_basis) == ("2024-03-11", "metadata")
    assert len(first.paragraphs) == 2  # two <p> in content:encoded
    assert first.paragraph_texts()[1].startswith("They also agreed to set up a joint patrol")
    assert "<p>" not in first.text


def test_rss_item_with_only_a_description_uses_it(read_all, fixtures_dir):
    second = read_all([fixtures_dir / "feed.rss"])[1]
    assert second.paragraph_texts() == [
        "Traders on both sides of the river said they were relieved by the agreement, but "
        "many said they had lost too much money this month to celebrate it."
    ]
    assert second.published == "2024-03-12"


def test_rss_item_without_content_is_skipped(read_all, fixtures_dir):
    path = str(fixtures_dir / "feed.rss")
    skipped = read_all([path])[2]
    assert skipped.kind == "no-text"
    assert skipped.origin == f"{path}#3"
    assert "Photo gallery" in skipped.reason


def test_atom_entries(read_all, fixtures_dir, check_invariants):
    path = str(fixtures_dir / "feed.atom")
    article, skipped = read_all([path])
    assert isinstance(article, Article)
    check_invariants(article)
    assert article.origin == f"{path}#1"
    assert article.id == "urn:northgate:2024:0313:kelvar"
    assert article.title == "First lorries cross the Kelvar bridge"
    assert article.source == "Northgate Observer"
    assert article.byline == "Pavel Rusu"
    assert article.url == "https://northgate.example/2024/03/13/first-lorries"
    assert article.published == "2024-03-13"
    assert article.paragraph_texts()[1] == (
        "Drivers said the checks on the eastern bank were slow but that the queue was moving."
    )
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "no-text"
    assert skipped.origin == f"{path}#2"


def test_feed_recognised_by_content_whatever_the_extension(write, read_all, fixtures_dir):
    rss = (fixtures_dir / "feed.rss").read_bytes()
    items = read_all([write("feed-export.txt", rss)])
    assert [type(i) for i in items] == [Article, Article, Skipped]


def test_feed_without_items_is_skipped(write, read_skipped):
    path = write("empty.xml", "<rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    skipped = read_skipped(path)
    assert skipped.origin == str(path)
    assert skipped.kind == "no-text"
