"""Training the quotation-label model from gold, and relabelling an analysis's quotations with a decider.

Training examples are the gold quotations the toolkit finds: a found
quotation takes the gold label of the gold quotation its span overlaps most
(as ``evaluate`` pairs them), with the feature dict ``analysis.measures.quotes``
stored on it. Gold quotations without a label, and the quotations of an
article about another event (whose labels follow ``quotes.for_event``, a
hard constraint), are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.learning.models import LoadedModel
from analysis.learning.quote_labels import MODEL_FILE, QUOTE_TASK, RULES_DECIDER, QuoteDecider, fit_quote_model
from analysis.measures.quotes import FEATURE_SET


@dataclass(frozen=True)
class QuoteExample:
    """One gold-labelled quotation the toolkit found: its features and the gold label."""

    story: str
    file: str
    span: tuple[int, int]
    features: dict
    label: str


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def quote_examples(analysis, gold) -> list[QuoteExample]:
    """The gold-labelled quotations of ``analysis`` (paired as ``evaluate`` pairs them)."""
    if "quotes" not in gold.annotated:
        return []
    examples = []
    for document in gold.documents:
        article = analysis.article(document.file)
        if not article.event.same_event:
            continue
        found = article.quotes.quotes
        for truth in (g for g in gold.quotes if g.file == document.file and g.label is not None):
            best = max(found, key=lambda q: _overlap(q.span, truth.span), default=None)
            if best is None or not _overlap(best.span, truth.span) or not best.features:
                continue
            examples.append(QuoteExample(analysis.story.name, document.file, best.span, dict(best.features),
                                         truth.label))
    return examples


def fold_decider(train: Sequence[QuoteExample]) -> QuoteDecider:
    """The decider fitted on ``train`` (the cascade when it holds fewer than two labels)."""
    if len({e.label for e in train}) < 2:
        return RULES_DECIDER
    model = fit_quote_model([e.features for e in train], [e.label for e in train])
    return QuoteDecider(LoadedModel("(fold)", "", QUOTE_TASK, model))


def model_file(examples: Sequence[QuoteExample]) -> dict[str, bytes]:
    """The quotation model file (name -> bytes) fitted on ``examples``."""
    if len({e.label for e in examples}) < 2:
        raise ValueError("the gold gives fewer than two quotation labels; a quotation model needs two or more")
    meta = {"stories": sorted({e.story for e in examples}), "gold_quotations": len(examples)}
    model = fit_quote_model([e.features for e in examples], [e.label for e in examples])
    return {MODEL_FILE: model.to_json(task=QUOTE_TASK, feature_set=FEATURE_SET, meta=meta)}


def relabel_quotes(analysis, decider: QuoteDecider):
    """``analysis`` with every same-event article quotation labelled again by ``decider``, from its stored features.

    A quotation with too few words found in the primary stays unsourced (as in
    ``analysis.measures.quotes``); an article about another event keeps its labels.
    """
    articles = []
    for article in analysis.articles:
        if not article.event.same_event:
            articles.append(article)
            continue
        updated = []
        for quote in article.quotes.quotes:
            if not quote.features:
                updated.append(quote)
                continue
            features = dict(quote.features)
            label, reasons = decider.decide(features)
            if features["below_min_match"]:
                label = "unsourced"
            updated.append(replace(quote, label=label, reasons=reasons))
        articles.append(replace(article, quotes=replace(article.quotes, quotes=tuple(updated))))
    return replace(analysis, articles=tuple(articles))
