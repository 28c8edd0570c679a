"""Every class of bad input the README's promise table lists: one line, exit 2, nothing written.

Each case builds its input in a fresh folder, runs ``main([...])`` there (so
paths in the message are the relative ones typed), and checks that the one
line it prints is the one the README's table shows, character for character.
``python -m tests.test_bad_input`` prints the table's rows from real runs.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.learning.models import model_path
from sourcedrift.cli import main
from tests.conftest import ARTICLE_TEXT, PRIMARY_TEXT, SIMPLE_MANIFEST

README = Path(__file__).resolve().parent.parent / "README.md"
HOME = "/home/you"     # stands in for the folder the case ran in, in the README
PID = "4242"           # stands in for the pid of a live run holding a lock

Setup = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Case:
    what: str          # the class of bad input, as the README's table names it
    setup: Setup       # builds the input in the folder given; returns the command's arguments


def story(folder: Path, manifest: str = SIMPLE_MANIFEST, **texts: str | bytes) -> str:
    (folder / "story").mkdir()
    files = {"p.txt": PRIMARY_TEXT, "a.txt": ARTICLE_TEXT, **texts}
    for name, content in files.items():
        path = folder / "story" / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    (folder / "story" / "story.toml").write_text(manifest, encoding="utf-8")
    return "story"


def report(folder: Path, out: str = "out", *more: str) -> list[str]:
    return ["report", "story", "-o", out, "-q", *more]


def with_manifest(manifest: str, **texts) -> Setup:
    def setup(folder: Path) -> list[str]:
        story(folder, manifest, **texts)
        return report(folder)
    return setup


def with_config(settings: str) -> Setup:
    def setup(folder: Path) -> list[str]:
        story(folder)
        (folder / "config.toml").write_text(f"[settings]\n{settings}\n", encoding="utf-8")
        if "old/" in settings:  # a model file from a toolkit that computed other features
            (folder / "old").mkdir()
            shipped = json.loads(model_path("claims_kind.json").read_text(encoding="utf-8"))
            (folder / "old" / "claims_kind.json").write_text(json.dumps({**shipped, "feature_set": "claims-1"}),
                                                            encoding="utf-8")
        return report(folder, "out", "--config", "config.toml")
    return setup


def symlinked_article(folder: Path) -> list[str]:
    story(folder)
    (folder / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "story" / "a.txt").unlink()
    (folder / "story" / "a.txt").symlink_to(folder / "secret.txt")
    return report(folder)


def gold_of_another_story(folder: Path) -> list[str]:
    story(folder)
    (folder / "story" / "gold.toml").write_text(
        '[meta]\nstory = "harbor"\nprimary = "p.txt"\nannotated = ["documents"]\n', encoding="utf-8")
    return ["evaluate", "story"]


def output_is_a_file(folder: Path) -> list[str]:
    story(folder)
    (folder / "afile").write_text("a file")
    return report(folder, "afile")


def output_under_a_file(folder: Path) -> list[str]:
    story(folder)
    (folder / "afile").write_text("a file")
    return report(folder, "afile/sub")


def output_holds_other_files(folder: Path) -> list[str]:
    story(folder)
    (folder / "thesis").mkdir()
    (folder / "thesis" / "chapter1.docx").write_text("months of work")
    return report(folder, "thesis")


def output_in_the_story(folder: Path) -> list[str]:
    story(folder)
    return report(folder, "story/out")


def output_under_proc(folder: Path) -> list[str]:
    story(folder)
    return report(folder, "/proc/out")


def study_name_climbs_out(folder: Path) -> list[str]:
    story(folder)
    (folder / "study.toml").write_text('[study]\nname = "../up"\noutput = "out"\n[[story]]\npath = "story"\n',
                                       encoding="utf-8")
    return ["replicate", "study.toml", "-q"]


def disk_full(folder: Path) -> list[str]:
    story(folder)
    return ["analyze", "story", "-o", "out", "-q"]


def locked_by_a_live_run(folder: Path) -> list[str]:
    story(folder)
    (folder / ".out.lock").write_text(f"{os.getpid()}\n")
    return ["analyze", "story", "-o", "out", "-q"]


DOC = '[[document]]\nfile = "p.txt"\nrole = "primary"\n[[document]]\nfile = "a.txt"\nrole = "coverage"\n'
CASES = [
    Case("no story folder", lambda folder: report(folder)),
    Case("manifest not TOML", with_manifest("[[document]\nfile=")),
    Case("unknown key at the top of story.toml", with_manifest('titel = "x"\n' + DOC)),
    Case("unknown key in [story]", with_manifest('[story]\nname = "x"\nauthor = "y"\n' + DOC)),
    Case("reference = \"abc\"", with_manifest('reference = "abc"\n' + DOC)),
    Case("reference = [\"abc\"]", with_manifest('reference = ["abc"]\n' + DOC)),
    Case("one file listed twice under two ids", with_manifest(DOC + '[[document]]\nid = "again"\nfile = "a.txt"\n'
                                                                    'role = "coverage"\n')),
    Case("an article that is a symlink out of the folder", symlinked_article),
    Case("an absolute path", with_manifest(DOC.replace('"a.txt"', '"/etc/passwd"'))),
    Case("a ../ reference sheet", with_manifest(DOC + '[[reference]]\nfile = "../ref.toml"\n')),
    Case("a text that is not UTF-8", with_manifest(SIMPLE_MANIFEST, **{"a.txt": b"caf\xe9 au lait"})),
    Case("an empty text", with_manifest(SIMPLE_MANIFEST, **{"a.txt": "\n"})),
    Case("a gold file of another story", gold_of_another_story),
    Case("--config: a word for a number", with_config('match_min_score = "high"')),
    Case("--config: true for a whole number", with_config("short_line_words = true")),
    Case("--config: 6.5 for a whole number", with_config("short_line_words = 6.5")),
    Case("--config: out of range", with_config("match_min_score = -1e308")),
    Case("--config: a missing model file", with_config('claims_label_model = "models/claims_label.json"')),
    Case("--config: a model made for other features", with_config('claims_kind_model = "old/claims_kind.json"')),
    Case("--config: unknown setting", with_config("short_line_word = 5")),
    Case("output path is a file", output_is_a_file),
    Case("output path under a file (-o afile/sub)", output_under_a_file),
    Case("output path under /proc", output_under_proc),
    Case("output folder inside the story folder", output_in_the_story),
    Case("output folder holding files of its own", output_holds_other_files),
    Case("another run writing the same output", locked_by_a_live_run),
    Case("full disk while writing", disk_full),
    Case("replicate: a ../ study name", study_name_climbs_out),
]


def row(case: Case, err: str) -> str:
    """The README table's row for ``case``: a pipe inside a cell is written \\| in Markdown."""
    return f"| {case.what} | `{err.strip().replace('|', chr(92) + '|')}` |"


