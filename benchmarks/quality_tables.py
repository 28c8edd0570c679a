"""The README's quality tables: leave-one-story-out and fitted-on-all claims, as Markdown (a script, not a test).

    python benchmarks/quality_tables.py corpus/dev_harbor corpus/holdout_* corpus/blind_*

Only the claims decision is learned; every other column is the toolkit's
own measure, the same in both tables. Leave-one-story-out scores each story
with models fitted without it (``sourcedrift evaluate --cv``); fitted-on-all
scores each with the models fitted on every story given (in-sample, the
optimistic figure). Pooled rows score all stories' units together.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.study.cv import cross_validate, fitted_on_all  # noqa: E402
from analysis.study.training import load_gold_story  # noqa: E402
from analysis.settings import DEFAULT  # noqa: E402

HEADER = ("| story | boilerplate F1 | paywall acc. | same_event acc. | quotes F1 | quote labels acc. | speaker acc. "
          "| added F1 | contradicted F1 | contradicted P / R | not-supported F1 | figures not-match F1 "
          "| figure labels acc. |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def _f(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def row(name: str, s: dict) -> str:
    b, q, c, n, d = s["boilerplate"], s["quotes"], s["claims"], s["numbers"], s["documents"]
    return (f"| {name} | {_f(b['f1'])} | {_f(d['paywall_accuracy'])} | {_f(d['same_event_accuracy'])} "
            f"| {_f(q['f1'])} | {_f(q['label_accuracy'])} | {_f(q['speaker_accuracy'])} | {_f(c['added_f1'])} "
            f"| {_f(c['contradicted_f1'])} | {_f(c['contradicted_precision'])} / {_f(c['contradicted_recall'])} "
            f"| {_f(c['not_supported_f1'])} | {_f(n['not_match_f1'])} | {_f(n['label_accuracy'])} |")


def main(argv: list[str]) -> int:
    stories = [load_gold_story(d) for d in argv]
    stories = [(s, g) for s, g in stories if "claims" in g.annotated]
    for title, run in (("Leave-one-story-out", cross_validate), ("Fitted on all", fitted_on_all)):
        started = time.perf_counter()
        found = run(stories, DEFAULT)
        print(f"\n{title} ({len(stories)} stories, {time.perf_counter() - started:.1f} s)\n\n{HEADER}")
        for name, scores in zip(found.stories, found.per_story):
            print(row(name, scores))
        print(row("**pooled**", found.pooled))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
