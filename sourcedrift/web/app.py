"""The Flask application: routes, CSRF, security headers; ``serve`` runs it on a threaded local server.

Every page is a Jinja template with autoescaping on, so a story's text is
always shown as text. Requests name stories by id (``stories.Registry``) and
articles by letter; nothing a browser sends becomes a path. Every POST must
carry the session's CSRF token. Assets (CSS, the small script, the handout's
DejaVu fonts) are served by the app itself: the pages work offline.
"""

from __future__ import annotations

import hmac
import os
import secrets
import sys
import threading
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, session, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from analysis import __version__
from analysis.settings import DEFAULT, Settings
from corpus import InputError
from reports.charts import charts
from reports.fonts import BOLD, LICENCE, REGULAR, font_path
from reports.handout import Handout, counts_line, grid_html, prepare, stylesheet
from reports.layout import REGULAR as REGULAR_GEOMETRY
from reports.style import FIGURE, GRID, QUOTE, SENTENCE
from sourcedrift.web import corrections, outputs, refit, uploads
from sourcedrift.web.marks import KINDS, article_page
from sourcedrift.web.stories import Entry, Registry

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# The handout stylesheet's rules the workbench uses: marks, badges and body lines (not its page and print rules).
_HANDOUT_RULES = (".q-", ".fill-", ".b-", ".badge", ".ln", ".no{", ".mk{", ".tx", ".body{", "@font-face", ".sr{")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def default_workspace() -> Path:
    """Where stories made in the app go: ``$XDG_DATA_HOME/sourcedrift/stories`` (``~/.local/share/...``)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sourcedrift" / "stories"


def create_app(stories: Sequence[str | Path] = (), *, workspace: str | Path | None = None,
               settings: Settings = DEFAULT, analyse: bool = True,
               refit_gold: Sequence[str | Path] | None = None) -> Flask:
    """The workbench for ``stories`` and the stories of ``workspace``.

    ``refit_gold`` are the gold stories a refit adds the coder's corrections
    to (default: the toolkit's own, ``refit.shipped_gold()``).

    Raises:
        InputError: a story given is not a story folder, or the workspace is a file.
    """
    workspace = Path(workspace) if workspace is not None else default_workspace()
    if workspace.exists() and not workspace.is_dir():
        raise InputError(workspace, "is a file, not a workspace folder")
    registry = Registry(workspace, settings)
    for story in stories:
        registry.add(story)
    problems = registry.scan_workspace()

    app = Flask(__name__)
    app.config.update(SECRET_KEY=secrets.token_bytes(32), MAX_CONTENT_LENGTH=uploads.MAX_REQUEST_BYTES,
                      SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True, TEMPLATES_AUTO_RELOAD=False)
    app.extensions["sourcedrift"] = registry
    refitter = refit.Refitter(registry, refit_gold)
    app.extensions["sourcedrift-refit"] = refitter
    app.jinja_env.globals.update(csrf_token=_csrf_token, SENTENCE=SENTENCE, GRID=GRID, QUOTE=QUOTE, FIGURE=FIGURE,
                                 version=__version__, KINDS=KINDS, PAPERS=outputs.PAPER_CHOICES)
    if analyse:
        registry.analyse_all()

    @app.before_request
    def check_csrf() -> None:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
        expected = session.get("csrf", "")
        if not expected or not hmac.compare_digest(str(sent), str(expected)):
            abort(400, description="This form has expired or did not come from this page (no valid CSRF token). "
                                   "Reload the page and try again.")

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_: Any):
        return render_template("home.html", stories=registry.entries(), problems=problems, form={},
                               errors=[f"The upload is larger than {uploads.MAX_REQUEST_BYTES // (1024 * 1024)} MB "
                                       f"in all (each file at most {uploads.MAX_FILE_BYTES // (1024 * 1024)} MB); "
                                       "nothing was saved."]), 413

    @app.errorhandler(400)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(500)
    def error_page(error: Any):
        return render_template("error.html", error=error), error.code

    # ------------------------------------------------------------ pages

    @app.get("/")
    def home():
        return render_template("home.html", stories=registry.entries(), problems=problems, form={}, errors=[])

    @app.post("/new")
    def new_story():
        form = uploads.read_form(request.form, request.files)
        errors = uploads.problems(form)
        if not errors:
            try:
                folder = registry.new_folder(form.title or "story")
                entry = registry.add(uploads.build(form, folder, registry.workspace), made_here=True)
            except InputError as error:
                errors = [f"{error.path}: {error.reason}"]
            else:
                registry.analyse(entry)
                return redirect(url_for("story_page", story_id=entry.id), code=303)
        return render_template("home.html", stories=registry.entries(), problems=problems,
                               form=request.form, errors=errors), 400

    @app.get("/story/<story_id>")
    def story_page(story_id: str):
        entry = _entry(registry, story_id)
        if entry.analysis is None:
            return _waiting(registry, entry)
        handout = _handout(entry)
        per_coder, together = corrections.story_agreement(entry.analysis, entry.directory)
        return render_template("story.html", entry=entry, handout=handout, counts_line=counts_line,
                               per_coder=per_coder, together=together, coder=session.get("coder", ""),
                               refit_status=refitter.status)

    @app.get("/story/<story_id>/status.json")
    def status(story_id: str):
        entry = _entry(registry, story_id)
        return jsonify(entry.status.to_dict())

    @app.get("/story/<story_id>/article/<key>")
    def article(story_id: str, key: str):
        entry = _entry(registry, story_id)
        if entry.analysis is None:
            return _waiting(registry, entry)
        handout = _handout(entry)
        if key not in [a.key for a in handout.view.articles]:
            abort(404, description="This story has no such article.")
        page = entry.cached(("page", key), lambda: article_page(handout, entry.analysis, key))
        coder = session.get("coder", "")
        reviews = {}
        if coder:
            try:
                reviews = {m: r for (f, m), r in corrections.read_reviews(
                    corrections.gold_path(entry.directory, coder)).items() if f == page.view.file}
            except (ValueError, OSError):
                reviews = {}
        per_coder, together = corrections.story_agreement(entry.analysis, entry.directory)
        keys = [a.key for a in handout.view.articles]
        checks = corrections.toolkit_checks(entry.analysis.article(page.view.file))
        return render_template("article.html", entry=entry, handout=handout, page=page, coder=coder,
                               reviews=reviews, selected=request.args.get("mark", ""), checks=checks,
                               saved=request.args.get("saved", ""), per_coder=per_coder, together=together,
                               refit_status=refitter.status, counts_line=counts_line, keys=keys)

    @app.post("/story/<story_id>/article/<key>/correct")
    def correct(story_id: str, key: str):
        entry = _entry(registry, story_id)
        if entry.analysis is None:
            abort(404, description="This story is still being analysed.")
        handout = _handout(entry)
        view = next((a for a in handout.view.articles if a.key == key), None)
        if view is None:
            abort(404, description="This story has no such article.")
        mark = request.form.get("mark", "")
        review = corrections.Review(
            file=view.file, mark=mark, label=request.form.get("label", ""),
            kind=request.form.get("kind", "") if request.form.get("label") == "added" else "",
            note=" ".join(request.form.get("note", "").split())[:500],
            coder=" ".join(request.form.get("coder", "").split())[:80])
        try:
            with entry.gold_lock:
                path = corrections.save_review(entry.analysis, entry.directory, review)
        except (ValueError, InputError) as error:
            abort(400, description=f"Not saved: {error}")
        session["coder"] = review.coder
        anchor = "checks" if mark in corrections.DOCUMENT_FIELDS else "evidence"
        return redirect(url_for("article", story_id=story_id, key=key, mark=mark, saved=path.name,
                                _anchor=anchor), code=303)

    @app.get("/story/<story_id>/grid")
    def grid(story_id: str):
        entry = _entry(registry, story_id)
        if entry.analysis is None:
            return _waiting(registry, entry)
        handout = _handout(entry)
        drawn, left_out = _charts(entry)
        return render_template("grid.html", entry=entry, handout=handout, grid=grid_html(handout.view),
                               charts=drawn, left_out=left_out)

    @app.get("/story/<story_id>/chart/<name>.svg")
    def chart(story_id: str, name: str):
        entry = _entry(registry, story_id)
        if entry.analysis is None:
            abort(404)
        found = next((c for c in _charts(entry)[0] if c.name == name), None)
        if found is None:
            abort(404, description="No such chart.")
        return Response(found.svg, mimetype="image/svg+xml")

    @app.get("/story/<story_id>/report.zip")
    def report_zip(story_id: str):
        entry, options = _report_request(registry)
        files = _report(entry, options)
        data = entry.cached(("zip", options), lambda: outputs.zip_bytes(files))
        name = f"{entry.id}-report.zip"
        return Response(data, mimetype="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/story/<story_id>/outputs")
    def output_list(story_id: str):
        entry, options = _report_request(registry)
        files = _report(entry, options)
        return render_template("outputs.html", entry=entry, files=sorted(files), args=request.args,
                               sizes={n: len(d) for n, d in files.items()})

    @app.get("/story/<story_id>/report/<path:name>")
    def output_file(story_id: str, name: str):
        entry, options = _report_request(registry)
        files = _report(entry, options)
        if name not in files:  # the report's own names only: nothing else can be asked for
            abort(404, description="The report has no such file.")
        mimetype = {".pdf": "application/pdf", ".html": "text/html", ".svg": "image/svg+xml", ".png": "image/png",
                    ".csv": "text/csv", ".json": "application/json", ".md": "text/markdown",
                    ".ttf": "font/ttf"}.get(Path(name).suffix, "application/octet-stream")
        headers = {}
        if mimetype == "text/html":  # the handout's own styles are inline: let them apply, never scripts
            headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'none'"
        return Response(files[name], mimetype=mimetype, headers=headers)

    @app.post("/story/<story_id>/refit")
    def refit_action(story_id: str):
        _entry(registry, story_id)
        coder = " ".join(request.form.get("coder", "").split())[:80] or session.get("coder", "")
        try:
            refitter.start(coder)
        except ValueError as error:
            abort(400, description=f"Not refitted: {error}")
        session["coder"] = coder
        return redirect(url_for("refit_page"), code=303)

    @app.get("/refit")
    def refit_page():
        coder = session.get("coder", "")
        result, problem, judged = None, "", []
        try:
            slug = corrections.coder_slug(coder) if coder else ""
        except ValueError:
            slug = ""
        if slug:
            try:
                result = refit.read_result(refit.folder_of(registry.workspace, slug))
            except InputError as error:
                problem = str(error)
            judged = refitter.judged(slug)
        return render_template("refit.html", coder=coder, slug=slug, status=refitter.status, result=result,
                               problem=problem, judged=judged, refitter=refitter,
                               hashes=refit.model_hashes(registry.settings), gold=refitter.gold)

    @app.get("/refit/status.json")
    def refit_status():
        return jsonify(refitter.status.to_dict())

    @app.post("/refit/use")
    def refit_use():
        mine = request.form.get("models") == "mine"
        coder = session.get("coder", "")
        if mine and not coder:
            abort(400, description="The models in use are unchanged: give your name with a correction or a refit first.")
        try:
            refitter.use(coder if mine else None)
        except (InputError, ValueError) as error:
            abort(400, description=f"The models in use are unchanged: {error}")
        return redirect(url_for("refit_page", _anchor="models"), code=303)

    # ------------------------------------------------------------ assets

    @app.get("/handout.css")
    def handout_css():
        rules = [rule for rule in stylesheet(REGULAR_GEOMETRY).split("\n") if rule.startswith(_HANDOUT_RULES)]
        return Response("\n".join(rules) + "\n", mimetype="text/css")

    @app.get("/favicon.ico")
    def favicon():
        return Response(status=204)

    @app.get("/fonts/<name>")
    def font(name: str):
        if name not in (REGULAR, BOLD, LICENCE):
            abort(404)
        return Response(font_path(name).read_bytes(), mimetype="font/ttf" if name.endswith(".ttf") else "text/plain",
                        headers={"Cache-Control": "max-age=86400"})

    return app


# ----------------------------------------------------------------- helpers


def _csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _entry(registry: Registry, story_id: str) -> Entry:
    entry = registry.get(story_id)
    if entry is None:
        abort(404, description="No such story here.")
    return entry


def _waiting(registry: Registry, entry: Entry):
    registry.analyse(entry)
    return render_template("waiting.html", entry=entry, status=entry.status), 200


def _handout(entry: Entry) -> Handout:
    return entry.cached("handout", lambda: prepare(entry.analysis))


def _charts(entry: Entry):
    return entry.cached("charts", lambda: charts(entry.analysis))


def _report_request(registry: Registry):
    entry = _entry(registry, request.view_args["story_id"])
    if entry.analysis is None:
        abort(404, description="This story is still being analysed.")
    try:
        options = outputs.options_from(request.args.get("paper", "both"), bool(request.args.get("large_print")),
                                       bool(request.args.get("blind")))
    except ValueError as error:
        abort(400, description=str(error))
    return entry, options


def _report(entry: Entry, options) -> dict[str, bytes]:
    return entry.cached(("report", options), lambda: outputs.report_files(entry.analysis, options))


def serve(stories: Sequence[str | Path] = (), *, host: str = "127.0.0.1", port: int = 8765,
          workspace: str | Path | None = None, settings: Settings = DEFAULT, open_browser: bool = False,
          ready: threading.Event | None = None, out=sys.stdout) -> None:
    """Run the workbench on a threaded local server until interrupted.

    ``ready``, if given, is set once the server listens (its address printed first).
    """
    from werkzeug.serving import make_server

    if host not in LOOPBACK:
        print(f"warning: serving on {host}, not only this computer: anyone who can reach it can read and "
              "change these stories (there is no login)", file=sys.stderr)
    app = create_app(stories, workspace=workspace, settings=settings)
    server = make_server(host, port, app, threaded=True)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{server.server_port}/"
    print(f"sourcedrift workbench at {address} (stories made here go in {app.extensions['sourcedrift'].workspace}); "
          "Ctrl+C stops it", file=out, flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(address,)).start()
    if ready is not None:
        ready.set()
    try:
        server.serve_forever()
    finally:
        server.server_close()
