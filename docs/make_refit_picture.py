"""Draw ``docs/refit.png``: the workbench's Refit page, with its before and after figures.

    python docs/make_refit_picture.py

A coder ("Ms. Rivera") confirms the first five marks of article A of a copy
of the embedded broken_heart story and its event check, then refits with
the toolkit's 23 gold stories (about 90 s); the page is photographed in
Debian's Chromium through Playwright (the test extras).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

from sourcedrift.web import create_app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        story = shutil.copytree(ROOT / "corpus" / "broken_heart", Path(scratch) / "broken_heart")
        app = create_app([story], workspace=Path(scratch) / "workspace")
        app.extensions["sourcedrift"].wait(300)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1200, "height": 860})
                page.set_default_timeout(600_000)
                page.goto(base + "/story/broken_heart/article/A")
                marks = list(dict.fromkeys(re.findall(r'data-mark="([qcf]\d+)"', page.content())))[:5]
                for mark in marks:  # saving the toolkit's own label confirms it
                    page.goto(f"{base}/story/broken_heart/article/A?mark={mark}")
                    form = page.locator(f"#ev-{mark} form")
                    form.locator("input[name=coder]").fill("Ms. Rivera")
                    form.locator("button[type=submit]").click()
                    page.wait_for_selector("text=Saved to")
                page.fill("#coder-event", "Ms. Rivera")
                page.click("#check-event button[type=submit]")
                page.wait_for_selector("text=judged it")
                page.goto(base + "/story/broken_heart")
                page.click("text=Refit with my corrections")
                page.wait_for_selector("#gold-figures")
                page.screenshot(path=str(ROOT / "docs" / "refit.png"), full_page=False)
                browser.close()
        finally:
            server.shutdown()
    print("wrote docs/refit.png", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
