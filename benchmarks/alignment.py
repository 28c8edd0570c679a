"""Benchmark: aligning a 600-word article to a 600-word primary, on one core.

Run: ``python benchmarks/alignment.py``. Prints the mean and best time of
``alignment.align`` once the story's model is fitted (the issue's budget is
50 ms), and the whole per-article step of issue #3 as the pipeline runs it:
align, read the figures, event check (with the figure checks it weighs, one
per event the article might report), figure check, claims, omissions, copying. The quote report is
made once per story, outside the timing. Not a test: timings depend on the
machine.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")  # one core

import time
from pathlib import Path

import statistics

from analysis.measures import alignment, claims, copying, figures, omissions, quotes
from analysis.pipeline import check_event
from analysis.readers.quoted import quoted_spans
from analysis.text import tokens
from analysis.readers.cleaning import clean
from corpus import load_story

STORY = Path(__file__).resolve().parent.parent / "corpus" / "dev_harbor"
WORDS = 600
RUNS = 200


def _words(text: str, n: int) -> str:
    """The first ``n`` words of ``text`` repeated as needed, paragraphs kept."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    out, count, i = [], 0, 0
    while count < n:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(paragraph)
        count += len(paragraph.split())
        i += 1
    return "\n\n".join(out)


def _cold() -> None:
    """Forget every per-text cache, so each run pays for a new article (stems stay warm, as within a story)."""
    for cached in (tokens.tokens, tokens.content_stems, quoted_spans):
        cached.cache_clear()


def _report(name: str, times: list[float], budget: str = "") -> None:
    print(f"{name}: median {1000 * statistics.median(times):.1f} ms, best {1000 * min(times):.1f} ms, "
          f"mean {1000 * statistics.fmean(times):.1f} ms over {len(times)} runs{budget}")


def main() -> None:
    story = load_story(STORY)
    # Distinct paragraphs only (cleaning drops repeated ones): the release
    # plus one faithful rewrite as the primary, the other articles as the article.
    primary = clean(_words(story.primary.text + "\n\n" + story.coverage[0].text, WORDS)).body
    article = clean(_words("\n\n".join(d.text for d in story.coverage[1:]), WORDS)).body
    model = alignment.fit(primary, [article])
    alignment.align(article, model)  # warm caches (stemmer, regexes)
    times = []
    for _ in range(RUNS):
        _cold()
        start = time.perf_counter()
        aligned = alignment.align(article, model)
        times.append(time.perf_counter() - start)
    print(f"primary {len(primary.text.split())} words / {len(primary.sentences)} sentences; "
          f"article {len(article.text.split())} words / {len(article.sentences)} sentences")
    _report("align", times, " (budget 50 ms)")
    quote_report = quotes.analyse_story(primary, [article])[1][0]
    primary_figures = figures.extract(primary)
    paywall = clean("").paywall
    times = []
    for _ in range(RUNS // 4):
        _cold()
        start = time.perf_counter()
        aligned = alignment.align(article, model)
        found = figures.extract(article)
        checked = check_event(article, primary, aligned, story.references, found=found,
                              primary_figures=primary_figures, quote_report=quote_report)
        figure_report = figures.check(article, found, primary, primary_figures, aligned, checked)
        claims.label(article, primary, aligned, quote_report, figure_report, checked, primary_figures=primary_figures)
        omissions.find(article, primary, aligned, primary_figures, figure_report, paywall, event=checked)
        copying.measure(article, primary, quote_report)
        times.append(time.perf_counter() - start)
    _report("align + figures + event + claims + omissions + copying, per article", times)


if __name__ == "__main__":
    main()
