"""The learned boilerplate-line and paywall decisions: features, model files, training and leave-one-story-out."""

import json
from pathlib import Path

import pytest

from analysis.learning.lines import RULES_ONLY, BinaryDecider
from analysis.learning.models import ModelError
from analysis.readers.cleaning import (LINE_FEATURE_SET, NO_CONTEXT, PageContext, clean, deciders_of, line_features,
                                       page_layout, paywall_features, shared_lines)
from analysis.settings import DEFAULT
from analysis.study import line_training
from corpus import load_story
from sourcedrift.cli import main
from tests.conftest import DEV_HARBOR

CORPUS = Path(DEV_HARBOR).parent
RULES = DEFAULT.updated({"boilerplate_model": "rules", "paywall_model": "rules"})


def _features(text: str, context: PageContext = NO_CONTEXT) -> dict[str, dict[str, float]]:
    page = page_layout(text, DEFAULT)
    return {line.text: found for line, found in zip(page.lines, line_features(page, context))}


PAGE = """Site News › Health

Ontario measles cases climb to 1,440

TORONTO — Public health officials said on Thursday that 1,440 people have caught measles since October.

"Measles is one of the most contagious diseases we know," said Dr. Kieran Moore.

-30-

Media contact: press@example.org, (416) 555-0143
Follow The Health Observer on X for updates
"""


@pytest.mark.parametrize("line, feature", [
    ("Site News › Health", "separator"),
    ("Site News › Health", "zone=above_headline"),
    ("Ontario measles cases climb to 1,440", "zone=headline"),
    ("TORONTO — Public health officials said on Thursday that 1,440 people have caught measles since October.",
     "dateline"),
    ("TORONTO — Public health officials said on Thursday that 1,440 people have caught measles since October.",
     "says"),
    ("TORONTO — Public health officials said on Thursday that 1,440 people have caught measles since October.",
     "counted_figure"),
    ('"Measles is one of the most contagious diseases we know," said Dr. Kieran Moore.', "quote_mark"),
    ("-30-", "end_marker"),
    ("Media contact: press@example.org, (416) 555-0143", "email"),
    ("Media contact: press@example.org, (416) 555-0143", "phone"),
    ("Media contact: press@example.org, (416) 555-0143", "label_colon"),
    ("Media contact: press@example.org, (416) 555-0143", "after_end_marker"),
    ("Follow The Health Observer on X for updates", "last_3"),
    ("Follow The Health Observer on X for updates", "prev:chrome"),
])
def test_a_line_shows_its_features(line, feature):
    assert feature in _features(PAGE)[line]


def test_a_line_lacks_the_features_it_does_not_show():
    quote = _features(PAGE)['"Measles is one of the most contagious diseases we know," said Dr. Kieran Moore.']
    assert not {"end_marker", "email", "phone", "zone=above_headline", "after_end_marker"} & set(quote)


def test_the_context_gives_the_manifest_headline_and_the_shared_lines():
    shared = shared_lines([PAGE, "Another page\n\n-30-\n"])
    assert shared == frozenset({"-30-"})
    found = _features(PAGE, PageContext(shared, "Ontario measles cases climb to 1,440"))
    assert "manifest_headline" in found["Ontario measles cases climb to 1,440"]
    assert "above_manifest_headline" in found["Site News › Health"]
    assert "shared_short" in found["-30-"]
    assert not {"manifest_headline", "shared_short"} & set(_features(PAGE)["-30-"])


def test_an_empty_page_has_no_features():
    assert line_features(page_layout("", DEFAULT)) == []


def test_the_shipped_models_decide_lines_and_paywalls():
    deciders = deciders_of(DEFAULT)
    assert isinstance(deciders.lines, BinaryDecider) and isinstance(deciders.paywall, BinaryDecider)
    assert [entry["task"] for entry in deciders.files()] == ["boilerplate_line", "paywall"]
    assert deciders_of(RULES) == RULES_ONLY
    cleaned = clean(PAGE, DEFAULT, context=PageContext(frozenset(), "Ontario measles cases climb to 1,440"))
    labels = {line.text: line.label for line in cleaned.lines}
    assert labels["Ontario measles cases climb to 1,440"] == "body"
    assert labels['"Measles is one of the most contagious diseases we know," said Dr. Kieran Moore.'] == "body"
    assert labels["-30-"] == labels["Media contact: press@example.org, (416) 555-0143"] == "boilerplate"
    model_reasons = [line.reason for line in cleaned.lines if line.label == "boilerplate"]
    assert all(reason.startswith("model: ") for reason in model_reasons)
    assert not cleaned.paywall.detected


