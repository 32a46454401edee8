"""The extractive briefing summariser, the TextRank baseline and the sentence splitter
(short fictional reports of a border dispute between Ardania and Belmora)."""

from __future__ import annotations

from dataclasses import replace

from crisiswire.report.summary import (
    Candidate,
    content_words,
    split_sentences,
    summarise,
    textrank,
)

# Three outlets' leads. The crossing is reported by all three (twice almost word for word);
# the talks by two; the weather and the football by one each.
OUTLETS = {
    "north-post": [
        "Ardanian troops crossed the Kelvar river into Belmora on Monday, the Belmoran "
        "defence ministry said.",
        "Belmora recalled its ambassador from the Ardanian capital hours later.",
        "Heavy rain is expected across the valley this week.",
    ],
    "river-times": [
        "Ardanian troops crossed the Kelvar river into Belmora on Monday, Belmora's defence "
        "ministry said.",
        "Talks between the two foreign ministers, planned for Friday, are now in doubt.",
        "The national football team won its match against Corvia.",
    ],
    "valley-wire": [
        "Belmora says soldiers from Ardania entered its territory across the Kelvar river.",
        "Diplomats said the foreign ministers' talks on Friday could be cancelled.",
    ],
}


def candidates(outlets: dict[str, list[str]] = OUTLETS) -> list[Candidate]:
    out = []
    for source, sentences in outlets.items():
        offset = 0
        for index, text in enumerate(sentences):
            out.append(Candidate(text, f"a-{source}", source, index, offset, offset + len(text)))
            offset += len(text) + 1
    return out


def words(chosen: list[Candidate]) -> int:
    return sum(len(c.text.split()) for c in chosen)


# --------------------------------------------------------------------------- summarise


def test_near_identical_sentences_from_two_outlets_are_chosen_once():
    chosen = summarise(candidates(), max_sentences=3)
    crossings = [c for c in chosen if c.text.startswith("Ardanian troops crossed")]
    assert len(crossings) == 1
    assert len(chosen) == 3


def test_the_corroborated_lead_comes_first_and_single_outlet_asides_are_left_out():
    (best,) = summarise(candidates(), max_sentences=1)
    assert best.text.startswith("Ardanian troops crossed")
    chosen = summarise(candidates(), max_sentences=3)
    assert not any("football" in c.text or "rain" in c.text for c in chosen)


def test_max_sentences_and_max_words_are_respected():
    pool = candidates()
    for n in range(1, 6):
        assert len(summarise(pool, max_sentences=n)) == n
    for budget in (15, 25, 40):
        chosen = summarise(pool, max_sentences=5, max_words=budget)
        assert chosen and words(chosen) <= budget


def test_a_first_sentence_longer_than_the_budget_is_returned_alone():
    chosen = summarise(candidates(), max_words=3)
    assert len(chosen) == 1 and words(chosen) > 3


def test_reading_order_is_article_order_then_sentence_index():
    pool = candidates()
    # The valley-wire article first in the input: its sentences come first.
    reordered = [c for c in pool if c.source == "valley-wire"] + [
        c for c in pool if c.source != "valley-wire"
    ]
    chosen = summarise(reordered, max_sentences=4)
    rank = {"valley-wire": 0, "north-post": 1, "river-times": 2}
    keys = [(rank[c.source], c.index) for c in chosen]
    assert keys == sorted(keys)
    assert chosen[0].source == "valley-wire"


def test_deterministic_and_ties_go_to_the_earlier_candidate():
    pool = candidates()
    assert summarise(pool) == summarise(pool)
    twins = [
        Candidate("Belmora closed the Kelvar bridge to all traffic.", "a", "one", 0),
        Candidate("Belmora closed the Kelvar bridge to all traffic.", "b", "two", 0),
    ]
    assert summarise(twins, max_sentences=2) == [twins[0]]


