"""analysis.text.sentences: sentences (Punkt with a built-in abbreviation list), words and lines with spans."""

import pytest

from analysis.text.sentences import bullet_marker, lines, sentence_spans, words


@pytest.mark.parametrize("text, expected", [
    ("Attorney General William P. Barr said. He left.", ["Attorney General William P. Barr said.", "He left."]),
    ("The U.S. Department acted. Dr. Ruiz agreed.", ["The U.S. Department acted.", "Dr. Ruiz agreed."]),
    ("Gen. Smith and Sen. Jones met Rep. Lee on Sept. 16. It rained.",
     ["Gen. Smith and Sen. Jones met Rep. Lee on Sept. 16.", "It rained."]),
    ("“No child should ever,” he said. “We will.” Then he left.",
     ["“No child should ever,” he said.", "“We will.”", "Then he left."]),
    ("J. R. R. Tolkien wrote it. Done.", ["J. R. R. Tolkien wrote it.", "Done."]),
    ("", []),
])
def test_sentences(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


def test_sentence_spans_inside_a_larger_text():
    text = "HEAD\nOne sentence here. Two here.\nTAIL"
    start = text.index("One")
    end = text.index("\nTAIL")
    assert [text[a:b] for a, b in sentence_spans(text, start, end)] == ["One sentence here.", "Two here."]


def test_words_keep_numbers_and_apostrophes():
    text = "It’s 2,300 reporter’s two-month 1990s $4.25 14th"
    assert [w.text for w in words(text)] == ["It’s", "2,300", "reporter’s", "two-month", "1990s", "4.25", "14th"]
    assert all(text[w.start:w.end] == w.text for w in words(text))


def test_lines_are_stripped_with_spans():
    text = "  Title  \n\n body line \n"
    found = lines(text)
    assert [l.text for l in found] == ["Title", "body line"]
    assert all(text[l.start:l.end] == l.text for l in found)


@pytest.mark.parametrize("line, marker", [
    ("• Bullet", 2), ("  1. Those who", 5), ("- dash item", 2), ("2300 Arrested", 0), ("1990s were", 0),
])
def test_bullet_marker(line, marker):
    assert bullet_marker(line) == marker
