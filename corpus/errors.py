"""The one exception bad input raises, so the CLI can print a single clear line."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: a file that is missing, unreadable or malformed.

    ``str(error)`` is one line naming the file and what is wrong with it.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
