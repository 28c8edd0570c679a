"""Claim-label estimators over feature dicts, in scikit-learn's conventions.

``RuleClaimClassifier`` is the hand-written cascade the toolkit used before
the learned layer (kept as the baseline); ``LinearClaimClassifier`` is a
multinomial logistic regression fitted on gold (``DictVectorizer`` +
standardisation + ``LogisticRegression``), whose standardisation is folded
into plain per-feature weights so that the fitted model is a small table of
numbers (``to_json`` / ``from_json``) applied without scikit-learn at run time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

FORMAT = "sourcedrift-linear-model"
FORMAT_VERSION = 1
Features = Mapping[str, float]


class RuleClaimClassifier(ClassifierMixin, BaseEstimator):
    """The hand-written claims cascade as an estimator: ``fit`` learns nothing but the classes.

    A conflict contradicts (in an article on the same event); an unsourced
    quotation, more specifics the primary lacks than it gives, a kind cue or
    an old year while not closely aligned, or several new words or a short
    judgement while barely aligned make a sentence added; else supported.
    """

    def fit(self, X: Sequence[Features], y: Sequence[str], sample_weight=None) -> "RuleClaimClassifier":
        self.classes_ = np.array(sorted({"added", "contradicted", "supported"} | set(y)))
        return self

    def decide(self, x: Features) -> tuple[str, tuple[str, ...]]:
        """The label of one sentence and the features of the rule that gave it."""
        check_is_fitted(self)
        if x["conflict"]:
            return ("contradicted" if x["same_event"] else "added"), ("conflict",)
        if not x["same_event"] and x["event_specific"]:
            return "added", ("other_event_specific",)
        if x["unsourced_quote"]:
            return "added", ("unsourced_quote",)
        if x["lacks_more"] and x["below_close"]:
            return "added", ("lacks_more", "below_close")
        if (x["cue"] or x["history"]) and x["below_close"]:
            return "added", ("history" if x["history"] and not x["cue"] else "cue", "below_close")
        if not x["heading"] and x["novel"] and x["below_topic"]:
            return "added", ("new_words", "below_topic")
        if not x["heading"] and x["aside"] and x["below_topic"]:
            return "added", ("aside", "below_topic")
        return "supported", ("score",)

    def predict(self, X: Sequence[Features]) -> np.ndarray:
        return np.array([self.decide(x)[0] for x in X])


class LinearClaimClassifier(ClassifierMixin, BaseEstimator):
    """Multinomial logistic regression over feature dicts; deterministic for a given ``random_state``.

    Fitted attributes: ``classes_``, ``feature_names_``, ``coef_`` (classes x
    features, on the raw feature scale), ``intercept_``, ``means_`` (each
    feature's training mean, for explaining a decision).
    """

    def __init__(self, *, C: float = 1.0, class_weight: str | None = "balanced", max_iter: int = 5000,
                 random_state: int = 0) -> None:
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, X: Sequence[Features], y: Sequence[str], sample_weight=None) -> "LinearClaimClassifier":
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer(sort=True, sparse=False)
        matrix = vectorizer.fit_transform([dict(x) for x in X]).astype(np.float64)
        means = matrix.mean(axis=0)
        scales = matrix.std(axis=0)
        scales[scales == 0] = 1.0
        labels = np.asarray(y)
        weights = np.ones(len(labels)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if self.class_weight in ("balanced", "sqrt"):
            # Balanced on the weighted counts, so that down-weighted (synthetic) examples count as little here
            # too; "sqrt" goes half way (the square root of the balancing factor).
            classes = np.unique(labels)
            totals = {c: weights[labels == c].sum() for c in classes}
            power = 1.0 if self.class_weight == "balanced" else 0.5
            weights = weights * np.array([(weights.sum() / (len(classes) * totals[c])) ** power for c in labels])
        regression = LogisticRegression(C=self.C, max_iter=self.max_iter, random_state=self.random_state)
        regression.fit((matrix - means) / scales, labels, sample_weight=weights)
        coef = regression.coef_ / scales
        intercept = regression.intercept_ - coef @ means
        if len(regression.classes_) == 2:  # binary: one row for the second class; make it one row per class
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        self.classes_ = regression.classes_
        self.feature_names_ = tuple(vectorizer.get_feature_names_out())
        self.coef_ = np.round(coef, 6)
        self.intercept_ = np.round(intercept, 6)
        self.means_ = np.round(means, 6)
        return self

    def _columns(self) -> Mapping[str, int]:
        """Feature name -> column, built once per fitted feature list (feature dicts are small, the lists long)."""
        names = self.feature_names_
        cached = self.__dict__.get("_columns_of")
        if cached is None or cached[0] is not names:
            cached = (names, {name: j for j, name in enumerate(names)})
            self._columns_of = cached
        return cached[1]

    def _fill(self, row: np.ndarray, x: Features) -> np.ndarray:
        columns = self._columns()
        for name, value in x.items():
            j = columns.get(name)
            if j is not None:
                row[j] = value
        return row

    def _vector(self, x: Features) -> np.ndarray:
        """The model's features of ``x`` in its column order (a feature ``x`` lacks is 0; one it never saw is ignored)."""
        return self._fill(np.zeros(len(self.feature_names_), dtype=np.float64), x)

    def decision_function(self, X: Sequence[Features]) -> np.ndarray:
        check_is_fitted(self)
        return np.array([self.coef_ @ self._vector(x) + self.intercept_ for x in X])

    def predict(self, X: Sequence[Features]) -> np.ndarray:
        scores = self.decision_function(X)
        return self.classes_[np.argmax(scores, axis=1)] if len(scores) else np.array([], dtype=str)

    def decide(self, x: Features, *, top: int = 3) -> tuple[str, tuple[str, ...]]:
        """The label of one sentence and the ``top`` features that pushed it most over the runner-up class."""
        if "coef_" not in self.__dict__:  # check_is_fitted's test, without its cost on every sentence
            check_is_fitted(self)
        vector = self._vector(x)
        order = np.argsort(-(self.coef_ @ vector + self.intercept_), kind="stable")  # ties keep the classes' order
        best, runner = order[0], order[1]
        if top <= 0:
            return str(self.classes_[best]), ()
        push = (self.coef_[best] - self.coef_[runner]) * (vector - self.means_)
        # Ties go to the feature named first (the columns are in name order).
        ranked = [i for i in np.argsort(-push, kind="stable")[:top] if push[i] > 0]
        return str(self.classes_[best]), tuple(self.feature_names_[i] for i in ranked)

    def decide_many(self, X: Sequence[Features], *, top: int = 3) -> list[tuple[str, tuple[str, ...]]]:
        """``decide`` for many sentences at once (one matrix product; the same answers)."""
        if "coef_" not in self.__dict__:
            check_is_fitted(self)
        if not X:
            return []
        names = self.feature_names_
        matrix = np.zeros((len(X), len(names)), dtype=np.float64)
        for row, x in zip(matrix, X):
            self._fill(row, x)
        scores = matrix @ self.coef_.T + self.intercept_
        order = np.argsort(-scores, axis=1, kind="stable")
        found = []
        for row, (best, runner) in zip(matrix, order[:, :2]):
            if top <= 0:
                found.append((str(self.classes_[best]), ()))
                continue
            push = (self.coef_[best] - self.coef_[runner]) * (row - self.means_)
            ranked = [i for i in np.argsort(-push, kind="stable")[:top] if push[i] > 0]
            found.append((str(self.classes_[best]), tuple(names[i] for i in ranked)))
        return found

    def to_json(self, *, task: str, feature_set: str, meta: Mapping | None = None) -> bytes:
        """The fitted model as a small, stable JSON document (sorted keys, rounded numbers)."""
        check_is_fitted(self)
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "task": task,
            "feature_set": feature_set,
            "classes": [str(c) for c in self.classes_],
            "features": list(self.feature_names_),
            "coef": [[float(v) for v in row] for row in self.coef_],
            "intercept": [float(v) for v in self.intercept_],
            "means": [float(v) for v in self.means_],
            "params": {"C": self.C, "class_weight": self.class_weight, "max_iter": self.max_iter,
                       "random_state": self.random_state},
            "meta": dict(meta or {}),
        }
        return (json.dumps(document, sort_keys=True, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_document(cls, document: Mapping) -> "LinearClaimClassifier":
        """A fitted classifier from a parsed model document (validated by ``analysis.learning.models``)."""
        params = document.get("params", {})
        model = cls(C=params.get("C", 1.0), class_weight=params.get("class_weight", "balanced"),
                    max_iter=params.get("max_iter", 5000), random_state=params.get("random_state", 0))
        model.classes_ = np.array(document["classes"])
        model.feature_names_ = tuple(document["features"])
        model.coef_ = np.array(document["coef"], dtype=np.float64)
        model.intercept_ = np.array(document["intercept"], dtype=np.float64)
        model.means_ = np.array(document["means"], dtype=np.float64)
        return model
