"""The README's quality tables: every learned decision leave-one-story-out and fitted on all, as Markdown.

    python benchmarks/quality_tables.py corpus/dev_harbor corpus/holdout_* corpus/blind_* corpus/sealed_*

(a script, not a test; a few minutes on two cores for the 23 gold stories).
Every learned decider is scored: claims label and kind, quotation labels,
boilerplate lines, paywall, figure labels and same_event.
Leave-one-story-out scores each story with models fitted without it (nor
the synthetic cases made from its primary), as ``sourcedrift evaluate --cv``
does (``analysis.study.quality.leave_one_story_out``, the code it runs);
fitted-on-all scores each with the models fitted on every story given
(in-sample, the optimistic figures; ``analysis.study.quality.fitted_on_all``).
Pooled rows score all stories' units together; the rules baseline (every
decision by the rules: the claims and quotation cascades, the cleaning
rules, the hand-set figure pairing and event votes; nothing fitted) is
printed pooled below the tables. Which deciders are learned follows the
settings (``--config FILE`` as for ``sourcedrift``; a model set to "rules"
is the rules in both tables).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.study.evaluate import format_scores  # noqa: E402
from analysis.study.quality import fitted_on_all, leave_one_story_out, rules_baseline  # noqa: E402
from analysis.study.training import load_gold_story  # noqa: E402
from sourcedrift.cli import load_settings  # noqa: E402

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


def table(title: str, found, seconds: float) -> list[str]:
    lines = [f"\n{title} ({len(found.stories)} stories, {seconds:.1f} s)\n", HEADER]
    lines += [row(name, scores) for name, scores in zip(found.stories, found.per_story)]
    lines.append(row("**pooled**", found.pooled))
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="+", metavar="STORY_DIR", help="story folders whose gold annotates claims")
    parser.add_argument("--config", metavar="FILE", help="a TOML file whose [settings] choose the deciders")
    args = parser.parse_args(argv)
    settings = load_settings(args.config)
    stories = [load_gold_story(d) for d in args.stories]
    stories = [(s, g) for s, g in stories if "claims" in g.annotated]
    started = time.perf_counter()
    loso = leave_one_story_out(stories, settings)
    for line in table("Leave-one-story-out", loso, time.perf_counter() - started):
        print(line)
    started = time.perf_counter()
    for line in table("Fitted on all", fitted_on_all(stories, settings), time.perf_counter() - started):
        print(line)
    started = time.perf_counter()
    _, pooled = rules_baseline(stories, settings)
    print(f"\nRules baselines: every decision by the rules (nothing fitted), pooled over the same "
          f"{len(stories)} stories ({time.perf_counter() - started:.1f} s)\n\n{HEADER}")
    print(row("**rules, pooled**", pooled))
    print("\nThe same stories, by measure (rules):")
    for line in format_scores(pooled):
        print(f"    {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
