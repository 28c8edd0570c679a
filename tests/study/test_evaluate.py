"""analysis.study.evaluate: the codebook's scores, and the figures the foundation must reach."""

import pytest

from analysis.study.evaluate import METRICS, alpha, format_scores, prf, score
from analysis.study.gold import load_gold
from analysis.pipeline import analyse_story
from tests.conftest import BROKEN_HEART, DEV_HARBOR


@pytest.mark.parametrize("counts, expected", [
    ((3, 1, 0), (0.75, 1.0, 6 / 7)),
    ((0, 0, 4), (None, 0.0, 0.0)),
    ((0, 0, 0), (None, None, None)),
    ((0, 2, 0), (0.0, None, 0.0)),
])
def test_prf(counts, expected):
    assert prf(*counts) == pytest.approx(expected)


def test_alpha():
    assert alpha([]) is None
    assert alpha([("a", "a"), ("a", "a")]) == 1.0
    assert alpha([("a", "a"), ("b", "b"), ("a", "a")]) == pytest.approx(1.0)
    assert alpha([("a", "b"), ("b", "a"), ("a", "b"), ("b", "a")]) < 0


@pytest.fixture(scope="module")
def scores():
    from corpus import load_story

    found = {}
    for directory in (BROKEN_HEART, DEV_HARBOR):
        story = load_story(directory)
        found[directory.name] = score(analyse_story(story), load_gold(directory / "gold.toml", story))
    return found


@pytest.mark.parametrize("story", ["broken_heart", "dev_harbor"])
def test_foundation_figures(scores, story):
    assert set(scores[story]) == set(METRICS)
    assert scores[story]["boilerplate"]["f1"] >= 0.95
    assert scores[story]["documents"]["paywall_accuracy"] == 1.0


def test_unannotated_measures_are_null(scores):
    # broken_heart's gold annotates no claims or numbers: they are not scored.
    assert all(v is None for v in scores["broken_heart"]["claims"].values())
    assert all(v is None for v in scores["broken_heart"]["numbers"].values())


def test_format_scores_says_not_measured():
    lines = format_scores({"quotes": {"f1": None}, "boilerplate": {"f1": 1.0}})
    assert lines == ["quotes       not measured", "boilerplate  f1 1.000"]
