"""reports.style and reports.fonts: contrast, colour never alone, every mark drawable."""

from __future__ import annotations

import pytest

from reports.fonts import covers, printable
from reports.style import FIGURE, QUOTE, SENTENCE, SERIES, contrast, text_pairs


@pytest.mark.parametrize("name, ink, paper", text_pairs(), ids=[p[0] for p in text_pairs()])
def test_text_contrast_is_at_least_4_5(name, ink, paper):
    assert contrast(ink, paper) >= 4.5


@pytest.mark.parametrize("a, b, expected", [("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0),
                                            ("#767676", "#FFFFFF", 4.54)])
def test_contrast_formula(a, b, expected):
    assert contrast(a, b) == pytest.approx(expected, abs=0.01)


def test_sentence_marks_differ_by_symbol_not_only_colour():
    symbols = [m.symbol for m in SENTENCE.values()]
    assert symbols == ["=", "≈", "+", "✗", "–"]
    assert len(set(symbols)) == len(symbols)


def test_quote_labels_that_differ_in_kind_differ_in_underline_style():
    # exact and trivial keep the words; every other label has its own line style or is named in its badge
    styles = {label: mark.line for label, mark in QUOTE.items() if label}
    assert styles["exact"] == styles["trivial"] == "solid"
    assert len({styles[k] for k in ("exact", "marked", "spliced", "unsourced", "misattributed")}) == 5
    assert all(mark.words for mark in QUOTE.values())


def test_figure_labels_have_distinct_symbols():
    symbols = [FIGURE[k].symbol for k in ("match", "rounded", "mismatch", "unsourced")]
    assert len(set(symbols)) == 4


def test_chart_series_that_share_a_chart_differ_by_hatch():
    for group in (("supported", "added", "contradicted"), ("match", "rounded", "mismatch", "unsourced")):
        hatches = [SERIES[k][1] for k in group]
        assert len(set(hatches)) == len(hatches)


def test_the_font_draws_every_mark():
    marks = "".join(m.symbol for group in (SENTENCE, FIGURE) for m in group.values()) + "“”‘’…¶█⚠•"
    assert covers(marks) and covers(marks, bold=True)


@pytest.mark.parametrize("text, expected", [
    ("plain", "plain"),
    ("tab\there", "tab here"),
    ("nul\x00", "nul\ufffd"),
    ("emoji 🙂", "emoji \ufffd"),
    ("line\nbreak", "line\nbreak"),
])
def test_printable_keeps_offsets(text, expected):
    assert printable(text) == expected
    assert len(printable(text)) == len(text)
