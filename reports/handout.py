"""The classroom handout as HTML: the primary, one page per article, the grid, the questions.

Pages (each a ``<section class="page">`` with a footer naming the toolkit
version and the run's configuration hash):

1. the primary, paragraphs numbered, key facts and quotations marked C1...Cn;
2. one page per article: header (the event check first when the article
   reports another event, outlet, date, URL, a paywall note), the body with
   line numbers and a margin mark per sentence (= ≈ + ✗), quotations
   underlined with their fidelity label, figures checked inline, then the
   quotations' differences, the flagged figures and what was left out;
3. the comparison grid and the headlines side by side;
4. discussion questions (the teacher copy has the answers).

Lines are broken by ``reports.layout`` so the HTML and the PDF number them
alike; the HTML draws them with ``white-space: pre`` and DejaVu Sans (copied
beside the file) with kerning off, the font the widths were measured in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from analysis.pipeline import StoryAnalysis
from reports.fonts import esc
from reports.layout import LARGE, REGULAR, Geometry, Line, Piece, lay_out, line_of
from reports.findings import Finding, findings
from reports.questions import LEVEL_MEANING, Question, excerpt, headline_mark, headline_of, objective, questions, timing
from reports.style import (
    BOX_FILL, FIGURE, GRID, INK, KEY, LINK, MUTED, OKABE_ITO, PAPER, QUOTE, RULE, SENTENCE, WARNING,
)
from reports.view import DocumentView, StoryView, story_view

FONT_FAMILY = "DejaVu Sans Handout"
# What a grid cell means: how the article's matching sentence(s) carried the key item.
SCREEN_GAP_PT = 18      # grey gap between sheets on screen
PAGE_PAD_PT = 42        # sheet margin on screen (15 mm)
PAGE_HEIGHT_PT = 758    # minimum sheet height on screen: A4's text height



COPIES = ("student", "teacher", "annotated")
COPY_NAMES = {"student": "Student worksheet", "teacher": "Teacher's key", "annotated": "Annotated copy"}
GLOSSARY = (
    ("Primary source", "the original text the news is based on (here, the press release). Its key facts "
                       "and quotations are numbered C1, C2, …"),
    ("Published figures", "the figures another release published, for an event the primary source is not about "
                          "(numbered R1, R2, …)"),
    ("Quotation", "someone's exact words inside quotation marks. Changed words with no “…” or “[ ]” make it "
                  "altered; pieces glued together make it spliced; words given to the wrong person make it "
                  "misattributed"),
    ("Paraphrase", "the same idea as the source, in other words"),
    ("Added claim", "something the article says that its source does not: history, politics, a guess, a "
                    "detail or the reporter's opinion"),
    ("Contradiction", "the article says something that conflicts with the source: another number, date, name "
                      "or speaker"),
    ("Rounded figure", "a number made less exact (“over 2,000” for “more than 2,300”)"),
    ("Word of caution", "a word such as “suspected” or “alleged” that says something is not proven"),
    ("Loaded words", "words that push a feeling (“pernicious”, “blows millions”) instead of stating a fact"),
    ("Different event", "an article about another event with a similar name, such as last year's operation"),
    ("Paywall", "a subscription prompt that hides part of an article"),
)


@dataclass(frozen=True)
class Handout:
    """A story's handouts, laid out: everything the HTML and the PDF draw.

    ``lines`` are the worksheet's and the key's (the same line numbers in both: the
    articles carry no inline labels); ``annotated_lines`` the annotated copy's, with
    each quotation's and figure's label drawn inline after it.
    """

    view: StoryView
    geometry: Geometry
    lines: Mapping[str, tuple[Line, ...]]    # by document key ("primary", "A", ...)
    questions: tuple[Question, ...]
    footer: str                              # toolkit version and configuration hash
    large_print: bool
    annotated_lines: Mapping[str, tuple[Line, ...]] = None  # type: ignore[assignment]
    findings: tuple[Finding, ...] = ()
    annotated_findings: tuple[Finding, ...] = ()

    @property
    def documents(self) -> tuple[DocumentView, ...]:
        return (self.view.primary,) + self.view.articles

    def lines_for(self, copy: str) -> Mapping[str, tuple[Line, ...]]:
        return self.annotated_lines if copy == "annotated" else self.lines

    def findings_for(self, copy: str) -> tuple[Finding, ...]:
        return self.annotated_findings if copy == "annotated" else self.findings


def prepare(
    analysis: StoryAnalysis,
    *,
    blind: bool = False,
    large_print: bool = False,
    footer: str = "",
    ready: frozenset[str] | None = None,
) -> Handout:
    """Read the findings off ``analysis`` and lay every document out in lines."""
    view = story_view(analysis, blind=blind, ready=ready)
    geometry = LARGE if large_print else REGULAR
    plain = {doc.key: lay_out(doc if doc.key == "primary" else replace(doc, badges=()), geometry)
             for doc in (view.primary,) + view.articles}
    annotated = {doc.key: lay_out(doc, geometry) for doc in (view.primary,) + view.articles}
    return Handout(view, geometry, plain, questions(view, plain), footer, large_print, annotated,
                   findings(view, plain), findings(view, annotated))


# ----------------------------------------------------------------- CSS


def _underline_css(label: str | None) -> str:
    mark = QUOTE.get(label, QUOTE[None])
    return (f"text-decoration-line:underline;text-decoration-style:{mark.line};"
            f"text-decoration-color:{mark.line_colour};text-decoration-thickness:1.3pt;"
            "text-underline-offset:2.5pt;text-decoration-skip-ink:none;")


def _class(name: str | None) -> str:
    return "none" if name is None else name.replace("_", "-")


def stylesheet(geometry: Geometry) -> str:
    """The handout's CSS, sized for ``geometry``."""
    g = geometry
    small = max(g.size * 0.86, 18.0) if g.size >= 18 else 9.0
    tiny = max(g.size * 0.72, 18.0) if g.size >= 18 else 7.5
    rules = [
        f"@font-face{{font-family:'{FONT_FAMILY}';src:url('fonts/DejaVuSans.ttf') format('truetype');font-weight:normal;}}",
        f"@font-face{{font-family:'{FONT_FAMILY}';src:url('fonts/DejaVuSans-Bold.ttf') format('truetype');font-weight:bold;}}",
        "html{background:#BFBFBF;}",
        f"body{{margin:0;padding:{SCREEN_GAP_PT}pt 0;font-family:'{FONT_FAMILY}',sans-serif;color:{INK};"
        f"font-size:{g.size}pt;line-height:1.4;font-kerning:none;font-feature-settings:'kern' 0,'liga' 0;"
        "font-variant-ligatures:none;}",
        f".page{{background:{PAPER};width:{g.number_width + g.mark_width + g.text_width + 8}pt;"
        f"min-height:{PAGE_HEIGHT_PT}pt;margin:0 auto {SCREEN_GAP_PT}pt;padding:{PAGE_PAD_PT}pt {PAGE_PAD_PT}pt 18pt;"
        "box-sizing:content-box;display:flex;flex-direction:column;}",
        f".foot{{margin-top:auto;padding-top:4pt;font-size:{tiny}pt;color:{MUTED};border-top:0.75pt solid {RULE};"
        "overflow-wrap:anywhere;}",
        ".page>*{flex:none;}.content{padding-bottom:14pt;}",
        ".page>.foot{margin-top:auto;}",
        f"h1{{font-size:{g.size * 1.7}pt;margin:0 0 6pt;line-height:1.2;}}",
        f"h2{{font-size:{g.size * 1.4}pt;margin:0 0 6pt;line-height:1.25;}}",
        f"h3{{font-size:{g.size * 1.1}pt;margin:12pt 0 4pt;}}",
        f".meta,.note{{color:{MUTED};font-size:{small}pt;margin:2pt 0 6pt;}}",
        f"a{{color:{LINK};}}",
        f".box{{background:{BOX_FILL};border:1pt solid {RULE};padding:6pt 8pt;margin:6pt 0;font-size:{small}pt;}}",
        f".box.warn{{background:{WARNING.fill};border:2pt solid {OKABE_ITO['vermillion']};}}",
        ".box p{margin:2pt 0;}",
        ".box.leftout{border-style:dashed;}",
        # body lines
        ".body{margin:8pt 0 4pt;}",
        f".ln{{display:flex;height:{g.leading}pt;line-height:{g.leading}pt;white-space:pre;}}",
        f".ln.gap{{margin-top:{g.paragraph_gap}pt;}}",
        f".no{{width:{g.number_width}pt;flex:none;text-align:right;color:{MUTED};font-size:{small if g.size >= 18 else 8}pt;"
        "padding-right:4pt;box-sizing:border-box;}",
        f".mk{{width:{g.mark_width}pt;flex:none;text-align:center;font-weight:bold;white-space:nowrap;}}",
        f".tx{{flex:none;width:{g.text_width + 8}pt;white-space:pre;}}",
        ".tx b{font-weight:bold;}",
        f".badge{{font-size:{g.badge_size}pt;font-weight:bold;padding:0 2pt;margin:0 1.5pt;border-radius:2pt;"
        f"box-shadow:inset 0 0 0 0.75pt {RULE};white-space:pre;vertical-align:1pt;}}",
        f".b-key{{background:{KEY.fill};color:{KEY.ink};}}",
        # tables
        f"table{{border-collapse:collapse;font-size:{small}pt;margin:4pt 0 8pt;width:100%;}}",
        f"th,td{{border:0.75pt solid {RULE};padding:3pt 5pt;text-align:left;vertical-align:top;}}",
        f"th{{background:{BOX_FILL};}}",
        "td.cell{text-align:center;font-weight:bold;white-space:nowrap;}",
        ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;}",
        ".notes{display:grid;grid-template-columns:1fr 1fr;gap:10pt;}" if g.size < 18 else ".notes{display:block;}",
        f".notes{{font-size:{small}pt;}}.notes h3{{font-size:{g.size}pt;}}",
        ".legend{display:flex;flex-wrap:wrap;gap:4pt 12pt;margin:4pt 0;padding:0;list-style:none;}" if g.size < 18
        else ".legend{margin:4pt 0;padding:0;list-style:none;}",
        ".legend .sym{display:inline-block;min-width:1.2em;text-align:center;font-weight:bold;}",
        f".answer-line{{border-bottom:0.75pt solid {RULE};height:{g.leading * 1.3}pt;}}",
        f".answer{{background:{BOX_FILL};border-left:3pt solid {OKABE_ITO['blue']};padding:4pt 8pt;margin:4pt 0 10pt;}}",
        ".answer ul{margin:2pt 0;padding-left:16pt;}",
        "ol.questions>li{margin-bottom:8pt;}",
        f".box.first{{background:#FFFFFF;border:2pt solid {OKABE_ITO['blue']};font-size:{g.size}pt;}}",
        ".box.first ol,.box.first ul{margin:2pt 0;padding-left:18pt;}",
        "dl.glossary dt{font-weight:bold;float:left;clear:left;margin-right:6pt;}",
        "dl.glossary dd{margin:0 0 3pt 0;}",
        ".rubric ul{margin:2pt 0;padding-left:16pt;}",
        "@page{size:auto;margin:12mm;}",
        "@media print{html,body{background:none;padding:0;}.page{margin:0;min-height:0;padding:0 0 24pt;"
        "break-after:page;display:block;}.foot{margin-top:12pt;}}",
    ]
    for name, mark in SENTENCE.items():
        if mark.fill:
            rules.append(f".fill-sentence-{_class(name)}{{background:{mark.fill};}}")
    for name, mark in GRID.items():
        if mark.fill:
            rules.append(f".fill-grid-{_class(name)}{{background:{mark.fill};}}")
    for name, mark in FIGURE.items():
        rules.append(f".fill-figure-{_class(name)}{{background:{mark.fill};}}")
        rules.append(f".b-figure-{_class(name)}{{background:{mark.fill};color:{mark.ink};}}")
    for name, mark in QUOTE.items():
        rules.append(f".q-{_class(name)}{{{_underline_css(name)}}}")
        rules.append(f".b-quote-{_class(name)}{{background:{mark.fill};color:{mark.ink};}}")
    return "\n".join(rules)


