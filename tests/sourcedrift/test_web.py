"""The web workbench through Flask's test client: pages, uploads, escaping, paths, CSRF, corrections, outputs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sourcedrift.cli import main
from analysis.study.gold import load_gold
from corpus import load_story
from sourcedrift.web import create_app
from sourcedrift.web.corrections import distinctive, read_reviews
from sourcedrift.web.outputs import zip_bytes
from tests.conftest import ARTICLE_TEXT, DEV_HARBOR, PRIMARY_TEXT

CHECK_GOLD = Path("/work/shared/tools/check_gold.py")
HOSTILE = ('Harbor sweep <script>alert("x")</script> finds 40 violations\n\n'
           'Inspectors found 40 violations at 12 ports in May, the agency said. </textarea><b>bold</b>\n\n'
           '"We will be back next year," Smith said. <img src=x onerror=alert(1)>\n')


@pytest.fixture(scope="module")
def workbench(tmp_path_factory):
    """An app serving a copy of dev_harbor (6 articles), analysed, and an empty workspace."""
    root = tmp_path_factory.mktemp("web")
    story = shutil.copytree(DEV_HARBOR, root / "dev_harbor")
    app = create_app([story], workspace=root / "workspace")
    app.config["TESTING"] = True
    app.extensions["sourcedrift"].wait(300)
    return app, story, root / "workspace"


def token(client, url: str = "/") -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def new_story(client, **fields):
    data = {"csrf_token": token(client), "title": "Tiny sweep", "primary_outlet": "Agency"}
    data.update(fields)
    return client.post("/new", data=data, content_type="multipart/form-data")


# ----------------------------------------------------------------- pages


def test_pages_of_an_analysed_story(workbench):
    app, _, _ = workbench
    client = app.test_client()
    home = client.get("/").get_data(as_text=True)
    assert "Operation Clean Keel" in home and 'href="/story/dev_harbor"' in home
    story = client.get("/story/dev_harbor").get_data(as_text=True)
    assert "Article F" in story and "Download everything as a zip" in story
    assert client.get("/story/dev_harbor/status.json").get_json()["state"] == "done"
    grid = client.get("/story/dev_harbor/grid").get_data(as_text=True)
    assert '<table class="grid">' in grid and "/story/dev_harbor/chart/claims.svg" in grid
    svg = client.get("/story/dev_harbor/chart/claims.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data


def test_article_page_marks_and_evidence(workbench):
    app, _, _ = workbench
    html = app.test_client().get("/story/dev_harbor/article/B").get_data(as_text=True)
    marks = re.findall(r'<button type="button" class="mark[^"]*" id="m-(\w+)" data-mark="\w+"', html)
    assert {m[0] for m in marks} == {"q", "c", "f"}          # quotations, claims and figures are all selectable
    for mark in marks:                                      # each has its evidence block and correction form
        assert f'id="ev-{mark}"' in html and f'id="label-{mark}"' in html
    assert "primary&#39;s words" in html and "<del>" in html  # a quotation's evidence: the primary's words, word diff
    assert "checked against" in html                          # a figure's: what it was checked against
    assert "q-altered" in html and "b-figure-mismatch" in html  # the handout's underline styles and badges


@pytest.mark.parametrize("notice", ["Different event.", "Paywall."])
def test_event_check_and_paywall_notice_come_before_the_text(workbench, notice):
    app, _, _ = workbench
    client = app.test_client()
    pages = [client.get(f"/story/dev_harbor/article/{key}").get_data(as_text=True) for key in "ABCDEF"]
    flagged = [html for html in pages if f"<strong>{'⚠ ' if 'event' in notice else ''}{notice}</strong>" in html]
    assert len(flagged) == 1, "dev_harbor has one article about another event and one behind a paywall"
    assert flagged[0].index(notice) < flagged[0].index('class="doc article-text"')


def test_a_wrong_method_gets_the_app_s_own_page(workbench):
    app, _, _ = workbench
    response = app.test_client().get("/new")
    assert response.status_code == 405 and "sourcedrift workbench" in response.get_data(as_text=True)


def test_security_headers_and_local_assets(workbench):
    app, _, _ = workbench
    client = app.test_client()
    response = client.get("/story/dev_harbor/article/A")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)   # nothing loaded from elsewhere
    assert client.get("/handout.css").status_code == 200
    assert client.get("/fonts/DejaVuSans.ttf").data[:4] == b"\x00\x01\x00\x00"
    assert client.get("/static/app.js").status_code == 200


# ----------------------------------------------------------------- new stories


def test_new_story_from_pasted_text_and_an_uploaded_file(workbench):
    app, _, workspace = workbench
    client = app.test_client()
    response = new_story(client, primary_text=PRIMARY_TEXT, article_outlet_1="Daily Blare",
                         article_file_1=(io.BytesIO(ARTICLE_TEXT.encode()), "blare.txt"),
                         article_text_2="Ports: 40 violations found at 12 ports in May 2025, the agency said.\n",
                         article_outlet_2="Wire")
    assert response.status_code == 303
    story_id = response.headers["Location"].rsplit("/", 1)[1]
    app.extensions["sourcedrift"].wait(300)
    story = load_story(workspace / story_id)
    assert [d.file for d in story.documents] == ["primary.txt", "blare.txt", "article-2.txt"]
    assert [d.outlet for d in story.documents] == ["Agency", "Daily Blare", "Wire"]
    assert story.title == "Tiny sweep"
    assert client.get(f"/story/{story_id}/status.json").get_json()["state"] == "done"
    assert "Daily Blare" in client.get(f"/story/{story_id}/article/A").get_data(as_text=True)


def test_story_text_is_escaped_everywhere(workbench):
    app, _, _ = workbench
    client = app.test_client()
    response = new_story(client, title="Hostile <script>", primary_text=PRIMARY_TEXT, article_text_1=HOSTILE,
                         article_outlet_1='Outlet "><script>alert(2)</script>')
    story_id = response.headers["Location"].rsplit("/", 1)[1]
    app.extensions["sourcedrift"].wait(300)
    pages = [client.get(url).get_data(as_text=True) for url in
             ("/", f"/story/{story_id}", f"/story/{story_id}/article/A", f"/story/{story_id}/grid")]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "</textarea><b>" not in html
    article = pages[2]
    assert "&lt;script&gt;alert(" in article and "onerror=alert(1)&gt;" in article and "&lt;/textarea&gt;" in article
    # A refused form shows the pasted text back inside its textarea, still escaped.
    refused = new_story(client, primary_text=HOSTILE).get_data(as_text=True)
    assert "&lt;/textarea&gt;&lt;b&gt;bold" in refused and "</textarea><b>bold" not in refused


@pytest.mark.parametrize("upload, message", [
    ((io.BytesIO(b"%PDF-1.4 ..."), "release.pdf"), "“release.pdf” is not a .txt file or a saved .html page"),
    ((io.BytesIO(b"\x00\x01binary"), "notes.txt"), "“notes.txt” is a binary file"),
    ((io.BytesIO("caf\xe9".encode("latin-1")), "latin.txt"), "“latin.txt” is not UTF-8 text"),
    ((io.BytesIO(b"x" * (2 * 1024 * 1024 + 1)), "huge.txt"), "“huge.txt” is larger than 2 MB"),
], ids=["pdf", "binary", "latin-1", "too-big"])
def test_a_bad_upload_is_named_on_the_page_and_nothing_is_made(workbench, upload, message):
    app, _, workspace = workbench
    client = app.test_client()
    before = sorted(p.name for p in workspace.iterdir()) if workspace.exists() else []
    response = new_story(client, primary_text=PRIMARY_TEXT, article_file_1=upload)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "The story was not made" in html and message in html
    assert (sorted(p.name for p in workspace.iterdir()) if workspace.exists() else []) == before


def test_a_request_over_the_size_limit_gets_a_page_not_a_crash(workbench):
    app, _, _ = workbench
    client = app.test_client()
    big = io.BytesIO(b"a" * (app.config["MAX_CONTENT_LENGTH"] + 10))
    response = new_story(client, primary_text=PRIMARY_TEXT, article_file_1=(big, "big.txt"))
    assert response.status_code == 413 and "nothing was saved" in response.get_data(as_text=True)


def test_missing_texts_are_named(workbench):
    app, _, _ = workbench
    html = new_story(app.test_client()).get_data(as_text=True)
    assert "The primary: choose a file or paste its text." in html
    assert "Articles: give at least one article" in html


def test_stories_made_here_are_listed_again_and_broken_folders_named(tmp_path):
    workspace = tmp_path / "workspace"
    shutil.copytree(DEV_HARBOR, workspace / "harbor")
    (workspace / "broken").mkdir()
    (workspace / "broken" / "story.toml").write_text("[story\n", encoding="utf-8")
    app = create_app([], workspace=workspace, analyse=False)
    html = app.test_client().get("/").get_data(as_text=True)
    assert 'href="/story/harbor"' in html and "made here" in html
    assert "could not be read" in html and "broken" in html


# ----------------------------------------------------------------- paths


@pytest.mark.parametrize("url", [
    "/story/..%2F..%2Fetc/status.json", "/story/../etc", "/story/DEV_HARBOR", "/story/dev_harbor/article/..",
    "/story/dev_harbor/article/Z", "/story/dev_harbor/report/..%2Fstory.toml?paper=a4",
    "/story/dev_harbor/report/../../story.toml", "/story/dev_harbor/report/%2Fetc%2Fpasswd",
    "/fonts/..%2F..%2Fsetup.cfg", "/story/dev_harbor/chart/..%2Fclaims.svg",
])
def test_traversal_is_refused(workbench, url):
    app, _, _ = workbench
    response = app.test_client().get(url, follow_redirects=True)  # werkzeug may first merge "//" (308)
    assert response.status_code == 404
    assert b"[story]" not in response.data and b"root:" not in response.data


def test_names_from_the_form_stay_inside_the_workspace(workbench):
    app, _, workspace = workbench
    client = app.test_client()
    response = new_story(client, title="../../outside", primary_text=PRIMARY_TEXT,
                         article_file_1=(io.BytesIO(ARTICLE_TEXT.encode()), "../../escape.txt"))
    assert response.status_code == 303
    story_id = response.headers["Location"].rsplit("/", 1)[1]
    assert (workspace / story_id / "escape.txt").is_file()
    assert not (workspace.parent / "outside").exists() and not (workspace.parent / "escape.txt").exists()
    assert not any(p.name.startswith(".upload-") for p in workspace.iterdir())  # staging removed


# ----------------------------------------------------------------- CSRF


@pytest.mark.parametrize("url", ["/new", "/story/dev_harbor/article/A/correct", "/story/dev_harbor/refit"])
def test_a_post_without_the_csrf_token_is_refused(workbench, url):
    app, story, _ = workbench
    client = app.test_client()
    token(client)  # the session has a token; the request just does not carry it
    before = sorted(p.name for p in story.iterdir())
    for data in ({"mark": "c0", "label": "added", "coder": "x", "primary_text": PRIMARY_TEXT},
                 {"mark": "c0", "label": "added", "coder": "x", "csrf_token": "forged"}):
        response = client.post(url, data=data)
        assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert sorted(p.name for p in story.iterdir()) == before


# ----------------------------------------------------------------- corrections


def test_a_correction_is_saved_as_gold_and_agreement_shown(workbench):
    app, story, _ = workbench
    client = app.test_client()
    csrf = token(client, "/story/dev_harbor/article/B")
    html = client.get("/story/dev_harbor/article/B").get_data(as_text=True)
    quote = re.search(r'data-mark="(q\d+)"', html).group(1)
    response = client.post("/story/dev_harbor/article/B/correct", data={
        "csrf_token": csrf, "mark": quote, "label": "unsourced", "note": "not in the <release>", "coder": "Ms. Rivera"})
    assert response.status_code == 303 and "saved=gold-ms-rivera.toml" in response.headers["Location"]
    claim = re.search(r'data-mark="(c\d+)"', html).group(1)
    client.post("/story/dev_harbor/article/B/correct", data={
        "csrf_token": csrf, "mark": claim, "label": "added", "kind": "editorial", "coder": "Ms. Rivera"})
    path = story / "gold-ms-rivera.toml"
    gold = load_gold(path, load_story(story))   # the project's own loader accepts it
    reviews = read_reviews(path)
    assert reviews[("a02.txt", quote)].label == "unsourced" and reviews[("a02.txt", quote)].note == "not in the <release>"
    assert reviews[("a02.txt", claim)].kind == "editorial"
    assert any(q.label == "unsourced" for q in gold.quotes) and any(c.kind == "editorial" for c in gold.claims)
    assert sorted(gold.annotated) == ["claims", "quotes"]     # the measures the coder reviewed a mark of
    page = client.get(f"/story/dev_harbor/article/B?mark={quote}").get_data(as_text=True)
    assert "gold-ms-rivera.toml" in page and "Ms. Rivera labelled it <strong>unsourced</strong>" in page
    assert re.search(r"Reviewed</th>.*?<td>2</td>", page, re.S) or ">2</td><td>" in page
    assert "Refit with my corrections" in page and 'id="refit-coder"' in page
    if CHECK_GOLD.is_file():  # the team's checker, when this machine has it (never needed to pass)
        result = subprocess.run([sys.executable, str(CHECK_GOLD), str(story), str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


def test_the_gold_file_scores_with_evaluate(workbench, capsys):
    app, story, _ = workbench
    client = app.test_client()
    csrf = token(client, "/story/dev_harbor/article/C")
    client.post("/story/dev_harbor/article/C/correct", data={"csrf_token": csrf, "mark": "c0", "label": "supported",
                                                           "coder": "second coder"})
    assert main(["evaluate", str(story), "--gold", str(story / "gold-second-coder.toml")]) == 0
    assert "agreement" in capsys.readouterr().out


@pytest.mark.parametrize("data, reason", [
    ({"mark": "q999", "label": "exact", "coder": "a"}, "not a mark"),
    ({"mark": "c0", "label": "spliced", "coder": "a"}, "not a claim label"),
    ({"mark": "../../x", "label": "exact", "coder": "a"}, "not a mark"),
    ({"mark": "c0", "label": "added", "coder": "../.."}, "coder name"),
    ({"mark": "c0", "label": "added", "kind": "gossip", "coder": "a"}, "not a kind"),
])
def test_a_bad_correction_is_refused_and_the_file_kept(workbench, data, reason):
    app, story, _ = workbench
    client = app.test_client()
    csrf = token(client)
    client.post("/story/dev_harbor/article/A/correct", data={"csrf_token": csrf, "mark": "c1", "label": "added",
                                                            "coder": "a"})
    before = (story / "gold-a.toml").read_bytes()
    response = client.post("/story/dev_harbor/article/A/correct", data={"csrf_token": csrf, **data})
    assert response.status_code == 400 and reason in response.get_data(as_text=True)
    assert (story / "gold-a.toml").read_bytes() == before
    assert not list(story.glob(".gold-*.tmp"))


@pytest.mark.parametrize("text, start, end, expected", [
    ("one two one", 8, 11, "two one"),       # widened to the right first
    ("a 5 b 5 c", 2, 3, "a 5 b"),
    ("unique 40 here", 7, 9, "40"),
])
def test_distinctive_text_occurs_once(text, start, end, expected):
    found = distinctive(text, start, end)
    assert found == expected and text.count(found) == 1


# ----------------------------------------------------------------- outputs


def test_report_zip_holds_exactly_what_report_writes(workbench, tmp_path):
    app, story, _ = workbench
    client = app.test_client()
    response = client.get("/story/dev_harbor/report.zip?paper=a4&blind=1")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert client.get("/story/dev_harbor/report.zip?paper=a4&blind=1").data == response.data  # reproducible
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert names == sorted(names) and {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    out = tmp_path / "report"
    assert main(["report", str(story), "-o", str(out), "--paper", "a4", "--blind", "-q"]) == 0
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert set(names) == set(written) and "handout/student-a4.pdf" in written
    for name in names:
        assert archive.read(name) == written[name], name
    single = client.get("/story/dev_harbor/report/handout/student-a4.pdf?paper=a4&blind=1")
    assert single.mimetype == "application/pdf" and single.data == written["handout/student-a4.pdf"]


def test_zip_bytes_is_reproducible_and_sorted():
    files = {"b/two.txt": b"2", "a.txt": b"1"}
    assert zip_bytes(files) == zip_bytes(dict(reversed(list(files.items()))))
    assert zipfile.ZipFile(io.BytesIO(zip_bytes(files))).namelist() == ["a.txt", "b/two.txt"]


def test_unknown_paper_is_refused(workbench):
    app, _, _ = workbench
    assert app.test_client().get("/story/dev_harbor/report.zip?paper=legal").status_code == 400


# ----------------------------------------------------------------- the command


def test_serve_help_names_its_options(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    for option in ("--port", "--host", "--open", "--workspace", "STORY_DIR"):
        assert option in out


def test_serve_refuses_a_folder_that_is_not_a_story(tmp_path, capsys):
    assert main(["serve", str(tmp_path), "--workspace", str(tmp_path / "ws")]) == 2
    assert str(tmp_path) in capsys.readouterr().err


def test_serve_refuses_a_bad_port(capsys):
    assert main(["serve", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def test_serve_prints_its_address_and_opens_the_browser(tmp_path, monkeypatch):
    import sourcedrift.web.app as web_app

    class Server:
        server_port = 43210

        def serve_forever(self):
            pass

        def server_close(self):
            pass

    opened = []
    monkeypatch.setattr("werkzeug.serving.make_server", lambda host, port, app, threaded: Server())
    monkeypatch.setattr(web_app.webbrowser, "open", opened.append)
    out = io.StringIO()
    web_app.serve([DEV_HARBOR], port=0, workspace=tmp_path / "ws", open_browser=True, out=out)
    assert "http://127.0.0.1:43210/" in out.getvalue() and str(tmp_path / "ws") in out.getvalue()
    for _ in range(100):
        if opened:
            break
        __import__("time").sleep(0.05)
    assert opened == ["http://127.0.0.1:43210/"]


def test_serve_warns_off_loopback(tmp_path, capsys, monkeypatch):
    import sourcedrift.web.app as web_app

    class Stop(Exception):
        pass

    def no_server(*args, **kwargs):
        raise Stop

    monkeypatch.setattr("werkzeug.serving.make_server", no_server)
    with pytest.raises(Stop):
        web_app.serve([], host="0.0.0.0", port=0, workspace=tmp_path)
    assert "warning: serving on 0.0.0.0" in capsys.readouterr().err
    with pytest.raises(Stop):
        web_app.serve([], host="127.0.0.1", port=0, workspace=tmp_path)
    assert "warning" not in capsys.readouterr().err


def test_a_slow_cached_item_does_not_hold_up_the_others(tmp_path):
    """While the report is being made (a slow key), the pages of the same story (other keys) are still served."""
    import threading

    from sourcedrift.web.stories import Registry
    from analysis.settings import DEFAULT

    entry = Registry(tmp_path, DEFAULT).add(DEV_HARBOR)
    inside, release = threading.Event(), threading.Event()

    def slow():
        inside.set()
        release.wait(30)
        return "report"

    worker = threading.Thread(target=entry.cached, args=("slow", slow))
    worker.start()
    assert inside.wait(30)
    assert entry.cached("page", lambda: "page") == "page"     # returns while "slow" is still computing
    assert worker.is_alive()
    release.set()
    worker.join(30)
    assert entry.cached("slow", lambda: "again") == "report"  # computed once


def test_corrections_saved_at_the_same_time_are_all_kept(workbench):
    """The threaded server may run two saves of one coder at once: neither may be lost."""
    import threading

    app, story, _ = workbench
    client = app.test_client()
    csrf = token(client)
    marks = [f"c{i}" for i in range(8)]

    def save(mark):
        own = app.test_client()
        with own.session_transaction() as session:
            session["csrf"] = csrf
        own.post("/story/dev_harbor/article/D/correct",
                 data={"csrf_token": csrf, "mark": mark, "label": "added", "kind": "detail", "coder": "race"})

    threads = [threading.Thread(target=save, args=(mark,)) for mark in marks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    reviews = read_reviews(story / "gold-race.toml")
    assert sorted(m for f, m in reviews) == sorted(marks)
