"""No network at run time: analysing a story with every socket blocked still works.

Runs in a fresh interpreter so nothing cached by earlier tests can hide a
download: sockets and nltk.download are made to fail before the toolkit is
imported, and NLTK_DATA points at an empty folder.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import BROKEN_HEART, DEV_HARBOR

BLOCKER = textwrap.dedent("""
    import socket, sys

    class NetworkUsed(RuntimeError):
        pass

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[:2]!r}")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    import nltk
    nltk.download = refuse

    from corpus import load_story
    from analysis.pipeline import analyse_story
    from reports.results_json import dumps, results

    for story_dir in sys.argv[1:]:
        analysis = analyse_story(load_story(story_dir))
        text = dumps(results(analysis))
        assert len(analysis.articles) == len(load_story(story_dir).coverage)
    print("ok without network")
""")


@pytest.mark.parametrize("story", [BROKEN_HEART, DEV_HARBOR], ids=["broken_heart", "dev_harbor"])
def test_analysis_opens_no_socket(tmp_path, story):
    env = dict(os.environ, NLTK_DATA=str(tmp_path / "no_nltk_data"), HOME=str(tmp_path))
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, str(story)],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ok without network" in result.stdout


def test_blocker_really_blocks(tmp_path):
    """The harness itself must catch a connection attempt (else the test above proves nothing)."""
    probe = BLOCKER.split("from corpus")[0] + "socket.create_connection(('127.0.0.1', 9))\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "network access attempted" in result.stderr


SERVE = BLOCKER.split("from corpus")[0] + textwrap.dedent("""
    import re
    from sourcedrift.web import create_app

    story_dir, workspace = sys.argv[1], sys.argv[2]
    app = create_app([story_dir], workspace=workspace)
    app.extensions["sourcedrift"].wait(300)
    client = app.test_client()
    pages = ["/", "/story/broken_heart", "/story/broken_heart/article/A", "/story/broken_heart/grid",
             "/story/broken_heart/chart/claims.svg", "/handout.css", "/static/app.js", "/static/app.css",
             "/fonts/DejaVuSans.ttf", "/story/broken_heart/report.zip?paper=a4"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.mimetype == "text/html":
            assert not re.search(rb'(?:src|href)="(?:https?:)?//', response.data), url
    print("served without network")
""")


def test_serving_pages_opens_no_socket(tmp_path):
    env = dict(os.environ, NLTK_DATA=str(tmp_path / "no_nltk_data"), HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"))
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", SERVE, str(BROKEN_HEART), str(tmp_path / "workspace")],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "served without network" in result.stdout
