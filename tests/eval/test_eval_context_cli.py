"""``crisiswire eval time | geo | quotes`` end to end on tiny inputs we wrote (real pipeline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiswire.eval.cli import eval_app

POLNEAR = Path(__file__).resolve().parents[1] / "quotes" / "fixtures" / "polnear"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>CW0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-08" temporalFunction="false" \
functionInDocument="CREATION_TIME">2024-03-08</TIMEX3></DCT>
<TEXT>
The ferry to Korvale <EVENT eid="e1" class="OCCURRENCE">sailed</EVENT> again \
<TIMEX3 tid="t1" type="DATE" value="2024-03-07">Thursday</TIMEX3> after \
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of storms.
</TEXT>
</TimeML>
"""

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="7">
    <text><![CDATA[Storms closed schools in Quetta and across Balochistan on Monday.]]></text>
    <toponyms count="2">
      <toponym><start>23</start><end>29</end><phrase>Quetta</phrase>
        <gaztag geonameid="1167528"><lat>30.18</lat><lon>67.00</lon></gaztag>
      </toponym>
      <toponym><start>41</start><end>52</end><phrase>Balochistan</phrase>
        <gaztag><lat>28.49</lat><lon>65.09</lon></gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture
def runner():
    return CliRunner()


def _json(result) -> dict:
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_eval_time(runner, write):
    path = write("tml/ferry.tml", TML)
    data = _json(runner.invoke(eval_app, ["time", "--timeml", str(path.parent), "--json"]))
    assert (data["n_docs"], data["n_gold"]) == (1, 2)
    assert data["strict_f1"] == data["value_f1"] == 1.0
    table = runner.invoke(eval_app, ["time", "--timeml", str(path)])
    assert table.exit_code == 0 and "value F1" in table.stdout


def test_eval_geo(runner, write):
    path = write("lgl.xml", LGL)
    data = _json(runner.invoke(eval_app, ["geo", "--lgl", str(path), "--json"]))
    assert data["n_gold"] == 2 and data["acc161"] == 1.0 and data["recall"] == 1.0
    assert {"median_km", "auc"} <= data.keys()
    table = runner.invoke(eval_app, ["geo", "--lgl", str(path)])
    assert table.exit_code == 0 and "acc@161 km" in table.stdout


def test_eval_geo_needs_exactly_one_set(runner, write):
    path = str(write("lgl.xml", LGL))
    assert runner.invoke(eval_app, ["geo"]).exit_code == 2
    assert runner.invoke(eval_app, ["geo", "--lgl", path, "--geovirus", path]).exit_code == 2


def test_eval_quotes(runner):
    data = _json(runner.invoke(eval_app, ["quotes", "--polnear", str(POLNEAR), "--json"]))
    assert {"f1_overlap03", "f1_overlap08", "speaker_acc"} <= data.keys()
    assert 0 < data["f1_overlap03"] <= 1 and data["n_docs"] == 1


def test_missing_and_malformed_inputs_exit_2(runner, write):
    assert runner.invoke(eval_app, ["time", "--timeml", "/nonexistent"]).exit_code == 2
    bad = write("bad.tml", "<TimeML><TEXT>unclosed")
    result = runner.invoke(eval_app, ["time", "--timeml", str(bad)])
    assert result.exit_code == 2 and "bad.tml" in result.stderr
    bad_geo = write("bad.xml", "<articles><article>")
    assert runner.invoke(eval_app, ["geo", "--lgl", str(bad_geo)]).exit_code == 2
