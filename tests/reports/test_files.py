"""reports.files: an output folder holds one whole run, whatever stops the writer and wherever.

The fault-injection tests count every file operation a run of ``report``'s
writer makes (open, write, fsync, chmod, mkdir, rename, exchange, unlink,
rmdir, rmtree, mkdtemp), then run it again once per operation k, stopping it
at the k-th: by an interrupt, by a full disk, and by SIGKILL of a child
process. Each time the output folder must hold exactly the previous run's
files or exactly the new run's, never a mix (SQLite's crash-at-every-write
test, in small).
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from reports import files as output
from reports.files import Interrupted, OutputError, staged_output, write_output

# The operations counted and stopped; fsync is counted but not run (speed; durability is not tested here).
OPERATIONS = {
    os: ("open", "write", "fsync", "chmod", "mkdir", "rename", "replace", "unlink", "rmdir", "link"),
    shutil: ("rmtree",),
    tempfile: ("mkdtemp",),
    output: ("_exchange",),
}


class Stop(Exception):
    """Raised in place of the k-th operation."""


@contextmanager
def operations(on_call):
    """Route every counted operation through ``on_call(name, original, *args, **kwargs)``."""
    saved = []
    for module, names in OPERATIONS.items():
        for name in names:
            original = getattr(module, name)
            saved.append((module, name, original))

            def wrapper(*args, _name=name, _original=original, **kwargs):
                return on_call(_name, _original, *args, **kwargs)

            setattr(module, name, wrapper)
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def _run(name, original, *args, **kwargs):
    return None if name == "fsync" else original(*args, **kwargs)


def count_operations(out: Path, files: dict[str, bytes]) -> int:
    calls = []

    def on_call(name, original, *args, **kwargs):
        calls.append(name)
        return _run(name, original, *args, **kwargs)

    with operations(on_call):
        write_output(out, files)
    return len(calls)


def tree(folder: Path) -> dict[str, bytes] | None:
    if not folder.exists():
        return None
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def release_own_lock(out: Path) -> None:
    """A lock our own process left when its unlink was the stopped operation: the process 'exits'."""
    lock = out.parent / f".{out.name}.lock"
    if lock.exists() and lock.read_text().strip() == str(os.getpid()):
        lock.write_text(f"{dead_pid()}\n")


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two complete report runs of a small story, rendered once: letter paper, then A4."""
    from analysis.pipeline import analyse_story
    from corpus import load_story
    from reports.report import ReportOptions, render_report
    from tests.conftest import ARTICLE_TEXT, PRIMARY_TEXT, SIMPLE_MANIFEST, make_story

    story = make_story(tmp_path_factory.mktemp("story") / "tiny", SIMPLE_MANIFEST,
                       {"p.txt": PRIMARY_TEXT, "a.txt": ARTICLE_TEXT})
    analysis = analyse_story(load_story(story))
    letter = render_report(analysis, options=ReportOptions(papers=("letter",))).files
    a4 = render_report(analysis, options=ReportOptions(papers=("a4",))).files
    assert set(letter) != set(a4)  # the letter PDFs must go when A4 replaces them
    return letter, a4


