"""The "refit with my corrections" action: the fitting of ``sourcedrift train``, in the background, before and after.

A coder's corrections (``gold-<coder>.toml`` in each story folder) are turned
into the units the coder judged (the marks they reviewed: changed, or saved
with the same label to confirm it) and handed to ``analysis.study.adapt``,
which fits the claims, quotation-label, figure-label and event models on the
gold stories shipped with the toolkit plus those judgements, and measures
them leave-one-story-out before and after. One refit runs at a time, in a
thread; its progress is readable at any time (``Refitter.status``).

The model files and a ``manifest.json`` of the figures are written to
``<workspace>/models/<coder>/`` (a staging folder swapped in whole), never
into the installed package. The workspace may then analyse with them
(``Refitter.use``) and go back to the shipped models (``Refitter.use(None)``);
every story is analysed again either way.
"""

from __future__ import annotations

import hashlib
import json
import threading
import tomllib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from analysis.learning.models import RULES, model_path
from analysis.settings import Settings
from analysis.study.adapt import MEASURES, SHOWN, Judged, Judgement, adapt, progress_lines
from corpus import InputError
from sourcedrift.web import corrections
from sourcedrift.web.marks import record_of
from sourcedrift.web.stories import Registry, Status, Tracked

MODELS = "models"
RESULT = "manifest.json"   # a name the output guard knows: a second refit replaces the first whole
RESULT_FORMAT = "sourcedrift-refit"
# The model files a refit writes, and the setting that names each.
SETTING_OF = {"claims_label.json": "claims_label_model", "claims_kind.json": "claims_kind_model",
              "quotes_label.json": "quotes_label_model", "figures_label.json": "figures_label_model",
              "event.json": "event_model"}
# The document-level judgements: the mark id and what adapt calls the label.
_EVENT = {"true": "same", "false": "different"}


class RefitError(InputError):
    """A refit's folder that cannot be used: its figures or model files are missing or corrupt."""


# How the page names each pooled figure (the README's and the codebook's words).
_SHOWN_AS = {
    ("claims", "added_f1"): "claims: added F1",
    ("claims", "contradicted_f1"): "claims: contradicted F1",
    ("claims", "not_supported_f1"): "claims: not-supported F1",
    ("quotes", "label_accuracy"): "quotation labels: accuracy",
    ("numbers", "not_match_f1"): "figures: not-match F1",
    ("numbers", "label_accuracy"): "figure labels: accuracy",
    ("documents", "same_event_accuracy"): "event check: accuracy",
}


def shipped_gold() -> list[Path]:
    """The gold stories the shipped claims model was fitted on (its ``meta.stories``), as story folders.

    A refit is the shipped training set plus the coder's corrections, so its
    "before" figures are those of the toolkit as shipped; gold stories added
    to the corpus later (a sealed set scored once) join only when the shipped
    models are refitted on them.
    """
    import json

    import corpus
    from analysis.learning.models import model_path

    names = json.loads(model_path("claims_label.json").read_text(encoding="utf-8"))["meta"]["stories"]
    root = Path(corpus.__file__).parent
    return [root / name for name in sorted(names) if (root / name / "gold.toml").is_file()]


def judgements(analysis, story_dir: Path, coder: str) -> Judged:
    """The units ``coder`` judged in a story (the marks their gold file records as reviewed)."""
    items = []
    for (file, mark), review in sorted(corrections.read_reviews(corrections.gold_path(story_dir, coder)).items()):
        article = analysis.article(file)
        if article is None:
            continue
        if mark == corrections.EVENT_MARK:
            items.append(Judgement(file, "documents", (0, 0), _EVENT[review.label]))
            continue
        found = record_of(article, mark)
        if found is None:
            continue
        measure, record = found
        items.append(Judgement(file, {"quote": "quotes", "claim": "claims", "number": "numbers"}[measure],
                               tuple(record.span), review.label, review.kind if review.label == "added" else ""))
    return Judged(analysis.story, tuple(items))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_of(workspace: Path, coder: str) -> Path:
    return workspace / MODELS / corrections.coder_slug(coder)


