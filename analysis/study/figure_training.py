"""Figure labels learned from gold: training examples, fitting, and leave-one-story-out.

Gold figures become examples the way ``evaluate`` scores them: each gold
``[[number]]`` labels the first figure the toolkit finds inside its span;
every other figure found is ``match`` (codebook). The features come from
``analysis.numbers.evidence``, the code that labels a new story, so what is
fitted is what is applied. The analysis of a story does not depend on the
figure decider when the rules decide (``rules_settings``), so each story is
analysed once and its figures relabelled per fold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.measures import figures as numbers
from analysis.learning.deciders import FIGURE_TASK, FigureDecider
from analysis.learning.estimators import LinearClaimClassifier
from analysis.learning.models import RULES, LoadedModel
from analysis.settings import Settings

# Fixed so that a refit gives byte-identical files (issue #15). Chosen by
# leave-one-story-out over the 21 gold stories with figures, pooled figures
# not-match F1 / label accuracy (features figures-1): C 0.01 0.915 / 0.946,
# 0.03 0.918 / 0.949, 0.1 0.916 / 0.947, 1 0.914 / 0.943 unbalanced;
# balanced classes 0.880 / 0.916, square-root balanced 0.907 / 0.937 (rules
# 0.910 / 0.939). With figures-2 at C 0.03: 0.923 / 0.955 (rules 0.917 / 0.945).
FIGURE_PARAMS = {"C": 0.03, "class_weight": None, "random_state": 0}


@dataclass(frozen=True)
class ArticleFigures:
    """One article's figures as evidence, with the gold label of each (None: not scored)."""

    story: str
    file: str
    items: tuple[numbers.FigureEvidence, ...]
    labels: tuple[str | None, ...]


def baseline_settings(settings: Settings) -> Settings:
    """The settings with the hand-set rules deciding figures and events (the evidence does not depend on them)."""
    return replace(settings, figures_label_model=RULES, event_model=RULES)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def article_evidence(analysis, article, settings: Settings) -> tuple[numbers.FigureEvidence, ...]:
    """The figure evidence of one analysed article (as ``numbers.check`` computes it)."""
    body = article.cleaning.body
    primary = analysis.primary
    items, _ = numbers.evidence(body, numbers.extract(body, settings), primary.cleaning.body, primary.figures,
                                article.alignment, article.event, settings, primary_name=primary.document.file,
                                primary_published=primary.document.published)
    return items


def figure_examples(analysis, gold, settings: Settings) -> list[ArticleFigures]:
    """Every gold-annotated article of ``analysis`` with its figures' evidence and gold labels."""
    out = []
    if "numbers" not in gold.annotated:
        return out
    for document in gold.documents:
        article = analysis.article(document.file)
        items = article_evidence(analysis, article, settings)
        order = sorted(range(len(items)), key=lambda i: items[i].figure.span)
        # The rules decide the figures of an article on another event (numbers.evidence): nothing to learn there.
        labels: list[str | None] = ["match" if article.event.same_event else None] * len(items)
        for g in (g for g in gold.numbers if g.file == document.file):
            hits = [i for i in order if _overlap(items[i].figure.span, g.span)]
            for rank, i in enumerate(hits):
                labels[i] = g.label if rank == 0 and article.event.same_event else None
        out.append(ArticleFigures(analysis.story.name, document.file, items, tuple(labels)))
    return out


def fit_figure_model(articles: Sequence[ArticleFigures]) -> LinearClaimClassifier:
    pairs = [(item.features, label) for a in articles for item, label in zip(a.items, a.labels) if label]
    return LinearClaimClassifier(**FIGURE_PARAMS).fit([x for x, _ in pairs], [y for _, y in pairs])


def figure_model_file(articles: Sequence[ArticleFigures]) -> bytes:
    meta = {"stories": sorted({a.story for a in articles}),
            "gold_figures": sum(1 for a in articles for label in a.labels if label)}
    return fit_figure_model(articles).to_json(task=FIGURE_TASK, feature_set=numbers.FEATURE_SET, meta=meta)


def fold_decider(train: Sequence[ArticleFigures]) -> FigureDecider:
    return FigureDecider(LoadedModel("(fold)", "", FIGURE_TASK, fit_figure_model(train)))


def relabel_figures(analysis, articles: Sequence[ArticleFigures], decider: FigureDecider):
    """``analysis`` with the figures of the given articles labelled by ``decider``."""
    by_file = {a.file: a for a in articles}
    changed = []
    for article in analysis.articles:
        found = by_file.get(article.document.file)
        if found is not None:
            figures = replace(article.figures, figures=numbers.decide(found.items, decider))
            article = replace(article, figures=figures)
        changed.append(article)
    return replace(analysis, articles=tuple(changed))


@dataclass(frozen=True)
class DecisionCV:
    """Leave-one-story-out of the figure labels and the same_event decision, beside the rules baseline.

    ``per_story`` and ``pooled`` hold the ``numbers`` and ``documents``
    measures as ``evaluate`` scores them (the other measures are not scored
    here); ``baseline_*`` the same for the hand-set rules.
    """

    stories: tuple[str, ...]
    per_story: tuple[dict, ...]
    pooled: dict
    baseline_per_story: tuple[dict, ...]
    baseline_pooled: dict


MEASURES = ("numbers", "documents")


def _pooled(scored) -> dict:
    from analysis.study.evaluate import METRICS
    from analysis.study.cv import pooled_score

    out = {}
    for measure in MEASURES:  # each pooled over the stories whose gold annotates it
        pairs = [(a, g) for a, g in scored if measure in g.annotated]
        out[measure] = pooled_score(pairs)[measure] if pairs else dict.fromkeys(METRICS[measure])
    return out


def cross_validate_decisions(stories, settings: Settings, *, progress=lambda _: None,
                             held_out: bool = True) -> DecisionCV:
    """Each story's figures and events decided by models fitted on the other stories only.

    The verdict of the event model is scored as a verdict: an article it
    moves to another event keeps the figures checked under the rules' verdict.
    With ``held_out`` False every story is decided by the models fitted on
    all of them (the in-sample, fitted-on-all figures).
    """
    from analysis.study.evaluate import score
    from analysis.study import event_training
    from analysis.pipeline import analyse_story

    plain = baseline_settings(settings)
    analyses, figures, events = [], {}, {}
    for story, gold in stories:
        progress(f"analysing {story.name}")
        analysis = analyse_story(story, plain)
        analyses.append(analysis)
        figures[story.name] = figure_examples(analysis, gold, plain)
        events[story.name] = event_training.event_examples(analysis, gold)
    learned, baseline = [], []
    for (story, gold), analysis in zip(stories, analyses):
        progress(f"fitting without {story.name}")
        train_figures = [a for name, found in figures.items() if name != story.name or not held_out for a in found]
        train_events = [e for name, found in events.items() if name != story.name or not held_out for e in found]
        relabelled = relabel_figures(analysis, figures[story.name], fold_decider(train_figures))
        relabelled = event_training.relabel_events(relabelled, event_training.fold_decider(train_events))
        learned.append((relabelled, gold))
        baseline.append((analysis, gold))

    def measures(scores) -> dict:
        return {m: scores[m] for m in MEASURES}

    return DecisionCV(
        tuple(s.name for s, _ in stories),
        tuple(measures(score(a, g)) for a, g in learned), _pooled(learned),
        tuple(measures(score(a, g)) for a, g in baseline), _pooled(baseline))
