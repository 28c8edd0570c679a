"""Many stories and many articles at once: on all local cores, or on a Dask cluster.

Results are identical whatever runs them: every task is a pure function of
its arguments (the same ``pipeline`` functions ``analyse_story`` calls), and
results come back in the order of the input, one ``StoryAnalysis`` per story.

Stories with at most ``chunk`` articles are one task each. A bigger story is
split: its documents are cleaned in chunks, the story-level steps
(``pipeline.prepare_story``: alignment model, quotations, the primary) run
once, then its articles are analysed in chunks of ``chunk``.

Dask is imported only when a scheduler address is given.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from analysis.measures.alignment import AlignmentModel
from analysis.readers.cleaning import Cleaning
from analysis.pipeline import (ArticleAnalysis, PrimaryAnalysis, Progress, StoryAnalysis, analyse_article,
                               analyse_story, clean_document, prepare_story, story_lines, warm_up)
from analysis.measures.quotes import QuoteReport
from analysis.settings import DEFAULT, Settings
from corpus import Document, Story

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

# Articles per task when a story is split across workers: big enough that
# sending the story's shared state with each task costs little.
DEFAULT_CHUNK = 100

# Allocations between young-generation collections while a process pool runs
# (Python's default is 700); measured with benchmarks/scale.py.
_POOL_GC_THRESHOLD = 20_000


class Runner(Protocol):
    """Runs ``function(shared, item)`` for every item; results in the order of ``items``."""

    def map(self, function: Callable[[Shared, Item], Result], shared: Shared,
            items: Sequence[Item]) -> Iterator[Result]: ...


@dataclass(frozen=True)
class SerialRunner:
    """Everything in this process, one item after another."""

    def map(self, function, shared, items):
        return (function(shared, item) for item in items)


@dataclass(frozen=True)
class LocalRunner:
    """Worker processes on this machine; ``jobs`` as joblib's ``n_jobs`` (-1: all cores).

    Where the system can fork (Linux), the workers are forked from this
    process, so each starts with the modules it has imported instead of
    importing them again (over a second of processor time per worker, a
    tenth of a 1,000-article run on two cores); elsewhere they are joblib's.
    """

    jobs: int = -1

    def map(self, function, shared, items):
        from joblib import Parallel, delayed, effective_n_jobs

        processes = min(effective_n_jobs(self.jobs), len(items))
        if processes < 2:
            return SerialRunner().map(function, shared, items)
        if "fork" in multiprocessing.get_all_start_methods():
            return _forked(processes, function, shared, items)
        # Tasks of one batch are pickled together, so ``shared`` travels once per batch.
        parallel = Parallel(n_jobs=self.jobs, return_as="generator")
        return parallel(delayed(function)(shared, item) for item in items)


def _forked(processes: int, function: Callable, shared: Any, items: Sequence) -> Iterator:
    # One task per item, handed out as workers free up, results in input order.
    # What exists now is left out of garbage collection while the pool runs:
    # collections then scan only new objects, and the workers do not copy the
    # pages they share. Collections are also rarer (the workers inherit this):
    # a result unpickles as tens of thousands of small acyclic objects, and at
    # Python's default threshold the collections they trigger cost this
    # process three times the unpickling itself. What analyses load on first
    # use (word lists, pronunciations, the embedding, model files) is loaded
    # here first, so the workers inherit it instead of each loading its own.
    warm_up()
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], _POOL_GC_THRESHOLD), *threshold[1:])
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            yield from pool.imap(functools.partial(function, shared), items)
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


@dataclass(frozen=True)
class DaskRunner:
    """Tasks on a ``dask.distributed`` cluster through ``client``; ``shared`` is sent once."""

    client: Any

    def map(self, function, shared, items):
        if not items:
            return iter(())
        [shared_future] = self.client.scatter([shared], broadcast=True, hash=False)
        futures = self.client.map(function, [shared_future] * len(items), list(items), pure=False)
        return _results_in_order(futures)


def _results_in_order(futures: list) -> Iterator:
    # Each future is released once its result is taken, so finished work is not held twice.
    for index, future in enumerate(futures):
        yield future.result()
        futures[index] = None
        future.release()


@contextmanager
def runner(jobs: int | None = None, dask: str | None = None) -> Iterator[Runner]:
    """The runner for a command line: Dask at ``dask`` (an address), else ``jobs`` local processes.

    ``jobs`` None means all local cores; 1 means no worker processes at all.

    Raises:
        ImportError: ``dask`` is given but dask.distributed is not installed.
        OSError: no scheduler answers at ``dask``.
    """
    if dask:
        from distributed import Client

        with Client(dask, set_as_default=False) as client:
            yield DaskRunner(client)
    elif jobs == 1:
        yield SerialRunner()
    else:
        yield LocalRunner(-1 if jobs is None else jobs)


def analyse_stories(
    stories: Sequence[Story],
    settings: Settings = DEFAULT,
    run: Runner | None = None,
    *,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> Iterator[StoryAnalysis]:
    """``pipeline.analyse_story`` of every story, in order, spread over ``run``'s workers.

    A generator: each analysis is yielded as soon as it and all before it
    are done, so a caller can write and drop them one by one.
    """
    if chunk < 1:
        raise ValueError(f"chunk must be at least 1, not {chunk}")
    run = run or SerialRunner()
    say = progress or (lambda _: None)
    index = 0
    while index < len(stories):
        if len(stories[index].coverage) > chunk:
            story = stories[index]
            say(f"story {story.name}: {len(story.coverage)} articles in chunks of {chunk}")
            yield _analyse_split(story, settings, run, chunk, say)
            index += 1
            continue
        end = index
        while end < len(stories) and len(stories[end].coverage) <= chunk:
            end += 1
        batch = stories[index:end]
        say(f"{len(batch)} stories, one task each")
        for story, analysis in zip(batch, run.map(_story_task, settings, batch)):
            say(f"story {story.name}: {len(story.coverage)} articles done")
            yield analysis
        index = end


def _story_task(settings: Settings, story: Story) -> StoryAnalysis:
    return analyse_story(story, settings)


def _clean_task(context: tuple[Settings, frozenset[str]], documents: tuple[Document, ...]) -> tuple[Cleaning, ...]:
    settings, shared = context
    return tuple(clean_document(document, settings, shared) for document in documents)


@dataclass(frozen=True)
class _ArticleContext:
    """What every article task of one story shares; sent once per batch (once to a cluster).

    ``story`` holds the primary only: each task carries its own articles, so
    the texts of a big story are not sent with every task.
    """

    story: Story
    primary: PrimaryAnalysis
    model: AlignmentModel
    settings: Settings


_ArticleInput = tuple[Document, Cleaning, QuoteReport]


def _articles_task(context: _ArticleContext, chunk: tuple[_ArticleInput, ...]) -> tuple[ArticleAnalysis, ...]:
    return tuple(
        analyse_article(document, cleaning, context.primary, context.model, quote_report,
                        context.story, context.settings)
        for document, cleaning, quote_report in chunk
    )


def _chunks(items: Sequence, size: int) -> list[tuple]:
    return [tuple(items[start:start + size]) for start in range(0, len(items), size)]


def _analyse_split(story: Story, settings: Settings, run: Runner, chunk: int, say: Progress) -> StoryAnalysis:
    cleaned = run.map(_clean_task, (settings, story_lines(story)), _chunks(story.documents, chunk))
    state = prepare_story(story, settings, say, [c for part in cleaned for c in part])
    context = _ArticleContext(dataclasses.replace(story, documents=(story.primary,)),
                              state.primary, state.model, settings)
    inputs = list(zip(story.coverage, state.cleanings, state.quotes))
    analysed = run.map(_articles_task, context, _chunks(inputs, chunk))
    articles = tuple(article for part in analysed for article in part)
    return StoryAnalysis(story, settings, state.primary, articles)