def settings_with(base: Settings, folder: Path) -> Settings:
    """``base`` with every model it uses (not ``rules``) taken from ``folder``."""
    changes = {setting: str(folder / name) for name, setting in SETTING_OF.items()
               if getattr(base, setting) != RULES and (folder / name).is_file()}
    return replace(base, **changes)


def check_models(settings: Settings) -> None:
    """Load every model file the settings name (raises ``ModelError``, one line naming the file)."""
    from analysis.learning.deciders import event_decider, figure_decider
    from analysis.learning.models import claim_decider
    from analysis.learning.quote_labels import quote_decider
    from analysis.measures import claims, event, figures
    from analysis.measures.quotes import FEATURE_SET as QUOTE_FEATURES

    claim_decider(settings, claims.FEATURE_SET)
    quote_decider(settings, QUOTE_FEATURES)
    figure_decider(settings, figures.FEATURE_SET)
    event_decider(settings, event.FEATURE_SET)


def model_hashes(settings: Settings) -> list[tuple[str, str, str]]:
    """(setting, file, SHA-256) of each model a refit can replace, as ``settings`` name them ("rules": no file)."""
    out = []
    for name, setting in SETTING_OF.items():
        chosen = getattr(settings, setting)
        if chosen == RULES:
            out.append((setting, RULES, ""))
        else:
            path = model_path(chosen)
            out.append((setting, str(path), sha256(path) if path.is_file() else "missing"))
    return out


@dataclass(frozen=True)
class Result:
    """A finished refit, as stored in its folder's ``manifest.json``."""

    coder: str
    folder: Path
    gold_stories: tuple[str, ...]
    judged_stories: tuple[str, ...]
    learned: dict[str, int]
    before: dict[str, Any]      # {"gold": {measure: {metric: value}}, "judged": {measure: [agree, total]}}
    after: dict[str, Any]
    files: dict[str, str]       # model file -> SHA-256
    before_models: str = ""     # whose refitted models labelled the "before" of the judged units ("": the shipped)

    def rows(self) -> list[tuple[str, Any, Any]]:
        """(what, before, after) of the gold stories' pooled metrics."""
        return [(_SHOWN_AS.get((measure, metric), f"{measure} {metric.replace('_', ' ')}"),
                 self.before["gold"][measure][metric], self.after["gold"][measure][metric])
                for measure, metric in SHOWN]

    def judged_rows(self) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
        """(measure, before (agree, total), after (agree, total)) for the measures the coder judged."""
        return [(m, tuple(self.before["judged"][m]), tuple(self.after["judged"][m])) for m in MEASURES
                if self.before["judged"][m][1]]


def read_result(folder: Path) -> Result | None:
    """The refit stored in ``folder`` (None when there is none), its model files checked against their hashes.

    Raises:
        RefitError: ``manifest.json`` is unreadable or not a refit's, or a model file is missing or changed.
    """
    path = folder / RESULT
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != RESULT_FORMAT:
            raise ValueError(f"format is not {RESULT_FORMAT!r}")
        result = Result(data["coder"], folder, tuple(data["gold_stories"]), tuple(data["judged_stories"]),
                        dict(data["learned"]), data["before"], data["after"], dict(data["files"]),
                        str(data.get("before_models", "")))
        result.rows(), result.judged_rows()
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise RefitError(path, f"is not a readable refit ({error}); refit again to replace it") from None
    for name, digest in result.files.items():
        model = folder / name
        if not model.is_file() or sha256(model) != digest:
            raise RefitError(model, "is missing or not the file the refit wrote (its SHA-256 differs); "
                                    "refit again to replace it")
    return result


def _result_json(coder: str, found, files: dict[str, bytes], before_models: str) -> bytes:
    def side(figures) -> dict:
        return {"gold": figures.gold_pooled, "judged": {m: [t.agree, t.total] for m, t in figures.judged.items()}}

    data = {"format": RESULT_FORMAT, "coder": coder, "gold_stories": list(found.gold_stories),
            "judged_stories": list(found.judged_stories), "learned": found.learned,
            "before": side(found.before), "after": side(found.after), "before_models": before_models,
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}}
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


