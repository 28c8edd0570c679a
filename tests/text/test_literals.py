"""analysis.text.literals: the pieces a pattern needs, and that skipping a search on them never misses a match."""

import re
import sys

import pytest

from analysis.readers.cleaning import _patterns
from analysis.text.literals import FOLDS_TO_ASCII, lowered, may_match, needed


@pytest.mark.parametrize("pattern, pieces", [
    (r"\bsubscribe to (?:keep|continue) reading\b", {"subscribe to "}),
    (r"\b(?:free|remaining) articles\b", {" articles"}),
    (r"\breached your\b.*\blimit\b|\bfree trial\b", {"reached your", "free trial"}),
    (r"^Photo(?:s)?:", {"photo"}),
    (r"\s[›»|]\s", {"›", "»", "|"}),
    (r"©|\ball rights reserved\b", {"©", "all rights reserved"}),
])
def test_needed_pieces(pattern, pieces):
    assert needed(re.compile(pattern, re.IGNORECASE)) == frozenset(pieces)


@pytest.mark.parametrize("pattern, pieces", [
    (r"\d+ comments", {" comments"}),   # the digits are no literal; the words after them are
    (r"(?:ad)?vert", {"vert"}),          # an optional group needs nothing, the rest does
    (r"(?:re)+post", {"post"}),          # the longest sure piece wins
])
def test_needed_keeps_what_is_sure(pattern, pieces):
    assert needed(re.compile(pattern, re.IGNORECASE)) == frozenset(pieces)


@pytest.mark.parametrize("pattern", [r"[a-z]+\d", r"^\w+$", r"(?:x|\d)", r"a?", r"[^x]", r"é"])
def test_needed_is_none_when_nothing_is_sure(pattern):
    assert needed(re.compile(pattern, re.IGNORECASE)) is None


def test_folds_to_ascii_are_all_the_non_ascii_characters_a_case_insensitive_search_takes_for_ascii():
    characters = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert set(re.findall(r"[a-z]", characters, re.IGNORECASE)) == FOLDS_TO_ASCII


def test_a_text_with_a_folding_character_is_always_searched():
    pattern = re.compile(r"\bsubscribe\b", re.IGNORECASE)
    text = "Subſcribe today"                       # the long s: the search matches, the pieces do not
    assert pattern.search(text) and lowered(text) is None and may_match(needed(pattern), lowered(text))


@pytest.mark.parametrize("text", [
    "Subscribe to keep reading", "SUBSCRIBE TO CONTINUE READING", "Home › News › Local", "© 2025 The Times",
    "The council voted on Tuesday.", "Sign up for our newsletter", "Photo: Reuters", "all rights RESERVED",
])
def test_skipping_never_misses_a_boilerplate_pattern(text):
    for _, _, pattern in _patterns():
        if pattern.search(text):
            assert may_match(needed(pattern), lowered(text))
