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
    """The Snowball stem of a lower-case word; numbers lose their separators."""
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
