"""Quote and attribution extraction on short texts written for these tests, one family each."""

from __future__ import annotations

from crisiswire.model import Quote


def _one(quotes: list[Quote], direct: bool | None = None) -> Quote:
    found = [q for q in quotes if direct is None or q.direct == direct]
    assert len(found) == 1, [(q.text, q.direct, q.cue) for q in quotes]
    return found[0]


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.cue_start is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
        speaker = quote.speaker
        if speaker is not None and speaker.start is not None:
            assert text[speaker.start : speaker.end] == speaker.text


# --------------------------------------------------------------------------- direct quotes


def test_curly_quote_then_it_said(quotes_of):
    text = "The ministry issued a note. “We reject these claims entirely,” it said on Monday."
    quotes = quotes_of(text)
    quote = _one(quotes)
    assert quote.direct
    assert quote.text == "We reject these claims entirely"
    assert quote.cue == "said"
    assert quote.speaker is not None and quote.speaker.text == "it"
    assert quote.article_id == ""
    assert quote.sentence == 1
    _check_offsets(text, quotes)


def test_straight_quote_then_said_name(quotes_of):
    text = '"The bridge will reopen next week," said Laura Finch, the mayor of the town.'
    quotes = quotes_of(text)
    quote = _one(quotes)
    assert quote.direct and quote.text == "The bridge will reopen next week"
    assert quote.speaker is not None and "Laura Finch" in quote.speaker.text
    assert quote.speaker.name == "Laura Finch"
    _check_offsets(text, quotes)


def test_name_said_colon_quote_over_several_sentences(quotes_of):
    text = (
        "Laura Finch said: “The bridge is safe. The engineers checked it twice. "
        "Nobody should worry.”"
    )
    quotes = quotes_of(text)
    quote = _one(quotes)
    assert quote.text.startswith("The bridge is safe.") and quote.text.endswith("worry.")
    assert quote.speaker is not None and quote.speaker.text == "Laura Finch"
    assert quote.cue == "said"
    _check_offsets(text, quotes)


def test_quote_split_by_its_attribution_keeps_the_speaker(quotes_of):
    text = "“The talks went well,” Laura Finch said, “and we will meet again in May.”"
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["The talks went well", "and we will meet again in May."]
    assert {q.speaker.text for q in quotes if q.speaker} == {"Laura Finch"}
    assert all(q.direct and q.cue == "said" for q in quotes)


def test_run_of_quote_paragraphs_continues_the_speaker(quotes_of):
    text = (
        "“The harvest was poor this year,” Tomas Berg said. “Prices will rise.”\n\n"
        "“Families in the valley will feel it first, and they will feel it most.”"
    )
    quotes = quotes_of(text)
    assert len(quotes) == 3, [q.text for q in quotes]
    assert all(q.speaker is not None and q.speaker.text == "Tomas Berg" for q in quotes)
    _check_offsets(text, quotes)


def test_a_dash_signs_a_quote(quotes_of):
    text = "“The new road changed our lives for the better.” ― Anna Kovacs\n\nMore letters follow."
    quote = _one(quotes_of(text))
    assert quote.speaker is not None and quote.speaker.text == "Anna Kovacs"
    assert quote.cue == "―"


def test_transcript_label_quotes_the_speaker(quotes_of):
    text = "HOST: Will the ferry run tomorrow?\n\nMARTINEZ: It will run if the wind drops."
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [
        "Will the ferry run tomorrow?",
        "It will run if the wind drops.",
    ]
    assert [q.speaker.text for q in quotes if q.speaker] == ["HOST", "MARTINEZ"]


def test_a_dateline_is_not_a_transcript_label(quotes_of):
    text = (
        "KORVALE: The harbour authority reopened the ferry terminal on Monday after the storm.\n\n"
        "Traders welcomed the decision and said they would resume shipments."
    )
    assert all(q.cue != ":" for q in quotes_of(text))


