"""The workbench in a real headless browser (Playwright driving Debian's Chromium), the whole path.

Make a story by uploading files, wait for the analysis, open an article,
select a mark and read its evidence, correct its label and find it in the
gold file, judge the event check, refit with the corrections and read the
before/after figures, download the handout and check its pages; with an accessibility
check of each main page (contrast computed from the computed styles, labels
on form fields, every control reachable by keyboard, no colour-only cue).
Screenshots of every step are kept in ``tests/artifacts/web/`` (git-ignored).
The refit adds the corrections to two small gold stories (``REFIT_GOLD``),
not the toolkit's 23, to keep the test quick.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest

from analysis.study.gold import load_gold
from corpus import load_story
from sourcedrift.web import create_app
from sourcedrift.web.corrections import read_reviews
from tests.conftest import DEV_HARBOR, EMBEDDED

playwright_api = pytest.importorskip("playwright.sync_api", reason="the test extras install playwright")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "web"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() or not shutil.which("pdftoppm"),
                                reason="needs Debian's chromium and poppler-utils (.ci/run installs them)")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
WAIT_MS = 180_000   # generous: a loaded 2-core machine
REFIT_GOLD = [EMBEDDED / "holdout_airline", EMBEDDED / "holdout_schools"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    workspace = tmp_path_factory.mktemp("browser") / "workspace"
    app = create_app([], workspace=workspace, refit_gold=REFIT_GOLD)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", workspace
    httpd.shutdown()


@pytest.fixture(scope="module")
def page(server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        yield tab
        browser.close()


def shot(page, name: str) -> None:
    """Keep a screenshot of this step as a test artefact.

    A loaded machine can make Chromium refuse one capture ("Unable to capture
    screenshot"); the picture is an artefact, not an assertion, so it is tried
    once more before that counts as a failure.
    """
    path = str(ARTIFACTS / f"{name}.png")
    try:
        page.screenshot(path=path, full_page=False)
    except playwright_api.Error as error:
        if "Unable to capture screenshot" not in str(error):
            raise
        page.wait_for_timeout(500)
        page.screenshot(path=path, full_page=False)


# ----------------------------------------------------------------- accessibility checks (run in the page)

CONTRAST_JS = """() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = ({r, g, b}) => { const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    let out = {r: 255, g: 255, b: 255};
    for (let i = layers.length - 1; i >= 0; i--) { const c = layers[i];
      out = {r: c.r * c.a + out.r * (1 - c.a), g: c.g * c.a + out.g * (1 - c.a), b: c.b * c.a + out.b * (1 - c.a)}; }
    return out; };
  const bad = []; let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode; if (!node.textContent.trim()) continue;
    const el = node.parentElement; const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width < 2 || box.height < 2 || style.visibility === 'hidden' || el.closest('.sr')) continue;
    const fg = parse(style.color), bg = background(el);
    const a = lum(fg), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); checked++;
    if (ratio < 4.5) bad.push(`${node.textContent.trim().slice(0, 30)}: ${ratio.toFixed(2)} (${style.color} on ${JSON.stringify(bg)})`);
  }
  return {bad, checked};
}"""

LABELS_JS = """() => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
  .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map((el) => el.outerHTML.slice(0, 80))"""

CONTROLS_JS = """() => { let n = 0; const found = [];
  document.querySelectorAll('a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])')
    .forEach((el) => { const box = el.getBoundingClientRect(); const style = getComputedStyle(el);
      if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !el.closest('[hidden]')) {
        el.dataset.kb = String(n++); found.push(el.dataset.kb); } });
  return found; }"""

COLOUR_ONLY_JS = """() => { const bad = [];
  document.querySelectorAll('button.mark').forEach((b) => {
    if (!(b.textContent.trim() || b.getAttribute('aria-label'))) bad.push('mark without words: ' + b.id); });
  document.querySelectorAll('.article-text [class*="q-"]').forEach((s) => {
    if (!getComputedStyle(s).textDecorationLine.includes('underline')) bad.push('quotation not underlined: ' + s.textContent.slice(0, 30)); });
  document.querySelectorAll('.article-text [class*="fill-sentence-"]').forEach((s) => {
    const line = s.closest('.ln'); if (!line.querySelector('.mk').textContent.trim() && !line.previousElementSibling) bad.push('tint without a mark: ' + s.textContent.slice(0, 30)); });
  document.querySelectorAll('td.cell').forEach((c) => { if (!c.textContent.trim()) bad.push('grid cell without a symbol'); });
  document.querySelectorAll('.badge').forEach((b) => { if (!b.textContent.trim()) bad.push('badge without a symbol'); });
  return bad; }"""


def check_accessibility(page, name: str, *, tab_limit: int = 400) -> None:
    contrast = page.evaluate(CONTRAST_JS)
    assert contrast["checked"] > 5, name
    assert not contrast["bad"], f"{name}: text under 4.5:1: {contrast['bad'][:5]}"
    assert not page.evaluate(LABELS_JS), f"{name}: form fields without a label"
    assert not page.evaluate(COLOUR_ONLY_JS), f"{name}: a cue carried by colour alone"
    controls = set(page.evaluate(CONTROLS_JS))
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached = set()
    for _ in range(min(tab_limit, len(controls) + 30)):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("() => document.activeElement && document.activeElement.dataset.kb || ''"))
        if controls <= reached:
            break
    missing = controls - reached
    assert not missing, f"{name}: {len(missing)} of {len(controls)} controls not reachable with Tab"


# ----------------------------------------------------------------- the whole path


def test_the_whole_path_in_a_browser(server, page, tmp_path):
    base, workspace = server
    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("primary.txt", "a02.txt", "a01.txt"):
        shutil.copy(DEV_HARBOR / name, texts / name)

    # 1. A new story, by uploading files.
    page.goto(base + "/")
    check_accessibility(page, "home")
    shot(page, "01-home")
    page.fill("#title", "Browser test story")
    page.set_input_files("#primary_file", str(texts / "primary.txt"))
    page.fill("#primary_outlet", "Federal Waterways Agency")
    page.set_input_files("#article_file_1", str(texts / "a02.txt"))
    page.fill("#article_outlet_1", "The Daily Blare")
    page.set_input_files("#article_file_2", str(texts / "a01.txt"))
    page.fill("#article_outlet_2", "Coastal Wire")
    shot(page, "02-new-story-form")
    page.click("text=Make the story and analyse it")

    # 2. The analysis runs in the background; the page polls and opens the story when done.
    page.wait_for_url("**/story/browser-test-story")
    shot(page, "03-analysing")
    page.wait_for_selector("h2:has-text('Articles')", timeout=WAIT_MS)
    shot(page, "04-story")
    check_accessibility(page, "story")
    story_dir = workspace / "browser-test-story"
    assert [d.file for d in load_story(story_dir).coverage] == ["a02.txt", "a01.txt"]

    # 3. An article: select a quotation's mark and read its evidence.
    page.click("text=Article A: The Daily Blare")
    page.wait_for_selector(".article-text")
    assert page.locator(".ev:visible").count() == 0
    check_accessibility(page, "article")
    shot(page, "05-article")
    quote = page.locator("button.mark[data-mark^='q']").first
    quote.click()
    mark_id = quote.get_attribute("data-mark")
    evidence = page.locator(f"#ev-{mark_id}")
    assert evidence.is_visible()
    assert "primary's words" in evidence.inner_text() and "credited to" in evidence.inner_text()
    assert page.locator(".primary-lines .ln.hit").count() > 0      # the primary's words shown beside it
    shot(page, "06-evidence")
    page.keyboard.press("j")                                         # keyboard: the next mark
    pressed = page.locator("button.mark[aria-pressed='true']")
    assert pressed.count() == 1 and pressed.get_attribute("data-mark") != mark_id
    page.keyboard.press("k")
    assert page.locator("button.mark[aria-pressed='true']").get_attribute("data-mark") == mark_id
    page.keyboard.press("j")
    words = page.locator(".article-text [data-of]").first                # the quoted words select it too
    words.click()
    assert page.locator("button.mark[aria-pressed='true']").get_attribute("data-mark") == words.get_attribute("data-of")
    quote.click()

    # 4. Correct its label; it lands in the coder's gold file.
    select = evidence.locator("select[name=label]")
    current = select.input_value()
    new_label = next(v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v != current)
    select.select_option(new_label)
    evidence.locator("input[name=note]").fill("checked against the release")
    evidence.locator("input[name=coder]").fill("Browser Coder")
    evidence.locator("button[type=submit]").click()
    page.wait_for_selector("text=Saved to")
    assert page.locator(f"#ev-{mark_id}").is_visible()               # the same mark stays selected
    shot(page, "07-corrected")
    gold_file = story_dir / "gold-browser-coder.toml"
    load_gold(gold_file, load_story(story_dir))
    review = read_reviews(gold_file)[("a02.txt", mark_id)]
    assert (review.label, review.note, review.coder) == (new_label, "checked against the release", "Browser Coder")
    assert page.locator("#agreement td", has_text="1").count() >= 1

    # 4b. Judge the article's event check (the paywall notice has the same form).
    page.select_option("#label-event", "false")
    page.fill("#note-event", "reports an earlier sweep")
    page.click("#check-event button[type=submit]")
    page.wait_for_selector("text=Browser Coder judged it")
    shot(page, "07b-event-judged")
    review = read_reviews(gold_file)[("a02.txt", "event")]
    assert (review.label, review.note) == ("false", "reports an earlier sweep")
    assert "documents" in load_gold(gold_file, load_story(story_dir)).annotated

    # 4c. Refit with the corrections: the page shows the progress, then the figures before and after.
    page.goto(f"{base}/story/browser-test-story")
    assert page.input_value("#refit-coder") == "Browser Coder"
    page.click("text=Refit with my corrections")
    page.wait_for_url("**/refit")
    shot(page, "07c-refitting")
    page.wait_for_selector("#gold-figures", timeout=WAIT_MS)
    shot(page, "07d-refit-figures")
    check_accessibility(page, "refit")
    judged = page.locator("#judged-figures").inner_text()
    assert "quotation labels" in judged and "event checks" in judged
    assert page.locator("#gold-figures tbody tr").count() == 7
    assert (workspace / "models" / "browser-coder" / "claims_label.json").is_file()
    page.click("text=Use my refitted models")
    page.wait_for_selector("text=Go back to the shipped models")
    assert "browser-coder" in page.locator("#models").inner_text()
    page.click("text=Go back to the shipped models")
    page.wait_for_selector("text=the models shipped with the toolkit")

    # 5. The grid and charts.
    page.goto(f"{base}/story/browser-test-story/grid")
    page.wait_for_selector("table.grid")
    assert page.locator(".chart img").count() >= 3
    assert page.evaluate("() => Array.from(document.querySelectorAll('.chart img')).every(i => i.naturalWidth > 0)")
    check_accessibility(page, "grid")
    shot(page, "08-grid")

    # 6. Download the classroom documents (A4) and check the handout's pages.
    page.goto(f"{base}/story/browser-test-story")
    page.select_option("#paper", "a4")
    with page.expect_download(timeout=WAIT_MS) as download:
        page.click("text=Download everything as a zip")
    archive_path = tmp_path / "report.zip"
    download.value.save_as(archive_path)
    archive = zipfile.ZipFile(archive_path)
    assert "handout/student-a4.pdf" in archive.namelist() and "bundle/manifest.json" in archive.namelist()
    pdf = archive.read("handout/student-a4.pdf")
    page.click("text=List the files")
    link = page.locator("a", has_text="handout/student-a4.pdf")
    shot(page, "09-files")
    assert page.request.get(base + link.get_attribute("href")).body() == pdf
    (tmp_path / "student.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "student.pdf"), str(tmp_path / "page")],
                   check=True, timeout=300)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 4          # primary, two articles, grid, questions
    from PIL import Image

    for picture in pages:
        grey = Image.open(picture).convert("L")
        dark = sum(grey.histogram()[:128])
        assert dark > 0.002 * grey.width * grey.height, f"{picture.name} is blank"
    shutil.copy(pages[1], ARTIFACTS / "10-handout-page-2.png")


def test_the_progress_bar_shows_while_a_story_is_analysed(server, page):
    """The waiting page is served at once and turns into the story page without a reload by hand."""
    base, workspace = server
    page.goto(base + "/")
    page.fill("#title", "Pasted story")
    page.fill("#primary_text", (DEV_HARBOR / "primary.txt").read_text(encoding="utf-8"))
    page.fill("#article_text_1", (DEV_HARBOR / "a03.txt").read_text(encoding="utf-8"))
    page.click("text=Make the story and analyse it")
    page.wait_for_url("**/story/pasted-story")
    html = page.content()
    assert "<progress" in html or "Articles" in html   # either still running, or already done on a quick machine
    page.wait_for_selector("h2:has-text('Articles')", timeout=WAIT_MS)
    assert (workspace / "pasted-story" / "primary.txt").is_file()