def run(case: Case, folder: Path, read_err: Callable[[], str], monkeypatch) -> tuple[int, str]:
    """Run ``case`` in ``folder``; its exit status and what it printed on stderr, made portable."""
    monkeypatch.chdir(folder)
    argv = case.setup(folder)
    if case.setup is disk_full:
        real_write = os.write

        def full(handle, data):
            if os.fstat(handle).st_size + len(data) > 1000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(handle, data)

        monkeypatch.setattr(os, "write", full)
    status = main(argv)
    monkeypatch.undo()
    err = read_err().replace(str(folder.resolve()), HOME).replace(f"process {os.getpid()}", f"process {PID}")
    return status, err


@pytest.mark.parametrize("case", CASES, ids=[c.what for c in CASES])
def test_bad_input_is_one_line_exit_2_as_the_readme_says(case, tmp_path, capsys, monkeypatch):
    status, err = run(case, tmp_path, lambda: capsys.readouterr().err, monkeypatch)
    assert status == 2 and err.count("\n") == 1 and err.startswith("sourcedrift: "), err
    assert not (tmp_path / "out").exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")
                                                       and p.name != ".out.lock"]
    assert row(case, err) in README.read_text(encoding="utf-8"), err


def test_the_readme_table_lists_no_case_the_tests_do_not_run():
    rows = re.findall(r"^\| (.+?) \| `sourcedrift: ", README.read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(rows) == sorted(c.what for c in CASES)


if __name__ == "__main__":  # print the README table's rows from real runs
    import io
    import tempfile

    for case in CASES:
        with tempfile.TemporaryDirectory() as temporary:
            captured, sys.stderr = io.StringIO(), sys.__stderr__
            sys.stderr = captured
            try:
                status, err = run(case, Path(temporary), captured.getvalue, pytest.MonkeyPatch())
            finally:
                sys.stderr = sys.__stderr__
            print(row(case, err))
