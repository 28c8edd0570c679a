"""Every learned decision scored at once: leave-one-story-out and fitted on all, beside the rules baselines.

``sourcedrift evaluate --cv`` and ``benchmarks/quality_tables.py`` read
these. Leave-one-story-out scores each story with models fitted without it
(nor the synthetic cases made from its primary): the claims and quotation
labels (``analysis.study.cv.cross_validate``), the boilerplate lines and
paywall (``analysis.study.line_training.cross_fit``), the figure labels and
same_event (``analysis.study.figure_training.cross_validate_decisions``).
Fitted on all scores each story with every model fitted on all the stories
given (in-sample: the optimistic figures). The ``numbers`` and
``documents`` measures come from the figure and event models, the rest
from the claims run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.learning.lines import CleaningDeciders
from analysis.learning.models import RULES
from analysis.settings import Settings
from analysis.study import cv, figure_training, line_training
from analysis.study.evaluate import Scores
from analysis.study.synthetic import synthetic_by_story


@dataclass(frozen=True)
class Quality:
    """Per-story and pooled scores of every learned decision, and the rules baselines pooled.

    ``rules_pooled`` is the claims and quotation cascades (on the same
    cleaning), ``decisions_rules_pooled`` the hand-set figure pairing and
    event votes (its ``numbers`` and ``documents`` measures only).
    """

    stories: tuple[str, ...]
    per_story: tuple[Scores, ...]
    pooled: Scores
    rules_per_story: tuple[Scores, ...]
    rules_pooled: Scores | None
    decisions_rules_pooled: dict


def line_folds(stories, settings: Settings) -> line_training.CrossFit:
    """The line and paywall models of leave-one-story-out (``rules`` in the settings keeps the rules).

    Raises ValueError when the gold cannot fit them (no boilerplate, one paywall flag).
    """
    pages = [page for story, gold in stories for page in line_training.gold_pages(story, gold)]
    return line_training.cross_fit(pages, settings, learn_lines=settings.boilerplate_model != RULES,
                                   learn_paywall=settings.paywall_model != RULES)


def cleaning_fitted_on_all(stories, settings: Settings) -> CleaningDeciders:
    """The line and paywall deciders fitted on every story given (as ``sourcedrift train`` fits them)."""
    pages = [page for story, gold in stories for page in line_training.gold_pages(story, gold)]
    lines = line_training.line_decider(line_training.line_examples(pages, settings))
    flags = line_training.cross_fit(pages, settings, learn_paywall=False).pages
    return CleaningDeciders(lines, line_training.decider(line_training.fit(flags, line_training.PAYWALL_PARAMS),
                                                         line_training.PAYWALL_TASK))


def _joined(found: cv.CrossValidation, decisions: figure_training.DecisionCV) -> Quality:
    per_story = tuple({**claims, **figures} for claims, figures in zip(found.per_story, decisions.per_story))
    return Quality(found.stories, per_story, {**found.pooled, **decisions.pooled}, found.baseline_per_story,
                   found.baseline_pooled, decisions.baseline_pooled)


def leave_one_story_out(stories: Sequence, settings: Settings, *, folds: line_training.CrossFit | None = None,
                        progress=lambda _: None) -> Quality:
    """Every story ((Story, Gold) pairs) scored by models fitted without it; ``folds`` from ``line_folds``."""
    extra = synthetic_by_story([story for story, _ in stories], settings, weight=settings.claims_synthetic_weight)
    folds = folds or line_folds(stories, settings)
    found = cv.cross_validate(stories, settings, extra=extra, progress=progress,
                              analyse=line_training.analyser(folds.deciders))
    return _joined(found, figure_training.cross_validate_decisions(stories, settings, progress=progress))


def fitted_on_all(stories: Sequence, settings: Settings) -> Quality:
    """Every story scored by the models fitted on all of them (in-sample)."""
    extra = synthetic_by_story([story for story, _ in stories], settings, weight=settings.claims_synthetic_weight)
    deciders = cleaning_fitted_on_all(stories, settings)
    found = cv.fitted_on_all(stories, settings, extra=extra, analyse=line_training.analyser(lambda _: deciders))
    found = replace(found, baseline_per_story=(), baseline_pooled=None)
    return _joined(found, figure_training.cross_validate_decisions(stories, settings, held_out=False))


MODEL_SETTINGS = ("claims_label_model", "claims_kind_model", "quotes_label_model", "boilerplate_model",
                  "paywall_model", "figures_label_model", "event_model")


def rules_baseline(stories: Sequence, settings: Settings) -> tuple[tuple[Scores, ...], Scores]:
    """Every story scored with the rules deciding everything (the cascades, the cleaning rules, the figure
    pairing, the event votes), and pooled: the baseline each learned decision replaces. Nothing is fitted."""
    from analysis.pipeline import analyse_story
    from analysis.study.evaluate import score

    plain = replace(settings, **dict.fromkeys(MODEL_SETTINGS, RULES))
    scored = [(analyse_story(story, plain), gold) for story, gold in stories]
    return tuple(score(a, g) for a, g in scored), cv.pooled_score(scored)
