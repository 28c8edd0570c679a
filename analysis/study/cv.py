"""Leave-one-story-out: each story scored by models fitted without it (nor anything made from its primary).

The analysis of a story does not depend on the claims decider, so each story
is analysed once; its claims are then labelled again by the decider fitted
on the other stories, and scored with ``analysis.study.evaluate.score`` exactly as
``sourcedrift evaluate`` scores them. The pooled figures score all stories'
units together (not an average of the per-story figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.measures import claims
from analysis.study.evaluate import Scores, score
from analysis.study.gold import Gold
from analysis.learning.models import KIND_TASK, LABEL_TASK, ClaimDecider, LoadedModel
from analysis.study.training import Example, fit_kind_model, fit_label_model, gold_examples, rules_settings
from analysis.settings import Settings


@dataclass(frozen=True)
class CrossValidation:
    stories: tuple[str, ...]
    per_story: tuple[Scores, ...]
    pooled: Scores


def _decider(train: Sequence[Example]) -> ClaimDecider:
    label_model = LoadedModel("(fold)", "", LABEL_TASK, fit_label_model(train))
    kind = fit_kind_model(train)
    return ClaimDecider(label_model, None if kind is None else LoadedModel("(fold)", "", KIND_TASK, kind))


def relabel(analysis, decider: ClaimDecider, settings: Settings):
    """``analysis`` with every article's claims labelled by ``decider``."""
    primary = analysis.primary.cleaning.body
    articles = tuple(replace(a, claims=claims.label(a.cleaning.body, primary, a.alignment, a.quotes, a.figures,
                                                    a.event, settings, primary_figures=analysis.primary.figures,
                                                    decider=decider))
                     for a in analysis.articles)
    return replace(analysis, articles=articles)


def pooled_score(pairs: Sequence[tuple[object, Gold]]) -> Scores:
    """One score over several stories' units: files renamed ``story/file`` and the analyses joined."""
    articles, documents, boilerplate, quotes, claims_, numbers = [], [], set(), [], [], []
    annotated = None
    for analysis, gold in pairs:
        def moved(file: str, name=analysis.story.name) -> str:
            return f"{name}/{file}"
        articles.extend(replace(a, document=replace(a.document, file=moved(a.document.file)))
                        for a in analysis.articles)
        documents.extend(replace(d, file=moved(d.file)) for d in gold.documents)
        boilerplate.update((moved(f), line) for f, line in gold.boilerplate)
        quotes.extend(replace(g, file=moved(g.file)) for g in gold.quotes)
        claims_.extend(replace(g, file=moved(g.file)) for g in gold.claims)
        numbers.extend(replace(g, file=moved(g.file)) for g in gold.numbers)
        annotated = set(gold.annotated) if annotated is None else annotated & set(gold.annotated)
    first = pairs[0][0]
    joined = replace(first, articles=tuple(articles))
    gold = Gold(story="pooled", primary="", annotated=tuple(sorted(annotated or ())), documents=tuple(documents),
                boilerplate=frozenset(boilerplate), quotes=tuple(quotes), claims=tuple(claims_),
                numbers=tuple(numbers))
    return score(joined, gold)


def cross_validate(stories: Sequence[tuple[object, Gold]], settings: Settings, *,
                   extra: dict[str, list[Example]] | None = None, progress=lambda _: None) -> CrossValidation:
    """Leave-one-story-out over ``stories`` ((Story, Gold) pairs).

    ``extra`` maps a story name to further examples made from its primary
    (synthetic ones), left out with that story.
    """
    from analysis.pipeline import analyse_story

    plain = rules_settings(settings)
    analyses, examples = [], {}
    for story, gold in stories:
        progress(f"analysing {story.name}")
        analysis = analyse_story(story, plain)
        analyses.append(analysis)
        examples[story.name] = gold_examples(analysis, gold, plain) + list((extra or {}).get(story.name, []))
    scored = []
    for (story, gold), analysis in zip(stories, analyses):
        progress(f"fitting without {story.name}")
        train = [e for name, found in examples.items() if name != story.name for e in found]
        scored.append((relabel(analysis, _decider(train), plain), gold))
    per_story = tuple(score(analysis, gold) for analysis, gold in scored)
    return CrossValidation(tuple(s.name for s, _ in stories), per_story, pooled_score(scored))


def fitted_on_all(stories: Sequence[tuple[object, Gold]], settings: Settings, *,
                  extra: dict[str, list[Example]] | None = None) -> CrossValidation:
    """Every story scored by the models fitted on all of them (the optimistic, in-sample figures)."""
    from analysis.pipeline import analyse_story

    plain = rules_settings(settings)
    analyses = [analyse_story(story, plain) for story, _ in stories]
    train = [e for (story, gold), analysis in zip(stories, analyses) for e in gold_examples(analysis, gold, plain)]
    train += [e for found in (extra or {}).values() for e in found]
    decider = _decider(train)
    scored = [(relabel(analysis, decider, plain), gold) for (_, gold), analysis in zip(stories, analyses)]
    return CrossValidation(tuple(s.name for s, _ in stories), tuple(score(a, g) for a, g in scored),
                           pooled_score(scored))
