"""Two third-party reference articles in ../shared/seeds (read-only, never copied here)."""

from __future__ import annotations

import pytest

from crisiswire import Article, read_articles


@pytest.fixture(scope="session")
def seed(seeds_dir):
    def read(name: str) -> Article:
        (item,) = list(read_articles([str(seeds_dir / name)]))
        assert isinstance(item, Article), item
        return item

    return read


def test_page_dump_seed_is_split_into_its_parts(seed, check_invariants):
    article = seed("004_00ea64aa58b6d275.txt")
    check_invariants(article)
    assert article.title is not None
    assert article.title.startswith("Pak-Iran tensions cooling down")
    assert article.byline == "Web Desk"
    assert len(article.captions) == 1
    assert article.captions[0].endswith("Photo: AFP")
    assert len(article.highlights) == 3
    assert article.standfirst
    assert article.paragraph_texts()[0].startswith("The exchange of positive messages")
    assert article.captions[0] not in article.text
    assert not any(h in article.text for h in article.highlights)


def test_untitled_seed_gets_an_inferred_date(seed, check_invariants):
    article = seed("000_8049f0ef0eca0b1c.txt")
    check_invariants(article)
    assert article.title is None
    assert article.published in ("2024-01-19", "2024-01-20")
    assert article.published_basis.startswith("inferred:")
