"""Track ``stories``: story grouping and cross-document event coreference on ECB+.

Layout: ``PATH/N/N_Kecb.xml`` and ``PATH/N/N_Kecbplus.xml`` (topic ``N``, article ``K``)
and ``ECBplus_coreference_sentences.csv`` (``Topic,File,Sentence Number``, the sentences
whose event mentions are fully annotated) in ``PATH`` or a folder below it. A topic holds
two real incidents of the same kind: its ``ecb`` articles report one, its ``ecbplus``
articles another. Each file is CAT XML: ``<token t_id sentence number>`` tokens, then
``<Markables>`` — mentions anchored to tokens (``<ACTION_OCCURRENCE m_id><token_anchor
t_id/>…``) and unanchored instances (``<ACTION_OCCURRENCE m_id instance_id/>``, the entity
or event a cross-document chain refers to) — then ``<Relations>``: ``CROSS_DOC_COREF``
(sources → a target instance whose ``instance_id`` names the chain across documents) and
``INTRA_DOC_COREF`` (sources → a target without ``instance_id``: a chain of that document
only).

**Articles.** Each file becomes an `Article` (id = the file name without ``.xml``, hash =
`content_hash` of the text, no date: ECB+ gives none): one paragraph per ECB+ sentence,
joined by a blank line; tokens are joined by one space, with none before closing
punctuation (``. , ; : ? ! ) '' 's n't`` …), none after opening brackets and quotes, none
around ``/`` between words, nor around ``-`` in ``ecbplus`` files (their tokeniser splits
"rear-ended" into three tokens; in ``ecb`` files a lone ``-`` is a dash); PTB
quotes (`````, ``''``) are written as curly quotes. The first sentence of an ``ecbplus``
file is the page URL: it becomes `Article.url` (its host `Article.source`, the outlet
fusion counts) and is left out of the text. Every token
keeps its character span in the text.

**Story grouping.** Gold: one cluster per (topic, ``ecb``/``ecbplus``) incident. The
articles are analysed once (`crisiswire.engines.analyse_articles`) and fed to a fresh
`StoryClusterer` in several reading orders: the articles sorted by (topic, ecb before
ecbplus, article number), then shuffled with ``random.Random(seed)`` for seeds ``0 …
orders-1``. The topic-sorted order itself is scored too, under ``sorted``, for reference
only: articles do not arrive by topic (on ECB+ it scores lower, with more one-article
stories and more merges of a topic's two incidents). B-cubed (Bagga & Baldwin 1998: per
article, the share of its predicted story that is in its gold incident, and of its gold
incident that is in its predicted story, averaged over articles) and pairwise scores
(article pairs in one predicted story that share a gold incident / all predicted pairs,
and / all gold pairs) are the means over the shuffled orders; ``by_order`` lists each;
``incidents_split``, ``stories_single``, ``stories_mixed`` and ``stories_mixed_same_topic``
say where grouping goes wrong.

**Event coreference.** Gold mentions: the anchored action markables (types ``ACTION_*``
and ``NEG_ACTION_*``) whose tokens lie in a sentence the CSV lists for their document (the
standard ECB+ evaluation subset). Gold chains: the ``instance_id`` of their
``CROSS_DOC_COREF`` target; an ``INTRA_DOC_COREF`` chain is a chain of its document; a
mention in no relation is a singleton. System: every event we code, fused by
`crisiswire.stories.fusion.fuse` within the stories predicted in the same reading order
(``stories=`` article → story), so the score measures the system as it runs. An event is
placed at its trigger: the first whole-word occurrence of `Event.trigger` in its evidence
sentence (the one nearest its actors when the word occurs more than once); it stands for
every gold mention of its article with a token overlapping that span, each gold mention
taken by the first such event. A gold mention no event stands for is a system singleton
(so missed mentions cost recall; events on no gold mention are not scored). Scores over
the gold mentions: ``event_coref_f1`` is B-cubed F1, also MUC (Vilain et al. 1995);
``mention_recall`` the share of gold mentions that some event stands for. References on
the same mentions: ``singleton_baseline`` (every mention alone) and ``lemma_baseline``
(mentions with the same lower-cased text in one topic form one chain — the known strong
baseline, here on the surface form as no lemmatiser is run on the gold tokens), and the
same within our predicted stories (``lemma_baseline_stories``). ``matched_bcubed_f1`` and
``matched_muc_f1`` score the fusion alone: over the gold mentions some event stands for,
against their gold chains cut down to them (``lemma_baseline_matched``: the same-text
baseline on that subset).
"""

