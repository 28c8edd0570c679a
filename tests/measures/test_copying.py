"""analysis.measures.copying: verbatim reuse of the primary, quotations apart from own words."""

from __future__ import annotations

import pytest

from analysis.readers.cleaning import clean
from analysis.measures.copying import measure
from analysis.measures.quotes import Quote, QuoteReport
from tests._issue3_texts import PRIMARY

NO_QUOTES = QuoteReport((), ())


def _measure(text: str, quotes=NO_QUOTES, primary_text: str = PRIMARY):
    return measure(clean(text).body, clean(primary_text).body, quotes)


def test_identical_texts_copy_everything():
    result = _measure(PRIMARY)
    assert (result.article_share, result.primary_share) == (1.0, 1.0)


def test_unrelated_text_copies_nothing():
    result = _measure("Weather Report For The Coming Weekend Ahead\n\nRain is expected on Saturday and "
                      "the sun should return by Sunday afternoon.\n")
    assert (result.article_share, result.primary_share, result.passages) == (0.0, 0.0, ())


@pytest.mark.parametrize("sentence, own, quoted", [
    # the reporter's own words copied from the release
    ("Cleanup crews removed 1,840 tons of industrial waste from harbor waters and shorelines.", 1.0, 0.0),
    # a quotation copied word for word, own words original
    ("“Most of the operators we inspected are doing the right thing,” Fenn told reporters.", 0.0, 1.0),
    # fewer than five words in a row: not copied
    ("Crews removed 1,840 tons, an amount of waste hauled from harbors.", 0.0, 0.0),
])
def test_quotations_count_apart(sentence, own, quoted):
    result = _measure(f"{sentence}\n")
    assert (result.own_share, result.quoted_share) == (own, quoted)


def test_passages_carry_both_spans():
    text = "Cleanup crews removed 1,840 tons of industrial waste from harbor waters and shorelines.\n"
    result = _measure(text)
    (passage,) = result.passages
    assert text[passage.span[0]:passage.span[1]] == text.strip().rstrip(".")
    assert PRIMARY[passage.primary_span[0]:passage.primary_span[1]] == text.strip().rstrip(".")
    assert passage.words == 13 and not passage.quoted


def test_the_quote_reports_segments_count_as_quoted():
    text = "Inspectors said most of the operators we inspected are doing the right thing here.\n"
    start = text.index("most of the operators")
    quote = Quote((start, start + 40), ((start, start + 40),), text[start:start + 40], "Fenn", "exact")
    assert _measure(text).own_share > 0
    assert _measure(text, QuoteReport((quote,), ())).quoted_share > 0


@pytest.mark.parametrize("text", ["", "\x00\x01", "“”", "word"])
def test_odd_input_never_raises(text):
    result = _measure(text)
    assert 0.0 <= result.article_share <= 1.0
    assert measure(clean(text).body, clean("").body, NO_QUOTES).primary_share == 0.0