# ----------------------------------------------------------------- body lines


def _piece_html(piece: Piece, plain: bool = False) -> str:
    if piece.badge is not None:
        badge = piece.badge
        css = f"badge b-{badge.layer}" + ("" if badge.layer == "key" else f" b-{badge.layer}-{_class(badge.variant)}")
        title = ""
        if badge.layer == "figure":
            title = f"figure check: {FIGURE.get(badge.variant, FIGURE[None]).words}"
        elif badge.layer == "quote":
            title = f"quotation: {QUOTE.get(badge.variant, QUOTE[None]).words}"
        elif badge.layer == "key":
            title = f"key {badge.variant or 'fact'}"
        return f'<span class="{css}" title="{esc(title)}">{esc(piece.text)}</span>'
    classes = []
    if piece.fill is not None and not plain:
        classes.append(f"fill-{piece.fill[0]}-{_class(piece.fill[1])}")
    if piece.quoted and not plain:
        classes.append(f"q-{_class(piece.quote_label)}")
    text = esc(piece.text)
    if piece.bold:
        text = f"<b>{text}</b>"
    return f'<span class="{" ".join(classes)}">{text}</span>' if classes else text


def lines_html(lines: Sequence[Line], *, plain: bool = False) -> str:
    """Numbered lines as HTML; ``plain`` draws the words only (no margin mark, tint or underline)."""
    out = ['<div class="body">']
    for line in lines:
        gap = " gap" if line.first and line.number > 1 else ""
        marks = "" if plain else "".join(SENTENCE[m].symbol for m in line.marks)
        words = "; ".join(SENTENCE[m].words for m in line.marks)
        mark_html = (f'<span class="mk" title="{esc(words)}" aria-label="{esc(words)}">{esc(marks)}</span>'
                     if marks else '<span class="mk"></span>')
        out.append(f'<div class="ln{gap}" data-line="{line.number}"><span class="no">{esc(line.label)}</span>'
                   f'{mark_html}<span class="tx">{"".join(_piece_html(p, plain) for p in line.pieces)}</span></div>')
    out.append("</div>")
    return "\n".join(out)


