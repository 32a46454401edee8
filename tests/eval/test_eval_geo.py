"""The geo track: readers on tiny hand-made files, metrics, and (when the shared folder is
there) a smoke run on the real sets."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from crisiswire.eval.common import EvalDataError
from crisiswire.eval.geo import MAX_ERROR_KM, auc, haversine_km, read_geovirus, read_lgl, score_geo

SHARED_GEO = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "geo"

# Written for these tests: a short local story in the LGL schema.
LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>Flood</title>
    <text><![CDATA[Rain flooded roads in Paris, Texas, on Friday. Crews from Dallas helped.]]>
    </text>
    <toponyms count="3">
      <toponym><start>22</start><end>27</end><phrase>Paris</phrase>
        <gaztag geonameid="4717560"><name>Paris</name><lat>33.66</lat><lon>-95.56</lon></gaztag>
      </toponym>
      <toponym><start>29</start><end>34</end><phrase>Texas</phrase>
        <gaztag geonameid="4736286"><name>Texas</name><lat>31.25</lat><lon>-99.25</lon></gaztag>
      </toponym>
      <toponym><start>58</start><end>64</end><phrase>Dallas</phrase></toponym>
    </toponyms>
  </article>
  <article docid="2">
    <text><![CDATA[Officials in Quetta said a bridge in Balochistan had reopened.]]></text>
    <toponyms count="2">
      <toponym><start>13</start><end>19</end><phrase>Quetta</phrase>
        <gaztag geonameid="1167528"><lat>30.18</lat><lon>67.00</lon></gaztag>
      </toponym>
      <toponym><start>37</start><end>48</end><phrase>Balochistan</phrase>
        <gaztag><lat>28.49</lat><lon>65.09</lon></gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>
"""

# The same kind of thing in the GeoVirus layout, with its 1-based offsets and a misnested
# location.
GEOVIRUS = """<articles>
  <article>
    <source>https://example.org/story</source>
    <text>Cases rose in Davos, Switzerland, and in Karachi.</text>
    <locations>
      <location>
        <location><name>Davos</name><start>15</start><end>20</end>
          <lat>46.8</lat><lon>9.84</lon><page>x</page></location>
        <location><name>Switzerland</name><start>22</start><end>33</end>
          <lat>47</lat><lon>8</lon><page>x</page></location>
      </location>
      <location><name>Karachi</name><start>42</start><end>49</end>
        <lat>24.86</lat><lon>67.01</lon><page>x</page></location>
    </locations>
  </article>
</articles>
"""


@pytest.fixture
def lgl_file(tmp_path: Path) -> Path:
    path = tmp_path / "lgl.xml"
    path.write_text(LGL, encoding="utf-8")
    return path


@pytest.fixture
def geovirus_file(tmp_path: Path) -> Path:
    path = tmp_path / "geovirus.xml"
    path.write_text(GEOVIRUS, encoding="utf-8")
    return path


def test_read_lgl(lgl_file):
    docs = list(read_lgl(lgl_file))
    assert [d.id for d in docs] == ["1", "2"]
    first = docs[0]
    assert [first.text[t.start : t.end] for t in first.toponyms] == ["Paris", "Texas", "Dallas"]
    assert first.toponyms[0].geonameid == 4717560 and first.toponyms[0].located
    assert not first.toponyms[2].located
    assert first.shifted == first.mismatched == 0


def test_read_geovirus_fixes_one_based_offsets(geovirus_file):
    (doc,) = list(read_geovirus(geovirus_file))
    assert [doc.text[t.start : t.end] for t in doc.toponyms] == ["Davos", "Switzerland", "Karachi"]
    assert doc.shifted == 3 and doc.mismatched == 0
    assert doc.toponyms[2].geonameid is None


def test_readers_report_bad_files(tmp_path):
    missing = tmp_path / "nope.xml"
    with pytest.raises(EvalDataError, match=r"nope\.xml"):
        list(read_lgl(missing))
    broken = tmp_path / "broken.xml"
    broken.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(EvalDataError, match="well-formed"):
        list(read_geovirus(broken))
    empty = tmp_path / "empty.xml"
    empty.write_text("<articles/>", encoding="utf-8")
    with pytest.raises(EvalDataError, match="no <article>"):
        list(read_lgl(empty))
    bad_span = tmp_path / "span.xml"
    bad_span.write_text(
        "<articles><article docid='9'><text>Oslo</text><toponyms><toponym><start>x</start>"
        "<end>4</end></toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    with pytest.raises(EvalDataError, match="article 9"):
        list(read_lgl(bad_span))


def test_auc_and_distance():
    assert auc([0.0, 0.0]) == 0.0
    assert auc([MAX_ERROR_KM] * 3) == pytest.approx(1.0)
    assert 0 < auc([10, 100, 1000]) < 1
    expected = (math.log1p(10) + math.log1p(100)) / 2 / math.log(MAX_ERROR_KM)
    assert auc([100, 10]) == pytest.approx(expected)
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)


def test_score_geo_on_a_tiny_lgl_file(lgl_file):
    seen, started = [], []
    scores = score_geo(lgl_file, "lgl", progress=seen.append, on_start=started.append)
    assert started == [2] and sum(seen) == 2
    assert scores["n_articles"] == 2 and scores["n_gold"] == 4 and scores["n_gold_spans"] == 5
    assert scores["acc161"] == 1.0
    assert scores["recall"] == 1.0
    assert 0 < scores["precision"] <= 1.0
    assert scores["median_km"] < 161 and 0 <= scores["auc"] < 0.6
    assert scores["acc161_recognised"] == 1.0


def test_score_geo_on_a_tiny_geovirus_file(geovirus_file):
    scores = score_geo(geovirus_file, "geovirus")
    assert scores["n_gold"] == 3 and scores["n_offsets_shifted"] == 3
    assert scores["acc161"] >= 2 / 3


def test_score_geo_unknown_kind(lgl_file):
    with pytest.raises(EvalDataError, match="unknown geo set"):
        score_geo(lgl_file, "nope")


@pytest.mark.slow
@pytest.mark.parametrize(("name", "kind"), [("LGL_lgl.xml", "lgl"), ("GeoVirus.xml", "geovirus")])
def test_real_sets_read_cleanly(name, kind):
    path = SHARED_GEO / name
    if not path.is_file():
        pytest.skip(f"{path} not found: needs the shared folder beside the repo")
    reader = read_lgl if kind == "lgl" else read_geovirus
    docs = list(reader(path))
    assert len(docs) > 200
    assert sum(d.mismatched for d in docs) == 0
    for doc in docs:
        for toponym in doc.toponyms:
            assert doc.text[toponym.start : toponym.end] == toponym.name