def assert_manifest_consistent(out: Path) -> None:
    """Every file on disk is listed in the bundle's manifest with its hash, and nothing else is there."""
    import hashlib
    import json

    manifest = json.loads((out / "bundle" / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"]: o["sha256"] for o in manifest["report_outputs"]}
    listed.update({f"bundle/{o['path']}": o["sha256"] for o in manifest["outputs"]})
    on_disk = tree(out)
    assert set(on_disk) == set(listed) | {"bundle/manifest.json"}
    for name, sha in listed.items():
        assert hashlib.sha256(on_disk[name]).hexdigest() == sha, name


@pytest.mark.parametrize("exchange, fault", [(True, "interrupt"), (True, "disk-full"), (False, "interrupt")],
                         ids=["exchange-interrupt", "exchange-disk-full", "two-renames-interrupt"])
def test_stopped_at_every_operation_the_output_is_one_whole_run(runs, tmp_path, monkeypatch, exchange, fault):
    if not exchange:
        monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    letter, a4 = runs
    out = tmp_path / "out"
    write_output(out, letter)
    total = count_operations(out, a4)
    assert total > 100  # every file's open, write, chmod ... and the swap
    state = a4
    checked = 0
    for k in range(1, total + 1):
        target = letter if state is a4 else a4
        calls = []

        def on_call(name, original, *args, **kwargs):
            calls.append(name)
            if len(calls) == k:
                # The instant before the k-th operation: what a reader (or a SIGKILL) would find.
                found = tree(out)
                if found is None:  # only the fallback's instant between its two renames
                    assert not exchange and calls[-2:] == ["rename", "rename"]
                else:
                    assert found in (state, target), f"operation {k} ({name}): a mix of runs"
                raise KeyboardInterrupt if fault == "interrupt" else OSError(errno.ENOSPC, "No space left on device")
            return _run(name, original, *args, **kwargs)

        with operations(on_call):
            try:
                write_output(out, target)
                stopped = None
            except Interrupted as interrupt:
                stopped = interrupt.outcome
            except OutputError as error:
                stopped = str(error)
        found = tree(out)
        assert found in (state, target), f"after operation {k}: a mix of runs"
        if stopped is None:  # the stopped operation was a clean-up after the swap
            assert found == target
        elif fault == "interrupt":
            assert ("holds the new output in full" in stopped) == (found == target), stopped
        else:
            assert found == state and "no space left on the device" in stopped
        state = found == target and target or state
        release_own_lock(out)
        checked += 1
    assert checked == total
    write_output(out, letter)  # the next run tidies what stopped runs left
    assert tree(out) == letter and leftovers(out) == []


def test_sigkill_of_a_child_at_every_twentieth_operation(runs, tmp_path):
    letter, a4 = runs
    out = tmp_path / "out"
    write_output(out, letter)
    total = count_operations(out, a4)
    state, target = a4, letter
    for k in list(range(1, total + 1, 20)) + [total - 2, total - 1, total]:
        pid = os.fork()
        if pid == 0:  # the child: a run killed at its k-th operation, with no clean-up at all
            calls = []

            def on_call(name, original, *args, **kwargs):
                calls.append(name)
                if len(calls) == k:
                    os.kill(os.getpid(), signal.SIGKILL)
                return _run(name, original, *args, **kwargs)

            with operations(on_call):
                write_output(out, target)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        assert tree(out) in (state, target), f"killed at operation {k}: a mix of runs"
        # The next run takes over the dead run's lock and removes what it left.
        write_output(out, target)
        assert tree(out) == target and leftovers(out) == [], k
        state, target = target, state


def test_a_run_killed_between_the_two_renames_is_undone_by_the_next(tmp_path):
    letter = {"index.html": b"old", "bundle/manifest.json": b"{}"}
    out = tmp_path / "out"
    write_output(out, letter)
    # What the fallback leaves when killed after renaming the old output aside.
    aside = tmp_path / ".out.old-abcd1234"
    os.rename(out, aside)
    (tmp_path / ".out.staging-zzzz9999").mkdir()
    (tmp_path / ".out.lock").write_text(f"{dead_pid()}\n")
    with staged_output(out) as staging:
        # Under the lock, before anything is written, the old output is back whole.
        assert tree(out) == letter and not aside.exists()
        (staging / "index.html").write_bytes(b"new")
    assert tree(out) == {"index.html": b"new"} and leftovers(out) == []


def test_report_cli_into_an_earlier_report_keeps_nothing_of_it(tiny_story, tmp_path, capsys):
    from sourcedrift.cli import main

    out = tmp_path / "out"
    assert main(["report", str(tiny_story), "-o", str(out), "--paper", "letter", "-q"]) == 0
    (out / "handout" / "stray.txt").write_text("a file the run did not write")
    assert main(["report", str(tiny_story), "-o", str(out), "--paper", "a4", "-q"]) == 0
    assert not list(out.rglob("*letter*")) and not (out / "handout" / "stray.txt").exists()
    assert_manifest_consistent(out)
    modes = {oct(p.stat().st_mode & 0o777) for p in out.rglob("*") if p.is_file()}
    assert modes == {oct(0o666 & ~output._umask())}


def test_analyze_results_are_0644_like_every_output(tiny_story, tmp_path):
    from sourcedrift.cli import main

    assert main(["analyze", str(tiny_story), "-o", str(tmp_path / "o"), "-q"]) == 0
    assert (tmp_path / "o" / "results.json").stat().st_mode & 0o777 == 0o666 & ~output._umask()


def test_interrupted_report_says_what_is_true(tiny_story, tmp_path, monkeypatch, capsys):
    from sourcedrift.cli import main

    out = tmp_path / "out"
    assert main(["report", str(tiny_story), "-o", str(out), "--paper", "letter", "-q"]) == 0
    before = tree(out)
    real = output._swap_in

    def interrupted_swap(staging, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_swap_in", interrupted_swap)
    assert main(["report", str(tiny_story), "-o", str(out), "--paper", "a4", "-q"]) == 130
    assert capsys.readouterr().err.strip() == f"sourcedrift: interrupted; {out} was left as it was"
    assert tree(out) == before

    def swap_then_interrupt(staging, target):
        real(staging, target)
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_swap_in", swap_then_interrupt)
    assert main(["report", str(tiny_story), "-o", str(out), "--paper", "a4", "-q"]) == 130
    assert capsys.readouterr().err.strip() == f"sourcedrift: interrupted; {out} holds the new output in full"
    assert_manifest_consistent(out)
    assert leftovers(out) == []

    fresh = tmp_path / "fresh"
    monkeypatch.setattr(output, "_swap_in", interrupted_swap)
    assert main(["analyze", str(tiny_story), "-o", str(fresh), "-q"]) == 130
    assert capsys.readouterr().err.strip() == "sourcedrift: interrupted; nothing was written"
    assert not fresh.exists() and leftovers(fresh) == []


def test_a_live_lock_stops_a_second_run_with_one_line(tiny_story, tmp_path, capsys):
    from sourcedrift.cli import main

    out = tmp_path / "out"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / ".out.lock").write_text(f"{sleeper.pid}\n")
        assert main(["analyze", str(tiny_story), "-o", str(out), "-q"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and f"is being written by process {sleeper.pid}" in err[0]
        assert not out.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    # The holder is gone: its lock is taken over.
    assert main(["analyze", str(tiny_story), "-o", str(out), "-q"]) == 0
    assert not (tmp_path / ".out.lock").exists()


def test_a_full_disk_is_one_line_and_the_previous_output_stays(tiny_story, tmp_path, monkeypatch, capsys):
    from sourcedrift.cli import main

    out = tmp_path / "out"
    assert main(["report", str(tiny_story), "-o", str(out), "--paper", "letter", "-q"]) == 0
    before = tree(out)
    real_write, written = os.write, []

    def filling_write(handle, data):
        written.append(len(data))
        if sum(written) > 200_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", filling_write)
    assert main(["report", str(tiny_story), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"sourcedrift: {out}: could not be written: no space left on the device; "
                   "the previous output is unchanged"]
    assert tree(out) == before and leftovers(out) == []


def test_a_full_tmpfs_is_one_line(tiny_story, tmp_path, capsys):
    """A real full disk: a 1 MB tmpfs, where this machine lets us mount one."""
    from sourcedrift.cli import main

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        assert main(["report", str(tiny_story), "-o", str(disk / "out"), "-q"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "no space left on the device" in err[0]
        assert os.listdir(disk) == []
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.parametrize("make, expected", [
    (lambda tmp: tmp / "afile" / "sub", "afile/sub: is not a directory: "),
    (lambda tmp: Path("/proc/sourcedrift-out"), "is on a proc file system"),
    (lambda tmp: tmp / "holder", "holds no earlier sourcedrift output"),
])
def test_output_paths_that_cannot_be_outputs(tiny_story, tmp_path, capsys, make, expected):
    from sourcedrift.cli import main

    (tmp_path / "afile").write_text("a file")
    (tmp_path / "holder").mkdir()
    (tmp_path / "holder" / "thesis.docx").write_text("precious")
    assert main(["report", str(tiny_story), "-o", str(make(tmp_path)), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and expected in err[0], err
    assert (tmp_path / "holder" / "thesis.docx").read_text() == "precious"


def test_an_output_inside_the_story_folder_or_holding_it_is_refused(tiny_story, capsys):
    from sourcedrift.cli import main

    for out, expected in ((tiny_story / "out", "is inside the input folder"),
                          (tiny_story.parent, "holds the input")):
        assert main(["report", str(tiny_story), "-o", str(out), "-q"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and expected in err[0], err
    assert sorted(p.name for p in tiny_story.iterdir()) == ["a.txt", "p.txt", "story.toml"]


def test_an_unwritable_parent_and_a_mount_point_are_one_line(tiny_story, tmp_path, monkeypatch, capsys):
    from sourcedrift.cli import main

    out = tmp_path / "out"
    out.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != tmp_path and real_access(path, mode))
    assert main(["analyze", str(tiny_story), "-o", str(out), "-q"]) == 2
    assert capsys.readouterr().err == (f"sourcedrift: {out}: cannot be written: {tmp_path} is not writable "
                                       "(permission denied)\n")
    monkeypatch.undo()
    assert main(["analyze", str(tiny_story), "-o", "/", "-q"]) == 2
    assert "is the root folder" in capsys.readouterr().err
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == out)
    assert main(["analyze", str(tiny_story), "-o", str(out), "-q"]) == 2
    assert "is a mount point" in capsys.readouterr().err


@pytest.mark.parametrize("when, outcome", [
    ("_settle", "was left as it was"),          # the new output is complete in staging, not yet swapped in
    ("_after_swap", "holds the new output in full"),
])
def test_a_real_sigint_to_a_report_process(tiny_story, tmp_path, when, outcome):
    """A real SIGINT, sent by the `sourcedrift report` process to itself at a chosen step of the writer."""
    from sourcedrift.cli import main

    out = tmp_path / "out"
    assert main(["report", str(tiny_story), "-o", str(out), "--paper", "letter", "-q"]) == 0
    before = tree(out)
    script = (
        "import os, signal, sys\n"
        "from reports import files\n"
        f"real = files.{when}\n"
        "def interrupted(*args):\n"
        "    real(*args)\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        f"files.{when} = interrupted\n"
        "from sourcedrift.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", script, "report", str(tiny_story), "-o", str(out),
                           "--paper", "a4", "-q"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 130
    assert done.stderr == f"sourcedrift: interrupted; {out} {outcome}\n"
    if when == "_settle":
        assert tree(out) == before
    else:
        assert tree(out) != before and not list(out.rglob("*letter*"))
        assert_manifest_consistent(out)
    assert leftovers(out) == []
