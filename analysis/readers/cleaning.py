"""Boilerplate, paywall and the body: what of a page is the article's own text.

Every line of a document is classified ``body`` or ``boilerplate`` (with a
category), the paywall is detected with its evidence, repeated teaser copy is
dropped, inline "(RELATED: ...)" links are cut, and what remains is the
:class:`Body` every other measure reads, with a map back to the document's
offsets so highlights land on the original words.

The method is rules over three zones of a page (the header above the first
paragraph of prose, the article, and the footer after its last paragraph)
plus the patterns in ``analysis/data/boilerplate_patterns.txt``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Literal

from analysis.settings import DEFAULT, HEADLINE_VARIANT_MIN_JACCARD, SHORT_PATTERN_WORDS, Settings
from analysis.text.sentences import Line, Paragraph, ParagraphKind, Sentence, bullet_marker, lines, sentence_spans, word_count

Category = Literal[
    "headline", "heading", "text", "bullet",  # body
    "crumb", "image_credit", "logo", "byline", "widget", "related_link",
    "bio", "licence", "comments", "subscription", "paywall",
]
BODY_CATEGORIES = ("headline", "heading", "text", "bullet")

# An inline link to another story, cut from the body wherever it stands.
INLINE_LINK = re.compile(r"[ \t]*\((?:RELATED|READ MORE|SEE ALSO|ALSO READ|WATCH)\s*:[^()\n]*\)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$|[\"”’][.!?]?$")


@dataclass(frozen=True)
class LineLabel:
    """One non-blank line of a document and what cleaning made of it."""

    index: int
    start: int
    end: int
    text: str
    label: Literal["body", "boilerplate"]
    category: Category
    reason: str
    repeated: bool = False  # body text repeated verbatim earlier (a paywall teaser): dropped


@dataclass(frozen=True)
class Paywall:
    """Whether the page is cut or interrupted by a paywall, and why we think so."""

    detected: bool
    evidence: tuple[str, ...]
    marker_lines: tuple[int, ...]
    repeated_lines: tuple[int, ...]
    truncated: bool


@dataclass(frozen=True)
class Body:
    """The article's own text, with a map back to the document.

    ``text`` joins the kept paragraphs with newlines. ``pieces`` are
    ``(body_start, doc_start, length)`` runs copied unchanged from the
    document, in order; :meth:`to_document` maps body offsets through them.
    """

    text: str
    pieces: tuple[tuple[int, int, int], ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    def to_document(self, start: int, end: int) -> tuple[int, int]:
        """Map a body span ``[start, end)`` to the document span covering it."""
        if not self.pieces:
            return (0, 0)
        return (self._map(start, left=True), self._map(max(start, end), left=False))

    @cached_property
    def _starts(self) -> tuple[int, ...]:
        """Body offsets where the pieces start (computed once; measures map many spans)."""
        return tuple(piece[0] for piece in self.pieces)

    def _map(self, offset: int, *, left: bool) -> int:
        # For a span's end, an offset on a piece boundary belongs to the piece before.
        index = bisect.bisect_right(self._starts, offset if left else offset - 1) - 1
        index = max(index, 0)
        body_start, doc_start, length = self.pieces[index]
        return doc_start + min(max(offset - body_start, 0), length)


@dataclass(frozen=True)
class Cleaning:
    """The result of cleaning one document."""

    lines: tuple[LineLabel, ...]
    paywall: Paywall
    body: Body
    cuts: tuple[tuple[int, int], ...]  # document spans removed inside body lines
    headline: str


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, str, re.Pattern], ...]:
    text = resources.files("analysis").joinpath("data/boilerplate_patterns.txt").read_text(encoding="utf-8")
    patterns = []
    for row in text.splitlines():
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        category, scope, regex = row.split("\t", 2)
        patterns.append((category, scope, re.compile(regex, re.IGNORECASE)))
    return tuple(patterns)


def chrome_category(text: str) -> str:
    """The boilerplate category a line's wording shows on its own, or ''."""
    # Specific wordings ("any") are tried before keyword-only ones ("short").
    for category, scope, pattern in _patterns():
        if scope == "any" and pattern.search(text):
            return category
    if word_count(text) <= SHORT_PATTERN_WORDS and len(text) <= 20 * SHORT_PATTERN_WORDS:
        for category, scope, pattern in _patterns():
            if scope == "short" and pattern.search(text):
                return category
    if INLINE_LINK.fullmatch(text):
        return "related_link"
    return ""


