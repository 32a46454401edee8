"""The built gazetteer is kept on disk between runs, keyed by what it is built from."""

from __future__ import annotations

import pytest

from crisiswire.geo import gazetteer as module


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("CRISISWIRE_CACHE_DIR", str(tmp_path / "cache"))
    module._shared.cache_clear()
    yield tmp_path / "cache"
    module._shared.cache_clear()  # later tests get the process-wide instance again


def test_built_once_then_loaded(fresh):
    first = module.get_gazetteer()
    (cached,) = fresh.glob("gazetteer-*.pickle")
    module._shared.cache_clear()
    second = module.get_gazetteer()
    assert second is not first and len(second.names) == len(first.names)
    assert {c.country for c in second.candidates("Panjgur")} == {"PAK"}
    assert second.fuzzy_candidates("pangur")  # the fuzzy index works after loading
    assert cached.stat().st_size > 1_000_000


def test_a_damaged_cache_is_rebuilt(fresh):
    module.get_gazetteer()
    (cached,) = fresh.glob("gazetteer-*.pickle")
    cached.write_bytes(b"not a pickle")
    module._shared.cache_clear()
    assert module.get_gazetteer().candidates("Saravan")
    assert cached.stat().st_size > 1_000_000  # written again


def test_the_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("CRISISWIRE_CACHE_DIR", "off")
    assert module._cache_file() is None


def test_the_key_follows_the_data_files(monkeypatch, tmp_path):
    monkeypatch.setenv("CRISISWIRE_CACHE_DIR", str(tmp_path))
    before = module._cache_file()
    monkeypatch.setattr(module, "_CACHE_FORMAT", module._CACHE_FORMAT + 1)
    assert module._cache_file() != before
