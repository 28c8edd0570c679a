"""The ``sourcedrift`` command: ``build_parser()`` and ``main(argv) -> int``.

The only module of ``analysis`` that prints. Bad input (``InputError``) ends
in one line on stderr naming the file and what is wrong, and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from analysis import __version__
from analysis.settings import DEFAULT, Settings
from corpus import DEFAULT_STORY, InputError, load_story, read_text

EXIT_BAD_INPUT = 2


def _progress(quiet: bool):
    def say(message: str) -> None:
        if not quiet:
            print(f"  ... {message}", file=sys.stderr, flush=True)
    return say


def load_settings(path: str | None) -> Settings:
    """DEFAULT, with a TOML file's ``[settings]`` table applied."""
    if path is None:
        return DEFAULT
    try:
        data = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"is not valid TOML ({error})") from None
    overrides = data.get("settings", {})
    if not isinstance(overrides, dict):
        raise InputError(path, "[settings] must be a table")
    try:
        return DEFAULT.updated(overrides)
    except (ValueError, TypeError) as error:
        raise InputError(path, str(error)) from None


def _story_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story", nargs="?", default=str(DEFAULT_STORY), metavar="STORY_DIR",
                        help="a story folder with a story.toml (default: the embedded broken_heart story)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcedrift",
        description="Show, article by article, how news coverage drifts from its primary source.",
    )
    parser.add_argument("--version", action="version", version=f"sourcedrift {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="run every measure on a story; write results.json")
    _story_arg(analyze)
    analyze.add_argument("-o", "--out", default="out", metavar="OUT", help="output folder (default: out)")
    analyze.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults")
    analyze.add_argument("-q", "--quiet", action="store_true", help="no progress lines")

    evaluate = commands.add_parser("evaluate", help="score the toolkit against a story's gold annotations")
    _story_arg(evaluate)
    evaluate.add_argument("--gold", metavar="FILE", help="gold file (default: STORY_DIR/gold.toml)")
    evaluate.add_argument("--json", metavar="FILE", help="also write the scores as JSON {measure: {metric: value}}")
    evaluate.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults")

    new = commands.add_parser("new", help="build a story folder (texts + story.toml) from your own files")
    new.add_argument("story", metavar="STORY_DIR", help="the folder to create (must not exist or be empty)")
    new.add_argument("--primary", required=True, metavar="FILE", help="the primary source: .txt or saved .html")
    new.add_argument("articles", nargs="+", metavar="ARTICLE", help="coverage articles: .txt or saved .html")
    new.add_argument("--title", default="", help="a title for the story")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except InputError as error:
        print(f"sourcedrift: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("sourcedrift: interrupted; nothing was written", file=sys.stderr)
        return 130


def _analyze(args: argparse.Namespace) -> int:
    from analysis.pipeline import analyse_story
    from reports.files import check_output_dir, staged_output
    from reports.results_json import write_results

    settings = load_settings(args.config)
    check_output_dir(args.out)
    story = load_story(args.story)
    analysis = analyse_story(story, settings, progress=_progress(args.quiet))
    with staged_output(args.out) as staging:
        write_results(analysis, staging)
    for line in summary(analysis):
        print(line)
    print(f"wrote {Path(args.out) / 'results.json'}")
    return 0


def summary(analysis) -> list[str]:
    """A few lines per article: the event check first, then the counts."""
    from collections import Counter

    lines = [f"story {analysis.story.name}: primary {analysis.primary.document.file} "
             f"({analysis.primary.document.outlet or 'unknown outlet'})"]
    for article in analysis.articles:
        doc = article.document
        lines.append(f"- {doc.file} ({doc.outlet or 'unknown outlet'})")
        if not article.event.same_event:
            reference = article.event.reference
            against = f"; figures checked against {reference.name}" if reference else ""
            lines.append(f"    DIFFERENT EVENT: this article does not report the primary's event{against}")
            for reason in article.event.evidence[:3]:
                lines.append(f"      {reason}")
        if article.cleaning.paywall.detected:
            lines.append("    paywall: part of the article is missing; omissions count only what was visible")
        claims = Counter(c.label for c in article.claims.claims)
        quotes = Counter(q.label for q in article.quotes.quotes)
        figures = Counter(f.label for f in article.figures.figures)
        boilerplate = sum(1 for line in article.cleaning.lines if line.label == "boilerplate")
        lines.append(f"    boilerplate lines {boilerplate}; sentences {len(article.cleaning.body.sentences)}")
        if claims:
            lines.append("    claims: " + ", ".join(f"{k} {v}" for k, v in sorted(claims.items())))
        if quotes:
            lines.append("    quotes: " + ", ".join(f"{k} {v}" for k, v in sorted(quotes.items(), key=str)))
        if figures:
            lines.append("    figures: " + ", ".join(f"{k} {v}" for k, v in sorted(figures.items(), key=str)))
    return lines


def _evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import format_scores, score
    from analysis.gold import load_gold
    from analysis.pipeline import analyse_story
    from reports.files import write_atomic
    from reports.results_json import dumps

    settings = load_settings(args.config)
    story = load_story(args.story)
    gold_path = Path(args.gold) if args.gold else Path(args.story) / "gold.toml"
    if not gold_path.is_file():
        raise InputError(gold_path, "no such gold file")
    gold = load_gold(gold_path, story)
    if args.json:
        json_path = Path(args.json)
        if not json_path.parent.is_dir():
            raise InputError(json_path, "its folder does not exist")
    try:
        scores = score(analyse_story(story, settings), gold)
    except ValueError as error:
        raise InputError(gold_path, str(error)) from None
    print(f"evaluate {story.name} against {gold_path.name} (annotated: {', '.join(gold.annotated)})")
    for line in format_scores(scores):
        print(line)
    if args.json:
        write_atomic(json_path, dumps(scores))
    return 0


def _new(args: argparse.Namespace) -> int:
    from corpus.build import build_story

    story_dir = build_story(args.story, args.primary, args.articles, title=args.title)
    print(f"wrote {story_dir / 'story.toml'}; analyse it with: sourcedrift analyze {story_dir}")
    return 0


_COMMANDS = {"analyze": _analyze, "evaluate": _evaluate, "new": _new}
