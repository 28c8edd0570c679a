"""analysis.readers.quoted: the words inside quotation marks, sentence by sentence."""

from __future__ import annotations

import pytest

from analysis.readers.cleaning import clean
from analysis.readers.quoted import _quoted_in_paragraph, quoted_spans


@pytest.mark.parametrize("paragraph, quoted", [
    ("“A b c,” she said, “d e f.”", ["A b c,", "d e f."]),
    ('"A b c," she said.', ["A b c,"]),
    ("He said: “A b c d", ["A b c d"]),                        # runs on into the next paragraph
    ("A b c d.” the agency said", ["A b c d."]),              # a block quote: closing mark only
    ("No quotation here at all.", []),
    ("It's the agency’s “term” only.", ["term"]),
])
def test_quoted_spans_in_a_paragraph(paragraph, quoted):
    assert [paragraph[a:b] for a, b in _quoted_in_paragraph(paragraph)] == quoted


def test_quoted_spans_are_given_per_sentence_and_stay_inside_it():
    body = clean("She said: “We will fix it. All of it.” Then she left.\n").body
    spans = quoted_spans(body)
    assert len(spans) == len(body.sentences) == 3
    assert [[body.text[a:b] for a, b in pieces] for pieces in spans] == [["We will fix it."], ["All of it."], []]
