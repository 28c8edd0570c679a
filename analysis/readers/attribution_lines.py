"""Attribution lines: a quotation credited by a line of its own, not by a verb of saying.

Releases, newsletters and explainers set quotations as blocks and credit
them on a separate line:

- a signature under the block, with or without a dash
  (``"..."`` / ``— Jane Roe, regional director``);
- a name heading the block (``Jane Roe, regional director`` / ``"..."``,
  or ``Jane Roe:``).

An *attribution line* is a short paragraph (``settings.quote_name_line_max_words``
words at most) that opens with a person's or a body's name, followed at most
by a comma and a description (a title, an office, an affiliation), with no
verb of saying and no sentence-ending mark but an optional closing colon. A
dash or a bullet before it (the cleaner keeps a bullet's text as a ``bullet``
paragraph and drops the mark) makes it a signature: it credits the block
above. Without one, it heads the quotation that opens the next paragraph, if
one does (a colon says so too); otherwise it signs the block above. These are
the only decisions taken here (documented constraints, not per-text cases).

Offsets are body offsets, as in :mod:`analysis.readers.speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.readers import speakers
from analysis.text.sentences import Paragraph, word_count

_DASH = re.compile(r"\s*(?:—|–|--|-)\s*")
_ENDS_SENTENCE = re.compile(r"[.!?]\s*$")


def name_line(text: str, paragraph: Paragraph, words: speakers.Lexicon, max_words: int) -> tuple[speakers.Mention, bool, bool] | None:
    """(the name, signed with a dash or bullet, ends in a colon) if ``paragraph`` is an attribution line, else None."""
    if paragraph.kind == "headline":
        return None
    lo, hi = paragraph.start, paragraph.end
    line = text[lo:hi].strip()
    if not line or word_count(line) > max_words or speakers.MASK in text[lo:hi]:
        return None
    dash = _DASH.match(text, lo)
    start = dash.end() if dash and dash.end() > lo and text[lo:dash.end()].strip() else lo
    while start < hi and text[start].isspace():
        start += 1
    signed = start > lo and bool(text[lo:start].strip()) or paragraph.kind == "bullet"
    colon = line.endswith(":")
    if _ENDS_SENTENCE.search(line) and not line.endswith(tuple(a + "." for a in ("Jr", "Sr", "Inc", "Ltd", "Co"))):
        return None
    if speakers.said_verbs_in(text, lo, hi):
        return None
    found = [m for m in words.within(lo, hi) if not m.in_title]
    if not found or found[0].start != start or found[0].kind not in ("person", "organisation"):
        return None
    rest = text[found[0].end:hi].strip().rstrip(":").strip()
    if rest and not rest.startswith(","):
        return None
    return found[0], signed, colon


def _opens(text: str, paragraph: Paragraph, at: int) -> bool:
    start = paragraph.start
    while start < paragraph.end and text[start].isspace():
        start += 1
    return at <= start


def _closes(text: str, paragraph: Paragraph, close_mark: int | None) -> bool:
    if close_mark is None:
        return True
    return len(text[close_mark + 1:paragraph.end].strip()) <= 1


def line_credit(text: str, paragraphs: Sequence[Paragraph], first: int, last: int, opening: int,
                close_mark: int | None, words: speakers.Lexicon, max_words: int,
                opens_paragraph: Sequence[bool]) -> speakers.Attribution | None:
    """The attribution line of the quotation spanning paragraphs ``first``..``last``, if it has one.

    ``opening``: where its first piece opens (its mark, or its text without one);
    ``close_mark``: its last closing mark (None if left open); ``opens_paragraph[k]``:
    whether a quotation opens paragraph ``k`` (a line between two blocks heads the next).
    """
    if first > 0 and _opens(text, paragraphs[first], opening):
        above = name_line(text, paragraphs[first - 1], words, max_words)
        if above is not None:
            mention, signed, colon = above
            if colon or not signed:
                return speakers.Attribution(mention, "name heading", " ".join(paragraphs[first - 1].text.split()))
    if last + 1 < len(paragraphs) and _closes(text, paragraphs[last], close_mark):
        below = name_line(text, paragraphs[last + 1], words, max_words)
        if below is not None:
            mention, signed, colon = below
            heads_next = last + 2 < len(paragraphs) and opens_paragraph[last + 2]
            if signed or not (colon or heads_next):
                return speakers.Attribution(mention, "signature line", " ".join(paragraphs[last + 1].text.split()))
    return None
