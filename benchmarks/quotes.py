"""Benchmark: quote extraction, speakers and fidelity per article, on one core.

Run: ``python benchmarks/quotes.py``. Prints, for each embedded story, the time
of ``quotes.analyse_story`` (primary and all articles, caches cleared before
each run) divided by the number of articles; the issue's budget is a few ms
per article. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from analysis.measures import quotes
from analysis.readers import speakers
from analysis.readers.cleaning import clean
from corpus import load_story

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RUNS = 100


def main() -> None:
    names = ("dev_harbor", "broken_heart", "holdout_recall", "holdout_fraud", "holdout_wildfire", "holdout_transit")
    for name in names:
        story = load_story(CORPUS / name)
        primary = clean(story.primary.text).body
        articles = [clean(d.text).body for d in story.coverage]
        times = []
        for _ in range(RUNS):
            speakers._all_tokens.cache_clear()  # each run pays for reading every text anew
            start = time.perf_counter()
            quotes.analyse_story(primary, articles)
            times.append((time.perf_counter() - start) / len(articles))
        print(f"{name}: {len(articles)} articles, median {1000 * statistics.median(times):.2f} ms/article, "
              f"best {1000 * min(times):.2f} ms/article over {RUNS} runs (budget: a few ms)")


if __name__ == "__main__":
    main()
