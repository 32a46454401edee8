"""UD-PETRARCH validation track: record parser, dictionaries, scoring arithmetic, end to end."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from crisiswire.eval.common import EvalDataError
from crisiswire.eval.petrarch import (
    Coding,
    Record,
    _petrarch_date,
    actor_code,
    load_petrarch_dictionaries,
    norm_code,
    our_codings,
    parse_actor_dictionary,
    parse_agent_dictionary,
    parse_records,
    read_records,
    score_petrarch,
    score_record,
)
from crisiswire.model import ActorRef, Event, Evidence

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "eval"
RECORDS = FIXTURES / "petrarch_records.xml"
DATA = REPO_ROOT / ".." / "shared" / "data" / "events" / "petrarch-validation"
REAL_RECORDS = DATA / "PETR_Validate_records_2_02.xml"
KEYS = {"found", "missed", "extra", "root_match", "n_records", "n_expected", "found_root"}


def ref(code: str | None, text: str = "x", start: int | None = None) -> ActorRef:
    if code is None:
        return ActorRef(text)
    country = None if code.startswith("---") else code[:3]
    return ActorRef(text, None, country, code[3:] or None, start, None)


def event(cameo: str, actors: list[str | None], recipients: list[str | None], **kw) -> Event:
    return Event(
        id="e",
        article_id="a",
        event_type=kw.pop("event_type", "ACCUSE"),
        mode=None,
        cameo=cameo,
        goldstein=0.0,
        quad=3,
        actor=[ref(c) for c in actors],
        recipient=[ref(c) for c in recipients],
        evidence=Evidence(0, 0, 1, "x"),
        **kw,
    )


def real_data() -> Path:
    if not REAL_RECORDS.is_file():
        pytest.skip(
            f"{REAL_RECORDS} not found: real-data tests need ../shared/data beside the repo"
        )
    return REAL_RECORDS


# --------------------------------------------------------------------------- records


def test_records_are_parsed_from_pseudo_xml():
    parsed = read_records(RECORDS)
    assert [r.id for r in parsed.records] == [
        "DEMO-01", "DEMO-02", "DEMO-03", "DATE-01", "DATE-02", "AGENT-01",
        "DEMO-04", "PARSING-01", "DEMO-05",
    ]  # fmt: skip
    assert parsed.include == ["DEMO", "DATE", "AGENT"]
    assert parsed.environment["Actorfile"] == "petrarch_actors.txt"
    first = parsed.records[0]
    assert first.text == "Valdoria sharply criticized Mersland on Tuesday."
    assert first.date == date(2005, 3, 1)
    assert first.codings == [Coding("VAL", "MER", "111")]
    compound = parsed.records[1]
    assert compound.codings == [Coding("VAL", "MER", "057"), Coding("OST", "MER", "057")]
    assert parsed.records[2].noevents and not parsed.records[2].codings
    assert parsed.records[5].codings[0].target == '"LIORA GUILD"'  # &quot; unescaped
    assert parsed.records[6].evaluate is False
    assert parsed.records[8].errors == ["dateline"] and not parsed.records[8].has_expectation


def test_selection_mirrors_ud_petrarch():
    parsed = read_records(RECORDS)
    assert [r.id for r in parsed.selected()] == [
        "DEMO-01", "DEMO-02", "DEMO-03", "DATE-01", "DATE-02", "AGENT-01",
    ]  # fmt: skip
    everything = [r.id for r in parsed.selected(all_records=True)]
    assert "DEMO-04" in everything and "PARSING-01" in everything
    assert "DEMO-05" not in everything  # an error line is not an expectation


def test_unclosed_record_and_missing_attributes():
    text = (
        '<Sentence id="A-1" category="X">\n<EventCoding eventcode="010" sourcecode="" '
        'targetcode="~" />\n<Text>\nOne two.\n</Text>\n'
        '<Sentence id="A-2" evaluate="TRUE" category="X">\n<Text>Three.</Text>'
    )
    parsed = parse_records(text)
    assert [r.id for r in parsed.records] == ["A-1", "A-2"]
    assert parsed.records[0].codings == [Coding("---", "---", "010")]
    assert parsed.records[0].evaluate is True  # no attribute: scored
    assert parsed.records[0].date is None
    assert parsed.include is None
    assert [r.id for r in parsed.selected()] == ["A-1"]


def test_a_file_without_records_is_an_error(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text("<Validation></Validation>")
    with pytest.raises(EvalDataError, match="no <Sentence"):
        read_records(path)
    with pytest.raises(EvalDataError):
        read_records(tmp_path / "missing.xml")


# --------------------------------------------------------------------------- dictionaries


def test_petrarch_dates():
    assert _petrarch_date("991231") == date(1999, 12, 31)
    assert _petrarch_date("200101") == date(2020, 1, 1)
    assert _petrarch_date("20100109") == date(2010, 1, 9)
    with pytest.raises(ValueError):
        _petrarch_date("2010")


def test_actor_dictionary_codes_synonyms_and_comments():
    text = (FIXTURES / "petrarch_actors.txt").read_text()
    entries = {" ".join(words): entry for words, entry in parse_actor_dictionary(text)}
    assert "MORDANT" not in entries  # inside a multi-line comment
    assert entries["VALDORIAN"] is entries["VALDORIA"]
    assert (entries["VALDORIA"].kind, entries["VALDORIA"].country) == ("country", "VAL")
    assert entries["OSTRETH"].country == "OST"  # code on the next line
    guild = entries["LIORA GUILD"].role_on(None)
    assert (guild.country, guild.sector) == (None, "REB")
    council = entries["HIGH COUNCIL OF MERSLAND"].role_on(None)
    assert (council.country, council.sector) == ("MER", "GOVLEG")
    league = entries["TRADE LEAGUE"]
    assert (league.kind, league.country, league.sector) == ("igo", "IGO", "TRD")


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(1999, 6, 1), "VALCIV"),  # [VALCIV <991231]
        (date(2005, 3, 2), "VALGOV"),  # [VALGOV 20000101-20100101]
        (date(2009, 12, 31), "VALGOV"),
        (date(2010, 1, 1), "VALREB"),  # the range ends the day before REB starts
        (date(2012, 6, 15), "VALREB"),  # [VALREB >20100101]
    ],
)
def test_date_limited_codes(day, code):
    text = (FIXTURES / "petrarch_actors.txt").read_text()
    entries = {" ".join(words): entry for words, entry in parse_actor_dictionary(text)}
    role = entries["GOVERNOR PELL"].role_on(day)
    assert f"{role.country}{role.sector or ''}" == code


def test_agent_dictionary():
    agents = parse_agent_dictionary((FIXTURES / "petrarch_agents.txt").read_text())
    assert agents["soldier"] == agents["soldiers"] == "MIL"
    assert agents["foreign minister"] == "GOVFRM"
    assert agents["police"] == "COP" and "polices" not in agents  # {}: no plural
    assert agents["attorneys general"] == "JUD"  # explicit plural
    assert agents["rights body"] == "NGO"  # [NGO~]
    assert agents["militiaman"] == agents["militiamen"] == "REB"  # !PERSON! substitution


def test_load_dictionaries_adds_the_casings_found_in_the_text():
    dictionary = load_petrarch_dictionaries(FIXTURES, ["Troops attacked the LIORA guild."])
    assert {"VALDORIA", "Valdoria", "Governor Pell", "LIORA guild"} <= set(dictionary.names)
    assert dictionary.names["Valdoria"][0].country == "VAL"
    assert dictionary.sectors["soldiers"] == "MIL"
    with pytest.raises(EvalDataError):
        load_petrarch_dictionaries(FIXTURES / "nowhere")


# --------------------------------------------------------------------------- scoring


def test_code_normalisation():
    assert norm_code("ARNGOVFRM") == "ARNGOV"
    assert norm_code("arn") == "ARN"
    assert norm_code(None) == norm_code("") == "---"
    assert actor_code(ref("---REB")) == "---REB"
    assert actor_code(ref(None)) == "---"
    assert norm_code(actor_code(ActorRef("x", None, "IGO", "COPITP"))) == "IGOCOP"


def test_our_codings_product_negation_and_self_pairs():
    events = [
        event("057", ["VAL", "OST"], ["MER"]),
        event("111", ["VAL"], ["MER"], negated=True),
        event("040", ["VAL"], ["VALGOVFRM", "VAL"]),  # VAL→VAL dropped, VAL→VALGOV kept
        event("010", ["VAL"], []),  # no recipient: no coding
        event("057", ["VAL"], ["MER"]),  # duplicate merged
    ]
    assert our_codings(events) == {
        Coding("VAL", "MER", "057"),
        Coding("OST", "MER", "057"),
        Coding("VAL", "VALGOVFRM", "040"),
    }


def _record(codings: list[Coding], noevents: bool = False) -> Record:
    return Record("R", "DEMO", None, True, "text", codings, noevents)


def test_found_missed_extra_arithmetic():
    record = _record([Coding("VAL", "MER", "111"), Coding("OST", "MER", "111")])
    score = score_record(record, {Coding("VAL", "MER", "111"), Coding("MER", "VAL", "111")})
    assert (score.expected, score.found, score.extra) == (2, 1, 1)
    # the sector beyond 3 characters does not count; the event code does, in full
    score = score_record(
        _record([Coding("VALGOVFRM", "MER", "111")]), {Coding("VALGOV", "MER", "112")}
    )
    assert (score.found, score.found_root, score.root_match, score.extra) == (0, 1, 1, 1)
    score = score_record(_record([Coding("VALGOV", "MER", "111")]), {Coding("VAL", "MER", "112")})
    assert (score.found, score.found_root, score.root_match) == (0, 0, 1)


def test_codings_that_normalise_alike_are_matched_one_to_one():
    record = _record([Coding("DNKMUSMED", "DOL", "130"), Coding("DNKMUSGOV", "DOL", "130")])
    one = score_record(record, {Coding("DNKMUS", "DOL", "130")})
    assert (one.found, one.extra, one.found_root) == (1, 0, 2)
    two = score_record(
        record, {Coding("DNKMUSGOV", "DOL", "130"), Coding("DNKMUSLEG", "DOL", "130")}
    )
    assert (two.found, two.extra) == (2, 0)
    three = score_record(
        _record([Coding("DNK", "DOL", "130")]),
        {Coding("DNK", "DOL", "130")} | {Coding("DNKGOV", "DOL", "130")},
    )
    assert (three.found, three.extra) == (1, 1)


def test_no_event_records():
    record = _record([], noevents=True)
    nothing = score_record(record, set())
    assert (nothing.expected, nothing.found, nothing.extra) == (1, 1, 0)
    something = score_record(record, {Coding("VAL", "MER", "010"), Coding("MER", "VAL", "010")})
    assert (something.expected, something.found, something.extra) == (1, 0, 2)


def oracle(path: Path):
    """A coder that returns exactly the expected codings of each record, and records the
    reference date it was given for each text."""
    expected = {r.text: r.codings for r in read_records(path).records}
    dates: dict[str, date | None] = {}

    def code(texts: Iterable[str], ref_date: date | None) -> Iterator[list[Event]]:
        for text in texts:
            dates[text] = ref_date
            yield [event(c.event, [c.source], [c.target]) for c in expected[text]]

    return code, dates


def test_score_with_an_oracle_coder():
    coder, dates = oracle(RECORDS)
    result = score_petrarch(RECORDS, coder=coder, details=True)
    assert set(result) >= KEYS
    assert (result["n_records"], result["n_expected"], result["n_noevents"]) == (6, 7, 1)
    assert result["found"] == 1.0 and result["missed"] == 0.0 and result["extra"] == 0.0
    assert result["root_match"] == 1.0
    assert set(result["by_category"]) == {"DEMO", "DATE", "AGENT"}
    assert len(result["records"]) == 6
    # every record is coded on its own date (date-limited actor codes depend on it)
    assert dates["Mersland hosted Governor Pell for two days of talks."] == date(2005, 3, 2)
    assert dates["Mersland again hosted Governor Pell for talks."] == date(2012, 6, 15)


def test_score_with_a_silent_and_a_noisy_coder():
    def silent(texts, ref_date):
        return ([] for _ in texts)

    result = score_petrarch(RECORDS, coder=silent)
    assert result["found"] == pytest.approx(1 / 7)  # only the "no event" record
    assert result["extra"] == 0.0

    def noisy(texts, ref_date):
        return ([event("190", ["XXX"], ["YYY"])] for _ in texts)

    result = score_petrarch(RECORDS, coder=noisy)
    assert result["found"] == 0.0 and result["missed"] == 1.0
    assert result["extra"] == pytest.approx(6 / 7)
    assert result["extra_per_record"] == 1.0


def test_score_end_to_end_with_our_pipeline():
    """Our coder with the fixture's fictional dictionaries: keys and value ranges."""
    result = score_petrarch(RECORDS, dictionaries=FIXTURES)
    assert set(result) >= KEYS
    assert result["n_records"] == 6 and result["n_expected"] == 7
    for key in ("found", "missed", "extra", "root_match", "found_root"):
        assert 0.0 <= result[key] <= (6 if key == "extra" else 1.0), key
    assert result["found"] + result["missed"] == pytest.approx(1.0)
    assert result["found"] <= result["found_root"]


def test_real_file_selection_without_spacy():
    parsed = read_records(real_data())
    selected = parsed.selected()
    assert len(parsed.records) == 274
    assert len(selected) == 245
    assert sum(len(r.codings) or 1 for r in selected) == 313
    assert sum(len(r.codings) for r in parsed.records) == 322
    assert sum(r.noevents for r in parsed.records) == 20
    dictionary = load_petrarch_dictionaries(DATA, [r.text for r in selected])
    assert dictionary.names["Arnor"][0].country == "ARN"


@pytest.mark.slow
def test_real_validation_suite():
    result = score_petrarch(real_data(), dictionaries=DATA)
    assert (result["n_records"], result["n_expected"]) == (245, 313)
    assert 0.0 <= result["found"] <= 1.0 and result["extra"] >= 0.0
