"""analysis.text.tokens: the one tokeniser and stemmer the measures compare words with."""

from __future__ import annotations

import pytest

from analysis.text import tokens


@pytest.mark.parametrize("text, expected", [
    ("MMTA's audit", ("mmta", "audit")),
    ("the agency’s crews", ("agenc", "crew")),
    ("the workers' union", ("worker", "union")),
])
def test_a_possessive_is_its_noun(text, expected):
    assert tokens.content_stems(text) == expected


def test_fold_plain_forms():
    assert tokens.fold("“It’s—here”\u00a0now") == '"It\'s-here" now'


@pytest.mark.parametrize("text, expected", [
    ("Crews removed 1,840 tons.", ("crews", "removed", "1,840", "tons")),
    ("The agency’s well-known 3.5 percent", ("the", "agency's", "well-known", "3.5", "percent")),
    ("", ()),
])
def test_tokens_are_lower_case_words_with_numbers_whole(text, expected):
    assert tokens.tokens(text) == expected


@pytest.mark.parametrize("word, content", [("the", False), ("a", False), ("7", True), ("harbor", True)])
def test_is_content(word, content):
    assert tokens.is_content(word) is content


def test_stem_is_snowball_and_numbers_lose_their_separators():
    assert tokens.stem("penalties") == "penalti"
    assert tokens.stem("1,840") == "1840"