def _is_prose(line: Line, settings: Settings) -> bool:
    return word_count(line.text) >= settings.prose_min_words and bool(_SENTENCE_END.search(line.text))


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _like_headline(text: str, headline: str, *, min_jaccard: float = HEADLINE_VARIANT_MIN_JACCARD) -> bool:
    """A variant of the headline (the same title repeated, a figure changed)."""
    a, b = _words_of(text), _words_of(headline)
    return bool(a and b) and len(a & b) / len(a | b) >= min_jaccard


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def clean(text: str, settings: Settings = DEFAULT, *, declared_paywall: str = "") -> Cleaning:
    """Classify every line of ``text``, detect a paywall and build the body.

    ``declared_paywall`` is paywall evidence found outside the text (the saved
    page's markup, recorded in the manifest). Never raises on any string; a
    text with no body gives an empty Body.
    """
    all_lines = lines(text)
    chrome = [chrome_category(line.text) for line in all_lines]
    prose = [not chrome[i] and _is_prose(line, settings) for i, line in enumerate(all_lines)]
    first_prose = next((i for i, p in enumerate(prose) if p), len(all_lines))

    # The headline: the first line above the first paragraph of prose that
    # looks like a title (five words or more, no page-chrome wording).
    headline = next(
        (i for i in range(first_prose)
         if not chrome[i] and word_count(all_lines[i].text) >= 5 and not prose[i]),
        None,
    )
    body_start = headline if headline is not None else first_prose

    # The footer: the run of lines at the end that are page chrome or short,
    # anchored by at least one line of chrome wording after the short ones.
    footer = len(all_lines)
    anchored = False
    for i in range(len(all_lines) - 1, body_start, -1):
        if chrome[i]:
            anchored = True
            footer = i
        elif anchored and _footer_scrap(all_lines[i].text, settings) and not prose[i]:
            footer = i
        else:
            break

    labels: list[tuple[str, str, str]] = []  # (label, category, reason)
    under_links = False  # inside a list of story links under a "More from ..." heading
    for i, line in enumerate(all_lines):
        words = word_count(line.text)
        if i and "\n\n" in text[all_lines[i - 1].end:line.start]:
            under_links = False  # a blank line ends the list
        if under_links and not chrome[i] and not _SENTENCE_END.search(line.text) \
                and words <= settings.link_max_words:
            labels.append(("boilerplate", "related_link", "listed under a related-links heading"))
            continue
        under_links = chrome[i] == "related_link" and words < settings.short_line_words \
            and not _SENTENCE_END.search(line.text.rstrip(":"))
        if chrome[i]:
            labels.append(("boilerplate", chrome[i], "wording"))
        elif i < body_start:
            labels.append(("boilerplate", "crumb", "above the headline"))
        elif i >= footer:
            labels.append(("boilerplate", _guess_chrome(line.text), "in the footer after the article"))
        elif i == headline:
            labels.append(("body", "headline", "headline"))
        elif headline is not None and i < first_prose:
            if _like_headline(line.text, all_lines[headline].text):
                labels.append(("body", "headline", "repeats the headline"))
            elif words < settings.short_line_words + 3 and not prose[i]:
                labels.append(("boilerplate", _guess_chrome(line.text), "short line between headline and article"))
            else:
                labels.append(("body", "text", "subheading"))
        elif bullet_marker(line.text):
            labels.append(("body", "bullet", "bullet"))
        elif words < settings.short_line_words and not _SENTENCE_END.search(line.text):
            labels.append(("body", "heading", "short heading inside the article"))
        else:
            labels.append(("body", "text", "prose"))

    # Repeated copy: a long body paragraph seen before is dropped (keep the first).
    seen: set[str] = set()
    repeated: set[int] = set()
    for i, line in enumerate(all_lines):
        if labels[i][0] != "body" or word_count(line.text) < settings.repeat_min_words:
            continue
        key = _normal(line.text)
        if key in seen:
            repeated.add(i)
        seen.add(key)

    line_labels = tuple(
        LineLabel(line.index, line.start, line.end, line.text, label, category, reason, i in repeated)
        for i, (line, (label, category, reason)) in enumerate(zip(all_lines, labels))
    )
    body, cuts = _build_body(text, line_labels)
    paywall = _paywall(line_labels, body, settings, declared_paywall)
    return Cleaning(
        lines=line_labels,
        paywall=paywall,
        body=body,
        cuts=cuts,
        headline=all_lines[headline].text if headline is not None else "",
    )


