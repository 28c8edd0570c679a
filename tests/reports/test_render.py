"""The handout as a person sees it: HTML in headless Chromium, PDF pages through pdftoppm.

The report is written once for the module (dev_harbor with every kind of
finding, see tests/reports_fake.py). Tests skip only when Chromium or
poppler-utils is missing on a developer's machine; in CI (``CI`` set) a
missing binary is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zlib
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from reports.handout import PAGE_PAD_PT, prepare, render_html
from reports.layout import LARGE, line_of
from reports.pdf import render_pdf
from reports.report import ReportOptions, write_report
from tests.reports_fake import ALL_MEASURES, fake_dev_analysis

WINDOW_WIDTH = 900
BACKGROUND_MAX = 230     # the grey between sheets is darker than this; paper is white (255)
DARK = 128


def _binary(name: str) -> str:
    found = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI (.ci/run installs it)")
    pytest.skip(f"{name} is not installed")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    written = write_report(fake_dev_analysis(), out, ready=ALL_MEASURES, options=ReportOptions(annotated=True))
    handout = prepare(fake_dev_analysis(), ready=ALL_MEASURES, footer="")
    return out, written, handout


def _screenshot(html: Path, target: Path, height: int) -> Image.Image:
    chromium = _binary("chromium")
    profile = target.parent / f"profile-{target.stem}"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={target}",
               f"--window-size={WINDOW_WIDTH},{height}", html.as_uri()]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return Image.open(target).convert("L")


def _sheets(image: Image.Image, x: int) -> list[tuple[int, int]]:
    """Vertical runs of white paper in column ``x``: one per sheet."""
    runs, start = [], None
    for y in range(image.height):
        white = image.getpixel((x, y)) > BACKGROUND_MAX
        if white and start is None:
            start = y
        elif not white and start is not None:
            runs.append((start, y))
            start = None
    if start is not None:
        runs.append((start, image.height))
    return [r for r in runs if r[1] - r[0] > 200]


def _dark_share(image: Image.Image) -> float:
    histogram = image.histogram()
    return sum(histogram[:DARK]) / max(1, sum(histogram))


def _expected_pages(handout, copy: str) -> int:
    return 1 + len(handout.view.articles) + (1 if copy == "annotated" else 2)


@pytest.mark.parametrize("copy", ["student", "teacher", "annotated"])
def test_every_html_page_is_drawn_and_not_blank(report, copy, tmp_path):
    out, _, handout = report
    expected = _expected_pages(handout, copy)
    height = 2600 * expected
    image = _screenshot(out / "handout" / f"{copy}.html", tmp_path / f"{copy}.png", height)
    # the sheet's left padding, just inside its edge
    sheet_pt = handout.geometry.number_width + handout.geometry.mark_width + handout.geometry.text_width + 8
    left = (WINDOW_WIDTH - (sheet_pt + 2 * PAGE_PAD_PT) * 4 / 3) / 2
    sheets = _sheets(image, int(left + 12))
    assert len(sheets) == expected, sheets
    assert sheets[-1][1] < image.height - 5, "the last sheet runs off the screenshot"
    for top, bottom in sheets:
        page = image.crop((int(left), top, int(WINDOW_WIDTH - left), bottom))
        assert _dark_share(page) > 0.01, (top, bottom)


def _page_text(html: str) -> list[str]:
    sections = re.findall(r'<section class="page".*?</section>', html, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", " ", s)) for s in sections]


# Words that give a verdict away: none of them may appear on the students' worksheet.
KEY_WORDS = ("Different event", "Answer", "Rubric", "Mastery", "mismatch", "not in the source", "contradicts",
             "misattributed", "Why the sentences are marked", "What the article left out", "Figures to check",
             "not compared", "rounded", "findings first")
VERDICT_SYMBOLS = ("✗", "✓", "≈", "○", "⚠")


@pytest.mark.parametrize("copy", ["student", "teacher", "annotated"])
def test_html_names_every_article_and_its_findings_where_they_belong(report, copy):
    out, written, handout = report
    html = (out / "handout" / f"{copy}.html").read_text(encoding="utf-8")
    pages = _page_text(html)
    sections = re.findall(r'<section class="page".*?</section>', html, flags=re.S)
    assert len(pages) == _expected_pages(handout, copy)
    assert all(f"configuration {written.config_sha256[:12]}" in page for page in pages)
    assert not any(written.config_sha256 in page for page in pages)  # the full hash is in the bundle only
    for n, article in enumerate(handout.view.articles, start=1):
        page, section = pages[n], sections[n]
        assert article.title in page
        shown = "".join(re.findall(r'<span class="mk"[^>]*>([^<]*)</span>', section))
        if copy == "student":
            assert not shown and "fill-" not in section and 'class="q-' not in section
            assert not any(word in page for word in KEY_WORDS)
            assert not any(symbol in page for symbol in VERDICT_SYMBOLS)
            continue
        lines = handout.lines_for(copy)[article.key]
        for quote in article.quotes:  # named by their labels where the text shows them, else by line
            assert (quote.ref if copy == "annotated" else str(line_of(lines, quote.start))) in page
        for figure in article.figures:
            where = f"{figure.ref}, line" if copy == "annotated" else "Line"
            flat = " ".join(page.split()).replace(" :", ":").replace(" ,", ",")
            assert f"{where} {line_of(lines, figure.start)}: “{figure.text}”" in flat
        for item in article.left_out or ():
            assert " ".join(item.split()[:6]) in " ".join(page.split())
        if article.event_note:
            assert "Different event" in page
        for mark, symbol in (("added", "+"), ("contradicted", "✗"), ("quoted", "=")):
            if any(m.mark == mark for m in article.marks):
                assert symbol in shown, (article.key, mark)
        assert len(shown) == len({line.number for line in handout.lines_for(copy)[article.key] if line.marks})
    assert "Side by side" in pages[1 + len(handout.view.articles)]
    if copy != "annotated":
        assert "Tasks" in pages[-1]
        assert ("Answer" in pages[-1]) is (copy == "teacher")
        assert ("Rubric" in pages[-1]) is (copy == "teacher")
    if copy == "student":
        assert "Words to know" in pages[-2]
        # the glossary names the codebook's terms; nothing else on the worksheet gives a verdict
        shown = [page.split("Words to know")[0] for page in pages]
        assert not any(word in page for page in shown for word in KEY_WORDS)


def test_worksheet_and_key_number_their_lines_alike(report):
    _, _, handout = report
    for key, lines in handout.lines.items():
        assert [(line.number, line.start, line.end) for line in lines] == \
            [(line.number, line.start, line.end) for line in handout.lines[key]]
        if key != "primary":
            assert not any(piece.is_badge for line in lines for piece in line.pieces)


def _pdf_pages(pdf: Path, tmp_path: Path) -> list[Image.Image]:
    pdftoppm = _binary("pdftoppm")
    prefix = tmp_path / pdf.stem
    subprocess.run([pdftoppm, "-r", "40", "-png", str(pdf), str(prefix)], check=True, capture_output=True,
                   timeout=120)
    return [Image.open(p).convert("L") for p in sorted(tmp_path.glob(f"{pdf.stem}-*.png"))]


def _filled_to(page: Image.Image) -> float:
    """How far down the page (0..1) its content reaches, the footer aside."""
    body = page.crop((0, 0, page.width, int(page.height * 0.9)))
    box = body.point(lambda v: 255 if v < DARK else 0).getbbox()
    return box[3] / page.height if box else 0.0


@pytest.mark.parametrize("name, ratio", [
    ("student-letter", 11 / 8.5), ("teacher-letter", 11 / 8.5), ("student-a4", 297 / 210), ("teacher-a4", 297 / 210),
    ("annotated-letter", 11 / 8.5)])
def test_every_pdf_page_exists_is_not_blank_and_none_is_left_mostly_empty(report, tmp_path, name, ratio):
    out, _, handout = report
    pages = _pdf_pages(out / "handout" / f"{name}.pdf", tmp_path)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert page.height / page.width == pytest.approx(ratio, rel=0.02)
        assert _dark_share(page) > 0.005, f"page {n} looks blank"
        if n < len(pages):
            assert _filled_to(page) > 0.5, f"page {n} is mostly empty"


def _pdf_text(pdf: Path) -> str:
    pdftotext = _binary("pdftotext")
    done = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=120)
    return done.stdout.decode("utf-8")


def test_pdf_names_every_article_and_flagged_item(report):
    out, written, handout = report
    text = _pdf_text(out / "handout" / "teacher-a4.pdf")
    flat = " ".join(text.split())
    assert f"configuration {written.config_sha256[:12]}" in flat and written.config_sha256 not in flat
    for article in handout.view.articles:
        assert article.title in flat
        lines = handout.lines[article.key]
        for figure in article.figures:
            assert f"Line {line_of(lines, figure.start)}: “{figure.text}”" in flat
    assert "Different event" in flat and "Paywall" in flat and "Answer" in flat and "Rubric" in flat
    student = " ".join(_pdf_text(out / "handout" / "student-a4.pdf").split()).split("Words to know")[0]
    assert not any(word in student for word in KEY_WORDS)
    assert not any(symbol in student for symbol in VERDICT_SYMBOLS)


@pytest.fixture(scope="module")
def broken_heart_report(tmp_path_factory, broken_heart):
    from analysis.pipeline import analyse_story
    from reports.report import ReportOptions

    out = tmp_path_factory.mktemp("broken_heart")
    write_report(analyse_story(broken_heart), out, options=ReportOptions(papers=("letter",), annotated=True))
    return out


@pytest.mark.parametrize("name", ["student-letter.pdf", "teacher-letter.pdf", "annotated-letter.pdf",
                                  "student.html", "teacher.html", "annotated.html"])
def test_page_one_of_every_document_names_the_different_event(broken_heart_report, name):
    path = broken_heart_report / "handout" / name
    if name.endswith(".pdf"):
        first = _pdf_text(path).split("\f")[0]
    else:
        first = _page_text(path.read_text(encoding="utf-8"))[0]
    flat = " ".join(first.split())
    assert "report Operation Broken Heart (2018), not the event of the primary source (April and May 2019)" in flat
    if name.startswith(("teacher", "annotated")):
        assert "line 2" in flat and "2200" in flat  # the changed figure, with its line


@pytest.mark.parametrize("name", ["index.html", "comparative/comparative.html"])
def test_index_and_comparative_report_open_with_the_findings(broken_heart_report, name):
    html = (broken_heart_report / name).read_text(encoding="utf-8")
    findings = html.index("The findings first")
    assert findings < html.index("<h2", findings + 30)  # before any other section
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert "Operation Broken Heart (2018), not the event of the primary source" in text


def test_the_embedded_story_letter_handouts_stay_short(broken_heart_report):
    pages = {name: _pdf_text(broken_heart_report / "handout" / f"{name}-letter.pdf").count("\f")
             for name in ("student", "teacher")}
    assert pages["student"] <= 9 and pages["teacher"] <= 13, pages


def test_two_runs_give_byte_identical_files(report, tmp_path):
    out, written, _ = report
    again = write_report(fake_dev_analysis(), tmp_path / "again", ready=ALL_MEASURES,
                         options=ReportOptions(annotated=True))
    assert [p.relative_to(tmp_path / "again") for p in again.files] == [p.relative_to(out) for p in written.files]
    for first, second in zip(written.files, again.files):
        assert first.read_bytes() == second.read_bytes(), first.relative_to(out)


def _pdf_font_sizes(pdf: bytes) -> set[float]:
    sizes = set()
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        sizes.update(float(s) for s in re.findall(rb"/F\d+\s+([\d.]+)\s+Tf", content))
    return sizes


@pytest.mark.parametrize("copy", ["student", "teacher", "annotated"])
def test_large_print_is_18_pt_or_more_in_one_column(copy):
    handout = prepare(fake_dev_analysis(), ready=ALL_MEASURES, large_print=True, footer="f")
    assert handout.geometry == LARGE
    html = render_html(handout, copy=copy)
    sizes = [float(s) for s in re.findall(r"font-size:([\d.]+)pt", html)]
    assert sizes and min(sizes) >= 18
    assert "grid-template-columns" not in html
    pdf_sizes = _pdf_font_sizes(render_pdf(handout, paper="letter", copy=copy))
    assert pdf_sizes and min(pdf_sizes) >= 18


def test_regular_print_has_two_note_columns():
    html = render_html(prepare(fake_dev_analysis(), ready=ALL_MEASURES), copy="teacher")
    assert "grid-template-columns:1fr 1fr" in html


def test_an_unknown_copy_is_refused():
    handout = prepare(fake_dev_analysis(), ready=ALL_MEASURES)
    with pytest.raises(ValueError, match="copy"):
        render_html(handout, copy="answers")
    with pytest.raises(ValueError, match="copy"):
        render_pdf(handout, copy="answers")


def test_blind_handout_hides_every_outlet(tmp_path):
    from reports.charts import charts, comparative_html

    handout = prepare(fake_dev_analysis(), ready=ALL_MEASURES, blind=True)
    student, teacher = render_html(handout), render_html(handout, copy="teacher")
    annotated = render_html(handout, copy="annotated")
    (tmp_path / "student.pdf").write_bytes(render_pdf(handout, paper="a4"))
    student_pdf = _pdf_text(tmp_path / "student.pdf")
    drawn, left_out = charts(fake_dev_analysis(), blind=True, ready=frozenset({"claims"}))
    comparative = comparative_html(fake_dev_analysis(), drawn, left_out)
    for outlet in ("Tidewire", "The Daily Blare", "Frontline Sentinel", "Coastline Report"):
        assert outlet not in student and outlet not in student_pdf and outlet not in comparative
        assert outlet not in annotated
        assert outlet in teacher  # the key to the articles
