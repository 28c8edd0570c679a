"""analysis.text.scores: a story's baseline scores read as a quantile level and Tukey's upper fence."""

from __future__ import annotations

import pytest

from analysis.text import scores


@pytest.mark.parametrize("baseline, quantile, expected", [
    ((0.1, 0.2, 0.3, 0.4, 0.5), 0.5, 0.3),
    ((0.1, 0.2, 0.3, 0.4, 0.5), 1.0, 0.5),
    ((0.1, 0.2, 0.3), 0.5, 0.15),             # too few sentences: the default
])
def test_level(baseline, quantile, expected):
    assert scores.level(baseline, quantile, 0.15, min_sentences=5) == expected


@pytest.mark.parametrize("baseline, expected", [
    ((0.1, 0.2, 0.3, 0.4, 0.5), 0.7),         # Q3 0.4 + 1.5 x IQR 0.2
    ((0.1, 0.1, 0.1, 0.1, 0.9), 0.1),         # one outlier ("Throw them out.") does not move it
    ((0.1, 0.2), 0.45),                       # too few sentences: the default
    ((0.5, 0.5, 0.9, 0.9, 0.9), 1.0),         # at most 1
])
def test_upper_fence(baseline, expected):
    assert scores.upper_fence(baseline, 1.5, 0.45, min_sentences=5) == pytest.approx(expected)
