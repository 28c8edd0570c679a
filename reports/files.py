"""Writing outputs so that a failure never leaves a half-written file or folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus import InputError


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_output_dir(path: str | Path) -> Path:
    """Check that ``path`` can hold outputs: an existing writable folder, or creatable.

    Raises:
        InputError: it is a file, or its folder cannot be written.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError(path, "is a file, not an output folder")
    parent = path if path.exists() else next((p for p in path.parents if p.exists()), Path("."))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(path, "output folder cannot be written (permission denied)")
    return path


@contextmanager
def staged_output(path: str | Path) -> Iterator[Path]:
    """Build a whole output folder beside ``path``, then move its files in.

    Yields a temporary folder to write into. On success every file in it
    replaces its namesake in ``path`` (created if needed); on any error the
    temporary folder is removed and ``path`` is left as it was.
    """
    path = check_output_dir(path)
    path.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=path, prefix=".staging-"))
    try:
        yield staging
        for source in sorted(staging.rglob("*")):
            if source.is_file():
                target = path / source.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
