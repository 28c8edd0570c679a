"""reports.charts: every chart drawn for real (Agg), readable in greyscale, identical across runs."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from reports.charts import CHARTS, charts, comparative_html
from tests.reports_fake import ALL_MEASURES, fake_dev_analysis


@pytest.fixture(scope="module")
def drawn():
    return charts(fake_dev_analysis(), ready=ALL_MEASURES)


def test_every_chart_is_drawn_as_png_and_svg(drawn):
    found, left_out = drawn
    assert [c.name for c in found] == [name for name, _, _ in CHARTS]
    assert left_out == []
    for chart in found:
        assert chart.png.startswith(b"\x89PNG")
        assert b"<svg" in chart.svg[:500]
        assert chart.rows and all(len(row) == len(chart.headers) for row in chart.rows)


def test_charts_are_not_blank_and_carry_greys_apart(drawn):
    found, _ = drawn
    for chart in found:
        image = Image.open(io.BytesIO(chart.png)).convert("L")
        histogram = image.histogram()
        dark = sum(histogram[:128]) / sum(histogram)
        assert dark > 0.01, chart.name
        # greyscale: more than a handful of distinct grey levels (fills, hatches, text)
        assert sum(1 for n in histogram if n > 50) > 8, chart.name


def test_two_runs_give_identical_bytes(drawn):
    found, _ = drawn
    again, _ = charts(fake_dev_analysis(), ready=frozenset({"claims", "framing"}))
    first = {c.name: c for c in found}
    assert [c.name for c in again] == ["claims", "tone"]
    for b in again:
        assert first[b.name].png == b.png and first[b.name].svg == b.svg, b.name


def test_outlets_appear_unless_blind(drawn):
    found, _ = drawn
    assert any("Tidewire" in row[0] for chart in found for row in chart.rows)
    blind, _ = charts(fake_dev_analysis(), ready=frozenset({"copying"}), blind=True)
    assert [row[0] for row in blind[0].rows][:2] == ["Article A", "Article B"]
    assert b"Tidewire" not in blind[0].svg


def test_a_measure_not_available_leaves_its_chart_out():
    found, left_out = charts(fake_dev_analysis(), ready=frozenset({"claims"}))
    assert [c.name for c in found] == ["claims"]
    assert len(left_out) == len(CHARTS) - 1 and all("not available yet" in x for x in left_out)


def test_progress_hears_one_step_per_chart():
    heard = []
    charts(fake_dev_analysis(), ready=frozenset({"claims"}), progress=heard.append)
    assert len(heard) == len(CHARTS)


def test_comparative_page_names_every_chart_with_a_text_alternative(drawn):
    found, left_out = drawn
    page = comparative_html(fake_dev_analysis(), found, left_out, footer="sourcedrift test")
    for chart in found:
        assert f'src="charts/{chart.name}.svg"' in page
        assert f'href="charts/{chart.name}.png"' in page
    assert page.count('alt="') == len(found)
    assert page.count("<table>") == len(found)


def _with_outlets(analysis, outlets):
    import dataclasses

    articles = tuple(dataclasses.replace(a, document=dataclasses.replace(a.document, outlet=o))
                     for a, o in zip(analysis.articles, outlets))
    return dataclasses.replace(analysis, articles=articles)


def test_outlet_names_are_drawn_as_written_never_as_math_text():
    """An unbalanced $ used to raise in matplotlib's math parser; a balanced pair was drawn as a formula."""
    from fontTools.ttLib import TTFont

    from reports.fonts import REGULAR, font_path

    analysis = fake_dev_analysis()
    outlets = ["Cost $5 News", "$\\alpha$ Times", "{Brace} Post", "Evil\u202eLRT Daily"]
    found, _ = charts(_with_outlets(analysis, outlets + [""] * len(analysis.articles)), ready=ALL_MEASURES)
    font = TTFont(str(font_path(REGULAR)), lazy=True)
    dollar = f'id="DejaVuSans-{font.getGlyphID(font.getBestCmap()[ord("$")]):x}"'
    for chart in found:
        svg = chart.svg.decode("utf-8")
        assert dollar in svg, chart.name           # the $ itself is drawn
        assert "\u202e" not in svg, chart.name     # the bidi override is shown as U+FFFD
        assert any("$\\alpha$ Times" in row[0] for row in chart.rows)


def test_articles_on_another_event_are_not_counted_as_drift(broken_heart):
    from analysis.pipeline import analyse_story
    from reports.charts import claims_chart, outlet_labels, quotes_chart

    analysis = analyse_story(broken_heart)
    labels = outlet_labels(analysis, blind=True)
    claims = claims_chart(analysis, labels)
    # no "92% added" bar: every article reports the 2018 operation, so none is compared sentence by sentence
    assert all(row[1:] == ("0", "0", "0", "0") for row in claims.rows), claims.rows
    assert "not compared" in claims.description
    quotes = quotes_chart(analysis, labels)
    unsourced = quotes.headers.index("unsourced")
    other = quotes.headers.index("from another event")
    assert all(row[unsourced] == "0" and int(row[other]) > 0 for row in quotes.rows), quotes.rows