def test_a_learned_paywall_is_detected_with_its_evidence():
    text = ("Council approves the new budget\n\n"
            "The city council approved a budget of $4 million on Tuesday after a long debate.\n\n"
            "Subscribe to keep reading. You've reached your free article limit.\n\n"
            "The city council approved a budget of $4 million on Tuesday after a long debate.\n")
    cleaned = clean(text, DEFAULT)
    assert cleaned.paywall.detected
    assert any("paywall prompt" in evidence for evidence in cleaned.paywall.evidence)
    features = paywall_features(cleaned.lines, cleaned.body, DEFAULT)
    assert features["paywall_prompt"] == 1.0 and features["repeated_paragraph"] == 1.0


def _config(tmp_path, **settings) -> str:
    config = tmp_path / "config.toml"
    config.write_text("[settings]\n" + "".join(f'{k} = "{v}"\n' for k, v in settings.items()), encoding="utf-8")
    return str(config)


@pytest.mark.parametrize("content, message", [
    (None, "model file not found"),
    (b"{not json", "not valid JSON"),
    (json.dumps({"format": "sourcedrift-linear-model", "format_version": 1, "task": "boilerplate_line",
                 "feature_set": "lines-0"}).encode(), "fitted on features 'lines-0'"),
    (json.dumps({"format": "sourcedrift-linear-model", "format_version": 1, "task": "claim_label",
                 "feature_set": LINE_FEATURE_SET}).encode(), "is for task 'claim_label'"),
])
def test_an_unusable_line_model_is_one_line_and_exit_2(tmp_path, capsys, content, message):
    model = tmp_path / "lines.json"
    if content is not None:
        model.write_bytes(content)
    out = tmp_path / "out"
    assert main(["analyze", str(DEV_HARBOR), "-o", str(out), "-q",
                 "--config", _config(tmp_path, boilerplate_model=model.as_posix())]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and message in error and "lines.json" in error
    assert not out.exists()
    with pytest.raises(ModelError):
        deciders_of(DEFAULT.updated({"paywall_model": model.as_posix()}))


def test_gold_pages_label_lines_from_gold_and_skip_the_primary():
    story, gold = _load(CORPUS / "dev_harbor")
    pages = line_training.gold_pages(story, gold)
    assert {p.file for p in pages} == {d.file for d in gold.documents}
    assert story.primary.file not in {p.file for p in pages}
    examples = line_training.line_examples(pages, DEFAULT)
    boilerplate = sum(e.label == "boilerplate" for e in examples)
    assert boilerplate == sum(1 for p in pages for line in page_layout(p.text, DEFAULT).lines if line.text in p.boilerplate)
    assert 0 < boilerplate < len(examples)


def _load(directory):
    from analysis.study.training import load_gold_story

    return load_gold_story(directory)


def test_leave_one_story_out_cleans_each_story_with_models_fitted_without_it():
    stories = [_load(CORPUS / name) for name in ("dev_harbor", "holdout_spill", "holdout_fraud")]
    pages = [p for story, gold in stories for p in line_training.gold_pages(story, gold)]
    folds = line_training.cross_fit(pages, DEFAULT)
    assert set(folds.lines) == {"dev_harbor", "holdout_spill", "holdout_fraud"}
    # Each fold's line model is the one fitted on the other stories' lines only.
    lines = line_training.line_examples(pages, DEFAULT)
    without = line_training.fit([e for e in lines if e.story != "dev_harbor"], line_training.LINE_PARAMS)
    assert folds.lines["dev_harbor"].weights == line_training.decider(without, "boilerplate_line").weights
    assert {e.story for e in folds.pages} == {"dev_harbor", "holdout_spill", "holdout_fraud"}
    deciders = folds.deciders("dev_harbor")
    assert deciders.lines is folds.lines["dev_harbor"] and deciders.paywall is not None


def test_the_rules_stay_the_baseline(tmp_path):
    story = load_story(DEV_HARBOR)
    for document in story.coverage:
        rules = clean(document.text, RULES)
        assert all(not line.reason.startswith("model") and "(model" not in line.reason for line in rules.lines)
        assert clean(document.text, DEFAULT, deciders=RULES_ONLY) == rules
