"""A text progress bar for the command line: one call per step, drawn on a stream.

On a terminal the bar redraws in place; into a file or pipe it writes one
line per step, so logs stay readable. Disabled, it draws nothing.
"""

from __future__ import annotations

from typing import TextIO

WIDTH = 28


class ProgressBar:
    """Call it with a message at each step; ``close()`` when done."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool = True, label: str = "") -> None:
        self.total = max(1, total)
        self.stream = stream
        self.enabled = enabled
        self.label = label
        self.done = 0
        self._tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last = 0

    def line(self, message: str) -> str:
        """The bar as text for the current step."""
        done = min(self.done, self.total)
        filled = round(WIDTH * done / self.total)
        bar = "█" * filled + "░" * (WIDTH - filled)
        prefix = f"{self.label} " if self.label else ""
        return f"{prefix}[{bar}] {done:>{len(str(self.total))}}/{self.total} {message}"

    def __call__(self, message: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        text = self.line(message)
        if self._tty:
            padding = " " * max(0, self._last - len(text))
            self.stream.write("\r" + text + padding)
            self._last = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self, message: str = "done") -> None:
        """Fill the bar and end its line."""
        if not self.enabled:
            return
        self.done = self.total
        if self._tty:
            text = self.line(message)
            self.stream.write("\r" + text + " " * max(0, self._last - len(text)) + "\n")
        else:
            self.stream.write(self.line(message) + "\n")
        self.stream.flush()
