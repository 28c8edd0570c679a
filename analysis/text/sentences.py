"""The text model: lines, paragraphs, sentences and words, each with its span.

Spans are ``(start, end)`` character offsets into the string they were cut
from. Sentences are split by NLTK's Punkt with a built-in abbreviation list
(``analysis/data/abbreviations.txt``), so no model is ever downloaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis.settings import word_list

ParagraphKind = Literal["headline", "bullet", "text"]

# A bullet: a bullet sign, or a list number ("1." / "2)") at the start of a line.
BULLET = re.compile(r"^[ \t]*(?:[•◦▪‣●○■□\-–—*]|\(?\d{1,2}[.)])[ \t]+(?=\S)")
# Words: numbers keep their separators ("2,300", "4.25"); words keep inner
# apostrophes and hyphens ("reporter’s", "two-month").
WORD = re.compile(r"\d+(?:[.,]\d+)*[A-Za-z]*|\w+(?:['’\-]\w+)*")


@dataclass(frozen=True)
class Line:
    """One line of a text; ``start``/``end`` cover it without surrounding spaces."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    kind: ParagraphKind


@dataclass(frozen=True)
class Sentence:
    """A sentence of a body; ``start``/``end`` in the body, ``doc_start``/``doc_end`` in the document."""

    index: int
    paragraph: int
    start: int
    end: int
    doc_start: int
    doc_end: int
    text: str
    kind: ParagraphKind


def lines(text: str) -> tuple[Line, ...]:
    """Every non-blank line of ``text``, stripped, with its span."""
    found = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            found.append(Line(len(found), start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return tuple(found)


def words(text: str, start: int = 0, end: int | None = None) -> tuple[Word, ...]:
    """The words of ``text[start:end]``, spans into ``text``."""
    end = len(text) if end is None else end
    return tuple(Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end))


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def bullet_marker(text: str) -> int:
    """Length of a leading bullet sign or list number in ``text`` (0 if none)."""
    match = BULLET.match(text)
    return match.end() if match else 0


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types.update(word_list("abbreviations"))
    # Single letters are initials ("William P. Barr"), never sentence ends.
    params.abbrev_types.update("abcdefghijklmnopqrstuvwxyz")
    return PunktSentenceTokenizer(params)


_CLOSERS = "\"'”’)]"


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (a paragraph), into ``text``.

    Punkt's split is kept, except that a closing quote mark or bracket left at
    the start of the next sentence is moved back to the one it closes.
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans = [[start + a, start + b] for a, b in _punkt().span_tokenize(chunk)] if chunk.strip() else []
    for previous, current in zip(spans, spans[1:]):
        while current[0] < current[1] and text[current[0]] in _CLOSERS and text[current[0] - 1] in ".!?\"'”’ ":
            # Punkt sometimes leaves '”' at the start of the next sentence.
            if text[current[0] - 1] == " ":
                break
            previous[1] = current[0] + 1
            current[0] += 1
        while current[0] < current[1] and text[current[0]].isspace():
            current[0] += 1
    return [(a, b) for a, b in spans if b > a]
