"""The classroom handout as PDF (fpdf2, nothing beyond what pip installs), US Letter or A4.

The same pages as the HTML (see ``reports.handout``), drawn from the same
laid-out lines, so line numbers agree. Underline styles are drawn by hand
(solid, double, dashed, dotted, wavy) because they carry the quotation's
label in greyscale. Output is byte-identical for identical input: no
creation date is written and the file identifier is a hash of the content.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timezone

from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.fonts import BOLD, REGULAR, font_path, printable, text_width
from reports.handout import GRID_LEGEND, Handout, counts_line
from reports.layout import BADGE_GAP, BADGE_PAD, CONTENT_WIDTH, Line, Piece, badge_width, line_of
from reports.questions import excerpt, headline_mark
from reports.style import BOX_FILL, FIGURE, INK, KEY, MUTED, OKABE_ITO, QUOTE, RULE, SENTENCE, WARNING
from reports.view import DocumentView

PAPERS = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
TOP = 42.0
BOTTOM = 58.0          # room for the footer: two lines at 7.5 pt...
BOTTOM_LARGE = 100.0   # ...or three at 18 pt
FAMILY = "DejaVu"
FIXED_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


class _HandoutPDF(FPDF):
    def __init__(self, paper: str, copy: str, footer_text: str, large: bool) -> None:
        width, height = PAPERS[paper]
        super().__init__(unit="pt", format=(width, height))
        self.copy = copy
        self.footer_text = footer_text
        self.large = large
        self.left = (width - CONTENT_WIDTH) / 2
        self.set_margins(self.left, TOP, width - self.left - CONTENT_WIDTH)
        self.bottom = BOTTOM_LARGE if large else BOTTOM
        self.set_auto_page_break(True, margin=self.bottom)
        self.add_font(FAMILY, "", str(font_path(REGULAR)))
        self.add_font(FAMILY, "B", str(font_path(BOLD)))
        # No time stamp: identical runs give identical bytes (the reproducible-builds convention).
        self.set_creation_date(FIXED_DATE)
        self.set_creator("sourcedrift")
        self.set_producer("sourcedrift (fpdf2)")
        self.set_lang("en")
        self.continued = ""

    def small(self) -> float:
        return 18.0 if self.large else 9.0

    def footer(self) -> None:
        size = 18.0 if self.large else 7.5
        self.set_y(-self.bottom + 14)
        self.set_draw_color(*_rgb(RULE))
        self.set_line_width(0.75)
        self.line(self.left, self.get_y() - 3, self.left + CONTENT_WIDTH, self.get_y() - 3)
        self.set_font(FAMILY, "", size)
        self.set_text_color(*_rgb(MUTED))
        for text in (f"{self.copy} · page {self.page_no()}", self.footer_text):
            if text:
                self.multi_cell(CONTENT_WIDTH, size * 1.25, printable(text), align="L", new_x="LMARGIN",
                                new_y="NEXT")
        self.set_text_color(*_rgb(INK))

    def header(self) -> None:
        if self.continued:
            self.set_font(FAMILY, "", self.small())
            self.set_text_color(*_rgb(MUTED))
            self.cell(CONTENT_WIDTH, self.small() * 1.4, printable(f"{self.continued} (continued)"),
                      new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(*_rgb(INK))


class _Writer:
    """Draws a handout's pages onto an fpdf2 document."""

    def __init__(self, handout: Handout, paper: str, teacher: bool) -> None:
        self.handout = handout
        self.g = handout.geometry
        self.teacher = teacher
        copy = "Teacher copy" if teacher else "Student copy"
        self.pdf = _HandoutPDF(paper, copy, handout.footer, handout.large_print)
        self.pdf.set_title(f"{handout.view.title}: {copy.lower()}")
        self.pdf.set_author("sourcedrift")
        self.copy = copy

    # ------------------------------------------------------------- text blocks

    def font(self, size: float, bold: bool = False, colour: str = INK) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        self.pdf.set_text_color(*_rgb(colour))

    def text(self, text: str, size: float | None = None, *, bold: bool = False, colour: str = INK,
             after: float = 4.0, width: float = CONTENT_WIDTH) -> None:
        size = size or self.g.size
        self.font(size, bold, colour)
        self.pdf.set_x(self.pdf.l_margin)
        self.pdf.multi_cell(width, size * 1.35, printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(after)

    def heading(self, text: str, level: int = 1) -> None:
        scale = {1: 1.7, 2: 1.4, 3: 1.1}[level]
        size = self.g.size * scale
        self.need(size * 3)
        self.text(text, size, bold=True, after=4 if level < 3 else 2)

    def note(self, text: str) -> None:
        self.text(text, self.pdf.small(), colour=MUTED, after=3)

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` points are left on this one."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def box(self, paragraphs: Sequence[tuple[str, bool]], *, fill: str, border: str, width: float = 1.0,
            dashed: bool = False) -> None:
        """A framed box of paragraphs ``(text, bold)``."""
        size = self.pdf.small()
        pad = 6.0
        inner = CONTENT_WIDTH - 2 * pad
        heights = []
        for text, bold in paragraphs:
            self.font(size, bold)
            lines = self.pdf.multi_cell(inner, size * 1.35, printable(text), dry_run=True, output="LINES")
            heights.append(len(lines) * size * 1.35 + 2)
        total = sum(heights) + 2 * pad
        if total < self.pdf.page_break_trigger - TOP:
            self.need(total + 4)
        x, y = self.pdf.l_margin, self.pdf.get_y()
        self.pdf.set_fill_color(*_rgb(fill))
        self.pdf.set_draw_color(*_rgb(border))
        self.pdf.set_line_width(width)
        if dashed:
            self.pdf.set_dash_pattern(dash=3, gap=2)
        self.pdf.rect(x, y, CONTENT_WIDTH, total, style="DF")
        self.pdf.set_dash_pattern()
        self.pdf.set_y(y + pad)
        for (text, bold), _ in zip(paragraphs, heights):
            self.font(size, bold)
            self.pdf.set_x(x + pad)
            self.pdf.multi_cell(inner, size * 1.35, printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
            self.pdf.ln(2)
        self.pdf.set_y(max(self.pdf.get_y(), y + total) + 6)

    # ------------------------------------------------------------- body lines

    def body(self, lines: Sequence[Line], title: str) -> None:
        g = self.g
        pdf = self.pdf
        pdf.ln(4)
        self.pdf.continued = title
        for line in lines:
            gap = g.paragraph_gap if line.first and line.number > 1 else 0.0
            if pdf.get_y() + gap + g.leading > pdf.page_break_trigger:
                pdf.add_page()
                gap = 0.0
            y = pdf.get_y() + gap
            self.draw_line(line, y)
            pdf.set_y(y + g.leading)
        pdf.ln(6)
        self.pdf.continued = ""

    def draw_line(self, line: Line, top: float) -> None:
        g, pdf = self.g, self.pdf
        left = pdf.l_margin
        baseline = top + g.leading * 0.5 + g.size * 0.36
        if line.label:
            size = 18.0 if g.size >= 18 else 8.0
            self.font(size, False, MUTED)
            width = text_width(line.label, size)
            pdf.text(left + g.number_width - 4 - width, baseline, line.label)
        if line.marks:
            marks = "".join(SENTENCE[m].symbol for m in line.marks)
            self.font(g.size, True)
            width = text_width(marks, g.size, True)
            pdf.text(left + g.number_width + (g.mark_width - width) / 2, baseline, marks)
        x = left + g.number_width + g.mark_width
        for piece in line.pieces:
            x += self.draw_piece(piece, x, top, baseline)

    def draw_piece(self, piece: Piece, x: float, top: float, baseline: float) -> float:
        g, pdf = self.g, self.pdf
        if piece.badge is not None:
            badge = piece.badge
            width = badge_width(piece.text, g)
            if badge.layer == "figure":
                fill = FIGURE.get(badge.variant, FIGURE[None]).fill
            elif badge.layer == "quote":
                fill = QUOTE.get(badge.variant, QUOTE[None]).fill
            else:
                fill = KEY.fill
            height = g.badge_size * 1.25
            pdf.set_fill_color(*_rgb(fill))
            pdf.set_draw_color(*_rgb(RULE))
            pdf.set_line_width(0.6)
            pdf.rect(x + BADGE_GAP, baseline - g.badge_size * 0.95, width - 2 * BADGE_GAP, height, style="DF",
                     round_corners=True, corner_radius=1.5)
            self.font(g.badge_size, True)
            pdf.text(x + BADGE_GAP + BADGE_PAD, baseline - 0.5, piece.text)
            return width
        width = text_width(piece.text, g.size, piece.bold)
        if piece.fill is not None:
            layer, variant = piece.fill
            marks = FIGURE if layer == "figure" else SENTENCE
            colour = marks.get(variant, FIGURE[None] if layer == "figure" else SENTENCE["added"]).fill
            if colour:
                pdf.set_fill_color(*_rgb(colour))
                pdf.rect(x, top + 1, width, g.leading - 2, style="F")
        self.font(g.size, piece.bold)
        pdf.text(x, baseline, piece.text)
        if piece.quoted:
            text_end = x + text_width(piece.text.rstrip(), g.size, piece.bold)
            self.underline(x, text_end, baseline + 2.6, QUOTE.get(piece.quote_label, QUOTE[None]))
        return width

    def underline(self, x1: float, x2: float, y: float, mark) -> None:
        pdf = self.pdf
        if x2 <= x1:
            return
        pdf.set_draw_color(*_rgb(mark.line_colour or INK))
        pdf.set_line_width(1.1)
        style = mark.line
        if style == "double":
            pdf.set_line_width(0.7)
            pdf.line(x1, y - 0.4, x2, y - 0.4)
            pdf.line(x1, y + 1.6, x2, y + 1.6)
        elif style in ("dashed", "dotted"):
            pdf.set_dash_pattern(dash=3.0 if style == "dashed" else 1.0, gap=2.0 if style == "dashed" else 1.4)
            pdf.line(x1, y, x2, y)
            pdf.set_dash_pattern()
        elif style == "wavy":
            pdf.set_line_width(0.8)
            points, step = [], 0.75
            n = max(2, int((x2 - x1) / step))
            for i in range(n + 1):
                px = x1 + (x2 - x1) * i / n
                points.append((px, y + 0.2 + 1.0 * math.sin((px - x1) / 3.2 * 2 * math.pi)))
            pdf.polyline(points)
        else:
            pdf.line(x1, y, x2, y)

    # ------------------------------------------------------------- pages

    def legend(self) -> None:
        lines = ["Sentences: " + " · ".join(f"{m.symbol} {m.words}" for k, m in SENTENCE.items() if k != "left_out")]
        lines.append("Quotations are underlined, their label after them: solid exact or trivial, dashed marked edit, "
                     "double spliced or altered, dotted not in the primary, wavy misattributed.")
        lines.append("Figures checked: " + ", ".join(f"{FIGURE[k].symbol} {FIGURE[k].words}"
                                                     for k in ("match", "rounded", "mismatch", "unsourced")) + ".")
        self.box([(line, False) for line in lines], fill=BOX_FILL, border=RULE, width=0.75)

    def primary_page(self) -> None:
        view = self.handout.view
        doc = view.primary
        self.pdf.add_page()
        self.note(f"{self.copy} · {view.title}")
        self.heading("The primary source")
        self.legend()
        meta = " · ".join(x for x in (doc.outlet, doc.published, doc.url) if x)
        if meta:
            self.note(meta)
        self.note("Paragraphs are numbered. Key facts and quotations are marked C1, C2, …; the grid near the end "
                  "shows how each article carried them." if view.key_items else "Paragraphs are numbered.")
        self.body(self.handout.lines["primary"], "The primary source")

    def article_page(self, doc: DocumentView) -> None:
        lines = self.handout.lines[doc.key]
        self.pdf.add_page()
        self.heading(doc.title, 2)
        if doc.event_note:
            self.box([("⚠ Different event. " + doc.event_note[0], True)] + [(r, False) for r in doc.event_note[1:]],
                     fill=WARNING.fill, border=OKABE_ITO["vermillion"], width=2)
        meta = []
        if doc.published:
            meta.append(f"Published {doc.published}")
        if doc.url:
            meta.append(doc.url)
        if self.handout.view.blind:
            meta.append("outlet hidden")
        elif not doc.outlet:
            meta.append("outlet not known")
        if meta:
            self.note(" · ".join(meta))
        if doc.paywall_note:
            self.box([("Paywall. " + doc.paywall_note[0], True)]
                     + [(r, False) for r in doc.paywall_note[1:]],
                     fill=WARNING.fill, border=OKABE_ITO["vermillion"], width=2)
        counts = counts_line(doc)
        if counts:
            self.note(counts)
        self.body(lines, doc.title)
        self.article_notes(doc, lines)

    def table(self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
              fills: Sequence[Sequence[str]] | None = None, align_center: Sequence[int] = ()) -> None:
        size = self.pdf.small()
        self.font(size)
        self.pdf.set_draw_color(*_rgb(RULE))
        self.pdf.set_line_width(0.75)
        self.pdf.set_fill_color(255, 255, 255)
        heading_style = FontFace(family=FAMILY, emphasis="BOLD", fill_color=_rgb(BOX_FILL), color=_rgb(INK))
        self.need(size * 5)
        with self.pdf.table(col_widths=tuple(widths), width=CONTENT_WIDTH, line_height=size * 1.35,
                            text_align="LEFT", headings_style=heading_style, padding=3,
                            first_row_as_headings=bool(headings)) as table:
            if headings:
                row = table.row()
                for text in headings:
                    row.cell(printable(text))
            for r, values in enumerate(rows):
                row = table.row()
                for c, text in enumerate(values):
                    fill = fills[r][c] if fills else ""
                    style = FontFace(fill_color=_rgb(fill)) if fill else None
                    row.cell(printable(text), align="CENTER" if c in align_center else None, style=style)
        self.pdf.ln(6)

    def article_notes(self, doc: DocumentView, lines: Sequence[Line]) -> None:
        if doc.quotes:
            self.heading("Quotations", 3)
            rows = []
            for q in doc.quotes:
                label = QUOTE.get(q.label, QUOTE[None]).words if q.label is not None else "not labelled"
                difference = q.difference or ("identical to the primary" if q.label == "exact" else "")
                if q.key:
                    difference = f"{q.key}: {difference}" if difference else q.key
                rows.append((q.ref, str(line_of(lines, q.start)), q.speaker or "nobody", label, difference))
            widths = (1, 1, 3, 2.5, 8) if not self.handout.large_print else (1.3, 1.3, 3, 3, 6)
            self.table(("Ref", "Line", "Credited to", "Fidelity", "Difference from the primary"), rows, widths)
        if doc.figures or doc.figure_inconsistencies:
            self.heading("Figures to check", 3)
            if doc.figure_reference:
                self.note(f"Checked against {doc.figure_reference}.")
            for f in doc.figures:
                if f.label not in FIGURE:
                    continue
                self.text(f"{f.ref}, line {line_of(lines, f.start)}: “{f.text}” {FIGURE[f.label].symbol} "
                          f"{FIGURE[f.label].words}" + (f" ({f.note})" if f.note else ""), self.pdf.small(), after=1)
            for item in doc.figure_inconsistencies:
                self.text(item, self.pdf.small(), after=1)
            self.pdf.ln(4)
        if doc.left_out is not None:
            paragraphs = [("What the article left out", True)]
            if doc.left_out_partial:
                paragraphs.append(("A paywall hid part of this article: only the visible text was compared.", False))
            paragraphs += [(f"• {item}", False) for item in doc.left_out] or [
                ("Nothing of the primary's key content was left out.", False)]
            self.box(paragraphs, fill=BOX_FILL, border=RULE, dashed=True)

    def grid_page(self) -> None:
        view = self.handout.view
        self.pdf.add_page()
        self.heading("Side by side", 2)
        if view.grid:
            self.heading("How each article carried the primary’s key facts and quotations", 3)
            n = len(view.articles)
            cell = 2.0 if not self.handout.large_print else 2.6
            label_width = max(8.0, 24.0 - n * cell)
            rows, fills = [], []
            for row in view.grid:
                item = row.item
                where = f"¶{item.paragraph} " if item.paragraph else ""
                words = 9 if not self.handout.large_print else 5
                rows.append([f"{item.ref} {where}{excerpt(item.text, words)}"]
                            + [SENTENCE[c].symbol for c in row.cells])
                fills.append([""] + [SENTENCE[c].fill for c in row.cells])
            self.table(["Key fact or quotation"] + [a.key for a in view.articles], rows,
                       [label_width] + [cell] * n, fills, align_center=tuple(range(1, n + 1)))
            self.note(GRID_LEGEND)
        if not view.blind:
            self.note(" · ".join(f"{a.key} = {a.outlet or 'outlet not known'}" for a in view.articles))
        self.heading("The headlines", 3)
        rows = [("Primary", "", view.primary.headline or "—")]
        for article in view.articles:
            mark = headline_mark(article)
            rows.append((article.title, SENTENCE[mark].symbol if mark else "", article.headline or "—"))
        self.table(("Source", "Mark", "Headline"), rows, (4, 1.3, 9), align_center=(1,))

    def questions_page(self) -> None:
        view = self.handout.view
        self.pdf.add_page()
        self.heading("Discussion questions", 2)
        if self.teacher:
            self.note("Teacher copy: the answers are drawn from the toolkit’s findings; check them against the "
                      "texts before class.")
        for n, q in enumerate(self.handout.questions, start=1):
            text = f"{n}. {q.text}"
            self.font(self.g.size)
            lines = self.pdf.multi_cell(CONTENT_WIDTH, self.g.size * 1.35, printable(text), dry_run=True,
                                        output="LINES")
            height = len(lines) * self.g.size * 1.35 + 2
            # keep a question with its answer lines (student) or the start of its answer (teacher)
            self.need(height + (3 * self.g.leading * 1.3 + 10 if not self.teacher else self.g.size * 4))
            self.text(text, after=2)
            if self.teacher:
                self.box([("Answer", True)] + [(f"• {a}", False) for a in q.answer], fill=BOX_FILL,
                         border=OKABE_ITO["blue"], width=1)
            else:
                self.pdf.set_draw_color(*_rgb(RULE))
                self.pdf.set_line_width(0.75)
                for _ in range(3):
                    y = self.pdf.get_y() + self.g.leading * 1.3
                    self.pdf.line(self.pdf.l_margin + 14, y, self.pdf.l_margin + CONTENT_WIDTH, y)
                    self.pdf.set_y(y)
                self.pdf.ln(10)
        if self.teacher and view.blind:
            self.heading("Key to the articles (hidden in the student copy)", 3)
            self.table((), [(f"Article {k}", o) for k, o in view.outlets], (1, 3))


def render_pdf(handout: Handout, *, paper: str = "letter", teacher: bool = False) -> bytes:
    """The handout as PDF bytes on ``paper`` ("letter" or "a4")."""
    if paper not in PAPERS:
        raise ValueError(f"paper {paper!r} is not one of {sorted(PAPERS)}")
    writer = _Writer(handout, paper, teacher)
    writer.primary_page()
    for doc in handout.view.articles:
        writer.article_page(doc)
    writer.grid_page()
    writer.questions_page()
    return bytes(writer.pdf.output())
