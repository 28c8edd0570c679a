"""Model files: where settings find them, how they are checked and loaded, and their hashes.

A model file is the JSON a ``LinearClaimClassifier`` writes (``to_json``):
format and format version, the task, the feature set it was fitted on, the
classes, the feature names and the weights. Settings name the files
(``claims_label_model``, ``claims_kind_model``): a bare file name is one
shipped in ``analysis/models``; anything with a folder in it is a path; the
word ``rules`` selects the hand-written cascade (the baseline). A file that
is missing, unreadable, not a model, or made for another task or feature
set raises ``ModelError`` (one line naming the file); nothing falls back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from analysis.learning.estimators import FORMAT, FORMAT_VERSION, LinearClaimClassifier, RuleClaimClassifier
from corpus.errors import InputError

RULES = "rules"
LABEL_TASK = "claim_label"
KIND_TASK = "claim_kind"


class ModelError(InputError):
    """A model file that cannot be used: missing, corrupt, or made for other features."""


@lru_cache(maxsize=32)
def model_path(name: str) -> Path:
    """The file a setting names: a bare name is shipped in ``analysis/models``, else a path."""
    if "/" in name or "\\" in name:
        return Path(name)
    return Path(str(resources.files("analysis").joinpath("models", name)))


@dataclass(frozen=True)
class LoadedModel:
    path: str
    sha256: str
    task: str
    estimator: LinearClaimClassifier


def load_model(path: str, task: str, feature_set: str) -> LoadedModel:
    """Read and check one model file (cached on the file's path, size and modification time)."""
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        raise ModelError(path, "model file not found") from None
    except OSError as error:
        raise ModelError(path, f"model file cannot be read ({error.strerror})") from None
    return _load_model(path, stat.st_size, stat.st_mtime_ns, task, feature_set)


@lru_cache(maxsize=16)
def _load_model(path: str, size: int, mtime_ns: int, task: str, feature_set: str) -> LoadedModel:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ModelError(path, "model file not found") from None
    except OSError as error:
        raise ModelError(path, f"model file cannot be read ({error.strerror})") from None
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(path, f"model file is not valid JSON ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModelError(path, f"not a sourcedrift model file (format must be {FORMAT!r})")
    if document.get("format_version") != FORMAT_VERSION:
        raise ModelError(path, f"model format version {document.get('format_version')!r}; this toolkit reads "
                               f"version {FORMAT_VERSION} (refit it with sourcedrift train)")
    if document.get("task") != task:
        raise ModelError(path, f"model is for task {document.get('task')!r}, not {task!r}")
    if document.get("feature_set") != feature_set:
        raise ModelError(path, f"model was fitted on features {document.get('feature_set')!r}; this toolkit computes "
                               f"{feature_set!r} (refit it with sourcedrift train)")
    try:
        estimator = LinearClaimClassifier.from_document(document)
        rows, width = estimator.coef_.shape
        if (rows != len(estimator.classes_) or width != len(estimator.feature_names_)
                or estimator.intercept_.shape != (rows,) or estimator.means_.shape != (width,) or rows < 2):
            raise ValueError("weights do not match its classes and features")
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(path, f"model file is corrupt ({error})") from None
    return LoadedModel(path, hashlib.sha256(data).hexdigest(), task, estimator)


@dataclass(frozen=True)
class ClaimDecider:
    """Decides a sentence's label (and an added sentence's kind) from its feature dict."""

    label_model: LoadedModel | None   # None: the rules baseline
    kind_model: LoadedModel | None    # None: the kind the cues give

    def decide(self, features: dict) -> tuple[str, tuple[str, ...]]:
        """The label and the names of the features that decided it, most decisive first."""
        if self.label_model is None:
            return _rules().decide(features)
        return self.label_model.estimator.decide(features)

    def decide_many(self, features: list[dict]) -> list[tuple[str, tuple[str, ...]]]:
        """``decide`` for every sentence of an article at once."""
        if self.label_model is None:
            return [_rules().decide(x) for x in features]
        return self.label_model.estimator.decide_many(features)

    def kind(self, features: dict, cue_kind: str | None) -> str | None:
        """The kind of an added sentence: the model's, or (rules) the kind its cues show (None: none)."""
        if self.kind_model is None:
            return cue_kind
        return self.kind_model.estimator.decide(features, top=0)[0]

    def files(self) -> list[dict[str, str]]:
        """Each model file used, with its SHA-256, for a manifest."""
        return [{"task": m.task, "file": Path(m.path).name, "sha256": m.sha256}
                for m in (self.label_model, self.kind_model) if m is not None]


@lru_cache(maxsize=1)
def _rules() -> RuleClaimClassifier:
    return RuleClaimClassifier().fit([], ["supported"])


def claim_decider(settings, feature_set: str) -> ClaimDecider:
    """The decider the settings name (``claims_label_model``, ``claims_kind_model``) for ``feature_set``."""
    def load(name: str, task: str) -> LoadedModel | None:
        return None if name == RULES else load_model(str(model_path(name)), task, feature_set)

    return ClaimDecider(load(settings.claims_label_model, LABEL_TASK), load(settings.claims_kind_model, KIND_TASK))
