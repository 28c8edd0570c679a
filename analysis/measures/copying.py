"""Copying (churnalism): how much an article takes verbatim from the primary.

A word is *copied* when it lies in a run of at least ``copy_min_words``
words that the primary has word for word (case, curly quotes and dashes
folded). Runs are found greedily left to right against an index of the
primary's word n-grams, so the cost is linear in the article's length.

Quotations are counted apart from the reporter's own words: quoting a release
is reporting, reusing its prose unattributed is churnalism. Every share is in
0..1, higher = more copied; an empty text gives 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.measures.quotes import QuoteReport
from analysis.readers.cleaning import Body
from analysis.readers.quoted import quoted_spans
from analysis.settings import DEFAULT, Settings
from analysis.text.tokens import TOKEN, fold



@dataclass(frozen=True)
class CopiedPassage:
    """A run of words the article shares verbatim with the primary."""

    span: tuple[int, int]           # document offsets in the article
    primary_span: tuple[int, int]   # document offsets in the primary
    words: int
    quoted: bool                    # most of its words are inside a quotation


@dataclass(frozen=True)
class Copying:
    article_share: float = 0.0      # share of the article's words copied from the primary
    primary_share: float = 0.0      # share of the primary's words reused
    own_share: float = 0.0          # share of the reporter's own (unquoted) words copied
    quoted_share: float = 0.0       # share of quoted words copied verbatim
    primary_own_share: float = 0.0  # share of the primary's words reused in the reporter's own words
    article_words: int = 0
    own_words: int = 0
    quoted_words: int = 0
    passages: tuple[CopiedPassage, ...] = ()


def _words(body: Body) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    text = fold(body.text).lower()
    found = [(m.group(), (m.start(), m.end())) for m in TOKEN.finditer(text)]
    return tuple(w for w, _ in found), tuple(s for _, s in found)


@lru_cache(maxsize=16)
def _primary_index(primary: Body, k: int) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...], dict]:
    """The primary's words, their spans, and its k-grams -> first position."""
    words, spans = _words(primary)
    index: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - k + 1):
        index.setdefault(words[i:i + k], i)
    return words, spans, index


def _quoted_mask(article: Body, spans: tuple[tuple[int, int], ...], quotes: QuoteReport) -> list[bool]:
    """Which article words lie inside quotation marks (our reading, plus the quote report's segments)."""
    inside = sorted((a, b) for pieces in quoted_spans(article) for a, b in pieces)
    segments = sorted(segment for quote in quotes.quotes for segment in (quote.segments or (quote.span,)))
    mask = []
    k = 0
    for start, _ in spans:  # words and spans both in order: one pointer walk
        while k < len(inside) and inside[k][1] <= start:
            k += 1
        quoted = k < len(inside) and inside[k][0] <= start
        if not quoted and segments:
            doc_start = article.document_offset(start)
            quoted = any(a <= doc_start < b for a, b in segments)
        mask.append(quoted)
    return mask


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def measure(article: Body, primary: Body, quotes: QuoteReport, settings: Settings = DEFAULT) -> Copying:
    """The verbatim overlap of ``article`` with ``primary``, quotations apart from own words."""
    k = max(1, settings.copy_min_words)
    words, spans = _words(article)
    if not words:
        return Copying()
    primary_words, primary_spans, index = _primary_index(primary, k)
    quoted = _quoted_mask(article, spans, quotes)
    copied = [False] * len(words)
    reused = [False] * len(primary_words)
    reused_own = [False] * len(primary_words)
    passages = []
    i = 0
    while i <= len(words) - k:
        start = index.get(words[i:i + k])
        if start is None:
            i += 1
            continue
        length = k
        while (i + length < len(words) and start + length < len(primary_words)
               and words[i + length] == primary_words[start + length]):
            length += 1
        in_quote = sum(quoted[i:i + length]) * 2 > length
        for offset in range(length):
            copied[i + offset] = True
            reused[start + offset] = True
            if not quoted[i + offset]:
                reused_own[start + offset] = True
        passages.append(CopiedPassage(
            span=article.to_document(spans[i][0], spans[i + length - 1][1]),
            primary_span=primary.to_document(primary_spans[start][0], primary_spans[start + length - 1][1]),
            words=length,
            quoted=in_quote,
        ))
        i += length
    own_total = sum(1 for q in quoted if not q)
    quoted_total = len(words) - own_total
    return Copying(
        article_share=_share(sum(copied), len(words)),
        primary_share=_share(sum(reused), len(primary_words)),
        own_share=_share(sum(1 for c, q in zip(copied, quoted) if c and not q), own_total),
        quoted_share=_share(sum(1 for c, q in zip(copied, quoted) if c and q), quoted_total),
        primary_own_share=_share(sum(reused_own), len(primary_words)),
        article_words=len(words),
        own_words=own_total,
        quoted_words=quoted_total,
        passages=tuple(passages),
    )
