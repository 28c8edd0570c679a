"""Figure and event decisions: the hand-set rules as baseline estimators, and the deciders the settings name.

A measure computes its evidence as a feature dict (``analysis.numbers.evidence``
per article figure, ``analysis.event`` per article); the decider here turns
it into the label. ``rules`` (the baseline) gives the label the hand-set
weights and votes give, carried in the features (``rule_match``...,
``votes``); a model file gives a ``LinearClaimClassifier`` fitted on gold by
``sourcedrift train`` (the estimator is the same multinomial logistic
regression over feature dicts whatever the unit it labels).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from analysis.learning.models import RULES, LoadedModel, load_model, model_path

FIGURE_TASK = "figure_label"
EVENT_TASK = "same_event"
Features = Mapping[str, float]


class RuleFigureClassifier(ClassifierMixin, BaseEstimator):
    """The hand-set figure pairing of ``analysis.numbers`` as an estimator: the label its rules gave.

    Eleven weights summed into a "same quantity" score held against
    ``figure_same_quantity`` (settings); the resulting label is the feature
    ``rule_<label>``, which this baseline returns unchanged.
    """

    def fit(self, X: Sequence[Features], y: Sequence[str], sample_weight=None) -> "RuleFigureClassifier":
        self.classes_ = np.array(sorted({"match", "mismatch", "rounded", "unsourced"} | set(y)))
        return self

    def decide(self, x: Features) -> tuple[str, tuple[str, ...]]:
        check_is_fitted(self)
        return next(str(c) for c in self.classes_ if x.get(f"rule_{c}")), ()

    def predict(self, X: Sequence[Features]) -> np.ndarray:
        return np.array([self.decide(x)[0] for x in X])


class RuleEventClassifier(ClassifierMixin, BaseEstimator):
    """The event check's vote formula as an estimator: another event when the votes reach ``min_votes``."""

    def __init__(self, *, min_votes: float = 1.0) -> None:
        self.min_votes = min_votes

    def fit(self, X: Sequence[Features], y: Sequence[str], sample_weight=None) -> "RuleEventClassifier":
        self.classes_ = np.array(["different", "same"])
        return self

    def decide(self, x: Features) -> tuple[str, tuple[str, ...]]:
        check_is_fitted(self)
        return ("different" if x["votes"] >= self.min_votes else "same"), ()

    def predict(self, X: Sequence[Features]) -> np.ndarray:
        return np.array([self.decide(x)[0] for x in X])


def _restricted(model, x: Features, allowed: Sequence[str], *, top: int = 3) -> tuple[str, tuple[str, ...]]:
    """A fitted linear model's best class among ``allowed`` and the features that pushed it over the runner-up."""
    classes = [str(c) for c in model.classes_]
    vector = model._vector(x)
    scores = model.coef_ @ vector + model.intercept_
    order = [i for i in np.argsort(-scores, kind="stable") if classes[i] in allowed]
    if not order:
        raise ValueError(f"the model knows none of the labels {', '.join(allowed)}")
    best = order[0]
    if len(order) == 1:
        return classes[best], ()
    push = (model.coef_[best] - model.coef_[order[1]]) * (vector - model.means_)
    names = model.feature_names_
    ranked = sorted((i for i in range(len(push)) if push[i] > 0), key=lambda i: (-push[i], names[i]))
    return classes[best], tuple(names[i] for i in ranked[:top])


@dataclass(frozen=True)
class FigureDecider:
    """Decides an article figure's label from its feature dict, among the labels a source figure bears."""

    model: LoadedModel | None   # None: the hand-set rules

    def decide(self, features: Features, allowed: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        """The label and the features that decided it (none when the rules decided)."""
        if self.model is None:
            return _figure_rules().decide(features)
        return _restricted(self.model.estimator, features, allowed)

    def files(self) -> list[dict[str, str]]:
        return [] if self.model is None else [
            {"task": self.model.task, "file": Path(self.model.path).name, "sha256": self.model.sha256}]


@dataclass(frozen=True)
class EventDecider:
    """Decides whether an article reports the primary's event from the event check's feature dict."""

    model: LoadedModel | None   # None: the vote formula
    min_votes: float = 1.0

    def same_event(self, features: Features) -> tuple[bool, tuple[str, ...]]:
        """True for the same event, and the features that decided it (none when the votes did).

        An article published well before its primary reports another event
        whatever the evidence (``published_before``: a hard constraint, not a
        weight; ``analysis.settings.EVENT_PUBLISHED_BEFORE_DAYS``).
        """
        if features.get("published_before"):
            return False, ("published_before",)
        if self.model is None:
            label, deciding = RuleEventClassifier(min_votes=self.min_votes).fit([], []).decide(features)
        else:
            label, deciding = _restricted(self.model.estimator, features, ("different", "same"))
        return label == "same", deciding

    def files(self) -> list[dict[str, str]]:
        return [] if self.model is None else [
            {"task": self.model.task, "file": Path(self.model.path).name, "sha256": self.model.sha256}]


@lru_cache(maxsize=1)
def _figure_rules() -> RuleFigureClassifier:
    return RuleFigureClassifier().fit([], [])


def _load(name: str, task: str, feature_set: str) -> LoadedModel | None:
    return None if name == RULES else load_model(str(model_path(name)), task, feature_set)


def figure_decider(settings, feature_set: str) -> FigureDecider:
    """The decider ``settings.figures_label_model`` names for ``feature_set``."""
    return FigureDecider(_load(settings.figures_label_model, FIGURE_TASK, feature_set))


def event_decider(settings, feature_set: str) -> EventDecider:
    """The decider ``settings.event_model`` names for ``feature_set``."""
    return EventDecider(_load(settings.event_model, EVENT_TASK, feature_set), settings.event_min_votes)