from __future__ import annotations

import csv
import random
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisiswire.eval.common import EvalDataError, Progress
from crisiswire.eval.metrics import f1, ratio
from crisiswire.ingest.assemble import PARAGRAPH_SEPARATOR, content_hash
from crisiswire.model import Article, ArticleAnalysis, Event, Paragraph

if TYPE_CHECKING:
    from crisiswire.model import FusedEvent

SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
ORDERS = 3
"""Shuffled reading orders scored by default (seeds 0, 1, 2)."""

Analyser = Callable[[Iterable[Article]], Iterable[ArticleAnalysis]]
"""``analyser(articles)``: one `ArticleAnalysis` per article, in input order."""
Fuser = Callable[..., "list[FusedEvent]"]
"""``fuser(events, articles, stories=…)``, as `crisiswire.stories.fusion.fuse`."""

_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_CLOSERS = {".", ",", ":", ";", "?", "!", ")", "]", "}", "%", "''", "”", "’", "...", "…"}
_CLITICS = {"'s", "n't", "'m", "'re", "'ve", "'d", "'ll"}
_APOSTROPHES = {"'", "’"}
_CLITIC_TAILS = {"s", "m", "re", "ve", "d", "ll", "t"}
_OPENERS = {"(", "[", "{", "``", "“", "‘", "$", "#"}
_JOINERS = {"-", "/"}
_SHOWN = {"``": "“", "''": "”"}
_ACTION = re.compile(r"^(NEG_)?ACTION_")


# --------------------------------------------------------------------------- reading


@dataclass(slots=True)
class GoldMention:
    """One annotated action mention: its tokens, their characters, its gold chain."""

    id: str
    """``DOC#m_id``."""
    doc: str
    type: str
    tokens: tuple[int, ...]
    spans: list[tuple[int, int]]
    """Character spans of its tokens in the article text (empty if a token is not in it)."""
    sentence: int
    text: str
    chain: str
    """The ``instance_id`` of its cross-document chain; ``DOC#intra:m_id`` for a chain of
    its document only; ``DOC#m_id`` (its own id) when it is a singleton."""


