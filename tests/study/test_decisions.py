"""The learned figure and event decisions (analysis.learning.deciders, figure_training, event_training)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sklearn.exceptions import NotFittedError

from analysis.measures import event, figures as numbers
from sourcedrift.cli import main
from analysis.learning.deciders import (FigureDecider, RuleEventClassifier, RuleFigureClassifier, event_decider,
                                        figure_decider)
from analysis.learning.estimators import LinearClaimClassifier
from analysis.learning.models import LoadedModel, model_path
from analysis.records import EventCheck
from analysis.settings import DEFAULT
from tests._issue3_texts import PRIMARY, article, bodies
from tests.conftest import DEV_HARBOR

CORPUS = Path(DEV_HARBOR).parent
TWO = [str(CORPUS / "dev_harbor"), str(CORPUS / "holdout_spill")]
LEARNED = DEFAULT.updated({"figures_label_model": "figures_label.json", "event_model": "event.json"})
RULES = DEFAULT.updated({"figures_label_model": "rules", "event_model": "rules"})


def _rule(label: str, **given) -> dict:
    return {**{f"rule_{name}": float(name == label) for name in numbers.LABELS}, **given}


@pytest.mark.parametrize("label", numbers.LABELS)
def test_the_figure_rules_baseline_returns_the_hand_set_label(label):
    assert RuleFigureClassifier().fit([], []).predict([_rule(label)])[0] == label


@pytest.mark.parametrize("votes, expected", [(0.0, "same"), (0.5, "same"), (1.0, "different"), (2.5, "different")])
def test_the_event_rules_baseline_is_the_vote_formula(votes, expected):
    assert RuleEventClassifier(min_votes=1.0).fit([], []).predict([{"votes": votes}])[0] == expected


def test_unfitted_baselines_refuse_to_predict():
    for estimator in (RuleFigureClassifier(), RuleEventClassifier()):
        with pytest.raises(NotFittedError):
            estimator.predict([_rule("match", votes=0.0)])


def test_a_figure_decider_chooses_only_among_labels_a_source_figure_bears():
    X = [_rule("match", close=1.0), _rule("match", close=1.0), _rule("unsourced", close=0.0),
         _rule("mismatch", close=0.5), _rule("rounded", close=0.8)]
    y = ["match", "match", "unsourced", "mismatch", "rounded"]
    decider = FigureDecider(LoadedModel("toy", "", "figure_label", LinearClaimClassifier().fit(X, y)))
    assert decider.decide(_rule("match", close=1.0), numbers.LABELS)[0] == "match"
    label, deciding = decider.decide(_rule("match", close=1.0), ("unsourced", "mismatch"))
    assert label in ("unsourced", "mismatch") and len(deciding) <= 3


def test_the_shipped_models_load_and_the_defaults_are_the_figure_and_event_models():
    assert figure_decider(DEFAULT, numbers.FEATURE_SET).model is not None
    assert event_decider(DEFAULT, event.FEATURE_SET).model is not None
    assert event_decider(RULES, event.FEATURE_SET).model is None
    assert figure_decider(RULES, numbers.FEATURE_SET).model is None
    figures = figure_decider(LEARNED, numbers.FEATURE_SET)
    events = event_decider(LEARNED, event.FEATURE_SET)
    assert list(figures.model.estimator.classes_) == ["match", "mismatch", "rounded", "unsourced"]
    assert list(events.model.estimator.classes_) == ["different", "same"]
    assert [e["file"] for e in figures.files() + events.files()] == ["figures_label.json", "event.json"]


def _figures(text: str, settings=DEFAULT):
    primary, body, aligned = bodies(PRIMARY, article(text))
    same = EventCheck(True, 1.0, (), None)
    return numbers.check(body, numbers.extract(body), primary, numbers.extract(primary), aligned, same, settings)


@pytest.mark.parametrize("sentence, figure, label", [
    ("Cleanup crews removed 1,480 tons of industrial waste from harbor waters.", "1,480", "mismatch"),
    ("Cleanup crews removed 1,840 tons of industrial waste from harbor waters.", "1,840", "match"),
    ("Cleanup crews removed more than 1,800 tons of waste from harbor waters.", "more than 1,800", "rounded"),
    ("A smaller sweep in March 2019 caught 40 dumpers on the lakes.", "40", "unsourced"),
])
def test_the_learned_figure_labels_with_their_source(sentence, figure, label):
    found = next(f for f in _figures(sentence, LEARNED).figures if f.text == figure)
    assert found.label == label
    assert (found.source_text == "") == (label == "unsourced")


def test_the_rules_decide_figures_as_before_and_say_no_model_decided():
    for found in _figures("Cleanup crews removed 1,480 tons of industrial waste.", RULES).figures:
        assert "figure model" not in found.reason


@pytest.mark.parametrize("key", ["figures_label_model", "event_model"])
def test_a_figure_or_event_model_made_for_other_features_is_one_line_and_exit_2(tmp_path, capsys, key):
    name = "figures_label.json" if key == "figures_label_model" else "event.json"
    document = json.loads(model_path(name).read_text(encoding="utf-8"))
    target = tmp_path / name
    target.write_text(json.dumps({**document, "feature_set": "old-0"}), encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\n{key} = "{target.as_posix()}"\n', encoding="utf-8")
    assert main(["analyze", str(DEV_HARBOR), "-o", str(tmp_path / "out"), "--config", str(config), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(target) in err[0] and "old-0" in err[0], err


def test_train_writes_the_figure_and_event_models_byte_identically(tmp_path):
    for run in ("one", "two"):
        assert main(["train", *TWO, "-o", str(tmp_path / run), "-q"]) == 0
    data = (tmp_path / "one" / "figures_label.json").read_bytes()
    assert data == (tmp_path / "two" / "figures_label.json").read_bytes()
    document = json.loads(data)
    assert document["task"] == "figure_label" and document["feature_set"] == numbers.FEATURE_SET
    assert document["meta"]["stories"] == ["dev_harbor", "holdout_spill"]
    assert (tmp_path / "one" / "event.json").read_bytes() == (tmp_path / "two" / "event.json").read_bytes()


def test_cross_validation_reports_figures_and_events_beside_the_rules(tmp_path, capsys):
    target = tmp_path / "cv.json"
    assert main(["evaluate", "--cv", *TWO, "--json", str(target)]) == 0
    scores = json.loads(target.read_text(encoding="utf-8"))
    assert 0.0 <= scores["pooled"]["numbers"]["not_match_f1"] <= 1.0
    assert scores["baseline_pooled"]["documents"]["same_event_accuracy"] == 1.0
    assert "hand-set rules" in capsys.readouterr().out


def test_the_manifest_names_the_figure_and_event_models():
    from analysis.pipeline import analyse_story
    from corpus import load_story
    from reports.bundle import model_files

    tasks = [entry["task"] for entry in model_files([analyse_story(load_story(DEV_HARBOR), LEARNED)])]
    assert tasks[-2:] == ["figure_label", "same_event"]


@pytest.mark.parametrize("settings", [RULES, LEARNED], ids=["votes", "model"])
def test_an_article_published_well_before_its_primary_is_another_event_whatever_decides(settings):
    decider = event_decider(settings, event.FEATURE_SET)
    same_evidence = {"votes": -3.5, "years_same": 1.0, "figures_agree": 9.0, "officials_named": 2.0}
    assert decider.same_event(same_evidence)[0] is True
    assert decider.same_event({**same_evidence, "published_before": 1.0}) == (False, ("published_before",))


def test_the_event_model_is_fitted_without_the_hard_constraint():
    from analysis.study.event_training import EventExample, fit_event_model

    examples = [EventExample("s", f"a{i}.txt", {"votes": v, "published_before": float(v > 0)}, label)
                for i, (v, label) in enumerate([(2.0, "different"), (1.5, "different"), (-1.0, "same"),
                                                (-0.5, "same"), (0.0, "same")])]
    assert list(fit_event_model(examples).feature_names_) == ["votes"]


def test_the_quality_tables_score_every_learned_decider_fitted_on_all_and_the_rules_apart():
    from analysis.study.quality import fitted_on_all, rules_baseline
    from analysis.study.training import load_gold_story

    stories = [load_gold_story(d) for d in TWO]
    found = fitted_on_all(stories, DEFAULT)
    assert found.stories == ("dev_harbor", "holdout_spill")
    for scores in (*found.per_story, found.pooled):
        assert {"boilerplate", "quotes", "claims", "numbers", "documents"} <= set(scores)
    # In-sample, the event model fitted on both stories decides each of their documents right.
    assert found.pooled["documents"]["same_event_accuracy"] == 1.0
    per_story, pooled = rules_baseline(stories, DEFAULT)
    assert len(per_story) == 2 and 0.0 <= pooled["numbers"]["not_match_f1"] <= 1.0
    assert pooled["documents"]["same_event_accuracy"] == 1.0
