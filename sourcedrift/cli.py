"""The ``sourcedrift`` command: ``build_parser()`` and ``main(argv) -> int``.

The only module that prints: ``analysis`` computes and returns records,
``reports`` renders them, and this command line (the application, above both)
calls them and formats what they return for the terminal. Bad input (``InputError``) ends
in one line on stderr naming the file and what is wrong, and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis import __version__
from analysis.settings import DEFAULT, Settings
from corpus import DEFAULT_STORY, InputError, load_story
from corpus.reading import inside, read_toml

EXIT_BAD_INPUT = 2


def _progress(quiet: bool):
    def say(message: str) -> None:
        if not quiet:
            print(f"  ... {message}", file=sys.stderr, flush=True)
    return say


def load_settings(path: str | None, *, models: bool = True) -> Settings:
    """DEFAULT, with a TOML file's ``[settings]`` table applied; with ``models``, the model files it names checked.

    A model file that is missing, corrupt or made for other features raises
    ``ModelError`` (an ``InputError`` naming the file) here, before any work.
    """
    from analysis.pipeline import configured

    overrides = read_toml(path).get("settings", {}) if path is not None else None
    return configured(path, overrides, models=models)


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
    analyze.add_argument("-o", "--out", default="out", metavar="OUT",
                         help="output folder, replaced whole by the new run (default: out)")
    analyze.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults")
    analyze.add_argument("-q", "--quiet", action="store_true", help="no progress lines")

    report = commands.add_parser("report", help="classroom handouts, a comparative report and a replication bundle")
    _story_arg(report)
    report.add_argument("-o", "--out", default="report", metavar="OUT",
                        help="output folder, replaced whole by the new run (default: report)")
    report.add_argument("--blind", action="store_true", help="hide outlet names and URLs in the handout and charts")
    report.add_argument("--large-print", action="store_true", help="handout in 18 pt, one column")
    report.add_argument("--annotated", action="store_true",
                        help="also write the annotated copy (the marked texts, for studying a worked example)")
    report.add_argument("--paper", choices=("letter", "a4", "both"), default="both",
                        help="PDF paper size (default: both)")
    report.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults")
    report.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    evaluate = commands.add_parser("evaluate", help="score the toolkit against a story's gold annotations")
    evaluate.add_argument("story", nargs="*", default=[str(DEFAULT_STORY)], metavar="STORY_DIR",
                          help="a story folder with a story.toml and gold.toml (default: the embedded broken_heart "
                               "story); several with --cv")
    evaluate.add_argument("--cv", action="store_true",
                          help="leave-one-story-out over the STORY_DIRs: each story's claims, quotation labels, "
                               "lines, paywall, figures and same_event decided by models fitted on the others' gold "
                               "(and their synthetic cases); per-story and pooled scores, and the rules baselines pooled")
    evaluate.add_argument("--gold", metavar="FILE", help="gold file (default: STORY_DIR/gold.toml)")
    evaluate.add_argument("--json", metavar="FILE", help="also write the scores as JSON {measure: {metric: value}}")
    evaluate.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults")

    train = commands.add_parser("train", help="fit the boilerplate-line, paywall, figure, event, quotation and claims "
                                              "models on stories' gold, in stages in one run (each stage on analyses "
                                              "made with the models fitted before it); write them to MODEL_DIR")
    train.add_argument("stories", nargs="+", metavar="STORY_DIR",
                       help="story folders with a gold.toml annotating claims (your own annotations count too)")
    train.add_argument("-o", "--out", required=True, metavar="MODEL_DIR",
                       help="folder for claims_label.json, claims_kind.json, quotes_label.json, "
                            "boilerplate_lines.json, paywall.json, figures_label.json and event.json (point "
                            "claims_label_model, claims_kind_model, quotes_label_model, boilerplate_model, "
                            "paywall_model, figures_label_model and event_model at them with --config)")
    train.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults (the "
                                                       "models it names are not read: train fits every one)")
    train.add_argument("-q", "--quiet", action="store_true", help="no progress lines")

    new = commands.add_parser("new", help="build a story folder (texts + story.toml) from your own files")
    new.add_argument("story", metavar="STORY_DIR", help="the folder to create (must not exist or be empty)")
    new.add_argument("--primary", required=True, metavar="FILE", help="the primary source: .txt or saved .html")
    new.add_argument("articles", nargs="+", metavar="ARTICLE", help="coverage articles: .txt or saved .html")
    new.add_argument("--title", default="", help="a title for the story")


    replicate = commands.add_parser("replicate", help="run a whole study from one configuration file")
    replicate.add_argument("config", metavar="CONFIG.toml", help="the study's configuration (see examples/study.toml)")
    replicate.add_argument("-o", "--out", metavar="OUT", help="output folder, replaced whole (default: [study] output of the configuration)")
    replicate.add_argument("--jobs", type=int, metavar="N",
                           help="local worker processes: -1 all cores (default), 1 none; results never depend on it")
    replicate.add_argument("--dask", metavar="ADDRESS",
                           help="run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786)")
    replicate.add_argument("-q", "--quiet", action="store_true", help="no progress lines")

    match = commands.add_parser("match", help="assign articles to the primaries they are based on (no manifest)")
    match.add_argument("primaries", metavar="PRIMARIES_DIR", help="a folder of primary sources (*.txt)")
    match.add_argument("articles", metavar="ARTICLES_DIR", help="a folder of articles (*.txt)")
    match.add_argument("--json", metavar="FILE", help="also write every match, with scores and evidence, as JSON")
    match.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults")

    agree = commands.add_parser("agree", help="Krippendorff's alpha among human coders and with the toolkit")
    agree.add_argument("story", metavar="STORY_DIR", help="the story the coders labelled")
    agree.add_argument("codes", metavar="CODES.csv", help="the coders' labels: columns coder, file, text, measure, label")
    agree.add_argument("--json", metavar="FILE", help="also write the agreement, unit by unit, as JSON")
    agree.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults")

    serve = commands.add_parser(
        "serve", help="the teacher's workbench: a local web page for stories, marks, corrections "
                      "and refitting the learned decisions with them",
        description="The teacher's workbench, a local web page: make and read stories, correct any mark's label "
                    "(and the event check and paywall notice) into gold-<name>.toml in the story folder, and refit "
                    "the learned decisions with those corrections in the background, with leave-one-story-out "
                    "figures before and after.")
    serve.add_argument("stories", nargs="*", metavar="STORY_DIR", help="story folders to open (besides the workspace's)")
    serve.add_argument("--port", type=int, default=8765, metavar="N", help="port to listen on (default: 8765; 0: any free one)")
    serve.add_argument("--host", default="127.0.0.1", metavar="H",
                       help="address to listen on (default: 127.0.0.1, this computer only; anything else prints a warning)")
    serve.add_argument("--open", action="store_true", help="open the page in the default web browser")
    serve.add_argument("--workspace", metavar="DIR",
                       help="where stories made in the page, and the models refitted with a coder's corrections "
                            "(DIR/models/CODER/), are written (default: $XDG_DATA_HOME/sourcedrift/stories, "
                            "i.e. ~/.local/share/sourcedrift/stories)")
    serve.add_argument("--config", metavar="FILE", help="TOML file whose [settings] override the defaults")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except InputError as error:
        print(f"sourcedrift: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as interrupt:
        # The output writer says what the output folder holds; before it ran, nothing was written.
        outcome = getattr(interrupt, "outcome", "nothing was written")
        print(f"sourcedrift: interrupted; {outcome}", file=sys.stderr)
        return 130


def _analyze(args: argparse.Namespace) -> int:
    from analysis.pipeline import analyse_story
    from reports.files import check_output_dir, staged_output
    from reports.results_json import write_results

    settings = load_settings(args.config)
    story = load_story(args.story)
    check_output_dir(args.out, inputs=(story.directory,))
    analysis = analyse_story(story, settings, progress=_progress(args.quiet))
    with staged_output(args.out, inputs=(story.directory,)) as staging:
        write_results(analysis, staging)
    for line in summary(analysis):
        print(line)
    print(f"wrote {Path(args.out) / 'results.json'}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from analysis.pipeline import analyse_story
    from reports.files import check_output_dir
    from reports.progress import ProgressBar
    from reports.report import PAPERS, ReportOptions, report_config, report_steps, write_report

    settings = load_settings(args.config)
    story = load_story(args.story)
    check_output_dir(args.out, inputs=(story.directory,))
    options = ReportOptions(blind=args.blind, large_print=args.large_print,
                            papers=PAPERS if args.paper == "both" else (args.paper,), annotated=args.annotated)
    # The analysis reports one step per article plus three for the whole story.
    bar = ProgressBar(3 + len(story.coverage) + report_steps(options), sys.stderr, enabled=not args.quiet)
    analysis = analyse_story(story, settings, progress=bar)
    written = write_report(analysis, args.out, options=options,
                           config=report_config(settings, options, args.config), progress=bar)
    bar.close()
    for item in written.left_out:
        print(f"left out: {item}")
    print(f"wrote {len(written.files)} files to {args.out} (configuration {written.config_sha256[:12]})")
    print(f"open {Path(args.out) / 'index.html'}")
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
    from analysis.study.evaluate import format_scores, score
    from analysis.study.gold import load_gold
    from analysis.pipeline import analyse_story
    from reports.files import write_atomic
    from reports.results_json import dumps

    if args.cv:
        return _cross_validate(args)
    if len(args.story) != 1:
        raise InputError(args.story[1], "evaluate takes one STORY_DIR (several only with --cv)")
    args.story = args.story[0]
    settings = load_settings(args.config)
    story = load_story(args.story)
    # The story's own gold file must lie in its folder; a --gold file is the user's choice.
    gold_path = Path(args.gold) if args.gold else inside(story.directory, "gold.toml", story.directory, "gold")
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


def _cross_validate(args: argparse.Namespace) -> int:
    from analysis.study.evaluate import format_scores
    from analysis.study.quality import leave_one_story_out
    from analysis.study.training import load_gold_story
    from reports.files import write_atomic
    from reports.results_json import dumps

    if args.gold:
        raise InputError(args.gold, "--gold names one story's gold; --cv reads each STORY_DIR/gold.toml")
    if len(args.story) < 2:
        raise InputError(args.story[0], "--cv needs two or more STORY_DIRs (one is left out at a time)")
    settings = load_settings(args.config)
    if args.json and not Path(args.json).parent.is_dir():
        raise InputError(args.json, "its folder does not exist")
    stories = [load_gold_story(d) for d in args.story]
    unclaimed = [story.name for story, gold in stories if "claims" not in gold.annotated]
    if unclaimed:
        raise InputError(unclaimed[0], "its gold does not annotate claims; --cv fits and scores claims")
    found = leave_one_story_out(stories, settings, folds=_line_folds(stories, settings))
    print(f"leave-one-story-out over {len(found.stories)} stories (claims labelled, lines and paywalls, figures "
          "and same_event decided, by models fitted without the story and without the cases made from its primary)")
    for name, scores in zip(found.stories, found.per_story):
        print(f"story {name}")
        for line in format_scores(scores):
            print(f"  {line}")
    print("pooled")
    for line in format_scores(found.pooled):
        print(f"  {line}")
    print("pooled, rules baseline (the claims and quotation cascades, same stories)")
    for line in format_scores(found.rules_pooled):
        print(f"  {line}")
    print("pooled, figures and events decided by the hand-set rules (the baseline)")
    for line in format_scores(found.decisions_rules_pooled):
        print(f"  {line}")
    if args.json:
        write_atomic(args.json, dumps({"stories": dict(zip(found.stories, found.per_story)),
                                       "pooled": found.pooled,
                                       "baseline": {"stories": dict(zip(found.stories, found.rules_per_story)),
                                                    "pooled": found.rules_pooled},
                                       "baseline_pooled": found.decisions_rules_pooled}))
    return 0


def _line_folds(stories, settings: Settings):
    """The line and paywall models of leave-one-story-out (``rules`` in the settings keeps the rules)."""
    from analysis.study.quality import line_folds

    try:
        return line_folds(stories, settings)
    except ValueError as error:
        raise InputError(Path(stories[0][0].directory) / "gold.toml", str(error)) from None


def _train(args: argparse.Namespace) -> int:
    from analysis.study import line_training
    from analysis.study.stages import CLAIMS, CLEANING, fit_in_stages, gold_examples_of
    from analysis.study.training import describe, load_gold_story
    from reports.files import staged_output

    # Every model this command fits is fitted here, in stages (analysis.study.stages): the models the settings name
    # are never read (the claims stage leaves to the rules what the toolkit's defaults leave to them), so the files
    # depend on the stories and the settings' thresholds only.
    settings = load_settings(args.config, models=False)
    say = _progress(args.quiet)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError(out, "exists and is not a folder")
    stories = [load_gold_story(d) for d in args.stories]
    for story, gold in stories:
        if "claims" not in gold.annotated:
            raise InputError(Path(story.directory) / "gold.toml", "does not annotate claims: nothing to train on")
    pages = [page for story, gold in stories for page in line_training.gold_pages(story, gold)]
    try:
        fitted = fit_in_stages([(story, gold_examples_of(gold)) for story, gold in stories], settings, pages=pages,
                               synthetic_weight=settings.claims_synthetic_weight, rules_from=DEFAULT, progress=say)
    except ValueError as error:
        raise InputError(args.stories[0], str(error)) from None
    order = [*CLAIMS, *CLEANING, "quotes_label.json", "figures_label.json", "event.json"]
    files = {name: fitted.files[name] for name in order if name in fitted.files}
    with staged_output(out) as staging:
        for name, data in files.items():
            (staging / name).write_bytes(data)
    examples = fitted.examples.claims
    gold_count = sum(1 for e in examples if e.origin == "gold")
    print(f"trained on {len(stories)} stories: {gold_count} gold sentences, "
          f"{len(examples) - gold_count} synthetic, {len(fitted.examples.quotes)} gold quotations")
    for line in describe(files):
        print(f"  {line}")
    print(f"wrote {', '.join(str(out / name) for name in files)}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from corpus.build import build_story

    story_dir = build_story(args.story, args.primary, args.articles, title=args.title)
    print(f"wrote {story_dir / 'story.toml'}; next: sourcedrift report {story_dir} -o {story_dir.name}-report")
    return 0


def _replicate(args: argparse.Namespace) -> int:
    from analysis.parallel import runner
    from analysis.study.replicate import load_config, load_study
    from reports.files import check_output_dir
    from sourcedrift.replicate import bundle_available, run_study, study_inputs

    config = load_config(args.config)
    out = Path(args.out) if args.out else config.output
    if out is None:
        raise InputError(config.path, "names no output folder: give [study] output or -o OUT")
    say = _progress(args.quiet)
    study = load_study(config, progress=say)
    check_output_dir(out, inputs=study_inputs(study))  # before the analysis, not after it
    jobs = args.jobs if args.jobs is not None else config.jobs
    if jobs == 0:
        raise InputError("--jobs", "must not be 0 (use -1 for all cores, 1 for no workers)")
    try:
        with runner(jobs, args.dask) as run:
            written = run_study(study, out, run, progress=say)
    except ImportError:
        if not args.dask:
            raise
        raise InputError("--dask", "needs dask.distributed: pip install 'sourcedrift[dask]'") from None
    except OSError as error:
        if not args.dask:
            raise
        raise InputError(args.dask, f"no Dask scheduler answers there ({error})") from None
    articles = sum(len(s.story.coverage) for s in study.stories)
    print(f"study {config.name}: {len(study.stories)} stories, {articles} articles")
    for pool, matching in study.matchings:
        print(f"  pool {pool.name}: {len(matching.matches) - len(matching.unmatched)} of {len(matching.matches)} "
              f"articles matched to {len(matching.primaries)} primaries")
    if config.bundle and not bundle_available():
        print("  replication bundle: not written (this version has no reports.bundle)")
    print(f"wrote {len(written)} files to {out}")
    return 0


def _match(args: argparse.Namespace) -> int:
    from analysis.measures.matching import match_sources
    from analysis.study.replicate import load_texts
    from reports.files import write_atomic
    from reports.results_json import dumps, plain

    settings = load_settings(args.config)
    primaries = load_texts(args.primaries, "primary")
    articles = load_texts(args.articles, "coverage")
    if args.json and not Path(args.json).parent.is_dir():
        raise InputError(args.json, "its folder does not exist")
    matching = match_sources(primaries, articles, settings)
    for found in matching.matches:
        target = found.primary or "none"
        if found.primary is None and found.candidates:
            target += f" (nearest {found.candidates[0].primary})"
        print(f"{found.article}\t{target}\tscore {found.score:.3f}\tmargin {found.margin:.3f}")
    print(f"{len(matching.matches) - len(matching.unmatched)} of {len(matching.matches)} articles matched "
          f"to {len(primaries)} primaries (score >= {settings.match_min_score})")
    if args.json:
        write_atomic(args.json, dumps(plain(matching)))
    return 0


def _agree(args: argparse.Namespace) -> int:
    from analysis.study.agreement import agreement, load_codes
    from analysis.pipeline import analyse_story
    from reports.files import write_atomic
    from reports.results_json import dumps, plain

    settings = load_settings(args.config)
    story = load_story(args.story)
    codes = load_codes(args.codes, story)
    if args.json and not Path(args.json).parent.is_dir():
        raise InputError(args.json, "its folder does not exist")
    try:
        found = agreement(codes, analyse_story(story, settings), source=Path(args.codes).name)
    except ValueError as error:
        raise InputError(args.codes, str(error)) from None
    print(f"agreement on {story.name}: coders {', '.join(found.coders)} (Krippendorff's alpha, nominal)")
    for measure in found.measures:
        print(f"{measure.measure:8} coders {_alpha(measure.coders_alpha)} on {measure.units} units")
        for pair in measure.coder_pairs:
            print(f"         {pair.coders[0]} / {pair.coders[1]}: {_alpha(pair.alpha)} ({pair.units} units)")
        if not measure.toolkit_measured:
            print("         toolkit: not measured yet")
        for pair in measure.with_toolkit:
            print(f"         {pair.coders[0]} / toolkit: {_alpha(pair.alpha)} ({pair.units} units)")
    if args.json:
        write_atomic(args.json, dumps(plain(found)))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from sourcedrift.web import serve

    if not 0 <= args.port <= 65535:
        raise InputError("--port", f"{args.port} is not a port number (0 to 65535)")
    try:
        serve(args.stories, host=args.host, port=args.port, workspace=args.workspace,
              settings=load_settings(args.config), open_browser=args.open)
    except OSError as error:
        raise InputError(f"{args.host}:{args.port}", f"cannot listen there ({error.strerror or error})") from None
    return 0


def _alpha(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


_COMMANDS = {"analyze": _analyze, "evaluate": _evaluate, "new": _new, "train": _train,
             "replicate": _replicate, "match": _match, "agree": _agree,
             "serve": _serve}
_COMMANDS["report"] = _report