@dataclass(slots=True)
class EcbDocument:
    id: str
    """The file name without ``.xml``: ``1_10ecbplus``."""
    topic: int
    number: int
    subset: str
    """``ecb`` or ``ecbplus``: which of the topic's two incidents it reports."""
    article: Article
    token_spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Token ``t_id`` → character span in `article.text` (URL tokens have none)."""
    sentences: dict[int, str] = field(default_factory=dict)
    """ECB+ sentence number → its text as written in the article."""
    mentions: list[GoldMention] = field(default_factory=list)
    """Action mentions in the fully annotated sentences (none if the CSV omits the file)."""
    annotated: bool = False
    """Whether the CSV lists sentences of this document."""

    @property
    def incident(self) -> str:
        return f"{self.topic}/{self.subset}"


def _glued_before(token: str) -> bool:
    return token in _CLOSERS or token.lower() in _CLITICS


def _ends_word(token: str | None) -> bool:
    return bool(token) and token.strip()[-1].isalnum()  # type: ignore[union-attr]


def _digit(token: str | None, at: int) -> bool:
    return bool(token) and token.strip()[at].isdigit()  # type: ignore[union-attr]


def _starts_word(token: str | None) -> bool:
    return bool(token) and token.strip()[0].isalnum()  # type: ignore[union-attr]


def join_tokens(
    tokens: Sequence[str], glue_hyphens: bool = True
) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text and each token's (start, end) in it (see the module docstring).
    With `glue_hyphens` false, a ``-`` between words stays spaced, as a dash."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    glue_next = False
    quote_open = False
    for i, raw in enumerate(tokens):
        token = " ".join(raw.split())
        if not token:
            spans.append((length, length))
            continue
        shown = _SHOWN.get(token, token)
        previous = next((t for t in reversed(tokens[:i]) if t.strip()), None)
        following = next((t for t in tokens[i + 1 :] if t.strip()), None)
        joiner = (
            token in _JOINERS
            and (glue_hyphens or token != "-")
            and _ends_word(previous)
            and _starts_word(following)
        )
        clitic = (  # "I ’ m" → "I’m"
            token in _APOSTROPHES
            and _ends_word(previous)
            and (following or "").strip().lower() in _CLITIC_TAILS
        )
        clock = token == ":" and _digit(previous, -1) and _digit(following, 0)  # "05 : 31"
        possessive = token in _APOSTROPHES and (previous or "").endswith("s") and not clitic
        joiner = joiner or clock
        glued = glue_next or _glued_before(token) or joiner or clitic or possessive
        space = bool(parts) and not glued
        if token == '"':
            if quote_open:
                space = False
            quote_open = not quote_open
        if space:
            parts.append(" ")
            length += 1
        spans.append((length, length + len(shown)))
        parts.append(shown)
        length += len(shown)
        glue_next = joiner or clitic or token in _OPENERS or (token == '"' and quote_open)
    return "".join(parts), spans


def _is_url(tokens: Sequence[str]) -> bool:
    return bool(tokens) and re.match(r"^(https?|www)\b", tokens[0].strip(), re.I) is not None


def read_document(
    path: Path, annotated: set[int] | None = None, topic: int | None = None
) -> EcbDocument:
    """One CAT XML file; `annotated` = its fully annotated sentence numbers (from the CSV),
    None when the CSV does not list the file (then it has no gold mentions)."""
    match = _FILE.match(path.name)
    if match is None:
        raise EvalDataError(f"{path}: expected a file named TOPIC_Necb.xml or TOPIC_Necbplus.xml")
    number, subset = int(match.group(2)), match.group(3)
    topic = int(match.group(1)) if topic is None else topic
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise EvalDataError(f"{path}: not well-formed XML ({err})") from None
    except OSError as err:
        raise EvalDataError(f"{path}: {err.strerror or err}") from None
    doc_id = path.name[: -len(".xml")]
    by_sentence: dict[int, list[tuple[int, str]]] = defaultdict(list)
    sentence_of: dict[int, int] = {}
    for token in root.iter("token"):
        try:
            tid, sentence = int(token.get("t_id", "")), int(token.get("sentence", ""))
        except ValueError:
            raise EvalDataError(f"{path}: a <token> without numeric t_id and sentence") from None
        by_sentence[sentence].append((tid, token.text or ""))
        sentence_of[tid] = sentence
    if not by_sentence:
        raise EvalDataError(f"{path}: no <token> elements")
    url = None
    texts: list[str] = []
    paragraphs: list[Paragraph] = []
    token_spans: dict[int, tuple[int, int]] = {}
    sentences: dict[int, str] = {}
    offset = 0
    for position, number_ in enumerate(sorted(by_sentence)):
        ids = [tid for tid, _ in by_sentence[number_]]
        words = [word for _, word in by_sentence[number_]]
        if position == 0 and subset == "ecbplus" and _is_url(words):
            url = "".join(w.strip() for w in words)
            continue
        text, spans = join_tokens(words, glue_hyphens=subset == "ecbplus")
        if not text:
            continue
        if texts:
            offset += len(PARAGRAPH_SEPARATOR)
        for tid, (start, end) in zip(ids, spans, strict=True):
            token_spans[tid] = (offset + start, offset + end)
        paragraphs.append(Paragraph(offset, offset + len(text)))
        sentences[number_] = text
        texts.append(text)
        offset += len(text)
    body = PARAGRAPH_SEPARATOR.join(texts)
    article = Article(
        id=doc_id,
        hash=content_hash(body),
        text=body,
        paragraphs=paragraphs,
        source=_host(url),
        url=url,
        origin=str(path),
    )
    document = EcbDocument(
        doc_id, topic, number, subset, article, token_spans, sentences, annotated=bool(annotated)
    )
    if annotated:
        document.mentions = _mentions(root, path, doc_id, annotated, sentence_of, document)
    return document


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = re.sub(r"^(https?:/*)?(www\.)?", "", url, flags=re.I).split("/")[0]
    return host.lower() or None


def _mentions(
    root: ET.Element,
    path: Path,
    doc_id: str,
    annotated: set[int],
    sentence_of: dict[int, int],
    document: EcbDocument,
) -> list[GoldMention]:
    markables = root.find("Markables")
    relations = root.find("Relations")
    instances: dict[str, str | None] = {}
    anchored: list[tuple[str, str, list[int]]] = []
    for markable in markables if markables is not None else []:
        mid = markable.get("m_id")
        if mid is None:
            raise EvalDataError(f"{path}: a <{markable.tag}> markable without m_id")
        anchors = markable.findall("token_anchor")
        if not anchors:
            instances[mid] = markable.get("instance_id")
            continue
        try:
            tids = [int(a.get("t_id", "")) for a in anchors]
        except ValueError:
            raise EvalDataError(f"{path}: markable {mid} has a non-numeric t_id") from None
        for tid in tids:
            if tid not in sentence_of:
                raise EvalDataError(f"{path}: markable {mid} anchors unknown token {tid}")
        anchored.append((mid, markable.tag, tids))
    chain: dict[str, str] = {}
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        if target is None or target.get("m_id") is None:
            raise EvalDataError(f"{path}: a <{relation.tag}> relation without a target")
        tm = target.get("m_id", "")
        if relation.tag == "CROSS_DOC_COREF":
            name = instances.get(tm) or relation.get("note")
            if not name:
                raise EvalDataError(f"{path}: CROSS_DOC_COREF target {tm} has no instance_id")
        elif relation.tag == "INTRA_DOC_COREF":
            name = f"{doc_id}#intra:{tm}"
        else:
            continue
        for source in relation.findall("source"):
            sm = source.get("m_id")
            if sm is not None and sm not in chain:
                chain[sm] = name
    out = []
    for mid, tag, tids in anchored:
        if not _ACTION.match(tag) or not {sentence_of[t] for t in tids} <= annotated:
            continue
        spans = [document.token_spans[t] for t in tids if t in document.token_spans]
        text = " ".join(document.article.text[s:e] for s, e in spans)
        mention_id = f"{doc_id}#{mid}"
        out.append(
            GoldMention(
                mention_id,
                doc_id,
                tag,
                tuple(tids),
                spans,
                sentence_of[tids[0]],
                text,
                chain.get(mid, mention_id),
            )
        )
    return out


def _find_csv(path: Path) -> Path:
    direct = path / SENTENCES_CSV
    if direct.is_file():
        return direct
    found = sorted(path.rglob(SENTENCES_CSV))
    if not found:
        raise EvalDataError(f"{path}: no {SENTENCES_CSV} in this folder or below it")
    return found[0]


def read_annotated_sentences(path: Path) -> dict[str, set[int]]:
    """Document id (``1_10ecbplus``) → its fully annotated sentence numbers."""
    out: dict[str, set[int]] = defaultdict(set)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows, None)
            if header is None or [h.strip().lower() for h in header[:3]] != [
                "topic",
                "file",
                "sentence number",
            ]:
                raise EvalDataError(f"{path}: expected the header 'Topic,File,Sentence Number'")
            for number, row in enumerate(rows, start=2):
                if not row:
                    continue
                try:
                    out[f"{int(row[0])}_{row[1].strip()}"].add(int(row[2]))
                except (ValueError, IndexError):
                    raise EvalDataError(f"{path}:{number}: expected TOPIC,FILE,SENTENCE") from None
    except OSError as err:
        raise EvalDataError(f"{path}: {err.strerror or err}") from None
    return dict(out)


def topic_folders(path: Path) -> list[tuple[int, Path]]:
    """The numbered topic folders of an ECB+ directory, in topic order."""
    if not path.is_dir():
        raise EvalDataError(f"{path}: not a directory")
    topics = sorted((int(p.name), p) for p in path.iterdir() if p.is_dir() and p.name.isdigit())
    if not topics:
        raise EvalDataError(f"{path}: no numbered topic folders (1/, 2/, …)")
    return topics


def read_ecbplus(path: str | Path, limit: int | None = None) -> list[EcbDocument]:
    """The documents of the first `limit` topics (all by default), in reading order
    (topic, ecb before ecbplus, article number)."""
    path = Path(path)
    topics = topic_folders(path)[:limit]
    annotated = read_annotated_sentences(_find_csv(path))
    documents = []
    for topic, folder in topics:
        files = [f for f in folder.iterdir() if _FILE.match(f.name)]
        if not files:
            raise EvalDataError(f"{folder}: no TOPIC_Necb.xml / TOPIC_Necbplus.xml files")
        for file in files:
            documents.append(read_document(file, annotated.get(file.name[:-4]), topic))
    documents.sort(key=lambda d: (d.topic, d.subset != "ecb", d.number))
    return documents


# --------------------------------------------------------------------------- clustering metrics


def _clusters(assignment: Mapping[Hashable, Hashable]) -> dict[Hashable, set[Hashable]]:
    out: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in assignment.items():
        out[label].add(item)
    return out


def _same_items(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> None:
    if set(gold) != set(predicted):
        raise ValueError("gold and predicted clusterings must cover the same items")


def bcubed(
    gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item → cluster label), averaged
    over the items (Bagga & Baldwin 1998)."""
    _same_items(gold, predicted)
    if not gold:
        return 0.0, 0.0, 0.0
    joint = Counter((gold[i], predicted[i]) for i in gold)
    gold_size = Counter(gold.values())
    predicted_size = Counter(predicted.values())
    precision = recall = 0.0
    for item in gold:
        shared = joint[gold[item], predicted[item]]
        precision += shared / predicted_size[predicted[item]]
        recall += shared / gold_size[gold[item]]
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, f1(precision, recall)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(
    gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]
) -> tuple[float, float, float]:
    """Precision, recall and F1 over item pairs put in one cluster (0 when there are none)."""
    _same_items(gold, predicted)
    joint = Counter((gold[i], predicted[i]) for i in gold)
    both = sum(_pairs(n) for n in joint.values())
    in_predicted = sum(_pairs(n) for n in Counter(predicted.values()).values())
    in_gold = sum(_pairs(n) for n in Counter(gold.values()).values())
    precision, recall = ratio(both, in_predicted), ratio(both, in_gold)
    return precision, recall, f1(precision, recall)


