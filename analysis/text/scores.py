"""Reading a story's distribution of similarity scores: a quantile level and Tukey's upper fence.

A story's *baseline* (``Alignment.baseline``) is what sentences of its
primary score against each other; a measure judges an article sentence's
score against it rather than against one fixed cut-off.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def level(baseline: Sequence[float], quantile: float, default: float, *, min_sentences: int) -> float:
    """The ``quantile`` (0..1) of a story's ``baseline`` scores; ``default`` when it has fewer than ``min_sentences``."""
    if len(baseline) < max(min_sentences, 1):
        return default
    return round(float(np.quantile(np.asarray(baseline, dtype=np.float64), min(max(quantile, 0.0), 1.0))), 4)


def upper_fence(baseline: Sequence[float], k: float, default: float, *, min_sentences: int) -> float:
    """Tukey's upper fence of a story's ``baseline`` (third quartile + ``k`` interquartile ranges), at most 1.

    The top of what different sentences of the primary score against each
    other, short outliers aside ("Throw them out." scores high against
    anything); ``default`` when the baseline has fewer than ``min_sentences``.
    """
    if len(baseline) < max(min_sentences, 1):
        return default
    q1, q3 = np.quantile(np.asarray(baseline, dtype=np.float64), [0.25, 0.75])
    return round(float(min(1.0, q3 + k * (q3 - q1))), 4)
