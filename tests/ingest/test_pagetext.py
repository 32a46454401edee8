"""Plain text copied from a web page: title, standfirst, byline, captions, highlights, body."""

from __future__ import annotations

from datetime import date

import pytest

from crisiswire.ingest.pagetext import split_page

CAPTION = (
    "Ardanian soldiers stand on the closed Kelvar bridge near the town of Osk. "
    "Photo: Pinewood Agency"
)
DUPLICATED = "No one was hurt in the exchange, according to a statement"


@pytest.fixture
def page(read_one, fixtures_dir):
    return read_one(fixtures_dir / "page_dump.txt")


def test_title_standfirst_and_byline_from_page_header(page):
    assert page.title == "Ardania closes Kelvar bridge after clash with Belmoran border guards"
    assert page.standfirst == (
        "Both capitals trade accusations as traders are stranded on the river crossing"
    )
    # "By" on its own line, the name on the next, then a "|" separator.
    assert page.byline == "Mira Castellan"


def test_caption_printed_twice_is_kept_once_as_a_caption(page):
    assert page.captions == [CAPTION]
    assert "Pinewood Agency" not in page.text
    assert "Pinewood Agency" not in (page.standfirst or "")


def test_bullet_teasers_become_highlights(page):
    assert page.highlights == [
        "Dozens of lorries wait on both banks of the river",
        "Foreign ministers expected to speak by phone",
    ]
    assert "•" not in page.text
    assert "Dozens of lorries" not in page.text


def test_page_furniture_lines_are_dropped(page):
    assert "Advertisement" not in page.text
    assert "Also read" not in page.text
    assert "trade attaché" not in page.text
    assert "|" not in page.paragraph_texts()


def test_repeated_paragraph_is_kept_once(page):
    assert page.text.count(DUPLICATED) == 1
    assert len(page.paragraphs) == 4


def test_body_starts_at_the_lede_and_keeps_reading_order(page, check_invariants):
    check_invariants(page)
    texts = page.paragraph_texts()
    assert texts[0].startswith("OSK: Ardania closed the Kelvar bridge to all traffic on Tuesday")
    assert texts[1].startswith(DUPLICATED)
    assert texts[2].startswith("The Belmoran foreign ministry said")
    assert texts[3].startswith("Lorry drivers on the western bank")
    assert texts[3].endswith("one driver said.")


def test_copyright_footer_names_the_source_and_is_not_body(page):
    assert page.source == "The Harbour Gazette"
    assert "©" not in page.text
    assert "rights reserved" not in page.text.lower()


def test_page_without_any_date_has_unknown_publication(page):
    # Only weekday names ("on Tuesday") and no calendar date: nothing to anchor them.
    assert page.published is None
    assert page.published_basis == "unknown"
    assert page.language == "en"
    assert page.id == page.hash[:16]


def test_front_matter_lines_give_title_source_url_and_date(write, read_one, story):
    path = write(
        "front.txt",
        "Title: Ferry service resumes across the Kelvar\n"
        "Source: Ridgeway Times\n"
        "URL: https://www.ridgewaytimes.example/news/ferry-resumes\n"
        "Date: 2024-03-06\n"
        "\n" + story + "\n",
    )
    article = read_one(path)
    assert article.title == "Ferry service resumes across the Kelvar"
    assert article.source == "Ridgeway Times"
    assert article.url == "https://www.ridgewaytimes.example/news/ferry-resumes"
    assert article.published == "2024-03-06"
    assert article.published_basis == "metadata"
    assert article.paragraph_texts() == [story]
    assert "Title:" not in article.text and "Ridgeway" not in article.text


def test_text_without_title_is_one_paragraph_with_title_none(write, read_one, story):
    article = read_one(write("untitled.txt", "\n" + story + "\n\n"))
    assert article.title is None
    assert article.standfirst is None
    assert article.paragraph_texts() == [story]
    assert article.text == story


def test_single_line_byline_and_published_line(write, read_one, story):
    path = write(
        "dated.txt",
        "Bridge talks begin in a lakeside town\n"
        "By Mira Castellan\n"
        "Published March 4, 2024 10:15\n"
        "\n" + story + "\n",
    )
    article = read_one(path)
    assert article.title == "Bridge talks begin in a lakeside town"
    assert article.byline == "Mira Castellan"
    assert article.published == "2024-03-04"
    assert article.published_basis == "metadata"
    assert article.paragraph_texts() == [story]


