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
from reports.handout import COPIES, COPY_NAMES, GLOSSARY, Handout, counts_line, grid_not_compared
from reports.layout import BADGE_GAP, BADGE_PAD, CONTENT_WIDTH, Line, Piece, badge_width, line_of
from reports.questions import LEVEL_MEANING, excerpt, headline_mark, headline_of, objective, timing
from reports.style import BOX_FILL, FIGURE, GRID, INK, KEY, MUTED, OKABE_ITO, QUOTE, RULE, SENTENCE, WARNING
from reports.view import DocumentView

PAPERS = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
TOP = 42.0
BOTTOM = 48.0          # room for the footer: one line at 7.5 pt...
BOTTOM_LARGE = 76.0    # ...or two at 18 pt
# An article starts on a new page only when less than this share of the page is left.
NEW_PAGE_SHARE = 0.3
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
        text = f"{self.copy} · page {self.page_no()}" + (f" · {self.footer_text}" if self.footer_text else "")
        self.multi_cell(CONTENT_WIDTH, size * 1.25, printable(text), align="L", new_x="LMARGIN", new_y="NEXT")
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

    def __init__(self, handout: Handout, paper: str, copy: str) -> None:
        self.handout = handout
        self.g = handout.geometry
        self.kind = copy
        self.teacher = copy == "teacher"
        self.student = copy == "student"
        name = COPY_NAMES[copy]
        self.pdf = _HandoutPDF(paper, name, handout.footer, handout.large_print)
        self.pdf.set_title(f"{handout.view.title}: {name.lower()}")
        self.pdf.set_author("sourcedrift")
        self.copy = name
        self.lines = handout.lines_for(copy)

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
            dashed: bool = False, size: float | None = None) -> None:
        """A framed box of paragraphs ``(text, bold)``."""
        size = size or self.pdf.small()
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
        if line.marks and not self.student:
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
        if piece.fill is not None and not self.student:
            layer, variant = piece.fill
            marks = FIGURE if layer == "figure" else SENTENCE
            colour = marks.get(variant, FIGURE[None] if layer == "figure" else SENTENCE["added"]).fill
            if colour:
                pdf.set_fill_color(*_rgb(colour))
                pdf.rect(x, top + 1, width, g.leading - 2, style="F")
        self.font(g.size, piece.bold)
        pdf.text(x, baseline, piece.text)
        if piece.quoted and not self.student:
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
        lines.append("Quotations are underlined: solid exact or trivial, dashed marked edit, double spliced or "
                     "altered, dotted not in the source (grey: from the other event the article reports), wavy "
                     "misattributed.")
        if self.kind == "annotated":
            lines.append("Figures checked: " + ", ".join(f"{FIGURE[k].symbol} {FIGURE[k].words}"
                                                         for k in ("match", "rounded", "mismatch", "unsourced")) + ".")
        else:
            lines.append("Figures are tinted where checked; the list under each article says against what.")
        self.box([(line, False) for line in lines], fill=BOX_FILL, border=RULE, width=0.75)

    def findings(self) -> None:
        found = self.handout.findings_for(self.kind)
        if not found:
            paragraphs = [("What to look for. The articles follow their source closely; look for small changes.",
                           True)]
        elif self.student:
            paragraphs = [("Before you start. " + found[0].hint, True)]
            if len(found) > 1:
                paragraphs.append(("Look closely at:", False))
                paragraphs += [(f"• {f.hint}", False) for f in found[1:]]
        else:
            paragraphs = [("The findings first, most important first.", True)]
            paragraphs += [(f"{n}. {f.text}", False) for n, f in enumerate(found, start=1)]
        self.box(paragraphs, fill="#FFFFFF", border=OKABE_ITO["blue"], width=2, size=self.g.size)

    def intro_page(self) -> None:
        view = self.handout.view
        doc = view.primary
        self.pdf.add_page()
        self.note(f"{self.copy} · {view.title}")
        self.heading(f"{self.copy}: how the coverage compares with its source")
        self.findings()
        if self.teacher:
            steps = timing(view, self.handout.questions)
            total = sum(m for _, m in steps)
            self.text("Learning objective. " + objective(view), self.pdf.small(), after=3)
            self.text(f"Suggested timing (about {total} minutes): "
                      + "; ".join(f"{step} ({m} min)" for step, m in steps) + ".", self.pdf.small(), after=4)
        if self.student:
            self.note("Read the primary source first. Then read each article and do the tasks at the end: each "
                      "points to a line of an article and a place in the source (C1, C2, … or R1, R2, …). Write "
                      "what you find in the space under each task.")
        else:
            self.legend()
        self.heading("The primary source", 2)
        meta = " · ".join(x for x in (doc.outlet, doc.published, doc.url) if x)
        if meta:
            self.note(meta)
        self.note("Paragraphs are numbered. Key facts and quotations are marked C1, C2, …." if view.key_items
                  else "Paragraphs are numbered.")
        self.body(self.lines["primary"], "The primary source")
        self.references()

    def references(self) -> None:
        view = self.handout.view
        for reference in view.references:
            self.heading(f"The published figures of {reference.name}", 3)
            self.note(f"{reference.source}; period: {reference.period}. Some articles report this event instead "
                      "of the primary source's; compare them with these figures.")
            reporting = [i for i, _ in enumerate(view.articles)
                         if any(r.cells[i] != "other_event" for r in reference.rows)]
            show = not self.student
            rows = []
            for row in reference.rows:
                cells = []
                if show:
                    for i in reporting:
                        mark = FIGURE.get(row.cells[i], FIGURE[None])
                        given = row.given[i]
                        cells.append(mark.symbol + (f" {given}" if given and row.cells[i] != "match" else ""))
                rows.append([row.ref, row.quantity, row.text] + cells)
            large = self.handout.large_print
            if large and show:  # 18 pt: the articles' checks in one column, so no column is too narrow to read
                rows = [row[:3] + [" · ".join(f"{view.articles[i].key} {cell}" for i, cell in zip(reporting, row[3:]))]
                        for row in rows]
                heads = ["Ref", "What", "Figure", "Articles"]
                self.table(heads, rows, [2.2, 5, 3.4, 4.6])
            else:
                heads = ["Ref", "What", "Figure"] + ([view.articles[i].key for i in reporting] if show else [])
                widths = [2.2 if large else 1.1, 7, 3.2] + [1.6] * (len(heads) - 3)
                self.table(heads, rows, widths, align_center=tuple(range(3, len(heads))))
            if show:
                self.note(f"{FIGURE['match'].symbol} same · {FIGURE['rounded'].symbol} rounded · "
                          f"{FIGURE['mismatch'].symbol} changed · – not given")

    def new_section(self) -> None:
        """A new page when little of this one is left, else a rule: no page is left mostly empty."""
        pdf = self.pdf
        if pdf.page_break_trigger - pdf.get_y() < NEW_PAGE_SHARE * (pdf.h - TOP - pdf.bottom):
            pdf.add_page()
            return
        pdf.ln(6)
        pdf.set_draw_color(*_rgb(RULE))
        pdf.set_line_width(0.75)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + CONTENT_WIDTH, pdf.get_y())
        pdf.ln(8)

    def article_page(self, doc: DocumentView) -> None:
        lines = self.lines[doc.key]
        self.new_section()
        self.heading(doc.title, 2)
        if doc.event_note and not self.student:
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
            if self.student:
                self.note("Part of this article was hidden behind a subscription prompt.")
            else:
                self.box([("Paywall. " + doc.paywall_note[0], True)]
                         + [(r, False) for r in doc.paywall_note[1:]],
                         fill=WARNING.fill, border=OKABE_ITO["vermillion"], width=2)
        if not self.student:
            counts = counts_line(doc)
            if counts:
                self.note(counts)
        self.body(lines, doc.title)
        if not self.student:
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
        large = self.handout.large_print
        refs = self.kind == "annotated"  # the key's text carries no Q/F labels: it names lines
        if doc.claim_notes:
            self.heading("Why the sentences are marked", 3)
            self.table(("Line", "What the primary source does not say, or says otherwise"),
                       [(str(line_of(lines, offset)), text) for offset, text in doc.claim_notes],
                       (1.5, 12) if not large else (2, 10))
        if doc.quotes:
            self.heading("Quotations", 3)
            rows = []
            for q in doc.quotes:
                label = QUOTE.get(q.label, QUOTE[None]).words if q.label is not None else "not labelled"
                if q.label == "unsourced" and doc.other_event:
                    label = "not from the primary source"
                difference = q.difference or ("identical to the primary source" if q.label == "exact" else "")
                if q.key:
                    difference = f"{q.key}: {difference}" if difference else q.key
                row = (str(line_of(lines, q.start)), q.speaker or "nobody", label, difference)
                rows.append(((q.ref,) + row) if refs else row)
            widths = (1.1, 3, 2.5, 8) if not large else (1.9, 3, 3, 6)
            heads = ("Line", "Credited to", "Fidelity", "Compared with the source")
            if refs:
                widths, heads = ((1.1,) if not large else (1.9,)) + widths, ("Ref",) + heads
            self.table(heads, rows, widths)
        if doc.figures or doc.figure_inconsistencies:
            self.heading("Figures to check", 3)
            if doc.figure_reference:
                self.note(f"Checked against {doc.figure_reference}.")
            for f in doc.figures:
                if f.label not in FIGURE:
                    continue
                where = f"{f.ref}, line" if refs else "Line"
                self.text(f"{where} {line_of(lines, f.start)}: “{f.text}” {FIGURE[f.label].symbol} "
                          f"{FIGURE[f.label].words}" + (f" ({f.note})" if f.note else ""), self.pdf.small(), after=1)
            for item in doc.figure_inconsistencies:
                self.text(item, self.pdf.small(), after=1)
            self.pdf.ln(4)
        if doc.left_out is not None:
            title = (f"What the article left out of the published figures of {doc.other_event}"
                     if doc.other_event and doc.other_event != "another event" else "What the article left out")
            paragraphs = [(title, True)]
            if doc.left_out_partial:
                paragraphs.append(("A paywall hid part of this article: only the visible text was compared.", False))
            paragraphs += [(f"• {item}", False) for item in doc.left_out] or [
                ("Nothing of the source's key content was left out.", False)]
            self.box(paragraphs, fill=BOX_FILL, border=RULE, dashed=True)

    def grid_page(self) -> None:
        view = self.handout.view
        large = self.handout.large_print
        self.new_section()
        self.heading("Side by side", 2)
        if view.grid and not self.student:
            if grid_not_compared(view):
                self.note("No article reports the event of the primary source, so no article is compared with its "
                          "key facts; the published figures of the event they report (page 1) are compared instead.")
            else:
                self.heading("How each article carried the primary source’s key facts and quotations", 3)
                n = len(view.articles)
                cell = 2.0 if not large else 2.6
                label_width = max(8.0, 24.0 - n * cell)
                rows, fills = [], []
                for row in view.grid:
                    item = row.item
                    where = f"¶{item.paragraph} " if item.paragraph else ""
                    rows.append([f"{item.ref} {where}{excerpt(item.text, 9 if not large else 5)}"]
                                + [GRID[c].symbol for c in row.cells])
                    fills.append([""] + [GRID[c].fill for c in row.cells])
                self.table(["Key fact or quotation"] + [a.key for a in view.articles], rows,
                           [label_width] + [cell] * n, fills, align_center=tuple(range(1, n + 1)))
                self.note(" · ".join(f"{m.symbol} {m.words}" for key, m in GRID.items()
                                     if key != "other_event" or any(a.other_event for a in view.articles)))
            if not view.blind:
                self.note(" · ".join(f"{a.key} = {a.outlet or 'outlet not known'}" for a in view.articles))
        self.heading("The headlines", 3)
        if self.student:
            rows = [("Primary source", headline_of(view))]
            rows += [(a.title, a.headline or "(no headline)") for a in view.articles]
            self.table(("Source", "Headline"), rows, (4, 10.3))
        else:
            rows = [("Primary source", "", headline_of(view))]
            for article in view.articles:
                mark = headline_mark(article)
                rows.append((article.title, SENTENCE[mark].symbol if mark else "", article.headline or "(no headline)"))
            self.table(("Source", "Mark", "Headline"), rows, (4, 1.3, 9), align_center=(1,))
        if self.student:
            self.glossary()

    def glossary(self) -> None:
        self.heading("Words to know", 3)
        for term, meaning in GLOSSARY:
            self.text(f"{term}: {meaning}.", self.pdf.small(), after=1.5)

    def questions_page(self) -> None:
        view = self.handout.view
        pdf = self.pdf
        self.new_section()
        self.heading("Tasks", 2)
        if self.teacher:
            self.note("The answers come from the toolkit’s findings; check them against the texts before class. "
                      "Each task's rubric gives a sample answer at each level, from this story's own evidence:")
            for level, meaning in LEVEL_MEANING.items():
                self.note(f"{level.capitalize()}: the answer {meaning}.")
        for n, q in enumerate(self.handout.questions, start=1):
            text = f"{n}. {q.text}"
            self.font(self.g.size)
            lines = pdf.multi_cell(CONTENT_WIDTH, self.g.size * 1.35, printable(text), dry_run=True, output="LINES")
            height = len(lines) * self.g.size * 1.35 + 2
            # keep a task with its writing lines (worksheet) or the start of its answer (key)
            self.need(height + (3 * self.g.leading * 1.3 + 10 if not self.teacher else self.g.size * 4))
            self.text(text, after=2)
            if self.teacher:
                rubric = [("Rubric", True)] + [(f"{lv.level.capitalize()}: “{lv.sample}”", False)
                                               for lv in q.rubric] if q.rubric else []
                self.box([("Answer", True)] + [(f"• {a}", False) for a in q.answer] + rubric, fill=BOX_FILL,
                         border=OKABE_ITO["blue"], width=1)
            else:
                pdf.set_draw_color(*_rgb(RULE))
                pdf.set_line_width(0.75)
                for _ in range(3):
                    y = pdf.get_y() + self.g.leading * 1.3
                    pdf.line(pdf.l_margin + 14, y, pdf.l_margin + CONTENT_WIDTH, y)
                    pdf.set_y(y)
                pdf.ln(10)
        if self.teacher and view.blind:
            self.heading("Key to the articles (hidden in the worksheet)", 3)
            self.table((), [(f"Article {k}", o) for k, o in view.outlets], (1, 3))


def render_pdf(handout: Handout, *, paper: str = "letter", copy: str = "student") -> bytes:
    """One of the handouts (``copy``: "student", "teacher" or "annotated") as PDF bytes on ``paper``."""
    if paper not in PAPERS:
        raise ValueError(f"paper {paper!r} is not one of {sorted(PAPERS)}")
    if copy not in COPIES:
        raise ValueError(f"copy {copy!r} is not one of {list(COPIES)}")
    writer = _Writer(handout, paper, copy)
    writer.intro_page()
    for doc in handout.view.articles:
        writer.article_page(doc)
    writer.grid_page()
    if copy != "annotated":
        writer.questions_page()
    return bytes(writer.pdf.output())
