"""analysis.learning: the claims estimators, model files, training, cross-validation and synthetic cases."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from analysis.measures import claims
from sourcedrift.cli import main
from analysis.learning import models
from analysis.learning.estimators import LinearClaimClassifier, RuleClaimClassifier
from analysis.study.synthetic import synthetic_articles
from analysis.records import EventCheck
from analysis.settings import DEFAULT
from tests._issue3_texts import PRIMARY, article, bodies, measured
from tests.conftest import DEV_HARBOR

CORPUS = Path(DEV_HARBOR).parent
TWO = [str(CORPUS / "dev_harbor"), str(CORPUS / "holdout_spill")]


def _features(**given) -> dict:
    """A sentence with nothing to note, with ``given`` features set."""
    base = {"conflict": 0, "same_event": 1, "event_specific": 0, "unsourced_quote": 0, "lacks_more": 0,
            "below_close": 0, "cue": 0, "history": 0, "heading": 0, "novel": 0, "below_topic": 0, "aside": 0,
            "score": 0.8}
    return {**base, **given}


@pytest.mark.parametrize("given, expected", [
    ({}, "supported"),
    ({"conflict": 1}, "contradicted"),
    ({"conflict": 1, "same_event": 0}, "added"),
    ({"unsourced_quote": 1}, "added"),
    ({"lacks_more": 1}, "supported"),
    ({"lacks_more": 1, "below_close": 1}, "added"),
    ({"cue": 1, "below_close": 1}, "added"),
    ({"novel": 1, "below_topic": 1}, "added"),
    ({"novel": 1, "below_topic": 1, "heading": 1}, "supported"),
])
def test_the_rules_baseline_is_the_old_cascade(given, expected):
    rules = RuleClaimClassifier().fit([], ["supported"])
    assert rules.predict([_features(**given)])[0] == expected


def test_unfitted_estimators_refuse_to_predict():
    for estimator in (RuleClaimClassifier(), LinearClaimClassifier()):
        with pytest.raises(NotFittedError):
            estimator.predict([_features()])


def _toy():
    X = [_features(conflict=1), _features(conflict=1, score=0.6), _features(novel=1, below_topic=1, score=0.1),
         _features(novel=1, below_topic=1, score=0.05), _features(), _features(score=0.9), _features(score=0.7)]
    y = ["contradicted", "contradicted", "added", "added", "supported", "supported", "supported"]
    return X, y


def test_the_linear_model_learns_fits_deterministically_and_survives_its_json():
    X, y = _toy()
    one = LinearClaimClassifier().fit(X, y)
    two = LinearClaimClassifier().fit(X, y)
    assert list(one.predict(X)) == y
    text = one.to_json(task="claim_label", feature_set="toy")
    assert text == two.to_json(task="claim_label", feature_set="toy")
    again = LinearClaimClassifier.from_document(json.loads(text))
    assert list(again.predict(X)) == y
    label, deciding = again.decide(_features(conflict=1))
    assert label == "contradicted" and deciding[0] == "conflict"


def test_a_feature_the_model_never_saw_is_ignored():
    X, y = _toy()
    model = LinearClaimClassifier().fit(X, y)
    assert model.predict([{**_features(conflict=1), "unheard_of": 5.0}])[0] == "contradicted"


def _write(path: Path, document) -> str:
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return str(path)


def _shipped() -> dict:
    return json.loads(models.model_path("claims_label.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, reason", [
    (None, "model file not found"),
    ("{not json", "not valid JSON"),
    ({"format": "pickle"}, "not a sourcedrift model file"),
    ({"format_version": 99}, "format version 99"),
    ({"feature_set": "claims-0"}, "fitted on features 'claims-0'"),
    ({"task": "claim_kind"}, "for task 'claim_kind'"),
    ({"coef": [[1.0]]}, "corrupt"),
])
def test_a_model_file_that_cannot_be_used_is_one_line_and_exit_2(tmp_path, capsys, change, reason):
    target = tmp_path / "claims_label.json"
    if change is not None:
        _write(target, change if isinstance(change, str) else {**_shipped(), **change})
    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\nclaims_label_model = "{target.as_posix()}"\n', encoding="utf-8")
    assert main(["analyze", str(DEV_HARBOR), "-o", str(tmp_path / "out"), "--config", str(config), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(target) in err[0] and reason in err[0], err
    assert not (tmp_path / "out").exists()


def test_the_shipped_models_load_and_name_their_feature_set():
    decider = models.claim_decider(DEFAULT, claims.FEATURE_SET)
    assert decider.label_model is not None and decider.kind_model is not None
    assert list(decider.label_model.estimator.classes_) == ["added", "contradicted", "supported"]
    assert [entry["file"] for entry in decider.files()] == ["claims_label.json", "claims_kind.json"]
    assert all(len(entry["sha256"]) == 64 for entry in decider.files())


def test_learned_labels_carry_their_reasons():
    primary, body, aligned = bodies(PRIMARY, article(
        "Cleanup crews removed 1,480 tons of industrial waste from harbor waters, the agency said."))
    quote_report, primary_figures, figure_report = measured(primary, body, aligned)
    report = claims.label(body, primary, aligned, quote_report, figure_report, EventCheck(True, 1.0, (), None),
                          primary_figures=primary_figures)
    changed = next(c for c in report.claims if "1,480" in c.text)
    assert changed.label == "contradicted"
    assert 1 <= len(changed.reasons) <= 3
    assert any("1,480" in reason for reason in changed.reasons), changed.reasons


def test_train_writes_byte_identical_models_that_evaluate_can_use(tmp_path, capsys):
    for run in ("one", "two"):
        assert main(["train", *TWO, "-o", str(tmp_path / run), "-q"]) == 0
    for name in ("claims_label.json", "claims_kind.json", "boilerplate_lines.json", "paywall.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    document = json.loads((tmp_path / "one" / "claims_label.json").read_text(encoding="utf-8"))
    assert document["meta"]["stories"] == ["dev_harbor", "holdout_spill"]
    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\nclaims_label_model = "{(tmp_path / "one" / "claims_label.json").as_posix()}"\n'
                      f'claims_kind_model = "{(tmp_path / "one" / "claims_kind.json").as_posix()}"\n'
                      f'boilerplate_model = "{(tmp_path / "one" / "boilerplate_lines.json").as_posix()}"\n'
                      f'paywall_model = "{(tmp_path / "one" / "paywall.json").as_posix()}"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", TWO[0], "--config", str(config)]) == 0
    assert "claims" in capsys.readouterr().out


def test_train_refuses_a_story_whose_gold_has_no_claims(tmp_path, capsys):
    assert main(["train", str(CORPUS / "broken_heart"), "-o", str(tmp_path / "m"), "-q"]) == 2
    assert "does not annotate claims" in capsys.readouterr().err


def test_leave_one_story_out_scores_each_story_and_the_pool(tmp_path, capsys):
    target = tmp_path / "cv.json"
    assert main(["evaluate", "--cv", *TWO, "--json", str(target)]) == 0
    scores = json.loads(target.read_text(encoding="utf-8"))
    assert set(scores["stories"]) == {"dev_harbor", "holdout_spill"}
    assert set(scores["pooled"]) == {"boilerplate", "quotes", "claims", "numbers", "documents", "agreement"}
    assert 0.0 <= scores["pooled"]["claims"]["not_supported_f1"] <= 1.0
    printed = capsys.readouterr().out
    assert "pooled" in printed and "holdout_spill" in printed


def test_cv_needs_two_stories(capsys):
    assert main(["evaluate", "--cv", TWO[0]]) == 2
    assert "two or more" in capsys.readouterr().err


def test_the_manifest_names_the_model_files_with_their_hashes(tmp_path):
    from analysis.pipeline import analyse_story
    from corpus import load_story
    from reports.bundle import model_files

    found = model_files([analyse_story(load_story(DEV_HARBOR))])
    # the quotation-label model decides only when chosen (its default is the rules)
    assert [entry["task"] for entry in found] == ["claim_label", "claim_kind", "boilerplate_line", "paywall",
                                                  "figure_label", "same_event"]
    rules = DEFAULT.updated({"claims_label_model": "rules", "claims_kind_model": "rules",
                             "boilerplate_model": "rules", "paywall_model": "rules", "figures_label_model": "rules",
                             "quotes_label_model": "rules", "event_model": "rules"})
    assert model_files([analyse_story(load_story(DEV_HARBOR), rules)]) == []


def test_synthetic_articles_edit_a_few_sentences_among_faithful_ones():
    sentences = ["Inspectors found 627 violations at 1,186 port facilities during the summer sweep.",
                 "The agency assessed $4.2 million in civil penalties and referred 37 cases to prosecutors.",
                 "Crews removed 1,840 tons of industrial waste from harbor waters in August.",
                 "\"Our harbors are not a free disposal service,\" said Administrator Mara Quill.",
                 "The sweep was ordered after complaints from 212 residents in 2024."]
    articles = synthetic_articles(sentences)
    assert articles == synthetic_articles(sentences)  # deterministic
    items = [item for found in articles for item in found]
    labels = [label for _, label, _ in items]
    assert {"supported", "contradicted", "added"} <= set(labels)
    for text, label, _ in items:
        if label == "contradicted":
            assert text not in sentences
        if label == "supported":
            assert any(text.split()[-1] in s for s in sentences)


def test_deciding_many_sentences_at_once_gives_each_ones_answer():
    X, y = _toy()
    model = LinearClaimClassifier().fit(X, y)
    assert model.decide_many(X) == [model.decide(x) for x in X]
    assert model.decide_many([]) == []


@pytest.mark.parametrize("value, ok", [("rules", True), ("my/claims_label.json", True), ("", False), (3, False)])
def test_a_model_setting_is_a_non_empty_text(value, ok):
    from analysis.settings import SettingError

    if ok:
        assert DEFAULT.updated({"claims_label_model": value}).claims_label_model == value
    else:
        with pytest.raises(SettingError, match="non-empty text"):
            DEFAULT.updated({"claims_label_model": value})
