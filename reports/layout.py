"""Breaking a body into numbered lines, the same way for the HTML and the PDF.

Lines are broken here (by the font's own widths, see ``reports.fonts``), not
by the browser, so "line 12" means the same words on screen, on US Letter and
on A4. Each line is a list of pieces: runs of text in one style, and badges
(a quotation's or figure's label, a key fact's C ref) drawn inline.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reports.fonts import text_width
from reports.view import Badge, Decoration, DocumentView

BADGE_SCALE = 0.78     # badge text size relative to the body
BADGE_PAD = 2.0        # points of padding inside a badge, each side
BADGE_GAP = 1.5        # points between a badge and its neighbours
_WORD = re.compile(r"\S+\s*|\s+")
# When sentences of different marks start on one line, the line shows the first of these.
_MARK_ORDER = ("contradicted", "added", "quoted", "paraphrased", "left_out")


@dataclass(frozen=True)
class Geometry:
    """Sizes in points of a handout's text column."""

    size: float            # body text size
    leading: float         # line height
    number_width: float    # the line-number column
    mark_width: float      # the margin-mark column
    text_width: float      # the text column
    paragraph_gap: float   # extra space between paragraphs
    badge_scale: float = BADGE_SCALE   # badge text size relative to the body

    @property
    def badge_size(self) -> float:
        return round(self.size * self.badge_scale, 2)


# The text column fits the narrower of US Letter and A4 (A4: 595 pt wide),
# so both papers show the same lines. Large print: 18 pt, one column.
CONTENT_WIDTH = 511.0
REGULAR = Geometry(size=10.5, leading=15.5, number_width=26, mark_width=24, text_width=CONTENT_WIDTH - 56,
                   paragraph_gap=5)
LARGE = Geometry(size=18, leading=28, number_width=40, mark_width=36, text_width=CONTENT_WIDTH - 82,
                 paragraph_gap=8, badge_scale=1.0)  # nothing under 18 pt, badges included


@dataclass(frozen=True)
class Piece:
    text: str
    start: int                  # body offset of a run; -1 for a badge
    bold: bool = False
    fill: tuple[str, str | None] | None = None   # (layer, variant) whose tint is behind the text
    quoted: bool = False                          # underlined as a quotation...
    quote_label: str | None = None                # ...with this label's style (None: the primary's own)
    badge: Badge | None = None

    @property
    def is_badge(self) -> bool:
        return self.badge is not None


@dataclass(frozen=True)
class Line:
    number: int                 # 1-based within the document
    paragraph: int              # body paragraph index
    label: str                  # what the number column shows ("12", or a paragraph number)
    first: bool                 # first line of its paragraph
    start: int                  # body offsets covered
    end: int
    marks: tuple[str, ...]      # margin marks (keys of reports.style.SENTENCE), in order
    pieces: tuple[Piece, ...]
    kind: str                   # the paragraph's kind


def badge_width(text: str, geometry: Geometry) -> float:
    """Width of a badge showing ``text``, gaps included."""
    return text_width(text, geometry.badge_size, bold=True) + 2 * BADGE_PAD + 2 * BADGE_GAP


def badge_text(badge: Badge) -> str:
    """The words of a badge as drawn: its ref, then the label's symbol and words."""
    from reports.style import FIGURE, QUOTE

    if badge.layer == "figure":
        mark = FIGURE.get(badge.variant, FIGURE[None])
        if not badge.text:
            return mark.symbol
        return f"{badge.text} {mark.symbol} {mark.words}"
    if badge.layer == "quote":
        mark = QUOTE.get(badge.variant, QUOTE[None])
        return f"{badge.text} {mark.words}" if badge.variant is not None else badge.text
    return badge.text


def _style_at(offset: int, decorations: Sequence[Decoration]) -> dict:
    """The fill and underline of the text at ``offset``: a figure's tint over its sentence's."""
    style: dict = {"fill": None, "quoted": False, "quote_label": None}
    for d in decorations:
        if d.start <= offset < d.end:
            if d.layer == "figure":
                style["fill"] = ("figure", d.variant)
            elif d.layer == "sentence" and (style["fill"] is None or style["fill"][0] != "figure"):
                style["fill"] = ("sentence", d.variant)
            elif d.layer == "quote":
                style["quoted"], style["quote_label"] = True, d.variant
    return style


