"""reports.questions: tasks prompted by findings, pointing to places, with answers and rubrics."""

from __future__ import annotations


import pytest

from reports.layout import REGULAR, lay_out
from reports.questions import LEVELS, excerpt, questions
from reports.view import story_view
from tests.reports_fake import ALL_MEASURES, fake_dev_analysis


def _asked(analysis, ready=None):
    view = story_view(analysis, ready=ready)
    lines = {d.key: lay_out(d, REGULAR) for d in (view.primary,) + view.articles}
    return questions(view, lines)


@pytest.fixture(scope="module")
def asked():
    return _asked(fake_dev_analysis(), ALL_MEASURES)


@pytest.fixture(scope="module")
def broken_heart_asked(broken_heart):
    from analysis.pipeline import analyse_story

    return _asked(analyse_story(broken_heart))


def test_every_task_is_answered_with_a_rubric_of_three_levels(asked, broken_heart_asked):
    for found in (asked, broken_heart_asked):
        assert found
        for q in found:
            assert q.text.rstrip().endswith("?") and q.answer
            assert tuple(level.level for level in q.rubric) == LEVELS
            assert all(level.sample.strip() for level in q.rubric)


def test_no_answer_repeats_another_word_for_word(asked, broken_heart_asked):
    for found in (asked, broken_heart_asked):
        points = [point for q in found for point in q.answer]
        assert len(points) == len(set(points))


def test_at_most_two_tasks_per_article_then_a_comparison_and_the_headlines(asked, broken_heart_asked):
    for found in (asked, broken_heart_asked):
        per_article = {}
        for q in found:
            per_article[q.article] = per_article.get(q.article, 0) + 1
        assert all(n <= 2 for key, n in per_article.items() if key)
        assert [q.topic for q in found[-2:]] == ["compare", "headlines"]


def test_tasks_point_to_places(broken_heart_asked):
    # "Compare line 2 of Article B with R1": the changed figure against the published figures of 2018
    figure = next(q for q in broken_heart_asked if q.topic == "figure")
    assert figure.article == "B" and "line 2 of Article B" in figure.text and "R1" in figure.text
    assert "2200" in figure.answer[0] and "more than 2,300" in figure.answer[0]
    compare = next(q for q in broken_heart_asked if q.topic == "compare")
    assert "Operation Broken Heart (2018)" in compare.answer[-1] and "April and May 2019" in compare.answer[-1]


def test_the_headline_task_shows_the_primary_opening_and_each_headline_once(broken_heart_asked):
    headlines = broken_heart_asked[-1]
    assert "—" not in headlines.text and "it opens" in headlines.text
    assert len(headlines.answer) == 4
    assert any("Over 2,000" in point and "rounding" in point for point in headlines.answer)


def test_contradicted_sentences_prompt_a_task_in_a_story_on_the_same_event(asked):
    assert any(q.topic == "contradicted" and q.article == "B" for q in asked)


def test_no_added_task_for_an_article_on_another_event(asked):
    assert not [q for q in asked if q.topic == "added" and q.article == "E"]


@pytest.mark.parametrize("text, words, expected", [
    ("one two three", 5, "one two three"),
    ("one two three", 2, "one two …"),
    ("", 3, ""),
])
def test_excerpt(text, words, expected):
    assert excerpt(text, words) == expected
