"""Word tokens as the measures compare them: folded, lower-cased, stemmed.

The one tokeniser and stemmer the alignment, claims, omissions and copying
measures share: :func:`fold` turns curly quotes, dashes and no-break spaces
into their plain forms, :func:`tokens` splits a text into lower-case words
(numbers kept whole with their separators, inner apostrophes and hyphens
kept), :func:`stem` is NLTK's Snowball stemmer (cached), and
:func:`content_stems` keeps the stems of the words that carry content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Words: numbers keep their separators, words their inner apostrophes/hyphens.
_POSSESSIVE = re.compile(r"'s$")
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Curly quotes, dashes and no-break spaces folded to their plain forms."""
    return text.translate(_FOLD)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word; numbers lose their separators.

    The stemmer of the alignment and of everything compared with it (claims,
    omissions, the primary's facts).
    """
    if word[:1].isdigit():
        return word.replace(",", "")
    return _stemmer().stem(word)


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens of ``text`` (numbers kept whole)."""
    return tuple(TOKEN.findall(fold(text).lower()))


def is_content(word: str) -> bool:
    """A lower-case token that carries content: not a stop word, not a lone letter."""
    return word not in ENGLISH_STOP_WORDS and (len(word) > 1 or word.isdigit())


@lru_cache(maxsize=8192)
def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the content words of ``text``, in order; a possessive is its noun ("MMTA's" is "mmta")."""
    return tuple(stem(_POSSESSIVE.sub("", w).replace("'", "")) for w in tokens(text) if is_content(w))


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem.porter import PorterStemmer  # rules only: needs no NLTK data

    return PorterStemmer()


@lru_cache(maxsize=65536)
def porter_stem(word: str) -> str:
    """The Porter stem of ``word``, lower-cased: how figures name what they count and framing matches its terms.

    A second stemmer on purpose: Porter and Snowball differ on words such as
    "allegedly" ("allegedli" / "alleg") and "heartbreakingly", and these stems
    are written into the results (figure heads and contexts, framing's terms),
    so stemming them with :func:`stem` would change results.
    """
    return _porter().stem(word)


def title_case(words: Sequence[str], *, share: float, min_words: int = 1) -> bool:
    """Whether ``words`` (the ones a caller counts: long words, say) are set in title case.

    At least ``min_words`` of them, and at least ``share`` (0..1) of them
    capitalised. The one title-case test; callers choose the words and the
    thresholds (``analysis.settings``: TITLE_CASE_*).
    """
    return len(words) >= min_words and sum(w[:1].isupper() for w in words) >= share * len(words)
