"""The sourcedrift command, called as main([...]): outputs, determinism and bad input."""

import json

import pytest

from sourcedrift.cli import main
from tests.conftest import DEV_HARBOR, SIMPLE_MANIFEST, make_story


def test_analyze_writes_results_and_summary(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["analyze", str(DEV_HARBOR), "-o", str(out), "-q"]) == 0
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [a["document"]["file"] for a in data["articles"]] == [f"a0{i}.txt" for i in range(1, 7)]
    assert "/work" not in (out / "results.json").read_text(encoding="utf-8")
    printed = capsys.readouterr().out
    assert "a05.txt" in printed and "results.json" in printed
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_analyze_is_deterministic(tmp_path):
    for run in ("one", "two"):
        assert main(["analyze", str(DEV_HARBOR), "-o", str(tmp_path / run), "-q"]) == 0
    assert (tmp_path / "one" / "results.json").read_bytes() == (tmp_path / "two" / "results.json").read_bytes()


def test_evaluate_json(tmp_path, capsys):
    target = tmp_path / "scores.json"
    assert main(["evaluate", str(DEV_HARBOR), "--json", str(target)]) == 0
    scores = json.loads(target.read_text(encoding="utf-8"))
    assert set(scores) == {"boilerplate", "quotes", "claims", "numbers", "documents", "agreement"}
    assert scores["boilerplate"]["f1"] >= 0.95
    assert "boilerplate" in capsys.readouterr().out


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


@pytest.mark.parametrize("files, manifest, expected", [
    ({"p.txt": "Some primary text here.", "a.txt": b"\xff\xfe\x00bad"}, SIMPLE_MANIFEST, "a.txt: is a binary file"),
    ({"p.txt": "Some primary text here.", "a.txt": ""}, SIMPLE_MANIFEST, "a.txt: is empty"),
    ({"p.txt": "Some primary text here."}, SIMPLE_MANIFEST, "names 'a.txt', which is not in"),
    ({"p.txt": "x", "a.txt": "y"}, "[[document]\nfile=", "is not valid TOML"),
])
def test_bad_story_is_one_line_and_writes_nothing(tmp_path, capsys, files, manifest, expected):
    story = make_story(tmp_path / "story", manifest, files)
    out = tmp_path / "out"
    assert main(["analyze", str(story), "-o", str(out), "-q"]) == 2
    line = _one_error_line(capsys)
    assert line.startswith("sourcedrift: ") and expected in line
    assert not out.exists()


def test_gold_that_does_not_match(tmp_path, capsys):
    gold = tmp_path / "gold.toml"
    gold.write_text('[meta]\nstory = "dev_harbor"\nprimary = "primary.txt"\nannotated = ["quotes"]\n'
                    '[[document]]\nfile = "a01.txt"\nsame_event = true\npaywall = false\n'
                    '[[quote]]\nfile = "a01.txt"\ntext = "words that are nowhere"\n', encoding="utf-8")
    scores = tmp_path / "scores.json"
    assert main(["evaluate", str(DEV_HARBOR), "--gold", str(gold), "--json", str(scores)]) == 2
    assert "occurs 0 times" in _one_error_line(capsys)
    assert not scores.exists()


def test_missing_gold_and_unwritable_output(tmp_path, capsys):
    assert main(["evaluate", str(DEV_HARBOR), "--gold", str(tmp_path / "none.toml")]) == 2
    assert "no such gold file" in _one_error_line(capsys)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["analyze", str(DEV_HARBOR), "-o", str(blocker), "-q"]) == 2
    assert "is a file, not an output folder" in _one_error_line(capsys)


@pytest.mark.parametrize("setting, message", [
    ("no_such_setting = 3", "[settings] unknown setting 'no_such_setting'; known settings: "),
    ('match_min_score = "high"', "[settings] setting match_min_score must be a number from 0 to 1, not 'high'"),
    ("match_min_score = -1e308", "[settings] setting match_min_score must be a number from 0 to 1, not -1e+308"),
    ("match_min_score = nan", "[settings] setting match_min_score must be a number from 0 to 1, not nan"),
    ("short_line_words = true", "[settings] setting short_line_words must be a whole number from 1 up, not true"),
    ("short_line_words = 6.5", "[settings] setting short_line_words must be a whole number from 1 up, not 6.5"),
    ("figure_max_ratio = 0.5", "[settings] setting figure_max_ratio must be a number from 1 up, not 0.5"),
    ("figure_round_min = -1", "[settings] setting figure_round_min must be a number from 0 up, not -1"),
])
def test_bad_config(tmp_path, capsys, setting, message):
    config = tmp_path / "c.toml"
    config.write_text(f"[settings]\n{setting}\n", encoding="utf-8")
    assert main(["analyze", str(DEV_HARBOR), "-o", str(tmp_path / "o"), "--config", str(config), "-q"]) == 2
    assert _one_error_line(capsys).startswith(f"sourcedrift: {config}: {message}")
    assert not (tmp_path / "o").exists()


def test_every_default_setting_lies_in_its_declared_range():
    from analysis.settings import DEFAULT, declarations

    for name, (kind, valid) in declarations().items():
        value = getattr(DEFAULT, name)
        assert type(value) is kind and valid.holds(value), name
    assert DEFAULT.updated({"match_min_score": 0}).match_min_score == 0.0  # a whole number for a float


def test_new_builds_a_story_that_analyses(tmp_path, capsys):
    html = tmp_path / "page.html"
    html.write_text(
        '<html><head><meta charset="utf-8"><title>Port sweep finds 40 violations</title>'
        '<meta property="og:site_name" content="The Courier">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}</script>'
        "</head><body><article><h1>Port sweep finds 40 violations</h1>"
        "<p>Inspectors found 40 violations at 12 ports in May, the agency said on Monday morning.</p>"
        "<p>The agency said it would return next year to inspect the same ports again.</p>"
        "</article></body></html>", encoding="utf-8")
    primary = tmp_path / "release.txt"
    primary.write_text("Agency Finds 40 Violations\nInspectors found 40 violations at 12 ports in May.\n", encoding="utf-8")
    story = tmp_path / "mine"
    assert main(["new", str(story), "--primary", str(primary), str(html)]) == 0
    assert sorted(p.name for p in story.iterdir()) == ["page.txt", "release.txt", "story.toml"]
    assert (story / "release.txt").read_text(encoding="utf-8") == primary.read_text(encoding="utf-8")
    manifest = (story / "story.toml").read_text(encoding="utf-8")
    assert 'outlet = "The Courier"' in manifest and "isAccessibleForFree" in manifest
    assert main(["analyze", str(story), "-o", str(tmp_path / "out"), "-q"]) == 0
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert data["articles"][0]["cleaning"]["paywall"]["detected"] is True


def test_new_refuses_and_leaves_nothing(tmp_path, capsys):
    primary = tmp_path / "p.txt"
    primary.write_text("A primary text of some length.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["new", str(tmp_path / "s"), "--primary", str(primary), str(empty)]) == 2
    assert "empty.txt: is empty" in _one_error_line(capsys)
    assert not (tmp_path / "s").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("analyze", "evaluate", "new"):
        assert command in out


def test_python_dash_m_sourcedrift_is_the_command():
    import subprocess
    import sys

    from analysis import __version__

    done = subprocess.run([sys.executable, "-m", "sourcedrift", "--version"], capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, f"sourcedrift {__version__}")