class Refitter(Tracked):
    """One refit at a time for a workspace, and which models its analyses use."""

    def __init__(self, registry: Registry, gold: Sequence[str | Path] | None = None) -> None:
        self.registry = registry
        self.gold = [Path(p) for p in (shipped_gold() if gold is None else gold)]
        self.shipped = registry.settings
        self.in_use: str | None = None          # the coder whose refitted models the workspace uses (None: shipped)
        self.coder = ""                         # the coder of the running or last refit
        super().__init__(Status("waiting", 0, 0))
        self._thread: threading.Thread | None = None

    def judged(self, coder: str) -> tuple[list[Judged], dict[str, Any], list[str]]:
        """The coder's judgements in every analysed story, those stories' analyses, and one line per story left out
        (not analysed yet, or its gold file unreadable)."""
        found, current, left_out = [], {}, []
        slug = corrections.coder_slug(coder)
        for entry in self.registry.entries():
            if not corrections.gold_path(entry.directory, slug).is_file():
                continue
            if entry.analysis is None:
                left_out.append(f"{entry.title}: still being analysed")
                continue
            try:
                judged = judgements(entry.analysis, entry.directory, slug)
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
                left_out.append(f"{corrections.gold_path(entry.directory, slug)}: cannot be read ({error})")
                continue
            if judged.judgements:
                found.append(judged)
                current[entry.analysis.story.name] = entry.analysis
        return found, current, left_out

    def start(self, coder: str) -> bool:
        """Start a refit on ``coder``'s corrections; False when one is already running.

        Raises:
            ValueError: the coder's name is not usable, or they have judged nothing yet.
        """
        slug = corrections.coder_slug(coder)
        judged, current, _ = self.judged(coder)
        if not judged:
            raise ValueError(f"{coder} has saved no corrections in an analysed story yet: review some marks first")
        with self._lock:
            if self._status.state == "running":
                return False
            steps = progress_lines(len(self.gold), len(judged))
            self._status = Status("running", 0, steps, "starting")
            self.coder = slug
            self._thread = threading.Thread(target=self._run, args=(slug, judged, current, self.in_use or ""),
                                            name="refit", daemon=True)
        self._thread.start()
        return True

    def _run(self, coder: str, judged: list[Judged], current: dict[str, Any], before_models: str) -> None:
        from analysis.study.training import load_gold_story
        from reports.files import staged_output

        def progress(message: str) -> None:
            status = self.status
            self._set(done=min(status.done + 1, status.total), message=message)

        try:
            gold = [load_gold_story(d) for d in self.gold]
            found = adapt(gold, judged, self.shipped, current=current, progress=progress)
            folder = folder_of(self.registry.workspace, coder)
            with staged_output(folder) as staging:
                for name, data in sorted(found.files.items()):
                    (staging / name).write_bytes(data)
                (staging / RESULT).write_bytes(_result_json(coder, found, found.files, before_models))
        except (InputError, ValueError) as error:
            self._set(state="failed", error=str(error), message="")
            return
        except Exception as error:  # a bug must show on the page, not kill the thread silently
            traceback.print_exc()
            self._set(state="failed", error=f"the refit failed: {type(error).__name__}: {error}", message="")
            return
        self._set(state="done", done=self.status.total, message="refitted")

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def use(self, coder: str | None) -> None:
        """Analyse every story again with ``coder``'s refitted models (None: the shipped ones).

        Raises:
            RefitError, ModelError: the refit's folder or a model file in it cannot be used (nothing changes then).
        """
        if coder is None:
            settings = self.shipped
        else:
            folder = folder_of(self.registry.workspace, coder)
            if read_result(folder) is None:
                raise RefitError(folder, f"holds no refit of {coder}'s: refit first")
            settings = settings_with(self.shipped, folder)
            check_models(settings)
        self.registry.settings = settings
        self.in_use = None if coder is None else corrections.coder_slug(coder)
        for entry in self.registry.entries():
            self.registry.analyse(entry, again=True)


__all__ = ["RefitError", "Refitter", "Result", "check_models", "folder_of", "judgements", "model_hashes",
           "read_result", "settings_with", "shipped_gold"]
