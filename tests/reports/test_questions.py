"""reports.questions: questions prompted by findings, answers that point at the lines."""

from __future__ import annotations

import pytest

from reports.layout import REGULAR, lay_out
from reports.questions import MAX_QUESTIONS, TOPICS, excerpt, questions
from reports.view import story_view
from tests.reports_fake import ALL_MEASURES, fake_dev_analysis


def _asked(ready):
    view = story_view(fake_dev_analysis(), ready=ready)
    lines = {d.key: lay_out(d, REGULAR) for d in (view.primary,) + view.articles}
    return questions(view, lines)


@pytest.fixture(scope="module")
def asked():
    return _asked(ALL_MEASURES)


def test_at_most_max_and_every_one_answered(asked):
    assert 0 < len(asked) <= MAX_QUESTIONS
    assert all(q.text.endswith("?") and q.answer for q in asked)
    assert {q.topic for q in asked} <= set(TOPICS)


@pytest.mark.parametrize("topic, article, in_answer", [
    ("event", "E", "different event"),
    ("contradicted", "B", "Line"),
    ("misattributed", "C", "Okonjo-Marsh"),
    ("headlines", "", "contradicts the primary"),
])
def test_findings_prompt_questions(asked, topic, article, in_answer):
    found = [q for q in asked if q.topic == topic and q.article == article]
    assert found, (topic, article)
    assert any(in_answer in point for q in found for point in q.answer)


def test_no_added_question_for_an_article_on_another_event(asked):
    assert not [q for q in asked if q.topic == "added" and q.article == "E"]


def test_questions_spread_over_the_articles(asked):
    assert len({q.article for q in asked if q.article}) >= 5


def test_articles_in_order_then_the_whole_story(asked):
    keys = [q.article for q in asked]
    story_level = [i for i, k in enumerate(keys) if k == ""]
    assert story_level == list(range(len(keys) - len(story_level), len(keys)))
    assert [k for k in keys if k] == sorted(k for k in keys if k)


def test_with_no_measures_only_cleaning_and_the_headlines_prompt_questions():
    asked = _asked(frozenset())
    assert [(q.topic, q.article) for q in asked] == [("paywall", "D"), ("headlines", "")]
    assert asked[-1].answer[0].startswith("Open question")


@pytest.mark.parametrize("text, words, expected", [
    ("one two three", 5, "one two three"),
    ("one two three", 2, "one two …"),
    ("", 3, ""),
])
def test_excerpt(text, words, expected):
    assert excerpt(text, words) == expected
