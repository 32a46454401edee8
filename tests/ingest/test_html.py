"""HTML pages: main text through trafilatura, metadata from the page's own meta tags."""

from __future__ import annotations

import pytest

PARAGRAPH = (
    "Belmora's interior ministry said on Tuesday that its inquiry into the shooting at the "
    "Kelvar bridge had found no evidence that its patrol crossed the middle of the river."
)

SECOND = (
    "Ardania said it would study the findings before commenting on them, and that the "
    "bridge would stay closed to lorries in the meantime."
)
SHARED = (
    "The two foreign ministers agreed in a telephone call on Sunday that their deputies "
    "would meet at the Kelvar bridge within the week to discuss a joint river patrol."
)


def _syndicated_page(outlet: str, number: int) -> str:
    """An outlet's page carrying the shared wire paragraph between two of its own."""
    return (
        f"<html><head><title>Deputies to meet at the bridge</title>"
        f'<meta property="og:site_name" content="{outlet}"></head><body><article>'
        f"<p>{outlet} reports that the mood among traders on both banks of the river improved "
        f"markedly during the day, in its story number {number}.</p>"
        f"<p>{SHARED}</p>"
        f"<p>Traders in the town of Osk said on Sunday that they hoped the deputies would settle "
        f"the question of customs checks (story {number}).</p></article></body></html>"
    )


@pytest.fixture
def page(read_one, fixtures_dir):
    return read_one(fixtures_dir / "article.html")


def test_html_metadata(page):
    assert page.title == "Belmora offers talks on Kelvar bridge as lorries pile up"
    assert page.byline == "Tomas Ferrand"  # <meta name="author">
    assert page.source == "Ridgeway Times"  # og:site_name
    assert page.url == "https://www.ridgewaytimes.example/world/2024/03/04/belmora-offers-talks"


def test_published_time_is_the_day_as_written(page):
    # 23:30 at UTC-5 is already 5 March in UTC; the page's own calendar day is kept.
    assert page.published == "2024-03-04"
    assert page.published_basis == "metadata"


def test_figcaption_is_a_caption_not_body(page):
    assert page.captions == [
        "Lorries queue on the western approach to the Kelvar bridge. Photo: Pinewood Agency"
    ]
    assert "Pinewood" not in page.text


def test_body_paragraphs_without_navigation_or_footer(page, check_invariants):
    check_invariants(page)
    texts = page.paragraph_texts()
    assert len(texts) == 4
    assert texts[0].startswith("Belmora on Monday offered to hold talks with Ardania")
    assert texts[-1].endswith("its inquiry into the shooting.")
    for boilerplate in ("Home page", "World coverage", "Markets and trading", "Subscribe",
                        "Privacy policy"):  # fmt: skip
        assert boilerplate not in page.text
    assert page.title not in page.text
    assert "<" not in page.text


def test_txt_file_holding_html_is_read_as_html(write, read_one):
    html = (
        "<!DOCTYPE html><html><head><title>Inquiry clears patrol</title>"
        '<meta property="og:site_name" content="Northgate Observer">'
        '<meta name="author" content="Pavel Rusu"></head>'
        f"<body><article><h1>Inquiry clears patrol</h1><p>{PARAGRAPH}</p>"
        "<p>Ardania said it would study the findings before commenting on them.</p>"
        "</article></body></html>"
    )
    article = read_one(write("saved-page.txt", html))
    assert article.title == "Inquiry clears patrol"
    assert article.source == "Northgate Observer"
    assert article.byline == "Pavel Rusu"
    assert article.paragraph_texts()[0] == PARAGRAPH
    assert "<" not in article.text and "DOCTYPE" not in article.text


def test_htm_extension_without_site_name_falls_back_to_given_source(write, read_one):
    html = f"<html><body><article><p>{PARAGRAPH}</p><p>{SECOND}</p></article></body></html>"
    article = read_one(write("page.htm", html), source="Analyst Desk")
    assert article.paragraph_texts() == [PARAGRAPH, SECOND]
    assert article.source == "Analyst Desk"
    assert article.published is None


@pytest.mark.parametrize(
    "markup",
    [
        b"<html><body><div><span></span></div></body></html>",
        b"<html><head><title>x</title></head><body><p><<<<>>>></p></body>",
        b"<html><body><div class='nav'><a href='/'>Home</a></div>",
    ],
    ids=["empty-elements", "broken-tags", "unclosed-nav-only"],
)
def test_html_without_text_is_skipped_not_raised(write, read_skipped, markup):
    path = write("broken.html", markup)
    skipped = read_skipped(path)
    assert skipped.origin == str(path)
    assert skipped.kind == "no-text"
    assert "text" in skipped.reason


def test_syndicated_paragraph_is_kept_in_every_outlets_page(write, read_all):
    outlets = ["Ridgeway Times", "Northgate Observer", "Lakeside Chronicle", "Valley Bulletin"]
    paths = [write(f"synd/{n}.html", _syndicated_page(o, n)) for n, o in enumerate(outlets)]
    articles = read_all(paths)
    assert [a.source for a in articles] == outlets
    assert [SHARED in a.text for a in articles] == [True] * 4


def test_reading_the_same_page_again_gives_the_same_article(write, read_all):
    path = write("again.html", _syndicated_page("Ridgeway Times", 1))
    first = read_all([path])
    assert first[0].paragraph_texts()[1] == SHARED
    for _ in range(3):
        assert read_all([path]) == first
