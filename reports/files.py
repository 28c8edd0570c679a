"""Writing outputs whole: an output folder is replaced as one, or left as it was.

The anchors are git's lock file then rename for refs, SQLite's atomic commit
and rsync's ``--delay-updates``. For an output folder ``OUT``:

1. ``.OUT.lock`` beside it is created with ``O_EXCL`` and holds the writer's
   pid, so two runs never write one output at once; a lock whose process is
   gone (a killed run) is taken over.
2. Under the lock, what killed runs left is tidied: ``.OUT.staging-*`` and
   ``.OUT.old-*`` folders are removed, and if ``OUT`` itself is missing
   while an ``.OUT.old-*`` holds the previous output (a run killed between
   the two renames of step 4's fallback), that output is put back.
3. The new output is built in ``.OUT.staging-XXXXXXXX`` beside ``OUT`` (the
   same file system), files 0644 and folders 0755 (less the umask), each
   file flushed to disk.
4. The staging folder and ``OUT`` are swapped in one step (Linux
   ``renameat2(RENAME_EXCHANGE)``), then the old output, now at the staging
   name, is removed. Where the exchange is not available the old output is
   renamed aside to ``.OUT.old-XXXXXXXX`` and the new one renamed in; an
   error between the two renames puts the old one back at once, a killed run
   has it put back by the next run (step 2).

So ``OUT`` holds the complete previous output or the complete new one,
never a mix, and nothing of a previous run survives that the new one did
not write. A folder that is not empty and holds no earlier sourcedrift
output is never replaced (``-o ~`` must not empty a home folder).
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from corpus import InputError

# A folder that holds one of these was written by sourcedrift (report,
# analyze, replicate, a bare bundle) and may be replaced by a new run.
OUTPUT_MARKERS = ("index.html", "results.json", "study.json", "manifest.json", "bundle/manifest.json")
# File systems that hold no files of their own: an output there cannot exist.
_VIRTUAL_FILE_SYSTEMS = {"proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "debugfs", "tracefs",
                         "securityfs", "pstore", "bpf", "configfs", "fusectl", "mqueue", "hugetlbfs"}
# Errors that mean "the disk refused this output" wherever they come from, and
# errors that mean it when they name a path of the output.
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG}
_PATH_ERRORS = {errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EISDIR, errno.ENOENT, errno.EMLINK,
                errno.ENAMETOOLONG, errno.EXDEV, errno.EBUSY}
_RENAME_EXCHANGE = 2
# A writer writes its pid the moment it has the lock: an empty lock this old was left by a killed run.
_EMPTY_LOCK_SECONDS = 10.0
_AT_FDCWD = -100


class OutputError(InputError):
    """An output that cannot be written: one line naming it and why; the previous output is intact."""


class Interrupted(KeyboardInterrupt):
    """An interrupt while an output was written; ``outcome`` says what the output folder holds now."""

    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


# ----------------------------------------------------------------- single files


def default_mode(kind: str = "file") -> int:
    """The mode a new file (0644) or folder (0755) gets under the process's umask."""
    return (0o666 if kind == "file" else 0o777) & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows (/proc), else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_file(path: str | Path, data: str | bytes) -> None:
    """Write a new file inside a folder being built: created, written in full, flushed to disk."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(handle, view):]
        os.fsync(handle)
    finally:
        os.close(handle)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write one file through a temporary file beside it and a rename; 0644 like every output.

    Raises:
        OutputError: the file cannot be written (full disk, read-only, ...);
            ``path`` is left as it was.
    """
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _output_error(path, error, None) from None
    try:
        os.close(handle)
        write_file(temporary, data)
        os.chmod(temporary, default_mode())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _output_error(path, error, None) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ----------------------------------------------------------------- checking an output path