# ----------------------------------------------------------------- pieces


def legend_html(annotated: bool) -> str:
    """The key to the marks (the annotated copy also explains the inline labels)."""
    items = [f'<li><span class="sym">{esc(m.symbol)}</span> {esc(m.words)}</li>'
             for key, m in SENTENCE.items() if key != "left_out"]
    items.append('<li><span class="q-exact">underlined</span> quotation (<span class="q-marked">dashed</span> '
                 'marked edit, <span class="q-altered">double</span> spliced or altered, '
                 '<span class="q-unsourced">dotted</span> not in the source (<span class="q-other-event">grey</span>: '
                 'from the other event the article reports), '
                 '<span class="q-misattributed">wavy</span> misattributed)</li>')
    if annotated:
        items.append(f'<li>figures: <span class="badge b-figure-match">{FIGURE["match"].symbol}</span> matches, '
                     f'<span class="badge b-figure-rounded">{FIGURE["rounded"].symbol}</span> rounded, '
                     f'<span class="badge b-figure-mismatch">{FIGURE["mismatch"].symbol}</span> mismatch, '
                     f'<span class="badge b-figure-unsourced">{FIGURE["unsourced"].symbol}</span> not in the source</li>')
    else:
        items.append('<li>figures: <span class="fill-figure-mismatch">tinted</span> when checked; '
                     "the list under each article says against what</li>")
    return f'<ul class="legend" aria-label="Key to the marks">{"".join(items)}</ul>'


