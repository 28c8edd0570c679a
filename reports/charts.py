"""The comparative report: one HTML page of charts, per outlet, each also saved as PNG and SVG.

Charts: added and contradicted claims, quotation fidelity, figure checks,
copying, readability and tone. Every series has an Okabe-Ito colour AND a
hatch pattern, bars carry their values as text, and every chart has its
numbers in a table under it, so the page reads in greyscale and without the
pictures. A chart whose measure is not available yet is left out.

Drawn with matplotlib's Agg backend, inside ``rc_context`` (no global state
changed); SVGs get a fixed hash salt and no date, so runs are byte-identical.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from analysis.pipeline import StoryAnalysis
from reports.fonts import esc, printable
from reports.style import INK, MUTED, OKABE_ITO, RULE, SERIES

# A white ground behind value labels, so a reference line never hides them.
LABEL_BOX = {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.9}
RC = {
    "svg.hashsalt": "sourcedrift",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.edgecolor": RULE,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "hatch.linewidth": 0.8,
    "hatch.color": INK,
    # Outlet names are drawn as written: "$" never starts math text.
    "text.parse_math": False,
}
DPI = 110



@dataclass(frozen=True)
class Chart:
    """One chart: its file stem, words, the numbers behind it, and its picture as PNG and SVG bytes."""

    name: str
    title: str
    description: str            # alt text: what the chart shows and which way is "more"
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    png: bytes
    svg: bytes


def outlet_labels(analysis: StoryAnalysis, blind: bool) -> list[str]:
    from reports.view import letters, outlet_name

    keys = letters(len(analysis.articles))
    if blind:
        return [f"Article {k}" for k in keys]
    # printable: the chart's font draws every character left (bidi controls become U+FFFD).
    return [printable(f"{k}: {outlet_name(a.document.outlet) or 'outlet not known'}")
            for k, a in zip(keys, analysis.articles)]


def _render(figure) -> tuple[bytes, bytes]:
    png, svg = io.BytesIO(), io.BytesIO()
    figure.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


def _figure(rows: int, *, width: float = 8.0, panels: int = 1):
    from matplotlib.figure import Figure

    height = 1.2 + 0.45 * max(rows, 1)
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    axes = figure.subplots(1, panels, squeeze=False)[0]
    return figure, axes


def _stacked(name: str, title: str, description: str, labels: Sequence[str], series: Sequence[str],
             counts: Sequence[Counter], *, share: bool, words: dict[str, str] | None = None,
             notes: Sequence[str] = ()) -> Chart:
    """Horizontal stacked bars, one per outlet; ``share`` draws percentages of each bar's total."""
    import numpy as np

    words = words or {}
    figure, (axes,) = _figure(len(labels))
    y = np.arange(len(labels))
    left = np.zeros(len(labels))
    for key in series:
        values = np.array([c.get(key, 0) for c in counts], dtype=float)
        totals = np.array([max(sum(c.values()), 1) for c in counts], dtype=float)
        shown = values / totals * 100 if share else values
        colour, hatch = SERIES.get(key, (OKABE_ITO["black"], ""))
        bars = axes.barh(y, shown, left=left, color=colour, hatch=hatch, edgecolor=INK, linewidth=0.6,
                         label=words.get(key, key))
        for bar, value, raw in zip(bars, shown, values):
            if raw and value >= (8 if share else 0.6):
                text = f"{value:.0f}%" if share else f"{raw:.0f}"
                axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, text,
                          ha="center", va="center", fontsize=8.5, color=INK,
                          bbox=LABEL_BOX)
        left += shown
    for row, note in enumerate(notes):
        if note:  # a bar left empty on purpose says why, in place
            axes.text(1, row, note, va="center", ha="left", fontsize=8.5, color=INK, style="italic")
    axes.set_yticks(y, labels)
    axes.invert_yaxis()
    axes.set_xlabel("share of the article's sentences (%)" if share else "count")
    if share:
        axes.set_xlim(0, 100)
    axes.set_title(title, loc="left", fontsize=11, fontweight="bold")
    if not share:
        from matplotlib.ticker import MaxNLocator

        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    figure.legend(loc="outside lower center", ncols=min(len(series), 4), frameon=False, fontsize=8.5)
    axes.spines[["top", "right"]].set_visible(False)
    png, svg = _render(figure)
    headers = ("outlet",) + tuple(words.get(k, k) for k in series) + ("total",)
    notes = list(notes) + [""] * (len(labels) - len(notes))
    rows = tuple((label + (f" ({note})" if note else ""),) + tuple(str(c.get(k, 0)) for k in series)
                 + (str(sum(c.values())),) for label, c, note in zip(labels, counts, notes))
    return Chart(name, title, description, headers, rows, png, svg)


