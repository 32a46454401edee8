"""JSON Lines and JSON records: one article per record, malformed records reported."""

from __future__ import annotations

import json

import pytest

from crisiswire import Article, Skipped


def _text(first: str, second: str) -> str:
    return f"{first}\n\n{second}"


LEDE = (
    "The foreign ministers of Ardania and Belmora spoke by telephone on Sunday and agreed "
    "that their deputies would meet at the Kelvar bridge within the week."
)
FOLLOW = "Officials on both sides described the call as calm and businesslike."


@pytest.fixture
def jsonl_items(read_all, fixtures_dir):
    return read_all([fixtures_dir / "records.jsonl"])


def test_jsonl_one_article_per_record_and_malformed_line_reported(jsonl_items, fixtures_dir):
    path = str(fixtures_dir / "records.jsonl")
    assert [type(i) for i in jsonl_items] == [Article, Article, Skipped, Article]
    assert [i.origin for i in jsonl_items] == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    bad = jsonl_items[2]
    assert bad.kind == "malformed"
    assert "JSON" in bad.reason


def test_jsonl_record_fields(jsonl_items, check_invariants):
    first, second, _, fourth = jsonl_items
    for article in (first, second, fourth):
        check_invariants(article)
    assert first.id == "atl-0001"
    assert first.title == "Kelvar bridge stays shut for a third day"
    assert first.url == "https://atlasnewswire.example/2024/03/06/kelvar-third-day"
    assert first.source == "Atlas Newswire"
    assert (first.published, first.published_basis) == ("2024-03-06", "metadata")
    assert len(first.paragraphs) == 2
    assert first.paragraph_texts()[0].startswith("OSK (Atlas Newswire) - The Kelvar bridge")


def test_jsonl_body_field_and_newsapi_style_source(jsonl_items):
    second = jsonl_items[1]
    assert second.paragraph_texts()[0].startswith("Fruit growers in the Kelvar valley")
    assert second.source == "Valley Bulletin"  # from {"id": null, "name": "Valley Bulletin"}
    assert second.byline == "Jon Erikson"
    assert second.published == "2024-03-07"  # from publishedAt
    assert second.id == second.hash[:16]  # no id in the record


def test_jsonl_content_field_headline_and_numeric_id(jsonl_items):
    fourth = jsonl_items[3]
    assert fourth.id == "4217"
    assert fourth.title == "Ministers to meet on Kelvar crossing"
    assert fourth.paragraph_texts()[1].startswith("It will be the first meeting")


def test_json_array_one_article_per_element(read_all, fixtures_dir, check_invariants):
    path = str(fixtures_dir / "records.json")
    items = read_all([path])
    assert [i.origin for i in items] == [f"{path}#1", f"{path}#2"]
    assert all(isinstance(i, Article) for i in items)
    for article in items:
        check_invariants(article)
    assert [a.id for a in items] == ["rdg-101", "rdg-102"]
    assert items[1].paragraph_texts()[0].startswith("The Belmoran government said")  # "body"
    assert {a.source for a in items} == {"Ridgeway Times"}


def test_json_object_holding_articles_like_a_news_api_response(write, read_all):
    response = {
        "status": "ok",
        "totalResults": 1,
        "articles": [
            {
                "source": {"id": "lakeside", "name": "Lakeside Chronicle"},
                "author": "Ilse Varga",
                "title": "Deputies meet at the bridge",
                "url": "https://lakesidechronicle.example/news/deputies",
                "publishedAt": "2024-03-10T16:20:00Z",
                "content": _text(LEDE, FOLLOW),
            }
        ],
    }
    path = write("response.json", json.dumps(response))
    (article,) = read_all([path])
    assert isinstance(article, Article)
    assert article.origin == f"{path}#1"
    assert article.source == "Lakeside Chronicle"
    assert article.byline == "Ilse Varga"
    assert article.published == "2024-03-10"
    assert article.paragraph_texts() == [LEDE, FOLLOW]


def test_record_without_text_field_is_skipped_with_its_line(write, read_all):
    lines = [
        json.dumps({"id": "a", "text": LEDE}),
        "",
        json.dumps({"id": "b", "title": "A headline only"}),
        json.dumps({"id": "c", "text": "   "}),
    ]
    path = write("mixed.jsonl", "\n".join(lines) + "\n")
    items = read_all([path])
    assert isinstance(items[0], Article)
    assert [(i.origin, i.kind) for i in items[1:]] == [
        (f"{path}:3", "no-text"),  # the blank line 2 still counts
        (f"{path}:4", "empty"),
    ]


def test_json_array_bad_elements_are_skipped_by_position(write, read_all):
    path = write("bad.json", json.dumps([{"text": LEDE}, "just a string", {"text": FOLLOW}]))
    items = read_all([path])
    assert [type(i) for i in items] == [Article, Skipped, Article]
    assert items[1].origin == f"{path}#2"
    assert items[1].kind == "malformed"


def test_empty_json_array_is_skipped(write, read_skipped):
    skipped = read_skipped(write("none.json", "[]"))
    assert skipped.kind == "empty"


def test_record_with_html_content_is_split_into_paragraphs(write, read_one):
    record = {"id": "h-1", "content": f"<p>{LEDE}</p><p><strong>{FOLLOW}</strong></p>"}
    article = read_one(write("html.jsonl", json.dumps(record) + "\n"))
    assert article.paragraph_texts() == [LEDE, FOLLOW]
    assert "<" not in article.text


def test_authors_list_and_repeated_headline(write, read_one):
    record = {
        "headline": "Deputies meet at the bridge",
        "authors": ["Ilse Varga", "Pavel Rusu"],
        "text": "Deputies meet at the bridge\n\n" + _text(LEDE, FOLLOW),
    }
    article = read_one(write("authors.jsonl", json.dumps(record) + "\n"))
    assert article.byline == "Ilse Varga, Pavel Rusu"
    assert article.title == "Deputies meet at the bridge"
    assert article.paragraph_texts() == [LEDE, FOLLOW]  # the headline is not body


def test_jsonl_recognised_by_content_without_extension(write, read_all):
    lines = [json.dumps({"id": "n-1", "text": LEDE}), json.dumps({"id": "n-2", "text": FOLLOW})]
    path = write("dump.txt", "\n".join(lines))
    items = read_all([path])
    assert [i.origin for i in items] == [f"{path}:1", f"{path}:2"]
    assert [i.id for i in items] == ["n-1", "n-2"]