def findings_html(found: Sequence[Finding], copy: str) -> str:
    """The finding first: the story's most important findings, ranked (hints only on the worksheet)."""
    if not found:
        return ('<div class="box first" role="note"><p><strong>What to look for.</strong> '
                "The articles follow their source closely; look for small changes.</p></div>")
    if copy == "student":
        first, rest = found[0], found[1:]
        hints = "".join(f"<li>{esc(f.hint)}</li>" for f in rest)
        return ('<div class="box first" role="note"><p><strong>Before you start.</strong> '
                f"{esc(first.hint)}</p>" + (f"<p>Look closely at:</p><ul>{hints}</ul>" if hints else "") + "</div>")
    items = "".join(f"<li>{esc(f.text)}</li>" for f in found)
    return ('<div class="box first" role="note"><p><strong>The findings first, most important first.</strong></p>'
            f"<ol>{items}</ol></div>")


def _link(url: str) -> str:
    """A web address as a link; anything but http(s) only as text."""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}">{esc(url)}</a>'
    return esc(url)


def _page(body: str, footer: str, copy: str, number: int, label: str) -> str:
    """One sheet; its footer: the copy and page, then the toolkit version and configuration hash."""
    second = f" · {esc(footer)}" if footer else ""
    return (f'<section class="page" id="page-{number}" aria-label="{esc(label)}">\n'
            f'<div class="content">{body}</div>\n<footer class="foot">{esc(COPY_NAMES[copy])} · page {number}{second}'
            "</footer>\n</section>")