def lay_out(view: DocumentView, geometry: Geometry) -> tuple[Line, ...]:
    """Break ``view``'s body into lines that fit ``geometry.text_width``."""
    text = view.text
    decorations = view.decorations
    badges = sorted(view.badges, key=lambda b: (b.offset, b.before))
    bounds = sorted({d.start for d in decorations} | {d.end for d in decorations} | {b.offset for b in badges})
    mark_at = sorted((m.offset, m.mark) for m in view.marks)
    lines: list[Line] = []
    for paragraph in view.body.paragraphs:
        bold = paragraph.kind in ("headline", "heading")
        size = geometry.size
        # Items in reading order: text runs (split at every style boundary) and badges.
        items: list[Piece] = []
        cut = [b for b in bounds if paragraph.start < b < paragraph.end]
        for match in _WORD.finditer(text, paragraph.start, paragraph.end):
            points = [match.start()] + [c for c in cut if match.start() < c < match.end()] + [match.end()]
            for a, b in zip(points, points[1:]):
                _add_badges(items, badges, a, geometry, before_only=True)
                items.append(Piece(text[a:b], a, bold, **_style_at(a, decorations)))
                _add_badges(items, badges, b, geometry, after_only=True)
        if not items:
            continue
        # Units: items that must stay on one line (a break is allowed only after whitespace).
        units: list[list[Piece]] = [[]]
        for piece in items:
            units[-1].append(piece)
            if not piece.is_badge and piece.text[-1:].isspace():
                units.append([])
        units = [u for u in units if u]
        rows: list[list[Piece]] = [[]]
        used = 0.0
        for unit in units:
            width = _width(unit, geometry, size, trailing=False)
            if rows[-1] and used + width > geometry.text_width:
                rows.append([])
                used = 0.0
            if width > geometry.text_width:  # a word longer than the line: break it by characters
                for piece in _split_long(unit, geometry, size, geometry.text_width - used):
                    if piece is None:
                        rows.append([])
                        used = 0.0
                        continue
                    rows[-1].append(piece)
                    used += _width([piece], geometry, size, trailing=True)
                continue
            rows[-1].extend(unit)
            used += _width(unit, geometry, size, trailing=True)
        number_label = view.paragraph_numbers.get(paragraph.index)
        for r, row in enumerate(r for r in rows if r):
            starts = [p.start for p in row if not p.is_badge]
            start = min(starts) if starts else paragraph.start
            end = max((p.start + len(p.text) for p in row if not p.is_badge), default=start)
            number = len(lines) + 1
            if view.paragraph_numbers:
                label = str(number_label) if (r == 0 and number_label) else ""
            else:
                label = str(number)
            lines.append(Line(number, paragraph.index, label, r == 0, start, end, (), tuple(_merge(row)),
                              paragraph.kind))
    # Margin marks: on the line where each sentence starts.
    if mark_at:
        starts = [line.start for line in lines]
        grouped: dict[int, list[str]] = {}
        for offset, mark in mark_at:
            i = max(0, bisect.bisect_right(starts, offset) - 1)
            grouped.setdefault(i, []).append(mark)
        # One mark a line, the strongest, so no two symbols combine into a new one ("+≈").
        lines = [replace(line, marks=tuple(sorted(set(grouped[i]), key=_MARK_ORDER.index)[:1]) if i in grouped else ())
                 for i, line in enumerate(lines)]
    return tuple(lines)


def _add_badges(items: list[Piece], badges: Sequence[Badge], offset: int, geometry: Geometry, *,
                before_only: bool = False, after_only: bool = False) -> None:
    for badge in badges:
        if badge.offset != offset:
            continue
        if (before_only and not badge.before) or (after_only and badge.before):
            continue
        if any(p.badge is badge for p in items):
            continue
        items.append(Piece(badge_text(badge), -1, True, badge=badge))


def _width(unit: Sequence[Piece], geometry: Geometry, size: float, *, trailing: bool) -> float:
    total = 0.0
    for i, piece in enumerate(unit):
        if piece.is_badge:
            total += badge_width(piece.text, geometry)
        else:
            drawn = piece.text if trailing or i < len(unit) - 1 else piece.text.rstrip()
            total += text_width(drawn, size, piece.bold)
    return total


def _split_long(unit: Sequence[Piece], geometry: Geometry, size: float, room: float):
    """Pieces of an over-long unit, with None where a new line starts."""
    for piece in unit:
        if piece.is_badge:
            width = _width([piece], geometry, size, trailing=True)
            if width > room:
                yield None
                room = geometry.text_width
            yield piece
            room -= width
            continue
        chunk_start = 0
        used = 0.0
        for i, ch in enumerate(piece.text):
            w = text_width(ch, size, piece.bold)
            if used + w > room and i > chunk_start:
                yield replace(piece, text=piece.text[chunk_start:i], start=piece.start + chunk_start)
                yield None
                room = geometry.text_width
                chunk_start, used = i, 0.0
            used += w
        yield replace(piece, text=piece.text[chunk_start:], start=piece.start + chunk_start)
        room -= used


def _merge(row: Sequence[Piece]) -> list[Piece]:
    """Adjacent text runs of one style as one piece; trailing space of the line dropped."""
    merged: list[Piece] = []
    for piece in row:
        last = merged[-1] if merged else None
        if (last is not None and not last.is_badge and not piece.is_badge
                and _style(last) == _style(piece) and last.start + len(last.text) == piece.start):
            merged[-1] = replace(last, text=last.text + piece.text)
        else:
            merged.append(piece)
    while merged and not merged[-1].is_badge and not merged[-1].text.strip():
        merged.pop()
    if merged and not merged[-1].is_badge:
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip())
    return merged


def _style(piece: Piece) -> tuple:
    return piece.bold, piece.fill, piece.quoted, piece.quote_label


def line_of(lines: Sequence[Line], offset: int) -> int:
    """The number of the line holding body ``offset`` (0 if none)."""
    best = 0
    for line in lines:
        if line.start <= offset:
            best = line.number
        else:
            break
    return best


def line_range(lines: Sequence[Line], start: int, end: int) -> str:
    """"line 4" or "lines 4-6" for a body span."""
    first, last = line_of(lines, start), line_of(lines, max(start, end - 1))
    return f"line {first}" if first == last else f"lines {first}–{last}"
