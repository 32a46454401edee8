"""``crisiswire eval stories``: the ECB+ reader, clustering metrics and the track (fixtures
of our own invented sentences, written as CAT XML in tmp_path; no spaCy unless slow)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

import crisiswire.eval.ecbplus as ecbplus
from crisiswire.cli import app
from crisiswire.eval.common import EvalDataError
from crisiswire.eval.ecbplus import (
    bcubed,
    join_tokens,
    muc,
    pairwise,
    read_document,
    read_ecbplus,
    score_ecbplus,
    trigger_span,
)
from crisiswire.model import ActorRef, Article, ArticleAnalysis, Event, Evidence

REPO_ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = REPO_ROOT / ".." / "shared" / "data" / "stories" / "ecbplus-traindev"
URL = "http : / / www . example . org / news / {}"

# --------------------------------------------------------------------------- fixture

# name: (sentences, {m_id: (tag, [(sentence, word)])}, cross-doc chains, intra-doc chains)
DOCS: dict[str, tuple[list[str], dict[str, tuple[str, list[tuple[int, str]]]], dict, list]] = {
    "1_1ecb": (
        ["A fire destroyed the Korvale harbour warehouse on Monday .",
         "Firefighters said nobody was hurt ."],
        {"1": ("ACTION_OCCURRENCE", [(0, "fire")]),
         "2": ("ACTION_OCCURRENCE", [(0, "destroyed")]),
         "3": ("HUMAN_PART_PER", [(1, "Firefighters")]),
         "4": ("ACTION_REPORTING", [(1, "said")])},
        {"ACT_FIRE_K": ["1"], "ACT_DESTROY_K": ["2"], "HUM_FF": ["3"]},
        [],
    ),
    "1_2ecb": (
        ["The blaze at Korvale harbour burned for six hours , officials said .",
         "It burned through the night ."],
        {"1": ("ACTION_OCCURRENCE", [(0, "blaze")]),
         "2": ("ACTION_OCCURRENCE", [(0, "burned")]),
         "3": ("ACTION_OCCURRENCE", [(1, "burned")]),
         "4": ("ACTION_REPORTING", [(0, "said")])},
        {"ACT_FIRE_K": ["1"]},
        [["2", "3"]],
    ),
    "1_1ecbplus": (
        [URL.format("drenmouth - fire"), "Warehouse fire in Drenmouth",
         "A fire gutted a warehouse in Drenmouth on Friday , police said ."],
        {"1": ("ACTION_OCCURRENCE", [(1, "fire")]),
         "2": ("ACTION_OCCURRENCE", [(2, "fire")]),
         "3": ("ACTION_OCCURRENCE", [(2, "gutted")]),
         "4": ("ACTION_REPORTING", [(2, "said")]),
         "5": ("LOC_GEO", [(2, "Drenmouth")])},
        {"ACT_FIRE_D": ["1", "2"], "ACT_GUT_D": ["3"]},
        [],
    ),
    "1_2ecbplus": (
        [URL.format("drenmouth - warehouse"), "Drenmouth warehouse gutted by fire",
         "Police said the fire started at night ."],
        {"1": ("ACTION_OCCURRENCE", [(1, "gutted")]),
         "2": ("ACTION_OCCURRENCE", [(1, "fire")]),
         "3": ("ACTION_REPORTING", [(2, "said")]),
         "4": ("ACTION_OCCURRENCE", [(2, "fire")])},
        {"ACT_FIRE_D": ["2", "4"], "ACT_GUT_D": ["1"]},
        [],
    ),
    "2_1ecb": (
        ["Voters in Ardania elected a new parliament on Sunday ."],
        {"1": ("ACTION_OCCURRENCE", [(0, "elected")])},
        {"ACT_ELECT_A": ["1"]},
        [],
    ),
    "2_2ecb": (
        ["Ardania 's governing party lost the vote , results showed ."],
        {"1": ("ACTION_OCCURRENCE", [(0, "vote")]),
         "2": ("ACTION_OCCURRENCE", [(0, "lost")]),
         "3": ("ACTION_REPORTING", [(0, "showed")])},
        {"ACT_ELECT_A": ["1"], "ACT_LOSE_A": ["2"]},
        [],
    ),
    "2_3ecb": (
        ["Turnout in Ardania was high ."],
        {"1": ("ACTION_STATE", [(0, "was")])},
        {},
        [],
    ),
    "2_1ecbplus": (
        [URL.format("belmora - votes"), "Belmora votes in snap election",
         "Belmora held a snap election on Saturday after the cabinet resigned ."],
        {"1": ("ACTION_OCCURRENCE", [(1, "votes")]),
         "2": ("ACTION_OCCURRENCE", [(1, "election")]),
         "3": ("ACTION_OCCURRENCE", [(2, "election")]),
         "4": ("ACTION_OCCURRENCE", [(2, "resigned")])},
        {"ACT_ELECT_B": ["1", "2", "3"], "ACT_RESIGN_B": ["4"]},
        [],
    ),
    "2_2ecbplus": (
        [URL.format("belmora - cabinet"), "Belmora cabinet resigns before election"],
        {"1": ("ACTION_OCCURRENCE", [(1, "resigns")]),
         "2": ("ACTION_OCCURRENCE", [(1, "election")])},
        {"ACT_ELECT_B": ["2"], "ACT_RESIGN_B": ["1"]},
        [],
    ),
}  # fmt: skip

ANNOTATED = {
    "1_1ecb": [0], "1_2ecb": [0, 1], "1_1ecbplus": [1, 2], "1_2ecbplus": [1, 2],
    "2_1ecb": [0], "2_2ecb": [0], "2_1ecbplus": [1, 2], "2_2ecbplus": [1],
}  # fmt: skip
"""2_3ecb is not in the CSV: it has no gold mentions."""


def cat_xml(name: str, sentences, markables, chains, intra) -> str:
    """A CAT XML document in ECB+'s layout."""
    lines = [f'<Document doc_name="{name}.xml" doc_id="DOC{abs(hash(name))}">']
    where: dict[tuple[int, str], int] = {}
    tid = 0
    for s, sentence in enumerate(sentences):
        for n, word in enumerate(sentence.split()):
            tid += 1
            where.setdefault((s, word), tid)
            word = word.replace("&", "&amp;").replace("<", "&lt;")
            lines.append(f'<token t_id="{tid}" sentence="{s}" number="{n}">{word}</token>')
    lines.append("<Markables>")
    for mid, (tag, anchors) in markables.items():
        lines.append(f'<{tag} m_id="{mid}"  >')
        lines += [f'  <token_anchor t_id="{where[a]}"/>' for a in anchors]
        lines.append(f"</{tag}>")
    relations = []
    next_id = 100
    for instance, sources in chains.items():
        next_id += 1
        tag = markables[sources[0]][0]
        lines.append(
            f'<{tag} m_id="{next_id}" RELATED_TO="" TAG_DESCRIPTOR="t_{instance.lower()}" '
            f'instance_id="{instance}" />'
        )
        relations.append(("CROSS_DOC_COREF", f' note="{instance}"', sources, next_id))
    for sources in intra:
        next_id += 1
        tag = markables[sources[0]][0]
        lines.append(f'<{tag} m_id="{next_id}" RELATED_TO="" TAG_DESCRIPTOR="t_intra" />')
        relations.append(("INTRA_DOC_COREF", "", sources, next_id))
    lines += ["</Markables>", "", "<Relations>"]
    for r, (tag, note, sources, target) in enumerate(relations, start=1):
        lines.append(f'<{tag} r_id="{r}"{note} >')
        lines += [f'  <source m_id="{m}" />' for m in sources]
        lines += [f'  <target m_id="{target}" />', f"</{tag}>"]
    lines += ["</Relations>", "</Document>"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def ecb_dir(tmp_path: Path) -> Path:
    root = tmp_path / "ecbplus"
    for name, parts in DOCS.items():
        topic = name.split("_")[0]
        (root / topic).mkdir(parents=True, exist_ok=True)
        (root / topic / f"{name}.xml").write_text(cat_xml(name, *parts), encoding="utf-8")
    rows = ["Topic,File,Sentence Number"]
    rows += [
        f"{name.split('_')[0]},{name.split('_')[1]},{s}"
        for name, numbers in ANNOTATED.items()
        for s in numbers
    ]
    (root / "ECBplus_coreference_sentences.csv").write_text("\n".join(rows) + "\n")
    return root


# --------------------------------------------------------------------------- reading


def test_tokens_are_joined_like_written_text():
    sentence = "He said `` no '' , the car rear - ended a truck ( in Korvale ) . It 's 10 % ."
    tokens = sentence.split(" ")
    text, spans = join_tokens(tokens)
    assert text == "He said “no”, the car rear-ended a truck (in Korvale). It's 10%."
    for token, (start, end) in zip(tokens, spans, strict=True):
        assert text[start:end] == {"``": "“", "''": "”"}.get(token, token)
    tokens = ['"', "Stay", "calm", '"', ",", "he", "said", "-", "then", "left"]
    assert join_tokens(tokens)[0] == '"Stay calm", he said-then left'
    assert join_tokens(tokens, glue_hyphens=False)[0] == '"Stay calm", he said - then left'


def test_a_document_becomes_an_article_with_token_offsets(ecb_dir):
    doc = read_document(ecb_dir / "1" / "1_1ecbplus.xml", {1, 2})
    article = doc.article
    assert (doc.id, doc.topic, doc.number, doc.subset) == ("1_1ecbplus", 1, 1, "ecbplus")
    assert doc.incident == "1/ecbplus"
    assert article.id == "1_1ecbplus"
    assert article.url == "http://www.example.org/news/drenmouth-fire"
    assert article.source == "example.org"
    assert article.text == (
        "Warehouse fire in Drenmouth\n\n"
        "A fire gutted a warehouse in Drenmouth on Friday, police said."
    )
    assert re.fullmatch(r"[0-9a-f]{64}", article.hash)
    assert article.paragraph_texts() == [
        "Warehouse fire in Drenmouth",
        "A fire gutted a warehouse in Drenmouth on Friday, police said.",
    ]
    words = [w for s in DOCS["1_1ecbplus"][0] for w in s.split()]
    url_tokens = len(DOCS["1_1ecbplus"][0][0].split())
    for tid, word in enumerate(words, start=1):
        if tid <= url_tokens:
            assert tid not in doc.token_spans  # the URL is not part of the text
        else:
            start, end = doc.token_spans[tid]
            assert article.text[start:end] == word
    assert doc.sentences[2].startswith("A fire gutted")


def test_gold_mentions_are_actions_in_annotated_sentences_with_their_chains(ecb_dir):
    doc = read_document(ecb_dir / "1" / "1_1ecb.xml", {0})
    # "Firefighters" is not an action; "said" is in sentence 1, not listed in the CSV
    assert [(m.text, m.type, m.chain) for m in doc.mentions] == [
        ("fire", "ACTION_OCCURRENCE", "ACT_FIRE_K"),
        ("destroyed", "ACTION_OCCURRENCE", "ACT_DESTROY_K"),
    ]
    fire = doc.mentions[0]
    assert fire.id == "1_1ecb#1" and fire.sentence == 0 and fire.tokens == (2,)
    assert [doc.article.text[s:e] for s, e in fire.spans] == ["fire"]

    doc = read_document(ecb_dir / "1" / "1_2ecb.xml", {0, 1})
    chains = {m.text + str(m.sentence): m.chain for m in doc.mentions}
    assert chains["burned0"] == chains["burned1"] == "1_2ecb#intra:102"  # intra-doc chain
    assert chains["said0"] == "1_2ecb#4"  # no relation: a singleton
    assert chains["blaze0"] == "ACT_FIRE_K"


def test_the_folder_reads_in_topic_order_and_unlisted_files_have_no_mentions(ecb_dir):
    docs = read_ecbplus(ecb_dir)
    assert [d.id for d in docs] == [
        "1_1ecb", "1_2ecb", "1_1ecbplus", "1_2ecbplus",
        "2_1ecb", "2_2ecb", "2_3ecb", "2_1ecbplus", "2_2ecbplus",
    ]  # fmt: skip
    assert sum(len(d.mentions) for d in docs) == 24
    unlisted = next(d for d in docs if d.id == "2_3ecb")
    assert not unlisted.annotated and unlisted.mentions == []
    assert [d.id for d in read_ecbplus(ecb_dir, limit=1)] == [
        "1_1ecb",
        "1_2ecb",
        "1_1ecbplus",
        "1_2ecbplus",
    ]


def test_a_missing_or_malformed_folder_is_a_data_error(tmp_path, ecb_dir):
    with pytest.raises(EvalDataError, match="not a directory"):
        read_ecbplus(tmp_path / "nowhere")
    with pytest.raises(EvalDataError, match="no numbered topic folders"):
        read_ecbplus(tmp_path)
    (ecb_dir / "ECBplus_coreference_sentences.csv").unlink()
    with pytest.raises(EvalDataError, match=r"ECBplus_coreference_sentences\.csv"):
        read_ecbplus(ecb_dir)
    broken = tmp_path / "broken"
    (broken / "1").mkdir(parents=True)
    (broken / "1" / "1_1ecb.xml").write_text("<Document><token")
    (broken / "ECBplus_coreference_sentences.csv").write_text("Topic,File,Sentence Number\n")
    with pytest.raises(EvalDataError, match="not well-formed"):
        read_ecbplus(broken)


# --------------------------------------------------------------------------- metrics

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
PREDICTED = {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Z"}


def test_bcubed_on_a_toy_clustering():
    # precision: a, b 2/2; c, d 1/2; e 1/1 → 4/5. recall: a, b 2/3; c 1/3; d, e 1/2 → 8/15
    precision, recall, f = bcubed(GOLD, PREDICTED)
    assert precision == pytest.approx(4 / 5)
    assert recall == pytest.approx(8 / 15)
    assert f == pytest.approx(0.64)
    assert bcubed(GOLD, GOLD) == (1.0, 1.0, 1.0)


def test_pairwise_on_a_toy_clustering():
    # predicted pairs ab, cd (ab right); gold pairs ab, ac, bc, de
    precision, recall, f = pairwise(GOLD, PREDICTED)
    assert (precision, recall) == (0.5, 0.25)
    assert f == pytest.approx(1 / 3)
    assert pairwise(GOLD, {k: k for k in GOLD}) == (0.0, 0.0, 0.0)


def test_muc_on_a_toy_clustering():
    # recall: abc split in 2 → 1 of 2 links, de split → 0 of 1; precision: ab 1 of 1, cd 0 of 1
    precision, recall, f = muc(GOLD, PREDICTED)
    assert (precision, recall) == (pytest.approx(1 / 2), pytest.approx(1 / 3))
    assert f == pytest.approx(0.4)


def test_metrics_need_the_same_items():
    with pytest.raises(ValueError, match="same items"):
        bcubed(GOLD, {"a": 1})


# --------------------------------------------------------------------------- system side


def _event(article_id: str, trigger: str, evidence: Evidence, n: int, actor=()) -> Event:
    return Event(
        id=f"{article_id}:{n}", article_id=article_id, event_type="ATTACK", mode=None,
        cameo="190", goldstein=-10.0, quad=4, actor=list(actor), recipient=[],
        evidence=evidence, trigger=trigger,
    )  # fmt: skip


def test_a_trigger_is_found_in_its_sentence_nearest_its_actor():
    text = "Rebels fired on the town. Police fired back at the rebels who fired first."
    evidence = Evidence(1, 26, len(text), text[26:])
    assert trigger_span(_event("a", "fired", evidence, 0)) == (33, 38)
    police = ActorRef("Police", start=26, end=32)
    rebels = ActorRef("rebels", start=51, end=57)
    assert trigger_span(_event("a", "fired", evidence, 0, [police])) == (33, 38)
    assert trigger_span(_event("a", "fired", evidence, 0, [rebels])) == (62, 67)
    assert trigger_span(_event("a", "stormed", evidence, 0)) is None


WORDS = {"fire": "FIRE", "blaze": "FIRE", "gutted": "GUT", "resigned": "RESIGN",
         "resigns": "RESIGN"}  # fmt: skip


def fake_analyser(articles: Iterable[Article]) -> Iterator[ArticleAnalysis]:
    """An event on every whole word of `WORDS`, its paragraph (one ECB+ sentence) as the
    evidence sentence."""
    for article in articles:
        events = []
        for n, paragraph in enumerate(article.paragraphs):
            sentence = article.text[paragraph.start : paragraph.end]
            evidence = Evidence(n, paragraph.start, paragraph.end, sentence)
            for match in re.finditer(r"\w+", sentence):
                if match.group().lower() in WORDS:
                    events.append(_event(article.id, match.group(), evidence, len(events)))
        yield ArticleAnalysis(article=article, events=events)


def fake_fuser(events, articles, copies=None, stories=None):
    """Fuses by trigger family across every article (so the two fires of topic 1 merge)."""
    from crisiswire.model import FusedEvent, Mention

    groups: dict[str, list[Event]] = {}
    for event in events:
        groups.setdefault(WORDS[event.trigger.lower()], []).append(event)
    out = []
    for members in groups.values():
        first = members[0]
        fused = FusedEvent(**{s: getattr(first, s) for s in Event.__slots__})
        fused.mentions = [Mention(e.id, e.article_id, None, e.evidence) for e in members]
        out.append(fused)
    return out


def test_event_coreference_scores_on_the_fixture(ecb_dir):
    scores = score_ecbplus(ecb_dir, analyser=fake_analyser, fuser=fake_fuser, orders=2)
    assert (scores["articles"], scores["topics"], scores["incidents"]) == (9, 2, 4)
    assert scores["gold_mentions"] == 24 and scores["gold_chains"] == 13
    # fire ×6 (2 of Korvale, 4 of Drenmouth), gutted ×2, resign ×2 found: 10 of 24
    assert scores["matched_mentions"] == 10
    assert scores["mention_recall"] == pytest.approx(10 / 24)
    # B-cubed precision: the 2 Korvale fires 2/6, the 4 Drenmouth fires 4/6, the rest 1
    precision, recall = Fraction(20, 6) + 18, Fraction(19)
    precision, recall = precision / 24, recall / 24
    assert scores["event_bcubed_precision"] == pytest.approx(float(precision))
    assert scores["event_bcubed_recall"] == pytest.approx(float(recall))
    expected = 2 * precision * recall / (precision + recall)
    assert scores["event_coref_f1"] == pytest.approx(float(expected))
    # MUC: right links 6 (fire K 1, fire D 3, gutted 1, resign 1) of 11 gold, 7 system
    assert scores["event_muc_recall"] == pytest.approx(6 / 11)
    assert scores["event_muc_precision"] == pytest.approx(6 / 7)
    assert scores["singleton_baseline"]["bcubed_recall"] == pytest.approx(13 / 24)
    assert scores["singleton_baseline"]["bcubed_precision"] == 1.0
    # same text in a topic: "fire" ×5 (1 K + 4 D), "said" ×3, "election" ×3 …
    assert scores["lemma_baseline"]["bcubed_precision"] == pytest.approx(102 / 120)
    assert scores["lemma_baseline"]["bcubed_recall"] == pytest.approx(19.5 / 24)
    for key in ("bcubed_f1", "pairwise_f1", "bcubed_precision", "bcubed_recall"):
        assert 0.0 <= scores[key] <= 1.0
    assert 1 <= scores["stories"] <= 9
    assert [o["seed"] for o in scores["by_order"]] == [0, 1]
    assert 0.0 <= scores["sorted"]["bcubed_f1"] <= 1.0


def test_stories_feed_fusion_and_every_event_is_placed(ecb_dir):
    seen = {}

    def fuser(events, articles, copies=None, stories=None):
        seen["stories"] = dict(stories)
        seen["articles"] = set(articles)
        return fake_fuser(events, articles)

    ticks: list[int] = []
    score_ecbplus(
        ecb_dir,
        analyser=fake_analyser,
        fuser=fuser,
        orders=1,
        progress=ticks.append,
        on_start=lambda total: seen.setdefault("total", total),
    )
    assert set(seen["stories"]) == seen["articles"] and len(seen["articles"]) == 9
    assert seen["total"] == sum(ticks) == 9 * 3  # analysis, one shuffled order, sorted

    def lossy(events, articles, copies=None, stories=None):
        return fake_fuser(list(events)[1:], articles)

    with pytest.raises(RuntimeError, match="left 1 event"):
        score_ecbplus(ecb_dir, analyser=fake_analyser, fuser=lossy, orders=1)


# --------------------------------------------------------------------------- command


@pytest.fixture
def runner():
    return CliRunner()


def test_the_command_prints_one_json_object(runner, ecb_dir, monkeypatch):
    monkeypatch.setattr(ecbplus, "pipeline_analyser", lambda jobs=1: fake_analyser)
    result = runner.invoke(app, ["eval", "stories", "--ecbplus", str(ecb_dir), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    for key in ("bcubed_f1", "pairwise_f1", "event_coref_f1", "mention_recall", "stories"):
        assert isinstance(data[key], int | float)
    assert data["articles"] == 9 and data["incidents"] == 4
    assert data["lemma_baseline"]["bcubed_f1"] > 0

    table = runner.invoke(app, ["eval", "stories", "--ecbplus", str(ecb_dir), "--limit", "1"])
    assert table.exit_code == 0, table.output
    assert "B-cubed" in table.stdout and "4 articles" in table.stdout


def test_the_command_exits_2_without_data(runner, tmp_path):
    missing = runner.invoke(app, ["eval", "stories", "--ecbplus", str(tmp_path / "no")])
    assert missing.exit_code == 2
    empty = runner.invoke(app, ["eval", "stories", "--ecbplus", str(tmp_path), "--json"])
    assert empty.exit_code == 2
    assert "no numbered topic folders" in empty.output


@pytest.mark.slow
def test_the_track_on_three_ecbplus_topics():
    if not ECBPLUS.is_dir():
        pytest.skip(f"{ECBPLUS} not found: real-data tests need ../shared/data beside the repo")
    scores = score_ecbplus(ECBPLUS, limit=3, orders=1)
    assert scores["topics"] == 3 and scores["incidents"] == 6
    assert 60 <= scores["articles"] <= 100
    assert 3 <= scores["stories"] <= 60
    assert 0.4 <= scores["bcubed_f1"] <= 1.0 and 0.2 <= scores["pairwise_f1"] <= 1.0
    assert scores["gold_mentions"] > 400
    assert 0.0 < scores["mention_recall"] < 0.5
    assert 0.3 <= scores["event_coref_f1"] <= 1.0
    assert scores["lemma_baseline"]["bcubed_f1"] > scores["singleton_baseline"]["bcubed_f1"]
