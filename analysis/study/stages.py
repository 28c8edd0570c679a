"""Fitting the learned models in dependency order, in one run (``sourcedrift train`` and the workbench refit).

The models feed each other: the line and paywall models decide which lines
are body, and every other model is fitted on features of the body; the
figure labels, the event verdict and the quotation labels are evidence of
the claims model. So the models are fitted in three stages, each on
analyses made with the models the earlier stages of the same run fitted:

1. cleaning: ``boilerplate_lines.json`` and ``paywall.json`` from the pages
   as published (``line_training.model_files``; nothing else decides their
   features);
2. decisions: every story cleaned by stage 1's models, with the rules
   deciding figures, events, quotations and claims (none of their evidence
   depends on its own decider; the event votes pick the articles on the
   primary's event, whose figures and quotations are examples);
   ``event.json``, ``figures_label.json`` and ``quotes_label.json``;
3. claims: every story analysed again with the models of stages 1 and 2, as
   a new story is analysed (a decision the settings leave to the rules, as
   the toolkit's default leaves the quotation labels, stays the rules);
   ``claims_label.json`` and ``claims_kind.json``.

Each stage's files are written to a temporary folder and the next stage's
settings name them, so a later stage reads exactly the bytes the run
returns, never an installed model of the same kind: the files depend on the
stories and the settings' thresholds only, and a second run (or a run with
its own output installed) gives them back byte for byte.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from analysis.learning.models import RULES
from analysis.settings import Settings
from analysis.study import event_training, figure_training, line_training, quote_training, training
from analysis.study.synthetic import synthetic_by_story

# The setting naming each model file, by stage.
CLEANING = {"boilerplate_lines.json": "boilerplate_model", "paywall.json": "paywall_model"}
DECISIONS = {"event.json": "event_model", "figures_label.json": "figures_label_model",
             "quotes_label.json": "quotes_label_model"}
CLAIMS = {"claims_label.json": "claims_label_model", "claims_kind.json": "claims_kind_model"}


@dataclass(frozen=True)
class Examples:
    """The training examples of one or more stories, one list per model they fit."""

    claims: list[training.Example]
    quotes: list[quote_training.QuoteExample]
    figures: list[figure_training.ArticleFigures]
    events: list[event_training.EventExample]


NO_EXAMPLES = Examples([], [], [], [])
# How a story's examples are read off an analysis of it (given the settings it was analysed with).
ExamplesOf = Callable[[object, Settings], Examples]


def join(parts: Sequence[Examples]) -> Examples:
    return Examples([e for p in parts for e in p.claims], [e for p in parts for e in p.quotes],
                    [e for p in parts for e in p.figures], [e for p in parts for e in p.events])


def gold_examples_of(gold) -> ExamplesOf:
    """The examples a story's ``gold`` labels (every measure it annotates)."""
    def examples(analysis, settings: Settings) -> Examples:
        return Examples(training.gold_examples(analysis, gold, settings), quote_training.quote_examples(analysis, gold),
                        figure_training.figure_examples(analysis, gold, settings),
                        event_training.event_examples(analysis, gold))

    return examples


@dataclass(frozen=True)
class Fitted:
    """The model files of one staged run (name -> bytes), and the examples they were fitted on.

    ``examples`` holds the claims examples of stage 3 (synthetic ones
    included) and the quotation, figure and event examples of stage 2.
    """

    files: dict[str, bytes]
    examples: Examples


def fit_in_stages(sources: Sequence[tuple[object, ExamplesOf]], settings: Settings, *,
                  pages: Sequence[line_training.Page] | None = None, synthetic_weight: float = 0.0,
                  rules_from: Settings | None = None, analyse=None,
                  progress: Callable[[str], None] = lambda _: None) -> Fitted:
    """Fit the models stage by stage on ``sources`` ((story, examples_of) pairs); see the module's docstring.

    Args:
        pages: the gold pages to fit the line and paywall models on (stage 1);
            None keeps the cleaning ``settings`` name and fits neither.
        synthetic_weight: the weight of the synthetic cases made from each
            story's primary in the claims models (0: none).
        rules_from: the settings whose choice of ``rules`` for a decision
            (event, figures, quotations) stage 3 keeps, as the files will be
            applied: ``DEFAULT`` for ``train`` (whose output must not depend on
            the models a user set), the workbench's settings for its refit
            (whose files replace only the models in use). None: stage 3 uses
            every file stage 2 fitted.
        analyse: ``analyse(story, settings)``, by default ``analyse_story``.

    Raises:
        ValueError: the gold gives too few labels to fit one of the models.
    """
    from analysis.pipeline import analyse_story

    analyse = analyse or analyse_story
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="sourcedrift-train-") as folder:
        def installed(names: dict[str, str], base: Settings, rules_from: Settings | None = None) -> Settings:
            """``base`` naming the files this run fitted (the rules where it fitted none, or ``rules_from`` sets them)."""
            chosen = {}
            for name, setting in names.items():
                if rules_from is not None and getattr(rules_from, setting) == RULES:
                    chosen[setting] = RULES
                elif name in files:
                    path = Path(folder) / name
                    path.write_bytes(files[name])
                    chosen[setting] = str(path)
                else:
                    chosen[setting] = RULES
            return replace(base, **chosen)

        staged = replace(settings, **dict.fromkeys((*DECISIONS.values(), *CLAIMS.values()), RULES))
        if pages is not None:
            progress("fitting the boilerplate-line and paywall models")
            files.update(line_training.model_files(pages, settings))
            staged = installed(CLEANING, staged)

        decided = join([examples(_analysed(story, staged, analyse, progress, "analysing"), staged)
                        for story, examples in sources])
        progress("fitting the event, figure and quotation models")
        if len({e.label for e in decided.events}) == 2:
            files["event.json"] = event_training.event_model_file(decided.events)
        if decided.figures:
            files["figures_label.json"] = figure_training.figure_model_file(decided.figures)
        files.update(quote_training.model_file(decided.quotes))
        staged = installed(DECISIONS, staged, rules_from)

        claims = [e for story, examples in sources
                  for e in examples(_analysed(story, staged, analyse, progress, "analysing again"), staged).claims]
        if synthetic_weight > 0:
            progress("making synthetic cases from the primaries")
            stories = list({id(story): story for story, _ in sources}.values())
            for found in synthetic_by_story(stories, staged, weight=synthetic_weight).values():
                claims.extend(found)
        progress("fitting the claims models")
        files.update(training.model_files(claims, synthetic_weight=synthetic_weight))
    return Fitted(files, replace(decided, claims=claims))


def _analysed(story, settings: Settings, analyse, progress, verb: str):
    progress(f"{verb} {story.name}")
    return analyse(story, settings)