def _mount_type(path: Path) -> str:
    """The file system type of the mount holding ``path`` ('' when unknown)."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as mounts:
            table = [line.split()[1:3] for line in mounts if len(line.split()) >= 3]
    except OSError:
        return ""
    best, kind = "", ""
    text = str(path)
    for point, fs_type in table:
        point = point.replace("\\040", " ")
        if (text == point or text.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, fs_type
    return kind


def _absolute(path: str | Path) -> Path:
    """``path`` made absolute with symbolic links followed (so a swap replaces the real folder)."""
    return Path(os.path.abspath(Path(path).expanduser())).resolve()


def check_output_dir(path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Check, writing nothing, that ``path`` can be an output folder; return it absolute.

    Args:
        inputs: folders and files the run reads (the story folder); the
            output may be neither inside one nor hold one.

    Raises:
        OutputError: one line saying why not.
    """
    given = Path(path)
    target = _absolute(path)
    if target.exists() and not target.is_dir():
        raise OutputError(given, "is a file, not an output folder")
    if target.parent == target:
        raise OutputError(given, "is the root folder; choose a folder to hold the output")
    existing = next(p for p in (target, *target.parents) if p.exists())
    if not existing.is_dir():
        raise OutputError(given, f"is not a directory: {existing} is a file")
    kind = _mount_type(existing)
    if kind in _VIRTUAL_FILE_SYSTEMS:
        raise OutputError(given, f"is on a {kind} file system, which holds no files; choose a folder on a disk")
    if os.path.ismount(target):
        raise OutputError(given, "is a mount point, which cannot be swapped for a new folder; choose a folder inside it")
    # The new output is built beside the old one and swapped in: its parent folder is written.
    holder = next(p for p in target.parents if p.exists())
    if not os.access(holder, os.W_OK | os.X_OK):
        raise OutputError(given, f"cannot be written: {holder} is not writable (permission denied)")
    for source in inputs:
        source = _absolute(source)
        if target == source or source in target.parents:
            raise OutputError(given, f"is inside the input folder {source}; choose an output folder outside it")
        if target in source.parents:
            raise OutputError(given, f"holds the input {source}; replacing it would delete that input")
    if target.is_dir() and any(target.iterdir()) and not any((target / m).is_file() for m in OUTPUT_MARKERS):
        raise OutputError(given, "is a folder that holds no earlier sourcedrift output, and replacing it "
                                 "would delete what it holds; choose a new or empty folder")
    return target


def _output_error(path: Path, error: OSError, staging: Path | None) -> OutputError:
    where = f" ({error.filename})" if error.filename and str(error.filename) != str(path) else ""
    if staging is not None and error.filename:
        where = f" ({Path(error.filename).name})" if str(error.filename).startswith(str(staging)) else where
    reason = "no space left on the device" if error.errno in (errno.ENOSPC, errno.EDQUOT) else (
        (error.strerror or str(error)).lower())
    return OutputError(path, f"could not be written: {reason}{where}; the previous output is unchanged")


# ----------------------------------------------------------------- the lock


def _lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder(lock: Path) -> int | None:
    """The pid in a lock file; None when it names none (being written, or damaged); -1 when it is gone."""
    try:
        text = lock.read_text(encoding="ascii", errors="replace").strip()
    except FileNotFoundError:
        return -1
    return int(text) if text.isdigit() else 0 if text else None


def _age(lock: Path) -> float:
    try:
        return time.time() - lock.stat().st_mtime
    except OSError:
        return 0.0


@contextmanager
def output_lock(target: Path, given: str | Path | None = None) -> Iterator[Path]:
    """Hold ``.OUT.lock`` beside ``target`` for the duration; take over a dead run's lock.

    Raises:
        OutputError: another live process holds it (naming ``given``, the path as typed).
    """
    lock = _lock_path(target)
    named = target if given is None else given
    for _ in range(3):
        try:
            handle = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        except FileExistsError:
            pid = _holder(lock)
            if pid == -1:
                continue  # released meanwhile: try again
            if pid is None and _age(lock) > _EMPTY_LOCK_SECONDS:
                pid = 0  # a run killed between creating the lock and writing its pid
            if pid is not None and not _alive(pid):
                _take_over(lock, pid)
                continue
            holder = f"process {pid}" if pid is not None else "another run"
            raise OutputError(named, f"is being written by {holder} (lock {lock.name}); wait for it to finish, "
                                     f"or remove {lock} if no sourcedrift is running") from None
        except OSError as error:
            raise _output_error(Path(named), error, None) from None
        try:
            os.write(handle, f"{os.getpid()}\n".encode("ascii"))
        except BaseException:
            os.close(handle)
            lock.unlink(missing_ok=True)
            raise
        os.close(handle)
        break
    else:
        raise OutputError(named, f"could not take the lock {lock}; try again")
    try:
        yield lock
    finally:
        try:
            if _holder(lock) == os.getpid():
                lock.unlink(missing_ok=True)
        except OSError:
            pass  # a lock left behind names this process: the next run takes it over once it has ended


def _take_over(lock: Path, dead: int | None) -> None:
    """Remove a lock whose holder ``dead`` has gone, unless a live run took it meanwhile."""
    aside = lock.with_name(f"{lock.name}.stale-{os.getpid()}")
    try:
        os.rename(lock, aside)
    except FileNotFoundError:
        return
    if _holder(aside) not in (dead, None, 0):
        # Another run took the stale lock over and wrote its own pid first: give it back.
        try:
            os.link(aside, lock)
        except FileExistsError:
            pass
    aside.unlink(missing_ok=True)


# ----------------------------------------------------------------- leftovers of killed runs


def _leftovers(target: Path, kind: str) -> list[Path]:
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.{kind}-[A-Za-z0-9_]{{8}}$")
    try:
        return sorted(p for p in target.parent.iterdir() if pattern.match(p.name) and p.is_dir())
    except OSError:
        return []