def test_a_dateline_city_is_never_the_speaker(quotes_of):
    text = "KORVALE, March 4 (Harbour Wire) - The ferry company said the terminal would reopen."
    speakers = [q.speaker.text for q in quotes_of(text) if q.speaker]
    assert "KORVALE" not in speakers


# --------------------------------------------------------------------------- reported speech


def test_said_with_a_clause_is_reported_speech(quotes_of):
    text = "Matthew Miller said Iranian and Pakistani tensions are not connected to the dispute."
    quotes = quotes_of(text)
    quote = _one(quotes)
    assert not quote.direct
    assert quote.text == "Iranian and Pakistani tensions are not connected to the dispute"
    assert quote.speaker is not None and quote.speaker.name == "Matthew Miller"
    assert quote.speaker.code == "USAGOV"
    _check_offsets(text, quotes)


def test_told_reporters_that(quotes_of):
    quote = _one(quotes_of("Laura Finch told reporters that the bridge would reopen soon."))
    assert quote.text == "the bridge would reopen soon" and quote.cue == "told"
    assert quote.speaker is not None and quote.speaker.text == "Laura Finch"


def test_added_that_and_warned_that(quotes_of):
    text = (
        "Laura Finch spoke first. She added that repairs would take a month. "
        "The engineer warned that the river was still rising."
    )
    quotes = quotes_of(text)
    assert [(q.cue, q.text) for q in quotes] == [
        ("added", "repairs would take a month"),
        ("warned", "the river was still rising"),
    ]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "She"
    assert quotes[0].speaker.name == "Laura Finch"


def test_reporting_clause_after_the_report(quotes_of):
    quote = _one(quotes_of("The ferry will run again on Friday, the harbour office said."))
    assert not quote.direct and quote.text == "The ferry will run again on Friday"
    assert quote.speaker is not None and quote.speaker.text == "the harbour office"


# --------------------------------------------------------------------------- according to


def test_according_to_first(quotes_of):
    quote = _one(quotes_of("According to the army, three soldiers were hurt in the blast."))
    assert quote.cue == "According to" and not quote.direct
    assert quote.text == "three soldiers were hurt in the blast"
    assert quote.speaker is not None and quote.speaker.text == "the army"


def test_according_to_last(quotes_of):
    quote = _one(quotes_of("Three soldiers were hurt in the blast, according to the army."))
    assert quote.text == "Three soldiers were hurt in the blast"
    assert quote.speaker is not None and quote.speaker.text == "the army"


def test_according_to_a_statement_issued_by(quotes_of):
    text = "The border will stay shut, according to a statement issued by the foreign office."
    quotes = quotes_of(text)
    quote = _one(quotes)
    assert quote.text == "The border will stay shut"
    assert quote.speaker is not None and quote.speaker.text == "the foreign office"
    _check_offsets(text, quotes)


# --------------------------------------------------------------------------- posts


def test_wrote_on_x(quotes_of):
    text = "Laura Finch wrote on X: “The bridge is open again. Thank you all.”"
    quote = _one(quotes_of(text))
    assert quote.direct and quote.cue == "wrote"
    assert quote.speaker is not None and quote.speaker.text == "Laura Finch"


def test_posted_on_telegram(quotes_of):
    text = "The rebel group posted on Telegram that its fighters had left the town."
    quote = _one(quotes_of(text))
    assert quote.cue == "posted" and quote.text == "its fighters had left the town"
    assert quote.speaker is not None and "rebel group" in quote.speaker.text


def test_tweeted(quotes_of):
    quote = _one(quotes_of("“We are ready to talk,” Laura Finch tweeted."))
    assert quote.cue == "tweeted" and quote.direct
    assert quote.speaker is not None and quote.speaker.text == "Laura Finch"


def test_shared_counts_only_with_a_platform(quotes_of):
    assert not quotes_of("The museum shared that the exhibition would close early.")
    quote = _one(quotes_of("The museum shared on Facebook that the exhibition would close early."))
    assert quote.cue == "shared"


