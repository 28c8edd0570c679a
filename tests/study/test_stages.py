"""Fitting the models in dependency order in one run (analysis.study.stages, ``sourcedrift train``)."""

from __future__ import annotations

import json
from dataclasses import replace

from analysis.learning.models import RULES, model_path
from analysis.pipeline import analyse_story
from analysis.settings import DEFAULT
from analysis.study import line_training
from analysis.study.stages import CLAIMS, CLEANING, DECISIONS, fit_in_stages, gold_examples_of
from analysis.study.training import load_gold_story
from sourcedrift.cli import main
from tests.conftest import EMBEDDED

THREE = [str(EMBEDDED / name) for name in ("dev_harbor", "holdout_spill", "holdout_fraud")]
MODEL_FILES = (*CLEANING, *DECISIONS, *CLAIMS)
SETTING_OF = {**CLEANING, **DECISIONS, **CLAIMS}


def _train(tmp_path, run: str, stories, *extra: str) -> dict[str, bytes]:
    assert main(["train", *stories, "-o", str(tmp_path / run), "-q", *extra]) == 0
    return {path.name: path.read_bytes() for path in sorted((tmp_path / run).iterdir())}


def test_train_gives_the_same_files_whatever_models_are_installed_and_again_on_a_second_run(tmp_path):
    config = tmp_path / "rules.toml"
    config.write_text("[settings]\n" + "".join(f'{setting} = "{RULES}"\n' for setting in SETTING_OF.values()),
                      encoding="utf-8")
    shipped = _train(tmp_path, "shipped", THREE)
    assert set(shipped) == set(MODEL_FILES)
    assert _train(tmp_path, "rules", THREE, "--config", str(config)) == shipped
    assert _train(tmp_path, "again", THREE) == shipped
    # With its own output installed, train gives it back: one run is the fixed point.
    installed = tmp_path / "installed.toml"
    installed.write_text("[settings]\n" + "".join(f'{setting} = "{(tmp_path / "shipped" / name).as_posix()}"\n'
                                                  for name, setting in SETTING_OF.items()), encoding="utf-8")
    assert _train(tmp_path, "installed", THREE, "--config", str(installed)) == shipped


def test_one_train_on_the_shipped_models_stories_gives_the_shipped_model_files(tmp_path):
    # The stories the shipped files were fitted on (all 27 gold stories annotating claims, when this was written).
    names = json.loads(model_path("claims_label.json").read_text(encoding="utf-8"))["meta"]["stories"]
    assert len(names) >= 27
    fitted = _train(tmp_path, "all", [str(EMBEDDED / name) for name in names])
    assert {name: model_path(name).read_bytes() for name in MODEL_FILES} == fitted


def test_each_stage_is_analysed_with_the_files_the_earlier_stages_of_the_run_fitted():
    stories = [load_gold_story(d) for d in THREE[:2]]
    pages = [page for story, gold in stories for page in line_training.gold_pages(story, gold)]
    seen = []

    def analyse(story, settings):
        seen.append({setting: getattr(settings, setting) for setting in SETTING_OF.values()})
        return analyse_story(story, settings)

    sources = [(story, gold_examples_of(gold)) for story, gold in stories]
    fitted = fit_in_stages(sources, DEFAULT, pages=pages, analyse=analyse)
    assert set(fitted.files) == set(MODEL_FILES) and len(seen) == 4
    decisions, claims = seen[:2], seen[2:]
    for settings in seen:
        assert settings["claims_label_model"] == settings["claims_kind_model"] == RULES
        for name, setting in CLEANING.items():
            assert settings[setting].endswith(f"/{name}") and "sourcedrift-train-" in settings[setting]
    assert all(settings[setting] == RULES for settings in decisions for setting in DECISIONS.values())
    for name, setting in DECISIONS.items():
        assert all(settings[setting].endswith(f"/{name}") and "sourcedrift-train-" in settings[setting]
                   for settings in claims)
    # A decision the given settings leave to the rules stays the rules in the claims stage (as train keeps the
    # toolkit's default of the quotation cascade); the others still come from the run.
    seen.clear()
    fit_in_stages(sources, DEFAULT, pages=pages, analyse=analyse,
                  rules_from=replace(DEFAULT, quotes_label_model=RULES, event_model=RULES))
    assert [s["quotes_label_model"] for s in seen[2:]] == [s["event_model"] for s in seen[2:]] == [RULES, RULES]
    assert all("sourcedrift-train-" in s["figures_label_model"] for s in seen[2:])
