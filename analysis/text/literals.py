"""What a regular expression needs to find: literal pieces a text must hold for it to match anywhere.

Case-insensitive searches over many patterns spend most of their time on
texts none of them matches. ``needed(pattern)`` reads a compiled pattern's
syntax and returns pieces of text, lower-case, at least one of which every
match contains (None: nothing can be said); ``may_match`` tests them
against a text with plain substring checks, so the search itself runs only
where it can succeed. Both are exact (never a missed match): only ASCII
characters and characters without case ("©", "’") count, compared with
the text lower-cased; a text holding one of the few non-ASCII characters
a case-insensitive search equates with an ASCII letter
(``FOLDS_TO_ASCII``) is always searched.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11 moved the parser
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _p

# Non-ASCII characters a case-insensitive search takes for an ASCII letter (dotted and dotless i,
# the long s, the Kelvin sign); tests/text/test_literals.py checks the list over all of Unicode.
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")

_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))


def _plain(code: int) -> bool:
    """A character a search compares as itself or its ASCII case partner: ASCII, or without case ("©", "’")."""
    character = chr(code)
    return code < 128 or character.lower() == character.upper() == character.casefold() == character


def _sequence(items) -> frozenset[str] | None:
    """Pieces one of which a match of the sequence ``items`` holds (the surest found), or None."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, argument in items:
        if op is _c.LITERAL and _plain(argument):
            run.append(chr(argument).lower())
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is _c.SUBPATTERN:
            needs = _sequence(argument[-1])
        elif op is _c.BRANCH:
            branches = [_sequence(branch) for branch in argument[1]]
            needs = None if any(b is None for b in branches) else frozenset().union(*branches)
        elif op is _c.IN:  # a class of single characters only ("[›»|/]"): one of them
            needs = (frozenset(chr(code).lower() for _, code in argument)
                     if all(kind is _c.LITERAL and _plain(code) for kind, code in argument) else None)
        elif op in _REPEATS:
            low, _, item = argument
            needs = _sequence(item) if low >= 1 else None
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            needs = _sequence(argument)
        else:  # anchors, classes, any character, lookarounds: no literal piece is sure
            needs = None
        if needs:
            found.append(needs)
    if run:
        found.append(frozenset(["".join(run)]))
    # Any one requirement holds; the one whose shortest piece is longest rules out most texts.
    return max(found, key=lambda pieces: (min(map(len, pieces)), -len(pieces), sorted(pieces)), default=None)


@lru_cache(maxsize=256)
def needed(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case pieces of text at least one of which every match of ``pattern`` contains; None if unknown."""
    needs = _sequence(_p.parse(pattern.pattern, pattern.flags))
    return needs if needs and all(needs) else None


def may_match(needs: frozenset[str] | None, lowered: str | None) -> bool:
    """False only when a pattern needing ``needs`` cannot match the text ``lowered`` came from.

    ``lowered`` is the text lower-cased, or None for a text holding a
    character of ``FOLDS_TO_ASCII`` (then every pattern may match).
    """
    return needs is None or lowered is None or any(piece in lowered for piece in needs)


def lowered(text: str) -> str | None:
    """``text`` lower-cased for ``may_match`` (None when a piece check would not be exact)."""
    return None if not FOLDS_TO_ASCII.isdisjoint(text) else text.lower()
