"""analysis.readers.facts: names a sentence uses, datelines, title case and the primary's own words."""

from __future__ import annotations

import pytest

from analysis.readers.cleaning import clean
from analysis.readers.facts import dateline_end, initialisms, is_month, names, primary_facts, title_case
from analysis.text.sentences import Sentence


def test_names_are_the_capitalised_words_past_the_first_months_and_labels_aside():
    assert names("Agency Administrator Mara Quill said in May that FY2025 costs rose.") == [
        "Administrator", "Mara", "Quill"]
    assert names("The agency’s director, Tobias Fenn's deputy, spoke.") == ["Tobias", "Fenn"]


@pytest.mark.parametrize("text, expected", [
    ("WASHINGTON (AP) — The agency said", len("WASHINGTON (AP) — ")),
    ("Washington, DC - x", len("Washington, DC - ")),
    ("The agency said", 0),
])
def test_dateline_end(text, expected):
    assert dateline_end(text) == expected


@pytest.mark.parametrize("word, month", [("Sept.", True), ("May", True), ("Mayor", False), ("june", True)])
def test_is_month(word, month):
    assert is_month(word) is month


def test_initialisms_pass_over_function_words_and_stop_at_six_letters():
    assert {"OIG", "IG", "OI"} <= initialisms("Office of the Inspector General")
    assert "FY" in initialisms("in fiscal year 2025")
    assert max(map(len, initialisms("one two three four five six seven eight"))) == 6
    assert max(map(len, initialisms("one two three four five six seven eight", max_initials=3))) == 3


def _sentence(text: str, kind: str) -> Sentence:
    return Sentence(0, 0, 0, len(text), 0, len(text), text, kind)


@pytest.mark.parametrize("text, kind, expected", [
    ("Harbor Sweep Finds Hundreds of Dumping Violations", "headline", True),
    ("Harbor sweep finds hundreds of dumping violations", "headline", False),
    ("Harbor Sweep Finds Hundreds of Dumping Violations", "text", False),   # prose is never a title
    ("Agency Acts", "heading", True),
])
def test_title_case(text, kind, expected):
    assert title_case(_sentence(text, kind)) is expected


def test_primary_facts_read_its_words_stems_and_quoting_sentences():
    body = clean("The agency said: “We found it.” Crews removed 1,840 tons of waste.\n").body
    facts = primary_facts(body)
    assert {"agency", "crews", "tons", "waste"} <= facts.words
    assert "crew" in facts.stems and "the" not in facts.stems
    assert facts.quoted_sentences == frozenset({0})
    assert primary_facts(body) is facts  # read once per body
