"""The handout's fonts: DejaVu Sans as shipped with matplotlib, and its text widths.

One font for HTML and PDF alike, so that lines break at the same words and
line numbers agree between the two; it covers every mark the handout draws
(= ≈ + ✗ ✓ –). The widths come from the font's own advance table, without
kerning (the HTML turns kerning off to match).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
LICENCE = "LICENSE_DEJAVU"


def font_dir() -> Path:
    """matplotlib's folder of bundled TrueType fonts."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def font_path(name: str) -> Path:
    return font_dir() / name


@lru_cache(maxsize=2)
def _metrics(name: str) -> tuple[dict[int, int], int, int]:
    """(code point -> advance width, units per em, advance of the missing glyph)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path(name)), lazy=True)
    cmap = font.getBestCmap()
    advances = font["hmtx"].metrics
    widths = {code: advances[glyph][0] for code, glyph in cmap.items()}
    return widths, font["head"].unitsPerEm, advances[".notdef"][0]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points at ``size`` points."""
    widths, per_em, missing = _metrics(BOLD if bold else REGULAR)
    return sum(widths.get(ord(ch), missing) for ch in text) * size / per_em


def covers(text: str, bold: bool = False) -> bool:
    """Whether the font has a glyph for every character of ``text``."""
    widths, _, _ = _metrics(BOLD if bold else REGULAR)
    return all(ord(ch) in widths or ch in "\n\t" for ch in text)


def printable(text: str) -> str:
    """``text`` with every character the font cannot draw (or a control character) as U+FFFD.

    One character for one, so offsets into ``text`` stay valid.
    """
    widths, _, _ = _metrics(REGULAR)

    def drawable(ch: str) -> str:
        if ch == "\n":
            return ch
        if ch.isspace():
            return " "
        return ch if ord(ch) in widths and ch.isprintable() else "\ufffd"

    return "".join(drawable(ch) for ch in text)


def esc(text: object) -> str:
    """``text`` for HTML: escaped, every character the font cannot draw (or a control character) replaced."""
    from html import escape

    return escape(printable(str(text)))