def test_empty_input_and_empty_sentences():
    assert summarise([]) == []
    assert textrank([]) == []
    assert summarise(candidates(), max_sentences=0) == []
    odd = [Candidate("", "a", None, 0), Candidate("...", "a", None, 1)]
    assert len(summarise(odd)) <= 2
    assert len(textrank(odd)) <= 2


def test_the_weight_prior_changes_the_choice():
    pool = candidates()
    (plain,) = summarise(pool, max_sentences=1)
    assert "ambassador" not in plain.text
    boosted = [replace(c, weight=10.0) if "ambassador" in c.text else c for c in pool]
    (chosen,) = summarise(boosted, max_sentences=1)
    assert "ambassador" in chosen.text


def test_support_across_outlets_beats_a_single_outlet_at_the_same_position():
    pool = [
        Candidate("Corvia sent a mediator to the Kelvar crossing on Tuesday.", "a", "one", 1),
        Candidate("Belmora shelled Ardanian border posts near Kelvar overnight.", "a", "one", 2),
        Candidate("A mediator from Corvia arrived at the crossing on Tuesday.", "b", "two", 1),
        Candidate("Officials in Corvia confirmed their mediator was at Kelvar.", "c", "three", 1),
        Candidate("Ardanian farmers near the border lost their harvest.", "c", "three", 2),
    ]
    (best,) = summarise(pool, max_sentences=1)
    assert "mediator" in best.text


def test_diversity_one_ranks_on_relevance_alone():
    pool = candidates()
    assert summarise(pool, max_sentences=1, diversity=1.0) == summarise(pool, max_sentences=1)
    assert len(summarise(pool, max_sentences=3, diversity=0.3)) == 3


def test_content_words_drop_stop_words_and_fold_plurals():
    assert content_words("The talks between Belmora's ministers are off.") == [
        "talk",
        "belmora",
        "minister",
    ]


# --------------------------------------------------------------------------- textrank


def test_textrank_returns_reading_order_within_the_budget():
    pool = candidates()
    chosen = textrank(pool, max_sentences=3)
    assert len(chosen) == 3
    positions = [pool.index(c) for c in chosen]
    assert positions == sorted(positions)  # one article per source: input order
    budgeted = textrank(pool, max_sentences=5, max_words=30)
    assert words(budgeted) <= 30


def test_textrank_has_no_redundancy_control():
    chosen = textrank(candidates(), max_sentences=3)
    assert sum(c.text.startswith("Ardanian troops crossed") for c in chosen) == 2


# --------------------------------------------------------------------------- sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_split_sentences_keeps_abbreviations_initials_and_decimals():
    text = (
        "Mr. Varo met U.S. envoys in Kelvar on Jan. 16 at 3 p.m. and left. "
        "Exports fell 2.5 percent, said Dr. Ana B. Corte of No. 10 Bank Inc. in the capital. "
        "Who pays? Nobody knows!"
    )
    assert sentences(text) == [
        "Mr. Varo met U.S. envoys in Kelvar on Jan. 16 at 3 p.m. and left.",
        "Exports fell 2.5 percent, said Dr. Ana B. Corte of No. 10 Bank Inc. in the capital.",
        "Who pays?",
        "Nobody knows!",
    ]


def test_split_sentences_ends_after_an_acronym_when_a_sentence_starts():
    text = (
        "Aid arrived from the U.S. The convoy reached Kelvar. "
        "The U.S. Senate met in Washington, D.C. on Friday."
    )
    assert sentences(text) == [
        "Aid arrived from the U.S.",
        "The convoy reached Kelvar.",
        "The U.S. Senate met in Washington, D.C. on Friday.",
    ]


def test_split_sentences_quotes_paragraphs_and_spans():
    text = (
        '  “We will not retreat,” the minister said. "Why now?" he asked.\n\n'
        "A second paragraph without a full stop\n\nThe end.  "
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "“We will not retreat,” the minister said.",
        '"Why now?" he asked.',
        "A second paragraph without a full stop",
        "The end.",
    ]
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)
    assert split_sentences("") == [] and split_sentences("   \n ") == []