def _remove_tree(folder: Path) -> bool:
    """Remove ``folder`` and everything in it, read-only sub-folders included; True when gone."""
    for root, _, _ in os.walk(folder):
        try:
            os.chmod(root, stat.S_IRWXU)  # a read-only folder of ours must not keep its files
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)
    return not os.path.lexists(folder)


def tidy_leftovers(target: Path) -> None:
    """Undo what killed runs left beside ``target`` (call with the lock held)."""
    aside = _leftovers(target, "old")
    if not os.path.lexists(target) and aside:
        newest = max(aside, key=lambda p: p.stat().st_mtime)
        os.rename(newest, target)  # killed between the two renames: the old output goes back
        aside.remove(newest)
    for folder in aside + _leftovers(target, "staging"):
        _remove_tree(folder)


# ----------------------------------------------------------------- the swap


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _settle(staging: Path) -> None:
    """Give every file 0644 and every folder 0755 (less the umask) and flush the folders to disk."""
    file_mode, folder_mode = default_mode("file"), default_mode("folder")
    for root, folders, files in os.walk(staging):
        for name in files:
            os.chmod(os.path.join(root, name), file_mode)
        for name in folders:
            os.chmod(os.path.join(root, name), folder_mode)
        _fsync_folder(root)
    os.chmod(staging, folder_mode)


def _fsync_folder(folder: str | Path) -> None:
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _swap_in(staging: Path, target: Path) -> Path | None:
    """Put ``staging`` at ``target``; return where the previous output now is (None if there was none)."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        return None
    if _exchange(staging, target):
        return staging
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    os.rename(target, aside)  # over the empty folder just made
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(aside, target)
        raise
    return aside


def _after_swap(target: Path, previous: Path | None) -> None:
    """Flush the swap to disk and remove the previous output; the new one is whole either way."""
    try:
        _fsync_folder(target.parent)
        if previous is not None:
            _remove_tree(previous)
    except OSError:
        pass  # what is left beside the output is removed by the next run


def _refused_write(error: OSError, target: Path) -> bool:
    """Whether ``error`` is the disk refusing the output (not a fault elsewhere)."""
    if error.errno in _DISK_ERRORS:
        return True
    named = [str(n) for n in (error.filename, error.filename2) if n]
    return error.errno in _PATH_ERRORS and any(n.startswith(str(target.parent)) for n in named)


def _holds(target: Path, staging_inode: int) -> bool:
    try:
        return os.stat(target).st_ino == staging_inode
    except OSError:
        return False


@contextmanager
def staged_output(path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Build a whole output folder beside ``path``, then swap it in for the previous one.

    Yields an empty staging folder to write the output into. When the block
    ends without error the staging folder replaces ``path`` whole; on any
    error or interrupt ``path`` keeps the previous output, whole.

    Raises:
        OutputError: ``path`` cannot be an output (see :func:`check_output_dir`),
            another run is writing it, or the disk refused a write (full, read-only).
        Interrupted: on Ctrl-C, saying which output ``path`` now holds.
    """
    given = Path(path)
    target = check_output_dir(path, inputs=inputs)
    created = _make_parents(target, given)
    staging = None
    swapped = False
    try:
        with output_lock(target, given):
            tidy_leftovers(target)
            check_output_dir(path, inputs=inputs)  # again, under the lock
            staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
            inode = os.stat(staging).st_ino
            try:
                yield staging
                _settle(staging)
                previous = _swap_in(staging, target)
                swapped = True
                _after_swap(target, previous)
            except BaseException:
                swapped = _holds(target, inode)
                raise
            finally:
                # Before the swap the staging folder holds the unfinished output, after it the
                # previous one: either way it goes.
                if os.path.lexists(staging):
                    _remove_tree(staging)
    except KeyboardInterrupt:
        if not swapped:
            _remove_created(created)
        raise Interrupted(f"{given} holds the new output in full" if swapped else
                          f"{given} was left as it was" if os.path.lexists(target) else
                          "nothing was written") from None
    except OSError as error:
        if swapped or not _refused_write(error, target):
            raise
        _remove_created(created)
        raise _output_error(given, error, staging) from None
    except BaseException:
        if not swapped:
            _remove_created(created)
        raise


def _make_parents(target: Path, given: Path) -> list[Path]:
    """Create the folders above ``target`` that are missing; return them, deepest first."""
    missing = [p for p in target.parents if not p.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir()
    except OSError as error:
        _remove_created(missing)
        raise _output_error(given, error, None) from None
    return missing


def _remove_created(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            break


def write_output(path: str | Path, files: Mapping[str, bytes], *, inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Replace the output folder ``path`` whole with ``files`` (relative name -> bytes); return them, sorted."""
    with staged_output(path, inputs=inputs) as staging:
        write_tree(staging, files)
    return [Path(path) / name for name in sorted(files)]


def write_tree(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (relative name -> bytes) into ``folder``, making sub-folders as needed."""
    for name in sorted(files):
        destination = folder / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_file(destination, files[name])
