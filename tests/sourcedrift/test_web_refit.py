"""The workbench's "refit with my corrections" and its event and paywall corrections, through Flask's test client.

The refits here add the corrections to two small gold stories (not the
toolkit's 23), so that each takes seconds.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from analysis.learning.models import model_path
from analysis.study.adapt import MEASURES, SHOWN
from analysis.study.gold import load_gold
from corpus import load_story
from sourcedrift.web import create_app, refit
from sourcedrift.web.corrections import read_reviews
from tests.conftest import DEV_HARBOR, EMBEDDED

CHECK_GOLD = Path("/work/shared/tools/check_gold.py")
GOLD = [EMBEDDED / "holdout_airline", EMBEDDED / "holdout_schools"]
WAIT = 600


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    """An app serving a copy of dev_harbor, analysed, whose refits use two gold stories."""
    root = tmp_path_factory.mktemp("refit")
    story = shutil.copytree(DEV_HARBOR, root / "dev_harbor")
    app = create_app([story], workspace=root / "workspace", refit_gold=GOLD)
    app.config["TESTING"] = True
    app.extensions["sourcedrift"].wait(300)
    return app, story, root / "workspace"


def token(client, url: str = "/") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def correct(client, csrf: str, key: str, mark: str, label: str, coder: str = "Ms. Rivera", **extra):
    return client.post(f"/story/dev_harbor/article/{key}/correct",
                       data={"csrf_token": csrf, "mark": mark, "label": label, "coder": coder, **extra})


def shipped_hashes() -> dict[str, str]:
    return {name: hashlib.sha256(model_path(name).read_bytes()).hexdigest() for name in refit.SETTING_OF}


# ----------------------------------------------------------------- the event check and the paywall notice


def test_the_event_check_and_paywall_are_judged_on_the_article_page(bench):
    app, story, _ = bench
    client = app.test_client()
    html = client.get("/story/dev_harbor/article/C").get_data(as_text=True)
    assert 'id="check-event"' in html and 'id="check-paywall"' in html
    assert "The toolkit says: <strong>Same event</strong>" in html
    csrf = token(client, "/story/dev_harbor/article/C")
    assert correct(client, csrf, "C", "event", "false", coder="Event Coder", note="the 2019 sweep").status_code == 303
    assert correct(client, csrf, "C", "paywall", "true", coder="Event Coder").status_code == 303
    path = story / "gold-event-coder.toml"
    gold = load_gold(path, load_story(story))
    assert gold.annotated == ("documents",)                    # only what the coder judged is declared annotated
    assert not gold.quotes and not gold.claims and not gold.numbers
    document = next(d for d in gold.documents if d.file == "a03.txt")
    assert (document.same_event, document.paywall) == (False, True)
    written = path.read_text(encoding="utf-8")
    assert 'toolkit_same_event = true' in written and 'same_event_note = "the 2019 sweep"' in written
    reviews = read_reviews(path)
    assert reviews[("a03.txt", "event")].label == "false" and reviews[("a03.txt", "paywall")].label == "true"
    page = client.get("/story/dev_harbor/article/C").get_data(as_text=True)
    assert "Event Coder judged it <strong>Another event</strong>" in page
    assert re.search(r"Reviewed</th>.*?<td>2</td><td>2</td>", page, re.S)   # two checks reviewed, both changed
    if CHECK_GOLD.is_file():
        result = subprocess.run([sys.executable, str(CHECK_GOLD), str(story), str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("label", ["maybe", "same", ""])
def test_a_check_takes_only_true_or_false(bench, label):
    app, story, _ = bench
    client = app.test_client()
    response = correct(client, token(client), "A", "event", label, coder="Check Coder")
    assert response.status_code == 400 and "not a same_event label" in response.get_data(as_text=True)
    assert not (story / "gold-check-coder.toml").exists()


def test_annotated_lists_the_measures_reviewed(bench):
    app, story, _ = bench
    client = app.test_client()
    csrf = token(client)
    correct(client, csrf, "A", "c1", "added", coder="Claims Coder", kind="detail")
    gold = load_gold(story / "gold-claims-coder.toml", load_story(story))
    assert gold.annotated == ("claims",) and gold.claims and not gold.quotes and not gold.numbers


# ----------------------------------------------------------------- the refit


def test_refit_without_corrections_says_what_to_do(bench):
    app, _, _ = bench
    client = app.test_client()
    response = client.post("/story/dev_harbor/refit", data={"csrf_token": token(client), "coder": "Nobody Yet"})
    assert response.status_code == 400 and "has saved no corrections" in response.get_data(as_text=True)


def test_refit_runs_in_the_background_and_shows_before_and_after(bench):
    app, story, workspace = bench
    refitter = app.extensions["sourcedrift-refit"]
    registry = app.extensions["sourcedrift"]
    shipped = shipped_hashes()
    client = app.test_client()
    csrf = token(client, "/story/dev_harbor/article/B")
    html = client.get("/story/dev_harbor/article/B").get_data(as_text=True)
    claims = re.findall(r'data-mark="(c\d+)"', html)[:4]
    for mark in claims:
        correct(client, csrf, "B", mark, "contradicted")
    correct(client, csrf, "B", "event", "false")

    # The page never waits for the refit: the job holds a slot while the test holds the gate.
    gate = threading.Event()
    real = refit.adapt

    def slow_adapt(*args, **kwargs):
        gate.wait(WAIT)
        return real(*args, **kwargs)

    refit.adapt = slow_adapt
    try:
        response = client.post("/story/dev_harbor/refit", data={"csrf_token": csrf, "coder": "Ms. Rivera"})
        assert response.status_code == 303 and response.headers["Location"].endswith("/refit")
        assert refitter.status.state == "running"
        page = client.get("/refit").get_data(as_text=True)
        assert "<progress" in page and 'data-status="/refit/status.json"' in page
        assert client.get("/refit/status.json").get_json()["state"] == "running"
        assert refitter.start("Ms. Rivera") is False                 # one refit at a time
        story_page = client.get("/story/dev_harbor").get_data(as_text=True)
        assert "A refit is running" in story_page
    finally:
        gate.set()
        refitter.wait(WAIT)
        refit.adapt = real
    assert refitter.status.state == "done", refitter.status

    folder = workspace / "models" / "ms-rivera"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["claims_kind.json", "claims_label.json", "event.json", "figures_label.json", "manifest.json",
         "quotes_label.json"])
    assert shipped_hashes() == shipped                               # the installed models are untouched
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["learned"] == {"claims": 4, "documents": 1, "numbers": 0, "quotes": 0}
    assert manifest["judged_stories"] == ["dev_harbor"] and manifest["gold_stories"] == [p.name for p in GOLD]
    assert manifest["after"]["judged"]["claims"][1] == 4
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest

    page = client.get("/refit").get_data(as_text=True)
    assert "leave-one-story-out" in page and "Before" in page and "After" in page
    judged = re.search(r'<table class="figures" id="judged-figures">(.*?)</table>', page, re.S).group(1)
    assert "claim labels" in judged and "event checks" in judged and re.search(r"\d of 4", judged)
    gold = re.search(r'<table class="figures" id="gold-figures">(.*?)</table>', page, re.S).group(1)
    assert "claims: contradicted F1" in gold and re.search(r"<td>\d\.\d{3}</td><td>\d\.\d{3}</td>", gold)
    assert "only from the marks you reviewed" in page
    assert manifest["files"]["claims_label.json"] in page or shipped["claims_label.json"] in page

    # Use the refitted models: the settings point into the workspace, every story is analysed again.
    response = client.post("/refit/use", data={"csrf_token": csrf, "models": "mine"})
    assert response.status_code == 303
    assert registry.settings.claims_label_model == str(folder / "claims_label.json")
    assert registry.settings.quotes_label_model == "rules"           # rules stay rules
    registry.wait(300)
    page = client.get("/refit").get_data(as_text=True)
    assert "the models refitted with ms-rivera" in page and manifest["files"]["claims_label.json"] in page
    assert "Go back to the shipped models" in page
    # And back.
    client.post("/refit/use", data={"csrf_token": csrf, "models": "shipped"})
    assert registry.settings == refitter.shipped
    registry.wait(300)
    assert "the models shipped with the toolkit" in client.get("/refit").get_data(as_text=True)


def test_a_corrupt_refit_is_named_and_never_used(bench, tmp_path):
    app, _, workspace = bench
    refitter = app.extensions["sourcedrift-refit"]
    registry = app.extensions["sourcedrift"]
    client = app.test_client()
    csrf = token(client, "/refit")
    folder = workspace / "models" / "broken"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    with client.session_transaction() as session:
        session["coder"] = "Broken"
    page = client.get("/refit").get_data(as_text=True)
    assert "cannot be used" in page and "manifest.json: is not a readable refit" in page
    response = client.post("/refit/use", data={"csrf_token": csrf, "models": "mine"})
    assert response.status_code == 400 and "unchanged" in response.get_data(as_text=True)
    assert registry.settings == refitter.shipped

    # A model file changed after the refit: its hash no longer matches.
    side = {"gold": {m: {metric: 0.5 for n, metric in SHOWN if n == m} for m, _ in SHOWN},
            "judged": {m: [1, 2] for m in MEASURES}}
    good = {"format": refit.RESULT_FORMAT, "coder": "broken", "gold_stories": ["g"], "judged_stories": ["j"],
            "learned": {m: 2 for m in MEASURES}, "before": side, "after": side,
            "files": {"claims_label.json": "0" * 64}}
    (folder / "manifest.json").write_text(json.dumps(good), encoding="utf-8")
    (folder / "claims_label.json").write_text("{}", encoding="utf-8")
    with pytest.raises(refit.RefitError, match="claims_label.json: is missing or not the file the refit wrote"):
        refit.read_result(folder)
    response = client.post("/refit/use", data={"csrf_token": csrf, "models": "mine"})
    assert response.status_code == 400 and "SHA-256 differs" in response.get_data(as_text=True)
    assert registry.settings == refitter.shipped


def test_a_refit_that_fails_says_why(bench):
    app, _, _ = bench
    refitter = refit.Refitter(app.extensions["sourcedrift"], [EMBEDDED / "no_such_story"])
    assert refitter.start("Ms. Rivera")
    refitter.wait(WAIT)
    assert refitter.status.state == "failed" and "no_such_story" in refitter.status.error


@pytest.mark.parametrize("url", ["/refit/use", "/story/dev_harbor/refit"])
def test_the_refit_endpoints_need_the_csrf_token(bench, url):
    app, _, _ = bench
    client = app.test_client()
    token(client)
    response = client.post(url, data={"models": "mine", "coder": "Ms. Rivera"})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert app.extensions["sourcedrift"].settings == app.extensions["sourcedrift-refit"].shipped


def test_serve_help_says_where_refitted_models_go(capsys):
    from sourcedrift.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "refit the learned decisions with those corrections" in out and "(DIR/models/CODER/)" in out


def test_an_unreadable_gold_file_is_named_and_left_out(bench):
    app, story, _ = bench
    refitter = app.extensions["sourcedrift-refit"]
    (story / "gold-torn.toml").write_text("[meta\nstory = ", encoding="utf-8")
    found, _, left_out = refitter.judged("Torn")
    assert found == [] and len(left_out) == 1 and "gold-torn.toml: cannot be read" in left_out[0]
    client = app.test_client()
    with client.session_transaction() as session:
        session["coder"] = "Torn"
    assert "gold-torn.toml: cannot be read" in client.get("/refit").get_data(as_text=True)
    (story / "gold-torn.toml").unlink()


def test_the_refit_learns_from_the_shipped_models_training_set_and_no_later_gold():
    # The "before" figures are the shipped toolkit's: the sealed set scored once stays out.
    import json

    from analysis.learning.models import model_path
    from sourcedrift.web.refit import shipped_gold

    names = json.loads(model_path("claims_label.json").read_text(encoding="utf-8"))["meta"]["stories"]
    found = [path.name for path in shipped_gold()]
    assert found == sorted(names)
    assert not [name for name in found if name.startswith("sealed2_")]
