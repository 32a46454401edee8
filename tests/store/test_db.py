"""The DuckDB store: whole articles per transaction, idempotent by content hash, lossless."""

from __future__ import annotations

import pytest

from crisiswire.model import (
    ActorRef,
    Article,
    ArticleAnalysis,
    Event,
    Evidence,
    Location,
    Paragraph,
    Place,
    Quote,
    Sentence,
    Timex,
)
from crisiswire.store import db as module
from crisiswire.store.db import Store, StoreError

TEXT = "Ardanian troops shelled a depot near Kelvar on Monday. “We had no choice,” Varo said."
KELVAR = Location("Kelvar", "ARD", None, 41.0, 20.0, 123, "city")


def _analysis(article_id: str = "kelvar-1", text: str = TEXT) -> ArticleAnalysis:
    article = Article(
        article_id, f"hash-of-{text}", text, [Paragraph(0, len(text))], source="Wire",
        published="2024-03-08", published_basis="given", origin="story.txt",
    )  # fmt: skip
    event = Event(
        id=f"{article_id}-e1", article_id=article_id, event_type="ASSAULT", mode=None,
        cameo="190", goldstein=-10.0, quad=4,
        actor=[ActorRef("Ardanian troops", "Ardania", "ARD", "MIL", 0, 15)], recipient=[],
        evidence=Evidence(0, 0, 54, text[:54]), trigger="shelled", date="2024-03-04",
        date_text="Monday", date_basis="relative", date_value="2024-03-04", location=KELVAR,
        dead=2, speaker=ActorRef("Varo", "Lena Varo", "ARD", "GOV", 77, 81),
    )  # fmt: skip
    quote = Quote(
        article_id,
        "We had no choice,",
        57,
        74,
        True,
        ActorRef("Varo", "Lena Varo", "ARD", "GOV", 76, 80),
        "said",
        81,
        85,
        1,
    )
    return ArticleAnalysis(
        article=article,
        events=[event],
        quotes=[quote],
        timexes=[Timex(44, 50, "Monday", "DATE", "2024-03-04", "relative", 0)],
        places=[Place(37, 43, "Kelvar", KELVAR, 0)],
        sentences=[Sentence(0, 0, 54), Sentence(1, 55, len(text))],
    )


def test_everything_is_stored_and_read_back_whole(tmp_path):
    analysis = _analysis()
    with Store(tmp_path / "c.duckdb") as store:
        assert store.add(analysis)
        assert store.counts() == {
            "articles": 1, "sentences": 2, "events": 1, "quotes": 1, "places": 1, "timexes": 1,
            "copies": 0, "stories": 0, "fused_events": 0,
        }  # fmt: skip
        assert list(store.events()) == analysis.events
        assert list(store.articles()) == [analysis.article]
        row = store.db.execute("SELECT place, dead, actor_codes FROM events").fetchone()
        assert row == ("Kelvar", 2, ["ARDMIL"])


def test_the_same_text_again_changes_nothing(tmp_path):
    path = tmp_path / "c.duckdb"
    with Store(path) as store:
        assert store.add(_analysis())
    with Store(path) as store:  # a later run, under another id
        again = _analysis("another-id")
        assert store.has(again.article)
        assert not store.add(again)
        assert store.counts()["articles"] == 1 and store.counts()["events"] == 1


def test_an_id_taken_by_another_text_is_detected(tmp_path):
    with Store(tmp_path / "c.duckdb") as store:
        store.add(_analysis())
        other = _analysis(text=TEXT + " More.")
        assert not store.has(other.article) and store.id_taken(other.article)


def test_a_failure_midway_leaves_no_part_of_the_article(tmp_path, monkeypatch):
    with Store(tmp_path / "c.duckdb") as store:
        original = module._event_row

        def broken(event):
            raise RuntimeError("killed")

        monkeypatch.setattr(module, "_event_row", broken)
        with pytest.raises(RuntimeError):
            store.add(_analysis())
        assert set(store.counts().values()) == {0}
        monkeypatch.setattr(module, "_event_row", original)
        assert store.add(_analysis())  # the rerun completes it
        assert store.counts()["events"] == 1


def test_a_newer_schema_or_a_foreign_file_is_refused(tmp_path):
    path = tmp_path / "c.duckdb"
    with Store(path) as store:
        store.db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="newer crisiswire"):
        Store(path)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.duckdb"):
        Store(junk)