def reference_html(view: StoryView, copy: str) -> str:
    """The published figures of each other event the articles report (R1...Rn), with the key's checks."""
    parts = []
    for reference in view.references:
        parts.append(f"<h3>The published figures of {esc(reference.name)}</h3>")
        parts.append(f'<p class="note">{esc(reference.source)}; period: {esc(reference.period)}. '
                     "Some articles report this event instead of the primary source's; compare them with these "
                     "figures.</p>")
        show = copy != "student"
        reporting = [(i, a) for i, a in enumerate(view.articles) if any(r.cells[i] != "other_event"
                                                                       for r in reference.rows)]
        head = "".join(f'<th scope="col">{esc(a.key)}</th>' for _, a in reporting) if show else ""
        rows = []
        for row in reference.rows:
            cells = ""
            if show:
                for i, _ in reporting:
                    mark = FIGURE.get(row.cells[i], FIGURE[None])
                    given = row.given[i]
                    cells += (f'<td class="cell" title="{esc(mark.words)}">{esc(mark.symbol)}'
                              f'<span class="sr"> {esc(mark.words)}</span>'
                              + (f'<br><small>{esc(given)}</small>' if given and row.cells[i] != "match" else "")
                              + "</td>")
            rows.append(f'<tr><th scope="row">{esc(row.ref)}</th><td>{esc(row.quantity)}</td>'
                        f"<td>{esc(row.text)}</td>{cells}</tr>")
        parts.append(f'<table class="reference"><thead><tr><th scope="col">Ref</th><th scope="col">What</th>'
                     f'<th scope="col">Figure</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
        if show:
            parts.append(f'<p class="note">{esc(FIGURE["match"].symbol)} same · {esc(FIGURE["rounded"].symbol)} '
                         f'rounded · {esc(FIGURE["mismatch"].symbol)} changed · – not given</p>')
    return "\n".join(parts)


def glossary_html() -> str:
    items = "".join(f"<dt>{esc(term)}</dt><dd>{esc(meaning)}.</dd>" for term, meaning in GLOSSARY)
    return f'<h3>Words to know</h3><dl class="glossary">{items}</dl>'


def _intro_page(handout: Handout, copy: str) -> str:
    view = handout.view
    doc = view.primary
    meta = " · ".join(esc(x) for x in (doc.outlet, doc.published) if x)
    if doc.url:
        meta += f" · {_link(doc.url)}"
    parts = [
        f'<p class="note">{esc(COPY_NAMES[copy])} · {esc(view.title)}</p>',
        f"<h1>{esc(COPY_NAMES[copy])}: how the coverage compares with its source</h1>",
        findings_html(handout.findings_for(copy), copy),
    ]
    if copy == "teacher":
        steps = timing(view, handout.questions)
        total = sum(m for _, m in steps)
        parts.append(f'<p><strong>Learning objective.</strong> {esc(objective(view))}</p>')
        parts.append(f"<p><strong>Suggested timing</strong> (about {total} minutes): "
                     + "; ".join(f"{esc(step)} ({m} min)" for step, m in steps) + ".</p>")
    if copy == "student":
        parts.append('<p class="note">Read the primary source first. Then read each article and do the tasks at '
                     "the end: each points to a line of an article and a place in the source (C1, C2, … or R1, "
                     "R2, …). Write what you find in the space under each task.</p>")
    else:
        parts.append(legend_html(copy == "annotated"))
    parts += [
        "<h2>The primary source</h2>",
        f'<p class="meta">{meta}</p>' if meta else "",
        '<p class="note">Paragraphs are numbered. Key facts and quotations are marked C1, C2, ….</p>'
        if view.key_items else '<p class="note">Paragraphs are numbered.</p>',
        lines_html(handout.lines_for(copy)["primary"], plain=copy == "student"),
        reference_html(view, copy),
    ]
    return "\n".join(p for p in parts if p)


def counts_line(doc: DocumentView) -> str:
    bits = []
    marks = [(k, doc.counts.get(k, 0)) for k in ("quoted", "paraphrased", "added", "contradicted")]
    if any(n for _, n in marks):
        bits.append("sentences: " + ", ".join(f"{n} {SENTENCE[k].symbol} {k}" for k, n in marks if n))
    quotes = sum(v for k, v in doc.counts.items() if k.startswith("quote "))
    if quotes:
        bits.append(f"{quotes} quotation{'s' if quotes != 1 else ''}")
    figures = {k.split(" ", 1)[1]: v for k, v in doc.counts.items() if k.startswith("figure ")}
    if figures:
        total = sum(figures.values())
        flagged = ", ".join(f"{v} {FIGURE[k].words}" for k, v in sorted(figures.items())
                            if k in FIGURE and k not in ("match", "None"))
        bits.append(f"{total} figure{'s' if total != 1 else ''} checked" + (f" ({flagged})" if flagged else ""))
    return " · ".join(bits)


def _meta(handout: Handout, doc: DocumentView) -> str:
    meta = []
    if doc.published:
        meta.append(f"Published {esc(doc.published)}")
    if doc.url:
        meta.append(_link(doc.url))
    if handout.view.blind:
        meta.append("outlet hidden")
    elif not doc.outlet:
        meta.append("outlet not known")
    return f'<p class="meta">{" · ".join(meta)}</p>' if meta else ""


def _article_page(handout: Handout, doc: DocumentView, copy: str) -> str:
    lines = handout.lines_for(copy)[doc.key]
    parts = [f"<h2>{esc(doc.title)}</h2>"]
    if copy != "student" and doc.event_note:
        first, rest = doc.event_note[0], doc.event_note[1:]
        parts.append('<div class="box warn" role="note"><p><strong>⚠ Different event.</strong> '
                     f'{esc(first)}</p>' + "".join(f"<p>{esc(r)}</p>" for r in rest) + "</div>")
    parts.append(_meta(handout, doc))
    if doc.paywall_note:
        if copy == "student":
            parts.append('<p class="note">Part of this article was hidden behind a subscription prompt.</p>')
        else:
            parts.append('<div class="box warn" role="note"><p><strong>Paywall.</strong> '
                         f'{esc(doc.paywall_note[0])}</p>'
                         + "".join(f"<p>{esc(r)}</p>" for r in doc.paywall_note[1:]) + "</div>")
    if copy != "student":
        counts = counts_line(doc)
        if counts:
            parts.append(f'<p class="note">{esc(counts)}</p>')
    parts.append(lines_html(lines, plain=copy == "student"))
    if copy != "student":
        parts.append(article_notes_html(doc, lines, refs=copy == "annotated"))
    return "\n".join(p for p in parts if p)


def article_notes_html(doc: DocumentView, lines: Sequence[Line], *, refs: bool = True) -> str:
    """The evidence under an article: its sentences' evidence, quotations, figures, and what it left out.

    ``refs``: name quotations and figures by the Q/F labels drawn in the text (the annotated copy);
    the key, whose text carries no labels, names them by line only.
    """
    parts = []
    if doc.claim_notes:
        rows = "".join(f"<tr><td>{line_of(lines, offset)}</td><td>{esc(text)}</td></tr>"
                       for offset, text in doc.claim_notes)
        parts.append('<h3>Why the sentences are marked</h3><table><thead><tr><th scope="col">Line</th>'
                     f'<th scope="col">What the primary source does not say, or says otherwise</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table>")
    if doc.quotes:
        rows = []
        for q in doc.quotes:
            mark = QUOTE.get(q.label, QUOTE[None])
            label = mark.words if q.label is not None else "not labelled"
            css = _class(q.label)
            if q.label == "unsourced" and doc.other_event:
                label, css = "not from the primary source", "other-event"
            difference = q.difference or ("identical to the primary source" if q.label == "exact" else "")
            if q.key:
                difference = f"{q.key}: {difference}" if difference else q.key
            rows.append(
                "<tr>" + (f"<td>{esc(q.ref)}</td>" if refs else "") + f"<td>{line_of(lines, q.start)}</td>"
                f'<td>{esc(q.speaker or "nobody")}</td>'
                f'<td><span class="q-{css}">{esc(label)}</span></td>'
                f'<td>{esc(difference)}</td></tr>')
        parts.append('<h3>Quotations</h3><table><thead><tr>' + ('<th scope="col">Ref</th>' if refs else "")
                     + '<th scope="col">Line</th><th scope="col">Credited to</th><th scope="col">Fidelity</th>'
                     '<th scope="col">Compared with the source</th></tr></thead><tbody>'
                     + "".join(rows) + "</tbody></table>")
    columns = []
    if doc.figures or doc.figure_inconsistencies:
        items = "".join(
            (f"<li><b>{esc(f.ref)}</b>, line {line_of(lines, f.start)}: " if refs else
             f"<li><b>Line {line_of(lines, f.start)}</b>: ") + f"“{esc(f.text)}” "
            f"{esc(FIGURE[f.label].symbol)} {esc(FIGURE[f.label].words)}"
            + (f" ({esc(f.note)})" if f.note else "") + "</li>"
            for f in doc.figures if f.label in FIGURE)
        items += "".join(f"<li>{esc(i)}</li>" for i in doc.figure_inconsistencies)
        against = f'<p class="note">Checked against {esc(doc.figure_reference)}.</p>' if doc.figure_reference else ""
        columns.append(f'<div><h3>Figures to check</h3>{against}<ul>{items}</ul></div>')
    if doc.left_out is not None:
        if doc.left_out:
            items = "".join(f"<li>{esc(item)}</li>" for item in doc.left_out)
            body = f"<ul>{items}</ul>"
        else:
            body = "<p>Nothing of the source's key content was left out.</p>"
        partial = ('<p class="note">A paywall hid part of this article: only the visible text was compared.</p>'
                   if doc.left_out_partial else "")
        title = (f"What the article left out of the published figures of {doc.other_event}"
                 if doc.other_event and doc.other_event != "another event" else "What the article left out")
        columns.append(f'<div class="box leftout" role="note"><h3>{esc(title)}</h3>{partial}{body}</div>')
    if columns:
        parts.append(f'<div class="notes">{"".join(columns)}</div>')
    return "\n".join(parts)


def grid_not_compared(view: StoryView) -> bool:
    """Whether every article reports another event (the grid would be all "not compared")."""
    return bool(view.grid) and all(c == "other_event" for row in view.grid for c in row.cells)


def grid_html(view: StoryView, large_print: bool = False) -> str:
    """The comparison grid: the primary's key facts down the side, the articles across."""
    if not view.grid:
        return ""
    if grid_not_compared(view):
        return ('<p class="note">No article reports the event of the primary source, so no article is compared with '
                "its key facts; the published figures of the event they report (page 1) are compared instead.</p>")
    head = "".join(f'<th scope="col" title="{esc(a.title)}">{esc(a.key)}</th>' for a in view.articles)
    rows = []
    for row in view.grid:
        item = row.item
        where = f"¶{item.paragraph} " if item.paragraph else ""
        label = f"<b>{esc(item.ref)}</b> {esc(where)}{esc(excerpt(item.text, 9 if not large_print else 6))}"
        cells = "".join(
            f'<td class="cell{" fill-grid-" + _class(c) if GRID[c].fill else ""}" '
            f'title="{esc(GRID[c].words)}">{esc(GRID[c].symbol)}'
            f'<span class="sr"> {esc(GRID[c].words)}</span></td>'
            for c in row.cells)
        rows.append(f'<tr><th scope="row">{label}</th>{cells}</tr>')
    legend = " · ".join(f"{m.symbol} {m.words}" for key, m in GRID.items()
                        if key != "other_event" or any(a.other_event for a in view.articles))
    return ("<h3>How each article carried the primary source’s key facts and quotations</h3>"
            f'<table class="grid"><thead><tr><th scope="col">Key fact or quotation</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table><p class="note">{esc(legend)}</p>')


def headlines_html(view: StoryView, copy: str) -> str:
    """The headlines side by side (the primary's, or its opening when it has none); marks in the key only."""
    show = copy != "student"
    head = '<th scope="col">Mark</th>' if show else ""
    rows = [f'<tr><th scope="row">Primary source</th>{"<td></td>" if show else ""}'
            f"<td>{esc(headline_of(view))}</td></tr>"]
    for article in view.articles:
        mark = headline_mark(article) if show else None
        symbol = f'{esc(SENTENCE[mark].symbol)}<span class="sr"> {esc(SENTENCE[mark].words)}</span>' if mark else ""
        rows.append(f'<tr><th scope="row">{esc(article.title)}</th>'
                    + (f'<td class="cell">{symbol}</td>' if show else "")
                    + f'<td>{esc(article.headline or "(no headline)")}</td></tr>')
    return ("<h3>The headlines</h3>"
            f'<table class="headlines"><thead><tr><th scope="col">Source</th>{head}'
            f'<th scope="col">Headline</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _grid_page(handout: Handout, copy: str) -> str:
    view = handout.view
    parts = ["<h2>Side by side</h2>"]
    if copy != "student":
        parts.append(grid_html(view, handout.large_print))
        if not view.blind:
            key = " · ".join(f"{a.key} = {a.outlet or 'outlet not known'}" for a in view.articles)
            parts.append(f'<p class="note">{esc(key)}</p>')
    parts.append(headlines_html(view, copy))
    if copy == "student":
        parts.append(glossary_html())
    return "\n".join(parts)


def rubric_html(question: Question) -> str:
    """A task's rubric: a sample answer at each level (the levels' meaning is said once, above the tasks)."""
    if not question.rubric:
        return ""
    items = "".join(f"<li><b>{esc(level.level.capitalize())}</b>: “{esc(level.sample)}”</li>"
                    for level in question.rubric)
    return f'<div class="rubric"><strong>Rubric</strong><ul>{items}</ul></div>'


def questions_html(handout: Handout, copy: str) -> str:
    """The tasks: space to write on the worksheet, the answer and rubric in the key."""
    items = []
    for q in handout.questions:
        if copy == "teacher":
            answer = "".join(f"<li>{esc(a)}</li>" for a in q.answer)
            after = f'<div class="answer"><strong>Answer</strong><ul>{answer}</ul>{rubric_html(q)}</div>'
        else:
            after = '<div class="answer-line"></div>' * 3
        items.append(f"<li><p>{esc(q.text)}</p>{after}</li>")
    return f'<ol class="questions">{"".join(items)}</ol>'


def _questions_page(handout: Handout, copy: str) -> str:
    view = handout.view
    parts = ["<h2>Tasks</h2>"]
    if copy == "teacher":
        parts.append('<p class="note">The answers come from the toolkit’s findings; check them against the texts '
                     "before class. Each task's rubric gives a sample answer at each level, from this story's own "
                     "evidence:</p>")
        parts.append('<ul class="levels">' + "".join(f"<li><b>{esc(level.capitalize())}</b>: the answer "
                                                     f"{esc(meaning)}.</li>" for level, meaning in LEVEL_MEANING.items())
                     + "</ul>")
    parts.append(questions_html(handout, copy))
    if copy == "teacher" and view.blind:
        key = "".join(f"<tr><th scope='row'>Article {esc(k)}</th><td>{esc(o)}</td></tr>" for k, o in view.outlets)
        parts.append(f'<h3>Key to the articles (hidden in the worksheet)</h3><table><tbody>{key}</tbody></table>')
    return "\n".join(parts)


def font_files() -> dict[str, bytes]:
    """The font files the HTML loads, by their name under ``fonts/``."""
    from reports.fonts import BOLD, LICENCE, REGULAR as REGULAR_FONT, font_path

    return {name: font_path(name).read_bytes() for name in (REGULAR_FONT, BOLD, LICENCE)}


def render_html(handout: Handout, *, copy: str = "student") -> str:
    """One of the handouts (``copy``: "student", "teacher" or "annotated") as one HTML document.

    The fonts are expected in ``fonts/`` beside it.
    """
    if copy not in COPIES:
        raise ValueError(f"copy {copy!r} is not one of {list(COPIES)}")
    view = handout.view
    name = COPY_NAMES[copy]
    footer = handout.footer
    pages = [_page(_intro_page(handout, copy), footer, copy, 1, "The primary source")]
    for doc in view.articles:
        pages.append(_page(_article_page(handout, doc, copy), footer, copy, len(pages) + 1, doc.title))
    pages.append(_page(_grid_page(handout, copy), footer, copy, len(pages) + 1, "Side by side"))
    if copy != "annotated":
        pages.append(_page(_questions_page(handout, copy), footer, copy, len(pages) + 1, "Tasks"))
    size = "large" if handout.large_print else "regular"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(view.title)}: {esc(name.lower())}</title>"
        f'<meta name="generator" content="{esc(handout.footer)}">'
        f"<style>\n{stylesheet(handout.geometry)}\n</style></head>\n"
        f'<body class="{size}">\n' + "\n".join(pages) + "\n</body></html>\n"
    )