def muc(
    gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]
) -> tuple[float, float, float]:
    """MUC link-based precision, recall and F1 (Vilain et al. 1995)."""
    _same_items(gold, predicted)

    def score(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> float:
        links = parts = 0
        for members in _clusters(key).values():
            links += len(members) - 1
            parts += len(members) - len({response[m] for m in members})
        return ratio(parts, links)

    recall, precision = score(gold, predicted), score(predicted, gold)
    return precision, recall, f1(precision, recall)


def story_errors(gold: Mapping[str, str], stories: Mapping[str, str]) -> dict[str, int]:
    """Where grouping goes wrong: gold incidents spread over several stories, stories of
    one article, stories mixing incidents (``…_same_topic``: only the two incidents of one
    topic, the hard case ECB+ is built for)."""
    members = _clusters(stories)
    incidents = _clusters(gold)
    mixed = [{gold[a] for a in articles} for articles in members.values()]
    mixed = [m for m in mixed if len(m) > 1]
    return {
        "incidents_split": sum(len({stories[a] for a in arts}) > 1 for arts in incidents.values()),
        "stories_single": sum(len(arts) == 1 for arts in members.values()),
        "stories_mixed": len(mixed),
        "stories_mixed_same_topic": sum(len({i.split("/")[0] for i in m}) == 1 for m in mixed),
    }


def _scores(prefix: str, values: tuple[float, float, float]) -> dict[str, float]:
    return dict(
        zip((f"{prefix}_precision", f"{prefix}_recall", f"{prefix}_f1"), values, strict=True)
    )


# --------------------------------------------------------------------------- system side


def trigger_span(event: Event) -> tuple[int, int] | None:
    """Characters of `event.trigger` in the article: its whole-word occurrence in the
    evidence sentence (the one nearest the event's actors when there are several)."""
    trigger = event.trigger.strip()
    evidence = event.evidence
    if not trigger:
        return None
    pattern = re.compile(rf"(?<!\w){re.escape(trigger)}(?!\w)", re.I)
    found = [evidence.start + m.start() for m in pattern.finditer(evidence.text)]
    if not found:
        at = evidence.text.lower().find(trigger.lower())
        found = [evidence.start + at] if at >= 0 else []
    if not found:
        return None
    anchors = [
        point
        for ref in (*event.actor, *event.recipient)
        if ref.start is not None and ref.end is not None
        for point in (ref.start, ref.end)
        if evidence.start <= point <= evidence.end
    ]
    start = found[0]
    if len(found) > 1 and anchors:
        start = min(found, key=lambda s: (min(abs(s - a) for a in anchors), s))
    return start, start + len(trigger)


def matched_mentions(document: EcbDocument, events: Iterable[Event]) -> dict[str, str]:
    """Gold mention id → the id of the first event (in order) whose trigger overlaps it."""
    out: dict[str, str] = {}
    for event in events:
        span = trigger_span(event)
        if span is None:
            continue
        start, end = span
        for mention in document.mentions:
            if mention.id in out:
                continue
            if any(s < end and start < e for s, e in mention.spans):
                out[mention.id] = event.id
    return out


def reading_order(n: int, seed: int | None) -> list[int]:
    """Indices ``0 … n-1``: as given when `seed` is None, else ``random.Random(seed)``'s
    shuffle of them."""
    order = list(range(n))
    if seed is not None:
        random.Random(seed).shuffle(order)
    return order


def group_stories(
    documents: Sequence[EcbDocument],
    analyses: Sequence[ArticleAnalysis],
    order: Sequence[int],
    clusterer: Any = None,
    progress: Progress | None = None,
) -> dict[str, str]:
    """Article id → story id, the articles added to a new `StoryClusterer` in `order`."""
    from crisiswire.stories.cluster import StoryClusterer

    clusterer = clusterer or StoryClusterer()
    out = {}
    for i in order:
        out[documents[i].article.id] = clusterer.add(documents[i].article, analyses[i])
        if progress is not None:
            progress(1)
    return out


def pipeline_analyser(jobs: int = 1) -> Analyser:
    """The whole NLP stage (`crisiswire.engines.analyse_articles`) in `jobs` processes."""

    def analyse(articles: Iterable[Article]) -> Iterator[ArticleAnalysis]:
        from crisiswire.engines import analyse_articles

        return analyse_articles(articles, jobs=jobs)

    return analyse


def default_fuser() -> Fuser:
    from crisiswire.stories.fusion import fuse

    return fuse


def fused_chains(
    fuser: Fuser,
    events: Sequence[Event],
    articles: Mapping[str, Article],
    stories: Mapping[str, str],
) -> dict[str, int]:
    """Event id → index of the fused event it lands in."""
    out: dict[str, int] = {}
    for index, fused in enumerate(fuser(events, articles, stories=stories)):
        for mention in fused.mentions:
            out[mention.event_id] = index
    missing = {e.id for e in events} - set(out)
    if missing:
        raise RuntimeError(f"fusion left {len(missing)} event(s) out of every fused event")
    return out


def system_chains(
    mentions: Sequence[GoldMention], matched: Mapping[str, str], chain_of_event: Mapping[str, int]
) -> dict[str, Hashable]:
    """Gold mention id → its system chain: the fused event of the event standing for it,
    or the mention itself (a singleton) when no event does."""
    return {
        m.id: ("fused", chain_of_event[matched[m.id]]) if m.id in matched else ("alone", m.id)
        for m in mentions
    }


def lemma_chains(
    mentions: Sequence[GoldMention], scope: Mapping[str, Hashable]
) -> dict[str, Hashable]:
    """The same-text baseline: one chain per (scope of the document, lower-cased text)."""
    return {m.id: (scope[m.doc], " ".join(m.text.lower().split())) for m in mentions}


def _coref_scores(gold: Mapping[str, Hashable], system: Mapping[str, Hashable]) -> dict[str, float]:
    return _scores("bcubed", bcubed(gold, system)) | _scores("muc", muc(gold, system))


# --------------------------------------------------------------------------- the track


def score_ecbplus(
    path: str | Path,
    limit: int | None = None,
    jobs: int = 1,
    orders: int = ORDERS,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    analyser: Analyser | None = None,
    fuser: Fuser | None = None,
) -> dict[str, Any]:
    """Story grouping and event coreference scores on the ECB+ folder `path` (the first
    `limit` topics), over `orders` shuffled reading orders (see the module docstring)."""
    started = time.perf_counter()
    if orders < 1:
        raise ValueError("orders must be at least 1")
    documents = read_ecbplus(path, limit)
    if on_start is not None:
        on_start(len(documents) * (orders + 2))  # analysis, then each order and sorted
    analyser = analyser or pipeline_analyser(jobs)
    fuser = fuser or default_fuser()
    analyses: list[ArticleAnalysis] = []
    for analysis in analyser(d.article for d in documents):
        analyses.append(analysis)
        if progress is not None:
            progress(1)
    if len(analyses) != len(documents):
        raise RuntimeError(f"{len(documents)} articles but {len(analyses)} analyses")
    analysed = time.perf_counter()

    gold_incident = {d.article.id: d.incident for d in documents}
    articles = {d.article.id: d.article for d in documents}
    events = [e for a in analyses for e in a.events]
    mentions = [m for d in documents for m in d.mentions]
    matched: dict[str, str] = {}
    for document, analysis in zip(documents, analyses, strict=True):
        matched |= matched_mentions(document, analysis.events)
    gold_chain = {m.id: m.chain for m in mentions}
    topic_of = {d.article.id: d.topic for d in documents}

    def one_order(seed: int | None) -> dict[str, Any]:
        order = reading_order(len(documents), seed)
        stories = group_stories(documents, analyses, order, progress=progress)
        chain_of_event = fused_chains(fuser, events, articles, stories)
        system = system_chains(mentions, matched, chain_of_event)
        coref = _coref_scores(gold_chain, system)
        found = _coref_scores({m: gold_chain[m] for m in matched}, {m: system[m] for m in matched})
        return (
            {"seed": seed, "stories": len(set(stories.values()))}
            | story_errors(gold_incident, stories)
            | _scores("bcubed", bcubed(gold_incident, stories))
            | _scores("pairwise", pairwise(gold_incident, stories))
            | {f"event_{k}": v for k, v in coref.items()}
            | {"event_coref_f1": coref["bcubed_f1"], "n_fused": len(set(chain_of_event.values()))}
            | {"matched_bcubed_f1": found["bcubed_f1"], "matched_muc_f1": found["muc_f1"]}
            | {"lemma_stories": _coref_scores(gold_chain, lemma_chains(mentions, stories))}
        )

    by_order = [one_order(seed) for seed in range(orders)]
    topic_sorted = one_order(None)
    mean_keys = [k for k, v in by_order[0].items() if isinstance(v, int | float) and k != "seed"]
    out: dict[str, Any] = {
        "articles": len(documents),
        "topics": len({d.topic for d in documents}),
        "incidents": len(set(gold_incident.values())),
    }
    out |= {k: sum(o[k] for o in by_order) / len(by_order) for k in mean_keys}
    out["stories"] = round(out["stories"], 1)
    chains = Counter(gold_chain.values())
    out |= {
        "gold_mentions": len(mentions),
        "gold_chains": len(chains),
        "gold_singletons": sum(1 for n in chains.values() if n == 1),
        "events": len(events),
        "matched_mentions": len(matched),
        "mention_recall": ratio(len(matched), len(mentions)),
        "singleton_baseline": _coref_scores(gold_chain, {m.id: m.id for m in mentions}),
        "lemma_baseline": _coref_scores(gold_chain, lemma_chains(mentions, topic_of)),
        "lemma_baseline_matched": _coref_scores(
            {m: gold_chain[m] for m in matched},
            lemma_chains([m for m in mentions if m.id in matched], topic_of),
        ),
        "lemma_baseline_stories": {
            k: sum(o["lemma_stories"][k] for o in by_order) / len(by_order)
            for k in by_order[0]["lemma_stories"]
        },
        "sorted": {k: v for k, v in topic_sorted.items() if k not in ("seed", "lemma_stories")},
        "by_order": [{k: v for k, v in o.items() if k != "lemma_stories"} for o in by_order],
        "seeds": list(range(orders)),
        "analyse_seconds": analysed - started,
        "seconds": time.perf_counter() - started,
    }
    return out
