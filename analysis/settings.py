"""Thresholds and word lists, in one place each, with where they came from.

Word lists live in ``analysis/data``; numeric thresholds here. Every value was
set by reading the development story (corpus/dev_harbor) and the seeds, never
tuned to a single text; a user can override any of them with
``sourcedrift ... --config FILE.toml`` (see README, "Configuration").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Settings:
    """Tunable parameters of the measures; see each field's comment."""

    # Cleaning. A line with fewer words than this, outside the article's
    # prose, is page chrome (crumbs, credits, logos, widgets).
    short_line_words: int = 6
    # A paragraph repeated verbatim (paywall teasers) is dropped from the body
    # only when it has at least this many words: short repeats are headlines.
    repeat_min_words: int = 8
    # A line is "prose" (article text) from this many words, ending in . ! ? or a quote.
    prose_min_words: int = 8

    def to_dict(self) -> dict:
        return asdict(self)

    def updated(self, overrides: dict) -> "Settings":
        """A copy with ``overrides`` applied; unknown names raise ValueError."""
        known = {f.name: f.type for f in fields(self)}
        for name in overrides:
            if name not in known:
                raise ValueError(f"unknown setting {name!r}; known settings: {', '.join(sorted(known))}")
        return replace(self, **overrides)


DEFAULT = Settings()


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``analysis/data/NAME.txt``: one a line, ``#`` comments skipped."""
    text = resources.files("analysis").joinpath(f"data/{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(entry for entry in entries if entry)