def _other_events(analysis: StoryAnalysis) -> list[str]:
    """Per article, the name of the other event it reports ("" when it reports the primary's)."""
    out = []
    for article in analysis.articles:
        check = article.event
        if getattr(check, "same_event", True):
            out.append("")
        else:
            out.append(getattr(getattr(check, "reference", None), "name", "") or "another event")
    return out


def claims_chart(analysis: StoryAnalysis, labels: Sequence[str]) -> Chart:
    others = _other_events(analysis)
    # An article on another event is not compared sentence by sentence with the primary: its faithful
    # sentences would all count as "added". Its bar is left empty and says so.
    counts = [Counter() if other else Counter(c.label for c in a.claims.claims)
              for a, other in zip(analysis.articles, others)]
    notes = [printable(f"reports {other}: not compared with the primary source") if other else "" for other in others]
    return _stacked(
        "claims", "Sentences: supported, added, contradicted",
        "For each outlet, the share of its sentences that say what the primary says (supported), add "
        "something it does not say (added), or contradict it (contradicted). More added or contradicted "
        "means more drift from the primary. An article that reports another event is not compared (its "
        "bar is empty and says so); its figures are checked against that event's published figures.",
        labels, ("supported", "added", "contradicted"), counts, share=True, notes=notes)


def quotes_chart(analysis: StoryAnalysis, labels: Sequence[str]) -> Chart:
    order = ("exact", "trivial", "marked", "spliced", "altered", "unsourced", "misattributed", "other_event")
    others = _other_events(analysis)
    counts = [Counter(("other_event" if other and q.label == "unsourced" else q.label)
                      for q in a.quotes.quotes if q.label) for a, other in zip(analysis.articles, others)]
    return _stacked(
        "quotes", "Quotation fidelity",
        "For each outlet, how many of its quotations are exact, trivially changed, edited with marks "
        "(… or [ ]), spliced, altered, not found in the primary (unsourced) or credited to the wrong "
        "speaker (misattributed). Quotations of an article that reports another event are counted apart: "
        "they come from that event, not from the primary source.",
        labels, [k for k in order if k != "other_event" or any(others)], counts, share=False,
        words={"other_event": "from another event"})


def figures_chart(analysis: StoryAnalysis, labels: Sequence[str]) -> Chart:
    order = ("match", "rounded", "mismatch", "unsourced")
    counts = [Counter(f.label for f in a.figures.figures if f.label) for a in analysis.articles]
    others = _other_events(analysis)
    shown = [printable(f"{label} (against {other})") if other and other != "another event" else label
             for label, other in zip(labels, others)]
    return _stacked(
        "figures", "Figure checks",
        "For each outlet, how many of its figures match the primary, are rounded consistently, do not "
        "match (mismatch) or have no counterpart in the primary (unsourced). An article that reports "
        "another event is checked against that event's published figures, as its label says.",
        shown, order, counts, share=False)


