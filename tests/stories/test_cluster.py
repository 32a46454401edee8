"""Online story grouping on short stories we wrote: same incident together, others apart."""

from __future__ import annotations

from crisiswire.model import Article, Paragraph
from crisiswire.stories.cluster import StoryClusterer

FERRY_1 = (
    "The Korvale ferry terminal reopened on Monday after storms. The harbour authority said "
    "the first ferry to Belmora sailed at dawn with two hundred passengers and the timetable "
    "would return to normal."
)
FERRY_2 = (
    "Ferries sailed again from the Korvale terminal on Monday, the harbour authority said, "
    "after storms kept boats in port; two hundred passengers crossed to Belmora at dawn."
)
ELECTION = (
    "Voters in Ardania elected a new parliament on Sunday. The electoral commission said "
    "turnout reached sixty percent and the governing party lost its majority."
)


def _article(article_id: str, text: str, published: str | None = None) -> Article:
    return Article(article_id, article_id, text, [Paragraph(0, len(text))], published=published)


def test_reports_of_one_incident_share_a_story_and_others_do_not():
    clusterer = StoryClusterer()
    first = clusterer.add(_article("f1", FERRY_1, "2024-03-04"))
    assert clusterer.add(_article("e1", ELECTION, "2024-03-04")) != first
    assert clusterer.add(_article("f2", FERRY_2, "2024-03-05")) == first


FERRY_FIRE = (
    "The Korvale ferry terminal reopened on Thursday after a fire in its ticket hall. The "
    "harbour authority said boats to Belmora would run a reduced timetable while repairs go on."
)


def test_the_same_kind_of_incident_months_apart_is_another_story():
    clusterer = StoryClusterer()
    first = clusterer.add(_article("f1", FERRY_1, "2024-03-04"))
    assert clusterer.add(_article("fire", FERRY_FIRE, "2024-11-21")) != first
    # … while the same report a day later would have joined
    assert clusterer.add(_article("f2", FERRY_2, "2024-03-05")) == first


def test_a_copy_joins_its_original_story():
    clusterer = StoryClusterer()
    first = clusterer.add(_article("f1", FERRY_1))
    clusterer.add(_article("e1", ELECTION))
    assert clusterer.add(_article("copy", ELECTION + " Ends.", None), original="f1") == first


def test_an_empty_article_opens_its_own_story():
    clusterer = StoryClusterer()
    clusterer.add(_article("f1", FERRY_1))
    assert clusterer.add(_article("blank", "")) == "blank"
