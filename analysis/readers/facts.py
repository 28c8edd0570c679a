"""Names and words a text uses, and what the primary says in its own words.

A light reader shared by the event check, claims and omissions: the
capitalised names of a sentence, an opening dateline, title-case headlines,
and the primary's vocabulary (content stems, lower-case words) and quoting
sentences. Figures, dates and periods are read by
:mod:`analysis.readers.figures` and checked by :mod:`analysis.measures.figures`,
never here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.readers.cleaning import Body
from analysis.readers.figures import lexicon
from analysis.readers.quoted import quoted_spans
from analysis.settings import MAX_INITIALS, TITLE_CASE_SHARE
from analysis.text.sentences import Sentence
from analysis.text.tokens import content_stems, fold
from analysis.text.tokens import title_case as _title_case

# Figure units (analysis.readers.figures) that state an amount: compared by value, and a release's news.
AMOUNT_UNITS = ("count", "money", "percent", "ordinal", "duration")
# Words an abbreviation leaves out ("OIG" for "Office of the Inspector General"), and its longest.
_FUNCTION_WORDS = frozenset(("of", "the", "and", "for", "on", "in", "at", "to", "a", "an"))
# "WASHINGTON (AP) — ", "WASHINGTON, Sept. 16, 2025 — ", "Washington, DC - "
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’]+|[A-Z][a-z]+(?=,\s+[A-Z]{2}\b))(?:,?\s+(?:[A-Z][A-Za-z.'’]*|\d{1,4}))*(?:\s*\([^()]{1,40}\))?\s+[—–-]{1,2}\s+")


@dataclass(frozen=True)
class PrimaryFacts:
    """What the primary says in its own words, read once per story."""

    stems: frozenset[str]                 # content stems of the whole primary
    words: frozenset[str]                 # lower-case tokens of the whole primary
    quoted_sentences: frozenset[int]      # primary sentences holding quoted words
    initialisms: frozenset[str] = frozenset()  # initials of its runs of words ("FY" for "fiscal year")


def is_month(word: str) -> bool:
    """A capitalised month name or its news abbreviation ("May", "Sept."), as the figure reader knows them."""
    return word.rstrip(".").capitalize() in lexicon().months


def dateline_end(text: str) -> int:
    """Length of an opening dateline ("WASHINGTON (AP) — ") of a sentence, 0 if none."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


_NAME_TOKEN = re.compile(r"(?<![\w])[A-Za-z][A-Za-z]*(?:[-'’.][A-Za-z]+)*(?!\d)")
_POSSESSIVE = re.compile(r"['’]s$")


def names(text: str) -> list[str]:
    """Capitalised word tokens of ``text`` past its first word (names, titles), months excluded.

    A token run into digits ("FY2025", "A380") is a label, not a name.
    """
    return list(_names(text))


@lru_cache(maxsize=4096)
def _names(text: str) -> tuple[str, ...]:
    # Cached: the claims and the event check read the names of the same sentences.
    found = []
    for position, match in enumerate(_NAME_TOKEN.finditer(text)):
        word = match.group()
        if position == 0 or not word[:1].isupper() or len(word) < 2 or word == "I" or is_month(word):
            continue
        found.append(_POSSESSIVE.sub("", word))
    return tuple(found)


def title_case(sentence: Sentence, *, share: float = TITLE_CASE_SHARE) -> bool:
    """A headline or heading written in title case, where capitals say nothing about names."""
    words = [w for w in re.findall(r"[A-Za-z]+", sentence.text) if len(w) > 3]
    return sentence.kind in ("headline", "heading") and _title_case(words, share=share)


@lru_cache(maxsize=16)
def primary_facts(primary: Body) -> PrimaryFacts:
    """The primary's vocabulary and quoting sentences (cached per body)."""
    quoted = quoted_spans(primary)
    return PrimaryFacts(
        stems=frozenset(content_stems(primary.text)),
        words=frozenset(w.lower() for w in re.findall(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*", fold(primary.text))),
        quoted_sentences=frozenset(i for i, q in enumerate(quoted) if q),
        initialisms=initialisms(primary.text),
    )


def initialisms(text: str, *, max_initials: int = MAX_INITIALS) -> frozenset[str]:
    """Upper-case initials of every run of 2 to 6 consecutive words of each sentence of ``text``.

    Function words are passed over, so "Office of the Inspector General"
    gives "OIG" and "fiscal year" gives "FY": an article's abbreviation of the
    primary's words names nothing new.
    """
    found: set[str] = set()
    for sentence in re.split(r"[.!?;:\n]+", fold(text)):
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", sentence) if w.lower() not in _FUNCTION_WORDS]
        letters = "".join(w[0] for w in words).upper()
        found.update(letters[i:i + n] for n in range(2, max_initials + 1) for i in range(len(letters) - n + 1))
    return frozenset(found)