def _bars(name: str, title: str, description: str, labels: Sequence[str], series: Sequence[tuple[str, str]],
          values: Sequence[Sequence[float]], *, xlabel: str, percent: bool = False,
          reference: tuple[str, float] | None = None) -> Chart:
    """Grouped horizontal bars: one group per outlet, one bar per series."""
    import numpy as np

    figure, (axes,) = _figure(len(labels) * max(1, len(series)) * 0.55 + 1)
    y = np.arange(len(labels))
    height = 0.8 / max(len(series), 1)
    palette = [(OKABE_ITO["blue"], ""), (OKABE_ITO["orange"], "///"), (OKABE_ITO["bluish_green"], "..."),
               (OKABE_ITO["reddish_purple"], "xxx")]
    for s, (key, words) in enumerate(series):
        colour, hatch = palette[s % len(palette)]
        shown = np.array([row[s] * (100 if percent else 1) for row in values], dtype=float)
        bars = axes.barh(y - 0.4 + height * (s + 0.5), shown, height=height * 0.92, color=colour, hatch=hatch,
                         edgecolor=INK, linewidth=0.6, label=words)
        for bar, value in zip(bars, shown):
            axes.text(bar.get_width(), bar.get_y() + bar.get_height() / 2,
                      f" {value:.0f}%" if percent else f" {value:.1f}", va="center", fontsize=8.5, color=INK,
                      bbox=LABEL_BOX)
    if reference is not None:
        words, value = reference
        axes.axvline(value, color=INK, linestyle="--", linewidth=1.2)
        axes.text(value, -0.75, f" {words}: {value:.1f}", fontsize=8.5, color=INK, va="bottom")
    axes.set_yticks(y, labels)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel)
    axes.set_title(title, loc="left", fontsize=11, fontweight="bold")
    if len(series) > 1:
        figure.legend(loc="outside lower center", ncols=min(len(series), 3), frameon=False, fontsize=8.5)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.15)
    png, svg = _render(figure)
    headers = ("outlet",) + tuple(words for _, words in series)
    rows = tuple((label,) + tuple(f"{v * 100:.1f}%" if percent else f"{v:.2f}" for v in row)
                 for label, row in zip(labels, values))
    if reference is not None:
        rows += ((reference[0],) + (f"{reference[1]:.2f}",) + ("",) * (len(series) - 1),)
    return Chart(name, title, description, headers, rows, png, svg)


def _number(record, name: str) -> float:
    value = getattr(record, name, 0.0)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def copying_chart(analysis: StoryAnalysis, labels: Sequence[str]) -> Chart:
    series = [("article_share", "of the article's words copied")]
    if any(hasattr(a.copying, "own_share") for a in analysis.articles):
        series.append(("own_share", "of its own (unquoted) words copied"))
    series.append(("primary_share", "of the primary reused"))
    values = [[_number(a.copying, key) for key, _ in series] for a in analysis.articles]
    return _bars(
        "copying", "Copying from the primary, word for word",
        "For each outlet, the share of its words taken verbatim from the primary, the share of its own "
        "(unquoted) words taken verbatim, and the share of the primary it reused. Higher means more copying.",
        labels, series, values, xlabel="share (%)", percent=True)


def readability_chart(analysis: StoryAnalysis, labels: Sequence[str]) -> Chart:
    values = [[_number(a.readability, "flesch_reading_ease")] for a in analysis.articles]
    primary = _number(analysis.primary.readability, "flesch_reading_ease")
    return _bars(
        "readability", "Readability (Flesch reading ease)",
        "For each outlet, the Flesch reading ease of its text: higher is easier to read (60-70 is plain "
        "English). The dashed line is the primary's.",
        labels, [("flesch_reading_ease", "Flesch reading ease")], values, xlabel="Flesch reading ease (higher = easier)",
        reference=("primary", primary))


def _tone(framing) -> tuple[float, float] | None:
    tone = getattr(framing, "tone", None)
    if tone is None:
        return None
    if isinstance(tone, (int, float)):
        return float(tone), 0.0
    return _number(tone, "article"), _number(tone, "primary")


