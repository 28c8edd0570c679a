"""Quotation labels and speakers, story by story: leave-one-story-out, the cascade, and fitted on all (a script, not a test).

    python benchmarks/quote_quality.py corpus/*/        # stories with a gold.toml annotating claims

Three columns for quotation-label accuracy: the learned model scoring each
story with a model fitted on the others (``sourcedrift evaluate --cv``), the
codebook's cascade (the baseline; it fits nothing, so it needs no folds),
and the model fitted on all stories (in-sample). Speakers are read by rules
alone, so one column. Pooled rows score all stories' quotations together.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.settings import DEFAULT  # noqa: E402
from analysis.study.cv import cross_validate, fitted_on_all  # noqa: E402
from analysis.study.training import load_gold_story  # noqa: E402


def _f(value) -> str:
    return "–" if value is None else f"{value:.3f}"


def main(argv: list[str]) -> int:
    directories = [d for d in argv if (Path(d) / "gold.toml").is_file()]
    stories = [load_gold_story(d) for d in directories]
    stories = [(s, g) for s, g in stories if "claims" in g.annotated]
    began = time.perf_counter()
    loso = cross_validate(stories, DEFAULT)
    everything = fitted_on_all(stories, DEFAULT)
    print("| story | quote labels, LOSO learned | quote labels, cascade | quote labels, learned fitted on all "
          "| speaker acc. |")
    print("|---|---|---|---|---|")
    rows = zip(loso.stories, loso.per_story, loso.baseline_per_story, everything.per_story)
    for name, learned, rules, fitted in rows:
        print(f"| {name} | {_f(learned['quotes']['label_accuracy'])} | {_f(rules['quotes']['label_accuracy'])} "
              f"| {_f(fitted['quotes']['label_accuracy'])} | {_f(rules['quotes']['speaker_accuracy'])} |")
    print(f"| pooled | {_f(loso.pooled['quotes']['label_accuracy'])} "
          f"| {_f(loso.baseline_pooled['quotes']['label_accuracy'])} "
          f"| {_f(everything.pooled['quotes']['label_accuracy'])} "
          f"| {_f(loso.baseline_pooled['quotes']['speaker_accuracy'])} |")
    print(f"({len(stories)} stories, {time.perf_counter() - began:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
