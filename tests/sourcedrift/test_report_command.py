"""`sourcedrift report`: the files it writes, its progress bar, and bad input."""

from __future__ import annotations

import io
import json

import pytest

from sourcedrift.cli import main
from reports.progress import ProgressBar
from reports.report import ReportOptions, report_steps
from tests.conftest import BROKEN_HEART


@pytest.fixture(scope="module")
def broken_heart_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    assert main(["report", str(BROKEN_HEART), "-o", str(out), "--paper", "a4", "-q"]) == 0
    return out


def test_report_on_broken_heart_writes_everything(broken_heart_report):
    out = broken_heart_report
    names = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert {"index.html", "handout/student.html", "handout/teacher.html", "handout/student-a4.pdf",
            "handout/teacher-a4.pdf", "handout/fonts/DejaVuSans.ttf", "comparative/comparative.html",
            "bundle/manifest.json", "bundle/results.json", "bundle/datapackage.json", "bundle/codebook.md",
            "bundle/documents.csv"} <= names
    assert "handout/student-letter.pdf" not in names
    assert not [n for n in names if "/." in n or n.startswith(".")]  # no staging left behind


def test_every_article_of_broken_heart_is_in_the_handout(broken_heart_report):
    html = (broken_heart_report / "handout" / "student.html").read_text(encoding="utf-8")
    for outlet in ("Government Executive", "Daily Caller News Foundation", "SOFREP"):
        assert outlet in html
    assert html.count('<section class="page"') == 1 + 4 + 2


def test_manifest_lists_every_report_output_with_no_absolute_path(broken_heart_report):
    out = broken_heart_report
    manifest = json.loads((out / "bundle" / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"] for o in manifest["report_outputs"]}
    assert "handout/student.html" in listed and "comparative/comparative.html" in listed
    assert manifest["configuration"]["options"] == {"blind": False, "large_print": False, "papers": ["a4"]}
    text = (out / "bundle" / "manifest.json").read_text(encoding="utf-8")
    assert str(out) not in text and str(BROKEN_HEART) not in text


def test_quiet_prints_no_progress_and_the_bar_is_on_stderr(tiny_story, tmp_path, capsys):
    assert main(["report", str(tiny_story), "-o", str(tmp_path / "q"), "--paper", "letter", "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "wrote" in captured.out
    assert main(["report", str(tiny_story), "-o", str(tmp_path / "loud"), "--paper", "letter"]) == 0
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert lines[-1].startswith("[") and lines[-1].endswith("done")
    assert "█" in lines[-1] and "░" not in lines[-1]
    assert "[" not in captured.out


def test_an_output_path_that_is_a_file_is_refused(tiny_story, tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    assert main(["report", str(tiny_story), "-o", str(target), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "taken" in err[0]
    assert target.read_text(encoding="utf-8") == "x"


def test_an_unknown_paper_is_refused(tiny_story, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(["report", str(tiny_story), "-o", str(tmp_path / "x"), "--paper", "legal"])
    assert stop.value.code == 2


def test_report_options_check_papers():
    with pytest.raises(ValueError, match="legal"):
        ReportOptions(papers=("legal",))
    assert report_steps(ReportOptions(papers=("a4",))) < report_steps(ReportOptions())


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, enabled, expected", [
    (io.StringIO(), True, "[██████████████░░░░░░░░░░░░░░] 1/2 one\n[████████████████████████████] 2/2 two\n"),
    (io.StringIO(), False, ""),
])
def test_progress_bar_lines(stream, enabled, expected):
    bar = ProgressBar(2, stream, enabled=enabled)
    bar("one")
    bar("two")
    assert stream.getvalue() == expected


def test_progress_bar_redraws_in_place_on_a_terminal():
    stream = _Terminal()
    bar = ProgressBar(4, stream)
    bar("a longer message")
    bar("short")
    bar.close()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.count("\n") == 1 and text.rstrip().endswith("done")
    assert "4/4" in text.rsplit("\r", 1)[1]


def test_progress_bar_never_overflows():
    stream = io.StringIO()
    bar = ProgressBar(1, stream)
    bar("a")
    bar("b")
    assert stream.getvalue().splitlines()[-1].startswith("[" + "█" * 28 + "] 1/1")


ODD_MANIFEST = """
[story]
name = "odd"
[[document]]
file = "p.txt"
role = "primary"
[[document]]
file = "a.txt"
role = "coverage"
[[document]]
file = "b.txt"
role = "coverage"
outlet = "B & <Co>"
url = "javascript:alert(1)"
"""


def test_odd_input_is_rendered_not_raised(tmp_path):
    from tests.conftest import PRIMARY_TEXT, make_story

    story = make_story(tmp_path / "odd", ODD_MANIFEST, {
        "p.txt": PRIMARY_TEXT,
        "a.txt": 'Short \x01 words """ “““ and a few more words here to pass the check ok\n\n',
        "b.txt": "x\n",
    })
    out = tmp_path / "out"
    assert main(["report", str(story), "-o", str(out), "--paper", "letter", "-q"]) == 0
    html = (out / "handout" / "student.html").read_text(encoding="utf-8")
    assert "Article A" in html and "Article B: B &amp; &lt;Co&gt;" in html
    assert 'href="javascript' not in html
    assert "\x01" not in html
    assert (out / "handout" / "student-letter.pdf").read_bytes().startswith(b"%PDF")
