"""Speed of story grouping (`StoryClusterer`) against the plain scan it replaced.

Both are measured in the same run, in this process, on the same synthetic stream:

- baseline: ``ReferenceClusterer``, the scan that scored every live story in turn;
- crisiswire: ``crisiswire.stories.StoryClusterer``.

The baseline and the stream (``synthetic_stream``: invented words, actors and dates, with
copies and blank articles) are those of ``tests/stories/test_cluster_speed.py``, loaded
from that file, so that the benchmark times the very oracle the tests compare against.
Each run also checks that both give every article the same story.

Usage: ``python bench/stories.py [--articles N] [--seed S] [--repeat K] [--no-baseline]
[--json]``; the scan takes about 30 s for 1000 articles and 270 s for 3000 (it grows with
articles × live stories), so ``--no-baseline`` times ``StoryClusterer`` alone on large
streams. The last line printed is one JSON object:
``{"articles_per_s", "baseline_articles_per_s", "ratio", "identical", ...}``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
ORACLE = REPO / "tests" / "stories" / "test_cluster_speed.py"


def load_oracle() -> ModuleType:
    """The test module holding ``ReferenceClusterer`` and ``synthetic_stream``."""
    spec = importlib.util.spec_from_file_location("cluster_oracle", ORACLE)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {ORACLE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def run(clusterer: object, stream: list) -> tuple[float, list[str]]:
    """Wall seconds to add the whole stream, and the story of each article."""
    add = clusterer.add  # type: ignore[attr-defined]
    start = time.perf_counter()
    stories = [add(article, analysis, original) for article, analysis, original in stream]
    return time.perf_counter() - start, stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="stream size (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="of the synthetic stream")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; medians kept")
    parser.add_argument("--no-baseline", action="store_true", help="time StoryClusterer only")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args()

    from crisiswire.stories import StoryClusterer

    oracle = load_oracle()
    stream = oracle.synthetic_stream(args.articles, args.seed)
    ours, base, identical = [], [], None
    for _ in range(args.repeat):  # interleaved, so drift hits both alike
        if not args.no_baseline:
            seconds, expected = run(oracle.ReferenceClusterer(), stream)
            base.append(seconds)
        seconds, stories = run(StoryClusterer(), stream)
        ours.append(seconds)
        if not args.no_baseline:
            identical = (identical is None or identical) and stories == expected

    n = args.articles
    ours_s = statistics.median(ours)
    result: dict[str, object] = {
        "articles_per_s": round(n / ours_s, 1),
        "seconds": round(ours_s, 3),
        "stories": len(set(stories)),
        "articles": n,
        "seed": args.seed,
        "runs": args.repeat,
    }
    if base:
        base_s = statistics.median(base)
        result |= {
            "baseline_articles_per_s": round(n / base_s, 1),
            "baseline_seconds": round(base_s, 3),
            "ratio": round(base_s / ours_s, 1),
            "identical": identical,
        }
    if not args.json:
        lines = [f"{n} synthetic articles, {result['stories']} stories, {args.repeat} runs each"]
        if base:
            lines.append(
                f"  plain scan (baseline) {base_s:8.2f} s  "
                f"{result['baseline_articles_per_s']:9.1f} articles/s"
            )
        lines.append(
            f"  StoryClusterer        {ours_s:8.2f} s  {result['articles_per_s']:9.1f} articles/s"
        )
        if base:
            same = "identical" if identical else "DIFFERENT"
            lines.append(f"  ratio {result['ratio']:.1f}× faster; story assignments {same}")
        print("\n".join(lines))
    print(json.dumps(result))
    if identical is False:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