def test_same_page_with_windows_line_endings_reads_the_same(write, read_one, fixtures_dir):
    unix = (fixtures_dir / "page_dump.txt").read_text(encoding="utf-8")
    a = read_one(write("unix.txt", unix))
    b = read_one(write("windows.txt", unix.replace("\n", "\r\n")))
    assert b.text == a.text
    assert (b.title, b.byline, b.captions, b.highlights) == (
        a.title, a.byline, a.captions, a.highlights
    )  # fmt: skip
    assert b.hash == a.hash


def test_hard_wrapped_body_paragraph_is_joined(write, read_one, story):
    wrapped = (
        f"{story}\n"
        "\n"
        "Lorries will have to wait for a separate agreement on customs checks, and\n"
        "traders said that the delay would cost them dearly over the\n"
        "coming weeks.\n"
    )
    article = read_one(write("wrapped.txt", wrapped))
    assert article.paragraph_texts() == [
        story,
        "Lorries will have to wait for a separate agreement on customs checks, and traders "
        "said that the delay would cost them dearly over the coming weeks.",
    ]


def test_hard_wrapped_lede_stays_whole(write, read_one):
    wrapped = (
        "Bridge to reopen to pedestrians\n"
        "\n"
        "Officials from both countries met at the bridge on Monday morning and\n"
        "agreed that the crossing would reopen to people on foot by the weekend,\n"
        "according to a statement issued by the regional governor.\n"
        "\n"
        "Lorries will have to wait for a separate agreement on customs checks.\n"
    )
    article = read_one(write("wrapped-lede.txt", wrapped))
    assert article.title == "Bridge to reopen to pedestrians"
    assert article.standfirst is None
    texts = article.paragraph_texts()
    assert len(texts) == 2
    assert texts[0].startswith("Officials from both countries met at the bridge on Monday")
    assert texts[0].endswith("issued by the regional governor.")


def test_paragraph_pasted_twice_in_a_row_in_the_body_is_kept_once(write, read_one, story):
    second = "Customs officers on both banks were told to prepare for a reopening next week."
    third = "Traders said they would believe it when they saw the first lorry cross."
    article = read_one(write("doubled.txt", f"{story}\n\n{second}\n\n{second}\n\n{third}\n"))
    assert article.paragraph_texts() == [story, second, third]


def test_lede_pasted_twice_is_kept_once_in_the_body(write, read_one, story):
    second = "Customs officers on both banks were told to prepare for a reopening next week."
    article = read_one(write("doubled-lede.txt", f"{story}\n\n{story}\n\n{second}\n"))
    assert article.captions == []
    assert article.paragraph_texts() == [story, second]


def test_source_option_fills_in_only_a_missing_source(write, read_all, fixtures_dir, story):
    bare = write("bare.txt", story)
    items = read_all([bare, fixtures_dir / "page_dump.txt"], source="Analyst Desk")
    assert [a.source for a in items] == ["Analyst Desk", "The Harbour Gazette"]


def test_url_host_is_the_last_resort_source(write, read_one, story):
    article = read_one(write("host.txt", f"URL: https://www.kelvar-daily.example/a/1\n\n{story}"))
    assert article.source == "kelvar-daily.example"


def test_metadata_date_wins_over_given_date_in_page_text(write, read_one, story):
    path = write("meta.txt", f"Date: 19 January 2024\n\n{story}")
    article = read_one(path, date=date(2024, 3, 1))
    assert (article.published, article.published_basis) == ("2024-01-19", "metadata")


def test_split_page_directly_separates_parts():
    parts = split_page(
        "Kelvar bridge reopens\n"
        "Written by\n"
        "Ilse Varga\n"
        "Share | Tweet | Email\n"
        "A customs officer checks papers at the bridge (Photo: File)\n"
        "\n"
        "The bridge reopened to lorries on Friday after nine days, and the first drivers "
        "across said the checks had taken less than an hour.\n"
    )
    assert parts.title == "Kelvar bridge reopens"
    assert parts.byline == "Ilse Varga"
    assert parts.captions == ["A customs officer checks papers at the bridge (Photo: File)"]
    assert len(parts.paragraphs) == 1
    assert parts.paragraphs[0].startswith("The bridge reopened to lorries on Friday")


def test_split_page_with_known_title_drops_the_repeated_headline():
    parts = split_page(
        "Kelvar bridge reopens\n\nThe bridge reopened to lorries on Friday after nine days, "
        "and the first drivers across said the checks had taken less than an hour.",
        known_title="KELVAR BRIDGE REOPENS",
    )
    assert parts.title is None
    assert parts.standfirst is None
    assert len(parts.paragraphs) == 1