def _footer_scrap(text: str, settings: Settings) -> bool:
    """A short line that can be swept into the footer: not a sentence of four words or more."""
    words = word_count(text)
    return words < settings.short_line_words + 2 and (words < 4 or not _SENTENCE_END.search(text))


def _guess_chrome(text: str) -> str:
    """A category for a short chrome line whose wording names none."""
    words = text.split()
    if words and all(w[:1].isupper() for w in words if w.isalpha()) and 2 <= len(words) <= 4:
        return "byline" if len(words) >= 3 else "logo"
    return "widget" if text.endswith(":") else "logo"


def _build_body(text: str, line_labels: tuple[LineLabel, ...]) -> tuple[Body, tuple[tuple[int, int], ...]]:
    body_parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    cuts: list[tuple[int, int]] = []
    cursor = 0
    for line in line_labels:
        if line.label != "body" or line.repeated:
            continue
        start = line.start + (bullet_marker(text[line.start:line.end]) if line.category == "bullet" else 0)
        runs = []
        position = start
        for match in INLINE_LINK.finditer(text, start, line.end):
            cuts.append((match.start(), match.end()))
            runs.append((position, match.start()))
            position = match.end()
        runs.append((position, line.end))
        runs = [(a, b) for a, b in runs if b > a]
        if not runs:
            continue
        if body_parts:
            body_parts.append("\n")
            cursor += 1
        paragraph_start = cursor
        for a, b in runs:
            pieces.append((cursor, a, b - a))
            body_parts.append(text[a:b])
            cursor += b - a
        paragraph_text = "".join(text[a:b] for a, b in runs)
        kind: ParagraphKind = line.category if line.category in ("headline", "heading", "bullet") else "text"
        paragraphs.append(Paragraph(len(paragraphs), paragraph_start, cursor, paragraph_text, kind))
    body_text = "".join(body_parts)
    body = Body(body_text, tuple(pieces), tuple(paragraphs), ())
    for paragraph in paragraphs:
        if paragraph.kind in ("headline", "heading"):
            spans = [(paragraph.start, paragraph.end)]
        else:
            spans = sentence_spans(body_text, paragraph.start, paragraph.end)
        for a, b in spans:
            doc_start, doc_end = body.to_document(a, b)
            sentences.append(Sentence(len(sentences), paragraph.index, a, b, doc_start, doc_end, body_text[a:b], paragraph.kind))
    return Body(body_text, tuple(pieces), tuple(paragraphs), tuple(sentences)), tuple(cuts)


def _paywall(line_labels: tuple[LineLabel, ...], body: Body, settings: Settings, declared: str) -> Paywall:
    evidence = [f"page markup: {declared}"] if declared else []
    markers = tuple(line.index for line in line_labels if line.category == "paywall")
    if markers:
        shown = "; ".join(repr(line_labels[i].text[:60]) for i in markers[:2])
        evidence.append(f"paywall prompt: {shown}")
    repeats = tuple(line.index for line in line_labels if line.repeated)
    prompts = [line.index for line in line_labels if line.category in ("paywall", "subscription")]
    if repeats and prompts and min(prompts) < max(repeats):
        evidence.append(f"{len(repeats)} teaser paragraph(s) repeated around a subscription prompt")
    truncated = False
    if body.paragraphs:
        last = body.paragraphs[-1]
        ending = last.text.rstrip()
        if last.kind == "text" and word_count(ending) >= settings.prose_min_words and (
            not _SENTENCE_END.search(ending) or ending.endswith(("...", "…"))
        ):
            truncated = True
            evidence.append(f"text cut off mid-sentence: ...{ending[-50:]!r}")
    return Paywall(
        detected=bool(evidence),
        evidence=tuple(evidence),
        marker_lines=markers,
        repeated_lines=repeats,
        truncated=truncated,
    )