# --------------------------------------------------------------------------- speakers


def test_title_before_a_known_name(quotes_of):
    text = "“We urge calm,” State Department spokesman Matthew Miller said."
    quote = _one(quotes_of(text))
    assert quote.speaker is not None
    assert quote.speaker.name == "Matthew Miller" and quote.speaker.code == "USAGOV"
    assert "Matthew Miller" in quote.speaker.text


def test_the_spokesman_goes_back_to_the_named_person(quotes_of):
    text = (
        "Harbour spokesman Piet Janssen met the press on Monday. "
        "The spokesman said the cranes would be repaired by June."
    )
    quote = _one(quotes_of(text))
    assert quote.speaker is not None and quote.speaker.text.lower().endswith("spokesman")
    assert quote.speaker.name == "Piet Janssen"


def test_the_prime_minister_through_the_dictionary(quotes_of):
    text = (
        "Anwaar-ul-Haq Kakar chaired the meeting. The prime minister said the country "
        "would defend its borders."
    )
    quote = _one(quotes_of(text))
    assert quote.speaker is not None and quote.speaker.name == "Anwaar-ul-Haq Kakar"
    assert quote.speaker.code == "PAKGOV"


def test_he_said_goes_to_the_last_person(quotes_of):
    text = "Tomas Berg runs the farm with his sister. “It has not rained in weeks,” he said."
    quote = _one(quotes_of(text))
    assert quote.speaker is not None and quote.speaker.text == "he"
    assert quote.speaker.name == "Tomas Berg"


def test_it_said_goes_to_an_organisation_not_a_person(quotes_of):
    text = (
        "The United Nations sent Laura Finch to the camp. "
        "“Aid must reach everyone who needs it,” it said."
    )
    quote = _one(quotes_of(text))
    assert quote.speaker is not None and quote.speaker.text == "it"
    assert quote.speaker.name == "United Nations"


def test_who_said_resolves_to_the_person_before_it(quotes_of):
    text = "The plan was backed by Laura Finch, who said the town needed a second bridge."
    quote = _one(quotes_of(text))
    assert quote.speaker is not None and quote.speaker.text == "who"
    assert quote.speaker.name == "Laura Finch"


# --------------------------------------------------------------------------- not quotes


def test_scare_quotes_and_names_are_not_quotes(quotes_of):
    text = (
        "The militants launched ‘Operation Thunder’ at dawn. The so-called “deal” was off, "
        "and a film called “The Long Road Home” opened in the capital."
    )
    assert quotes_of(text) == []


def test_partial_quote_under_a_verb_of_saying_is_a_quote(quotes_of):
    text = "Laura Finch said the council was watching the river “very, very closely” this week."
    quotes = quotes_of(text)
    partial = _one(quotes, direct=True)
    assert partial.text == "very, very closely"
    assert partial.speaker is not None and partial.speaker.text == "Laura Finch"
    report = _one(quotes, direct=False)
    assert report.start <= partial.start and partial.end <= report.end


def test_long_quotation_without_cue_has_no_speaker(quotes_of):
    text = "The sign on the gate read nothing. “Keep out of the old mine shafts” was painted below."
    quotes = quotes_of(text)
    quote = _one(quotes)
    assert quote.text == "Keep out of the old mine shafts"
    assert quote.speaker is None and quote.cue is None


def test_quotes_inside_a_quote_are_not_separate(quotes_of):
    text = "“They told us ‘leave now’ and we left,” Tomas Berg said."
    quote = _one(quotes_of(text))
    assert quote.text == "They told us ‘leave now’ and we left"


def test_two_apostrophes_as_quotation_marks(quotes_of):
    quote = _one(quotes_of("''The river has never been this low,'' Tomas Berg said."))
    assert quote.text == "The river has never been this low"