def tone_chart(analysis: StoryAnalysis, labels: Sequence[str]) -> Chart | None:
    """Tone against the primary's, and the hedges dropped and loaded words, per outlet."""
    import numpy as np

    tones = [_tone(a.framing) for a in analysis.articles]
    counts = {
        "hedges_dropped": ("hedges dropped", [len(getattr(a.framing, "hedges_dropped", ()) or ()) for a in analysis.articles]),
        "loaded_terms": ("loaded words", [len(getattr(a.framing, "loaded_terms", ()) or ()) for a in analysis.articles]),
    }
    counts = {k: v for k, v in counts.items() if any(hasattr(a.framing, k) for a in analysis.articles)}
    has_tone = any(t is not None for t in tones)
    if not has_tone and not counts:
        return None
    panels = int(has_tone) + int(bool(counts))
    figure, axes = _figure(len(labels), width=9.0 if panels == 2 else 8.0, panels=panels)
    y = np.arange(len(labels))
    headers, columns = ["outlet"], []
    panel = 0
    if has_tone:
        ax = axes[panel]
        panel += 1
        article = np.array([t[0] if t else 0.0 for t in tones])
        primary = next((t[1] for t in tones if t), 0.0)
        bars = ax.barh(y, article, color=OKABE_ITO["sky_blue"], edgecolor=INK, linewidth=0.6, hatch="..")
        for bar, value in zip(bars, article):
            ax.text(value, bar.get_y() + bar.get_height() / 2, f" {value:+.2f} ", va="center",
                    ha="left" if value >= 0 else "right", fontsize=8.5, bbox=LABEL_BOX)
        ax.axvline(primary, color=INK, linestyle="--", linewidth=1.2)
        ax.axvline(0, color=MUTED, linewidth=0.8)
        ax.text(primary, -0.75, f" primary {primary:+.2f}", fontsize=8.5, va="bottom")
        ax.set_xlim(-1, 1)
        ax.set_xticks([-1, -0.5, 0, 0.5, 1])
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlabel("tone (VADER compound, −1 negative … +1 positive)")
        ax.set_title("Tone", loc="left", fontsize=11, fontweight="bold")
        ax.spines[["top", "right"]].set_visible(False)
        headers += ["tone", "primary tone"]
        columns += [[f"{v:+.2f}" for v in article], [f"{primary:+.2f}"] * len(labels)]
    if counts:
        ax = axes[panel]
        height = 0.8 / len(counts)
        styles = [(OKABE_ITO["vermillion"], "xxx"), (OKABE_ITO["yellow"], "///")]
        for s, (key, (words, values)) in enumerate(counts.items()):
            colour, hatch = styles[s % 2]
            bars = ax.barh(y - 0.4 + height * (s + 0.5), values, height=height * 0.92, color=colour, hatch=hatch,
                           edgecolor=INK, linewidth=0.6, label=words)
            for bar, value in zip(bars, values):
                ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value}", va="center", fontsize=8.5,
                        bbox=LABEL_BOX)
            headers.append(words)
            columns.append([str(v) for v in values])
        ax.set_yticks(y, labels if not has_tone else [""] * len(labels))
        ax.invert_yaxis()
        ax.set_xlabel("count")
        ax.set_title("Hedges dropped and loaded words", loc="left", fontsize=11, fontweight="bold")
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        figure.legend(loc="outside lower center", ncols=len(counts), frameon=False, fontsize=8.5)
        ax.spines[["top", "right"]].set_visible(False)
        ax.margins(x=0.2)
    png, svg = _render(figure)
    rows = tuple((label,) + tuple(column[i] for column in columns) for i, label in enumerate(labels))
    return Chart(
        "tone", "Tone and framing",
        "For each outlet, the mean tone of its sentences (−1 most negative, +1 most positive) against the "
        "primary's (dashed line), and how many hedges ('alleged', 'suspected') it dropped and loaded words it "
        "used that the primary does not.",
        tuple(headers), rows, png, svg)


CHARTS: tuple[tuple[str, tuple[str, ...], Callable], ...] = (
    ("claims", ("claims",), claims_chart),
    ("quotes", ("quotes",), quotes_chart),
    ("figures", ("numbers",), figures_chart),
    ("copying", ("copying",), copying_chart),
    ("readability", ("readability",), readability_chart),
    ("tone", ("framing",), tone_chart),
)


