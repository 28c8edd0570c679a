"""Quotation labels from their fidelity evidence: quotes.fidelity_features, learning.quote_labels, study.quote_training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sklearn.exceptions import NotFittedError

from analysis.learning import models
from analysis.learning.quote_labels import (LABELS, QUOTE_PARAMS, QUOTE_TASK, RuleQuoteClassifier, cascade,
                                            fit_quote_model, quote_decider)
from analysis.measures import quotes
from analysis.measures.quotes import FEATURE_SET, Edit, fidelity_features
from analysis.study.quote_training import quote_examples
from sourcedrift.cli import main
from analysis.settings import DEFAULT
from tests.conftest import DEV_HARBOR
from tests.measures.test_quotes import PRIMARY, body_of

CORPUS = Path(DEV_HARBOR).parent
TWO = [str(CORPUS / "dev_harbor"), str(CORPUS / "holdout_spill")]


def _x(*edits: Edit, **given) -> dict:
    """The features of a quotation found whole in the primary, credited to its speaker, with ``edits``."""
    base = dict(match=1.0, min_match=0.6, words=12, runs=1, closing_changed=False, comma_for_stop=False,
                ellipsis_start=False, ellipsis_end=False, brackets=False, cut_is_attribution=False, speaker=True,
                primary_speaker=True, compatible=True, found=True)
    return fidelity_features(edits, **{**base, **given})


@pytest.mark.parametrize("x, expected", [
    (_x(), "exact"),
    (_x(Edit("case", "the", "The", False)), "trivial"),
    (_x(Edit("punctuation", "it,", "it.", False)), "trivial"),
    (_x(Edit("cut", "", "and we acted", True)), "marked"),
    (_x(Edit("substitute", "[the agency]", "we", True)), "marked"),
    (_x(ellipsis_end=True), "marked"),
    (_x(Edit("cut", "", "We will be back next year.", False), runs=2), "spliced"),
    (_x(Edit("reorder", "", "", False)), "spliced"),
    (_x(Edit("substitute", "rusting", "leaking", False)), "altered"),
    (_x(Edit("cut", "", "x", False), Edit("insert", "very", "", False)), "altered"),
    (_x(match=0.4), "unsourced"),
    (_x(found=False, match=0.0), "unsourced"),
    (_x(compatible=False), "misattributed"),
    (_x(Edit("substitute", "rusting", "leaking", False), compatible=False), "misattributed"),
    (_x(compatible=False, match=0.3), "unsourced"),
])
def test_the_cascade_is_the_codebook_order(x, expected):
    assert cascade(x) == expected
    assert RuleQuoteClassifier().fit([], ["exact"]).predict([x])[0] == expected
    assert x[f"cascade={expected}"] == 1.0


def test_features_count_edits_marked_and_unmarked():
    x = _x(Edit("substitute", "a big", "one", False), Edit("cut", "", "and we acted", True))
    assert x["substitute_unmarked"] == 1.0 and x["cut_marked"] == 1.0 and x["cut_unmarked"] == 0.0
    assert x["log_words_changed_unmarked"] > 0


def test_the_unfitted_cascade_refuses_to_predict():
    with pytest.raises(NotFittedError):
        RuleQuoteClassifier().predict([_x()])


def test_the_learned_model_fits_deterministically_and_survives_its_json():
    examples = [_x(), _x(Edit("case", "the", "The", False)), _x(match=0.2), _x(compatible=False)] * 3
    labels = ["exact", "trivial", "unsourced", "misattributed"] * 3
    from analysis.learning.estimators import LinearClaimClassifier

    one = LinearClaimClassifier(**QUOTE_PARAMS).fit(examples, labels)
    two = LinearClaimClassifier(**QUOTE_PARAMS).fit(examples, labels)
    data = one.to_json(task=QUOTE_TASK, feature_set=FEATURE_SET)
    assert data == two.to_json(task=QUOTE_TASK, feature_set=FEATURE_SET)
    back = LinearClaimClassifier.from_document(json.loads(data))
    assert list(back.predict(examples)) == list(one.predict(examples))


def test_the_default_is_the_cascade_and_the_shipped_model_loads():
    assert quote_decider(DEFAULT, FEATURE_SET).model is None and quote_decider(DEFAULT, FEATURE_SET).files() == []
    shipped = quote_decider(DEFAULT.updated({"quotes_label_model": "quotes_label.json"}), FEATURE_SET)
    assert shipped.model is not None and shipped.model.task == QUOTE_TASK
    assert set(shipped.model.estimator.classes_) == set(LABELS)
    assert [entry["file"] for entry in shipped.files()] == ["quotes_label.json"]


@pytest.mark.parametrize("model", ["rules", "quotes_label.json"])
def test_a_verbatim_quotation_is_exact_whichever_decides(model):
    settings = DEFAULT.updated({"quotes_label_model": model})
    article = "“We found drums rusting on the pier,” Jane Roe said."
    _, (report,) = quotes.analyse_story(body_of(PRIMARY), [body_of(article)], settings)
    (quote,) = report.quotes
    assert quote.label == "exact" and quote.reasons and dict(quote.features)["match"] == 1.0


@pytest.mark.parametrize("change, reason", [
    (None, "model file not found"),
    ({"task": "claim_label"}, "for task 'claim_label'"),
    ({"feature_set": "quotes-0"}, "fitted on features 'quotes-0'"),
])
def test_a_quotation_model_that_cannot_be_used_is_one_line_and_exit_2(tmp_path, capsys, change, reason):
    target = tmp_path / "quotes_label.json"
    if change is not None:
        shipped = json.loads(models.model_path("quotes_label.json").read_text(encoding="utf-8"))
        target.write_text(json.dumps({**shipped, **change}), encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\nquotes_label_model = "{target.as_posix()}"\n', encoding="utf-8")
    assert main(["analyze", str(DEV_HARBOR), "-o", str(tmp_path / "out"), "--config", str(config), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(target) in err[0] and reason in err[0], err


def test_train_writes_a_deterministic_quotation_model_and_cv_reports_the_baseline(tmp_path, capsys):
    for run in ("one", "two"):
        assert main(["train", *TWO, "-o", str(tmp_path / run), "-q"]) == 0
    one, two = (tmp_path / run / "quotes_label.json" for run in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()
    document = json.loads(one.read_text(encoding="utf-8"))
    assert document["task"] == QUOTE_TASK and document["meta"]["stories"] == ["dev_harbor", "holdout_spill"]
    target = tmp_path / "cv.json"
    assert main(["evaluate", "--cv", *TWO, "--json", str(target)]) == 0
    scores = json.loads(target.read_text(encoding="utf-8"))
    assert set(scores["baseline"]["stories"]) == {"dev_harbor", "holdout_spill"}
    assert scores["baseline"]["pooled"]["quotes"]["label_accuracy"] is not None
    assert "rules baseline" in capsys.readouterr().out


def test_quote_examples_pair_found_quotations_with_gold_labels():
    from analysis.pipeline import analyse_story
    from analysis.study.training import load_gold_story, rules_settings

    story, gold = load_gold_story(CORPUS / "holdout_spill")
    examples = quote_examples(analyse_story(story, rules_settings(DEFAULT)), gold)
    assert examples and all(e.label in LABELS for e in examples)
    model = fit_quote_model([e.features for e in examples], [e.label for e in examples])
    assert set(model.classes_) == {e.label for e in examples}
