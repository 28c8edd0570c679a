"""The boilerplate and paywall decisions: a binary linear model over feature dicts, or the rules.

Cleaning computes one feature dict per line (``analysis.cleaning.line_features``)
and one per document for the paywall (``analysis.cleaning.paywall_features``);
whether a line is boilerplate, and whether a page is paywalled, is decided
here by a logistic regression fitted on gold (``sourcedrift train``) and
shipped as a JSON model file in ``analysis/models`` (the same format, checks
and loader as the claims models: ``analysis.learning.models``), or by the
hand-written rules of ``analysis.cleaning`` (the baseline, settings
``boilerplate_model`` / ``paywall_model`` = ``"rules"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.learning.models import RULES, LoadedModel, load_model, model_path

LINE_TASK = "boilerplate_line"
PAYWALL_TASK = "paywall"
# The class a positive score means, per task (the other class is the first).
POSITIVE = {LINE_TASK: "boilerplate", PAYWALL_TASK: "paywall"}


@dataclass(frozen=True)
class BinaryDecider:
    """A fitted two-class linear model, applied as a sparse dot product (lines are many and their dicts small).

    ``weights`` and ``bias`` give the score of the positive class over the
    other; a score above zero decides the positive class.
    """

    model: LoadedModel
    positive: str
    weights: Mapping[str, float] = field(repr=False)
    bias: float

    @classmethod
    def of(cls, model: LoadedModel) -> "BinaryDecider":
        estimator = model.estimator
        classes = [str(c) for c in estimator.classes_]
        positive = POSITIVE[model.task]
        if len(classes) != 2 or positive not in classes:
            from analysis.learning.models import ModelError

            raise ModelError(model.path, f"model classes {classes} are not two with {positive!r} among them")
        at, other = classes.index(positive), 1 - classes.index(positive)
        difference = estimator.coef_[at] - estimator.coef_[other]
        weights = {name: float(w) for name, w in zip(estimator.feature_names_, difference) if w}
        return cls(model, positive, weights, float(estimator.intercept_[at] - estimator.intercept_[other]))

    def score(self, features: Mapping[str, float]) -> float:
        """Above zero: the positive class (boilerplate, paywall)."""
        weights = self.weights
        return self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())

    def reasons(self, features: Mapping[str, float], decided: bool, *, top: int = 2) -> tuple[str, ...]:
        """The features of the unit that pushed its score most towards the decision taken."""
        sign = 1.0 if decided else -1.0
        weights = self.weights
        push = [(-sign * weights.get(n, 0.0) * v, n) for n, v in features.items() if sign * weights.get(n, 0.0) * v > 0]
        return tuple(n for _, n in sorted(push)[:top])

    def file(self) -> dict[str, str]:
        from pathlib import Path

        return {"task": self.model.task, "file": Path(self.model.path).name, "sha256": self.model.sha256}


@dataclass(frozen=True)
class CleaningDeciders:
    """What decides lines and paywalls in cleaning; None for either is the rules baseline."""

    lines: BinaryDecider | None = None
    paywall: BinaryDecider | None = None

    def files(self) -> list[dict[str, str]]:
        """Each model file used, with its SHA-256, for a manifest."""
        return [d.file() for d in (self.lines, self.paywall) if d is not None]


RULES_ONLY = CleaningDeciders()


def cleaning_deciders(settings, line_feature_set: str, paywall_feature_set: str) -> CleaningDeciders:
    """The deciders the settings name (``boilerplate_model``, ``paywall_model``), checked on load.

    Raises ``ModelError`` (one line naming the file) for a missing, corrupt or
    other-feature model file.
    """
    def load(name: str, task: str, feature_set: str) -> BinaryDecider | None:
        if name == RULES:
            return None
        return _binary(load_model(str(model_path(name)), task, feature_set))

    return CleaningDeciders(load(settings.boilerplate_model, LINE_TASK, line_feature_set),
                            load(settings.paywall_model, PAYWALL_TASK, paywall_feature_set))


@lru_cache(maxsize=16)
def _binary(model: LoadedModel) -> BinaryDecider:
    # load_model returns the same LoadedModel while the file is unchanged: one table per file.
    return BinaryDecider.of(model)
