"""Benchmark: reading and checking the figures of every article of the embedded stories, on one core.

Run: ``python benchmarks/figures.py``. Prints the median and best time per
article of ``figures.extract`` and of ``figures.check`` (the issue's budget is a
couple of milliseconds for both), with the story's alignment and event check
computed once beforehand. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from analysis.measures import figures
from analysis.pipeline import analyse_story
from corpus import load_story

STORIES = Path(__file__).resolve().parent.parent / "corpus"
RUNS = 100
# The development story, the seeds and the held-out stories (whose figures
# include headlines, hedges and identifiers the others lack).
STORY_NAMES = ("dev_harbor", "broken_heart", "holdout_recall", "holdout_fraud", "holdout_wildfire", "holdout_transit")


def _report(name: str, times: list[float]) -> None:
    print(f"{name}: median {1000 * statistics.median(times):.2f} ms, best {1000 * min(times):.2f} ms per article")


def main() -> None:
    for name in STORY_NAMES:
        analysis = analyse_story(load_story(STORIES / name))
        primary_body = analysis.primary.cleaning.body
        primary_figures = analysis.primary.figures
        extract_times, check_times = [], []
        for _ in range(RUNS):
            for article in analysis.articles:
                body = article.cleaning.body
                start = time.perf_counter()
                found = figures.extract(body)
                middle = time.perf_counter()
                figures.check(body, found, primary_body, primary_figures, article.alignment, article.event,
                              primary_name=analysis.primary.document.file,
                              primary_published=analysis.primary.document.published)
                extract_times.append(middle - start)
                check_times.append(time.perf_counter() - middle)
        _report(f"{name} extract", extract_times)
        _report(f"{name} check", check_times)


if __name__ == "__main__":
    main()
