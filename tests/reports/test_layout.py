"""reports.layout: numbered lines that fit, keep every word once and in order, and carry the marks."""

from __future__ import annotations

import pytest

from reports.fonts import text_width
from reports.layout import LARGE, REGULAR, _width, lay_out, line_of, line_range
from reports.view import story_view
from tests.reports_fake import ALL_MEASURES, fake_dev_analysis


@pytest.fixture(scope="module")
def view():
    return story_view(fake_dev_analysis(), ready=ALL_MEASURES)


def _documents(view):
    return (view.primary,) + view.articles


@pytest.mark.parametrize("geometry", [REGULAR, LARGE], ids=["regular", "large"])
def test_every_line_fits_the_text_column(view, geometry):
    for doc in _documents(view):
        for line in lay_out(doc, geometry):
            assert _width(line.pieces, geometry, geometry.size, trailing=False) <= geometry.text_width + 0.01, (
                doc.key, line.number)


@pytest.mark.parametrize("geometry", [REGULAR, LARGE], ids=["regular", "large"])
def test_lines_hold_the_whole_body_once_in_order(view, geometry):
    for doc in _documents(view):
        lines = lay_out(doc, geometry)
        drawn = " ".join("".join(p.text for p in line.pieces if not p.is_badge) for line in lines)
        assert drawn.split() == doc.text.split(), doc.key


def test_numbers_run_from_one_and_large_print_has_more_lines(view):
    regular = lay_out(view.article("B"), REGULAR)
    large = lay_out(view.article("B"), LARGE)
    assert [line.number for line in regular] == list(range(1, len(regular) + 1))
    assert [line.label for line in regular] == [str(n) for n in range(1, len(regular) + 1)]
    assert len(large) > len(regular)


def test_primary_numbers_paragraphs_not_lines(view):
    lines = lay_out(view.primary, REGULAR)
    labels = [line.label for line in lines if line.label]
    assert labels == [str(n) for n in range(1, len(labels) + 1)]
    assert all(line.first for line in lines if line.label)


def test_one_mark_a_line_the_strongest_of_the_sentences_starting_there(view):
    strength = ("contradicted", "added", "quoted", "paraphrased")
    for doc in view.articles:
        lines = lay_out(doc, REGULAR)
        assert all(len(line.marks) <= 1 for line in lines)  # never a combined "+≈"
        starting: dict[int, set[str]] = {}
        for mark in doc.marks:
            starting.setdefault(line_of(lines, mark.offset), set()).add(mark.mark)
        for number, marks in starting.items():
            assert lines[number - 1].marks == (min(marks, key=strength.index),)
        assert sum(len(line.marks) for line in lines) == len(starting)


def test_badges_follow_their_words(view):
    b = view.article("B")
    lines = lay_out(b, REGULAR)
    pieces = [p for line in lines for p in line.pieces]
    i = next(i for i, p in enumerate(pieces) if p.is_badge and p.text.startswith("F1"))
    assert pieces[i].text == "F1 ✗ mismatch"
    assert pieces[i - 1].text.endswith("$6 MILLION")
    assert pieces[i - 1].fill == ("figure", "mismatch")


def test_quoted_text_is_underlined_with_its_label(view):
    b = view.article("B")
    pieces = [p for line in lay_out(b, REGULAR) for p in line.pieces]
    underlined = "".join(p.text for p in pieces if p.quoted and p.quote_label == "altered")
    assert underlined.startswith("Our harbors are not a free dumping ground")


def test_a_word_longer_than_the_line_is_broken():
    from dataclasses import replace

    view = story_view(fake_dev_analysis(), ready=frozenset())
    a = view.article("A")
    long_word = "x" * 400
    text = long_word + a.text[len(long_word):]
    lines = lay_out(replace(a, text=text), REGULAR)
    assert all(_width(l.pieces, REGULAR, REGULAR.size, trailing=False) <= REGULAR.text_width + 0.01 for l in lines)


@pytest.mark.parametrize("start, end, expected", [(0, 5, "line 1"), (0, 400, "lines 1–")])
def test_line_range(view, start, end, expected):
    lines = lay_out(view.article("A"), REGULAR)
    assert line_range(lines, start, end).startswith(expected)


def test_text_width_is_additive_and_scales():
    assert text_width("ab", 10) == pytest.approx(text_width("a", 10) + text_width("b", 10))
    assert text_width("abc", 20) == pytest.approx(2 * text_width("abc", 10))
    assert text_width("abc", 10, bold=True) > text_width("abc", 10)
