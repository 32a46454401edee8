"""Syndicated copies are found and linked to the original; rewrites of one event are not."""

from __future__ import annotations

from crisiswire.model import Article, Paragraph
from crisiswire.stories.copies import CopyFinder, shingles

WIRE = (
    "The harbour authority of Korvale reopened the ferry terminal on Monday after a week "
    "of storms had kept every boat in port. Officials said the first crossing to Belmora "
    "left at dawn with two hundred passengers on board and that the timetable would be back "
    "to normal by Wednesday. Traders who had waited on the quay for six days said they had "
    "lost perishable goods worth several thousand crowns. The authority promised to review "
    "its storm warnings before the winter season begins."
)
REPRINT = (
    "KORVALE (Harbour Wire) - " + WIRE.rsplit(" The authority", 1)[0]
)  # a new dateline, the last sentence trimmed
REWRITE = (
    "Ferries are running again from Korvale. After seven days of gales, the port "
    "authority let the terminal open on Monday, and a boat carrying some two hundred people "
    "sailed for Belmora at first light. Merchants complained of spoiled cargo."
)


def _article(article_id: str, text: str, published: str | None = None) -> Article:
    return Article(article_id, article_id, text, [Paragraph(0, len(text))], published=published)


def test_a_reprint_is_a_copy_of_the_wire_story():
    finder = CopyFinder()
    assert finder.add(_article("wire", WIRE, "2024-03-04")) is None
    copy = finder.add(_article("reprint", REPRINT, "2024-03-05"))
    assert copy is not None and (copy.article_id, copy.original_id) == ("reprint", "wire")
    assert copy.containment >= 0.8


def test_the_same_event_in_other_words_is_not_a_copy():
    finder = CopyFinder()
    finder.add(_article("wire", WIRE))
    assert finder.add(_article("rewrite", REWRITE)) is None


def test_the_original_is_the_one_published_first_whatever_the_order_read():
    finder = CopyFinder()
    finder.add(_article("reprint", REPRINT, "2024-03-05"))
    copy = finder.add(_article("wire", WIRE, "2024-03-04"))
    assert copy is not None and (copy.article_id, copy.original_id) == ("reprint", "wire")
    third = finder.add(_article("second-reprint", REPRINT + " Ends.", "2024-03-06"))
    assert third is not None and third.original_id == "wire"
    assert finder.original_of == {"reprint": "wire", "second-reprint": "wire"}


def test_short_and_empty_texts():
    assert shingles("") == set()
    assert len(shingles("Two words")) == 1
    finder = CopyFinder()
    finder.add(_article("a", ""))
    assert finder.add(_article("b", "")) is None  # nothing to compare is not a copy
