"""Track ``summary``: multi-outlet briefings against NeuS's neutral summaries (ROUGE).

Data: ``PREFIX.source`` and ``PREFIX.target``, line-aligned, one story per line (the NeuS
"AllSides" set, Lee et al. 2022). A source line is three outlets' coverage, segments
``TITLE=> headline ARTICLE=> lead`` joined by `` [SEP] ``; a target line is the editors'
neutral ``TITLE=> … ARTICLE=> …``. White space (tabs, no-break spaces, runs) is collapsed;
an empty ``ARTICLE=>`` leaves a segment with its headline only (and no candidates).

Each segment is one article (``article_id`` its number, ``source`` the outlet's position);
its candidates are the sentences of its lead (`split_sentences`, index from 0). Headlines
are left out by default: they are telegraphic and often slanted while the gold is prose,
and with them both systems score lower (ROUGE-1 0.372 ours and 0.383 TextRank, against
0.394 and 0.389 without); ``titles=True`` puts each headline before its lead, as sentence
0. Our `summarise` and the `textrank` baseline get the same fixed budget, `MAX_WORDS` words
and `MAX_SENTENCES` sentences — never the length of the gold summary.

Scores: ROUGE-1, ROUGE-2 and ROUGE-L F-measure (``rouge_score``, Porter stemmer), of the
chosen sentences joined by spaces against the target's summary text (its ``ARTICLE=>``
part: the briefing, not the headline), averaged over stories. Keys: ``rouge1``, ``rouge2``,
``rougeL`` (ours), ``textrank`` (the same three for the baseline), ``stories``,
``max_words``, ``max_sentences``, ``words`` / ``textrank_words`` (mean summary length),
``target_words`` (mean gold length, for orientation), ``seconds``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisiswire.eval.common import EvalDataError, Progress
from crisiswire.report.summary import Candidate, split_sentences, summarise, textrank

MAX_WORDS = 60
"""Word budget of a briefing, for both systems: a short paragraph."""
MAX_SENTENCES = 5
MEASURES = ("rouge1", "rouge2", "rougeL")

Summariser = Callable[..., list[Candidate]]
"""``summariser(candidates, max_sentences=, max_words=)``, like `summarise`."""

_SEGMENT = re.compile(r"^TITLE=>(.*?)ARTICLE=>(.*)$", re.DOTALL)
_SEP = "[SEP]"


@dataclass(slots=True, frozen=True)
class Segment:
    """One outlet's coverage: headline and lead (white space collapsed; either may be '')."""

    title: str
    article: str


@dataclass(slots=True, frozen=True)
class NeusStory:
    line: int
    """Line number in both files (from 1)."""
    segments: tuple[Segment, ...]
    target: Segment


# --------------------------------------------------------------------------- reading


def _files(prefix: str | Path) -> tuple[Path, Path]:
    """``PREFIX.source`` and ``PREFIX.target``; a PREFIX naming one of them is accepted."""
    base = str(prefix)
    for suffix in (".source", ".target"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
    return Path(base + ".source"), Path(base + ".target")


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalDataError(f"{path}: no such file (PREFIX.source and PREFIX.target)") from None
    except OSError as err:
        raise EvalDataError(f"{path}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise EvalDataError(f"{path}: not UTF-8 ({err.reason})") from None
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _segment(text: str, where: str) -> Segment:
    match = _SEGMENT.match(" ".join(text.split()))
    if match is None:
        raise EvalDataError(f"{where}: expected 'TITLE=> … ARTICLE=> …'")
    return Segment(match.group(1).strip(), match.group(2).strip())


def read_neus(prefix: str | Path) -> list[NeusStory]:
    """The stories of ``PREFIX.source`` / ``PREFIX.target``; `EvalDataError` when a file
    is missing or empty, the two differ in length, or a line is not in the NeuS format."""
    source_path, target_path = _files(prefix)
    sources, targets = _lines(source_path), _lines(target_path)
    if not sources:
        raise EvalDataError(f"{source_path}: no stories")
    if len(sources) != len(targets):
        raise EvalDataError(
            f"{source_path} has {len(sources)} stories but {target_path} has {len(targets)}"
        )
    stories = []
    for number, (source, target) in enumerate(zip(sources, targets, strict=True), start=1):
        if not source.strip() or not target.strip():
            raise EvalDataError(f"{source_path}:{number}: empty story or summary")
        segments = tuple(
            _segment(part, f"{source_path}:{number}, segment {k}")
            for k, part in enumerate(source.split(_SEP), start=1)
        )
        stories.append(NeusStory(number, segments, _segment(target, f"{target_path}:{number}")))
    return stories


def story_candidates(story: NeusStory, titles: bool = False) -> list[Candidate]:
    """The sentences of each segment's lead as candidates, in order (with `titles`, the
    segment's headline first, as sentence 0)."""
    candidates = []
    for k, segment in enumerate(story.segments, start=1):
        article_id = str(k)
        index = 0
        if titles and segment.title:
            candidates.append(Candidate(segment.title, article_id, article_id, 0))
            index = 1
        for start, end in split_sentences(segment.article):
            text = segment.article[start:end]
            candidates.append(Candidate(text, article_id, article_id, index, start, end))
            index += 1
    return candidates


# --------------------------------------------------------------------------- scoring


def score_neus(
    prefix: str | Path,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    limit: int | None = None,
    max_words: int | None = MAX_WORDS,
    max_sentences: int = MAX_SENTENCES,
    titles: bool = False,
    systems: dict[str, Summariser] | None = None,
) -> dict[str, Any]:
    """Mean ROUGE F-measures of `summarise` and of the `textrank` baseline on the first
    `limit` stories (all by default), headlines among the candidates with `titles`.
    `systems` replaces the two (name → summariser; the first is reported at the top
    level, the others under their names)."""
    from rouge_score.rouge_scorer import RougeScorer

    started = time.perf_counter()
    stories = read_neus(prefix)[:limit]
    if on_start is not None:
        on_start(len(stories))
    systems = systems or {"ours": summarise, "textrank": textrank}
    scorer = RougeScorer(list(MEASURES), use_stemmer=True)
    totals = {name: dict.fromkeys(MEASURES, 0.0) for name in systems}
    words = dict.fromkeys(systems, 0)
    target_words = 0
    for story in stories:
        candidates = story_candidates(story, titles)
        target_words += len(story.target.article.split())
        for name, system in systems.items():
            chosen = system(candidates, max_sentences=max_sentences, max_words=max_words)
            summary = " ".join(c.text for c in chosen)
            words[name] += len(summary.split())
            scores = scorer.score(story.target.article, summary)
            for measure in MEASURES:
                totals[name][measure] += scores[measure].fmeasure
        if progress is not None:
            progress(1)
    n = len(stories) or 1
    names = list(systems)
    out: dict[str, Any] = {m: totals[names[0]][m] / n for m in MEASURES}
    for name in names[1:]:
        out[name] = {m: totals[name][m] / n for m in MEASURES}
    out |= {
        "stories": len(stories),
        "max_words": max_words,
        "max_sentences": max_sentences,
        "titles": titles,
        "words": words[names[0]] / n,
        **{f"{name}_words": words[name] / n for name in names[1:]},
        "target_words": target_words / n,
        "seconds": time.perf_counter() - started,
    }
    return out
