"""The fidelity evidence of one quotation as a feature dict, and the codebook cascade over it.

``analysis.quotes`` aligns each article quotation word by word with the
primary and hands what it found here: the edits (:class:`analysis.quotes.Edit`),
the share of its words found, how many separate runs of primary words it
joins, its closing punctuation against the primary's, ellipses and brackets,
and the speaker check. :func:`features` turns that into numbers a decider
weighs (``analysis.learning.quote_labels``); :func:`cascade` is the
codebook's rule cascade over the same numbers (the baseline):

unsourced (too few words found) > misattributed (another speaker than the
primary's) > altered (an unmarked insertion, deletion or substitution) >
spliced (an unmarked cut or reordering) > marked (every edit marked, or a
closing ellipsis where the primary goes on) >
trivial (case, punctuation, spelling) > exact.

``FEATURE_SET`` names this set of features; a model file fitted on another
set is refused when it is loaded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

FEATURE_SET = "quotes-1"
LABELS = ("exact", "trivial", "marked", "spliced", "altered", "unsourced", "misattributed")


class _Edit(Protocol):
    kind: str
    article: str
    primary: str
    marked: bool


def features(edits: Sequence[_Edit], *, match: float, min_match: float, words: int, runs: int,
             closing_changed: bool, comma_for_stop: bool, ellipsis_start: bool, ellipsis_end: bool, brackets: bool,
             cut_is_attribution: bool, speaker: bool, primary_speaker: bool, compatible: bool,
             found: bool) -> dict[str, float]:
    """The evidence on one quotation, as numbers (booleans 0/1, counts, shares).

    Args:
        edits: the word-level differences from the primary.
        match: share of the quotation's words found in the primary (0..1).
        min_match: the share below which the cascade calls it unsourced.
        words: the quotation's length in words.
        runs: separate runs of primary words it joins (1 for one span).
        closing_changed: its last punctuation is not the primary's there.
        comma_for_stop: that change is a comma where the primary ends its sentence ("...dealer," she said).
        ellipsis_start: it opens with an ellipsis.
        ellipsis_end: it closes with an ellipsis where the primary goes on without one: a cut, marked.
        brackets: it holds square brackets.
        cut_is_attribution: every unmarked cut is the primary's own attribution ("said Jane Roe").
        speaker, primary_speaker: the article credits someone; the primary says who speaks.
        compatible: the two are one speaker (or the issuer and its spokesperson).
        found: the alignment found primary words for it at all.
    """
    x: dict[str, float] = {
        "match": round(match, 4),
        "below_min_match": float(match < min_match or not found),
        "log_words": round(math.log1p(words), 4),
        "extra_runs": float(max(runs - 1, 0)),
        "closing_changed": float(closing_changed),
        "comma_for_stop": float(comma_for_stop),
        "ellipsis_start": float(ellipsis_start),
        "ellipsis_end": float(ellipsis_end),
        "brackets": float(brackets),
        "cut_is_attribution": float(cut_is_attribution),
        "speaker_given": float(speaker),
        "primary_speaker_given": float(primary_speaker),
        "speaker_conflict": float(speaker and primary_speaker and not compatible),
    }
    for kind in ("case", "punctuation", "spelling", "insert", "delete", "substitute", "cut", "reorder"):
        x[f"{kind}_unmarked"] = 0.0
        x[f"{kind}_marked"] = 0.0
    x["words_changed_unmarked"] = 0.0
    for edit in edits:
        x[f"{edit.kind}_{'marked' if edit.marked else 'unmarked'}"] += 1.0
        if not edit.marked and edit.kind in ("insert", "delete", "substitute"):
            x["words_changed_unmarked"] += max(len(edit.article.split()), len(edit.primary.split()))
    x["log_words_changed_unmarked"] = round(math.log1p(x.pop("words_changed_unmarked")), 4)
    x[f"cascade={cascade(x)}"] = 1.0
    return x


def cascade(x: dict[str, float]) -> str:
    """The codebook's rule cascade over a feature dict (the baseline's label)."""
    if x["below_min_match"]:
        return "unsourced"
    if x["speaker_conflict"]:
        return "misattributed"
    if x["insert_unmarked"] or x["delete_unmarked"] or x["substitute_unmarked"]:
        return "altered"
    if x["cut_unmarked"] or x["reorder_unmarked"]:
        return "spliced"
    if x["ellipsis_end"] or any(x[f"{kind}_marked"] for kind in ("case", "punctuation", "spelling", "insert", "delete", "substitute",
                                             "cut", "reorder")):
        return "marked"
    if x["case_unmarked"] or x["punctuation_unmarked"] or x["spelling_unmarked"]:
        return "trivial"
    return "exact"