def charts(analysis: StoryAnalysis, *, blind: bool = False, ready: frozenset[str] | None = None,
           progress: Callable[[str], None] | None = None) -> tuple[list[Chart], list[str]]:
    """Every chart whose measures are available, and the names of those left out (with why).

    ``progress`` hears one message per chart of CHARTS, drawn or not.
    """
    import matplotlib

    from reports.view import ready_measures

    ready = ready_measures() if ready is None else ready
    labels = outlet_labels(analysis, blind)
    drawn, left_out = [], []
    with matplotlib.rc_context(RC):
        for name, needs, draw in CHARTS:
            if progress:
                progress(f"chart: {name}")
            missing = [m for m in needs if m not in ready]
            if missing:
                left_out.append(f"{name} chart ({', '.join(missing)} not available yet)")
                continue
            chart = draw(analysis, labels) if analysis.articles else None
            if chart is None:
                left_out.append(f"{name} chart (nothing to draw)")
            else:
                drawn.append(chart)
    return drawn, left_out


def comparative_html(analysis: StoryAnalysis, drawn: Sequence[Chart], left_out: Sequence[str], *,
                     footer: str = "", findings: Sequence | None = None) -> str:
    """The comparative report page: every chart (as SVG, PNG linked) with its numbers in a table."""
    from reports.findings import findings_section

    title = analysis.story.title or analysis.story.name
    sections = []
    for chart in drawn:
        table_head = "".join(f'<th scope="col">{esc(h)}</th>' for h in chart.headers)
        table_rows = "".join(
            "<tr>" + "".join((f'<th scope="row">{esc(v)}</th>' if i == 0 else f"<td>{esc(v)}</td>")
                             for i, v in enumerate(row)) + "</tr>"
            for row in chart.rows)
        sections.append(
            f'<section id="{chart.name}"><h2>{esc(chart.title)}</h2>'
            f'<figure><img src="charts/{chart.name}.svg" alt="{esc(chart.description)}">'
            f"<figcaption>{esc(chart.description)} "
            f'(<a href="charts/{chart.name}.png">PNG</a>, <a href="charts/{chart.name}.svg">SVG</a>)</figcaption>'
            f"</figure><table><thead><tr>{table_head}</tr></thead><tbody>{table_rows}</tbody></table></section>")
    missing = ""
    if left_out:
        missing = ('<p class="note">Not shown yet: ' + esc("; ".join(left_out)) + ".</p>")
    css = (f"body{{font-family:'DejaVu Sans',Verdana,sans-serif;color:{INK};max-width:60em;margin:2em auto;"
           "padding:0 1em;line-height:1.45;}"
           "img{max-width:100%;height:auto;}figure{margin:0 0 .5em;}"
           f"figcaption,.note{{color:{MUTED};font-size:.9em;}}"
           f"table{{border-collapse:collapse;margin:.5em 0 2em;font-size:.9em;}}"
           f"th,td{{border:1px solid {RULE};padding:.2em .6em;text-align:left;}}td{{text-align:right;}}"
           "thead th{background:#F2F2F2;}.findings{border:2px solid #0072B2;padding:0 1em;margin:1em 0}"
           f"footer{{color:{MUTED};font-size:.8em;border-top:1px solid {RULE};padding-top:.5em;}}")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}: comparative report</title><style>{css}</style></head><body>\n"
        f"<h1>{esc(title)}: comparative report</h1>\n"
        + (findings_section(findings) + "\n" if findings is not None else "")
        + '<p class="note">Per outlet, how its coverage drifts from the primary source. Every chart '
        "separates its series by pattern as well as colour, and its numbers are in the table below it.</p>\n"
        + missing + "\n".join(sections)
        + (f"\n<footer>{esc(footer)}</footer>" if footer else "") + "\n</body></html>\n"
    )
