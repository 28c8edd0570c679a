"""Which words of each sentence of a text are inside quotation marks.

Quotations of any length, read from the marks alone (no speaker, no
comparison with the primary: that is :mod:`analysis.measures.quotes`). The
alignment, claims, copying measures and the primary's facts read these spans
to keep quoted words apart from the reporter's own.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.readers.cleaning import Body

_OPENERS = "“«"
_CLOSERS = "”»"


def _quoted_in_paragraph(text: str) -> list[tuple[int, int]]:
    """Spans (into ``text``) of the words inside quotation marks.

    Straight double quotes open after a space or the start and close
    otherwise; a closing mark with no opener quotes from the paragraph's start
    (a block quote), an opener never closed quotes to its end (news
    convention for a quotation running on into the next paragraph).
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, ch in enumerate(text):
        if ch == '"':
            opening = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:"
            ch = "“" if opening and start is None else "”"
        if ch in _OPENERS:
            if start is None:
                start = i + 1
        elif ch in _CLOSERS:
            if start is None:
                if not spans and i > 0:
                    spans.append((0, i))
            else:
                spans.append((start, i))
                start = None
    if start is not None and start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


@lru_cache(maxsize=64)
def quoted_spans(body: Body) -> tuple[tuple[tuple[int, int], ...], ...]:
    """For each body sentence, the body spans of its quoted words (quotations of any length)."""
    by_paragraph = {p.index: [(p.start + a, p.start + b) for a, b in _quoted_in_paragraph(p.text)]
                    for p in body.paragraphs}
    result = []
    for sentence in body.sentences:
        pieces = []
        for a, b in by_paragraph.get(sentence.paragraph, ()):
            lo, hi = max(a, sentence.start), min(b, sentence.end)
            if hi > lo and body.text[lo:hi].strip(" \"“”'’‘,.;:!?…"):
                pieces.append((lo, hi))
        result.append(tuple(pieces))
    return tuple(result)
