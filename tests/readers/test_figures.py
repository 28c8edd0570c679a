"""analysis.readers.figures: figures read out of one sentence, with their interval, unit and the thing counted."""

from __future__ import annotations

import math

import pytest

from analysis.readers.figures import canonical, read, step


def _read(text: str) -> list[tuple[str, str, float, float, float]]:
    return [(text[r.start:r.end], r.unit, r.value, r.low, r.high) for r in read(text)]


@pytest.mark.parametrize("text, expected", [
    # A bare count is read as stated, to half its last digit.
    ("Inspectors found 627 violations.", [("627", "count", 627.0, 626.5, 627.5)]),
    # A qualifier is part of the figure and widens its interval.
    ("The company recalled about 41,600 pounds of cheese.", [("about 41,600", "count", 41600.0, 41500.0, 41700.0)]),
    ("Patients were over 65.", [("over 65", "count", 65.0, 65.0, math.inf)]),
    # Money with a scale word, a percentage, a decade.
    ("A fine of $4.25 million was set.", [("$4.25 million", "money", 4250000.0, 4245000.0, 4255000.0)]),
    ("In all 37 percent of cases went to trial.", [("37 percent", "percent", 37.0, 36.5, 37.5)]),
    ("It began in the 1990s.", [("1990s", "decade", 1990.0, 1990.0, 1999.0)]),
    # Shares in words: fractions and ratios are hedges ("approx"), read as percentages.
    ("One in five were hospitalised.", [("One in five", "percent", 20.0, 18.0, 22.0)]),
    # A number joined to a unit counts that unit; a date keeps its day.
    ("A 30-day recall of 8-ounce tubs began Sept. 16, 2025.", [
        ("30-day", "duration", 30.0, 30.0, 30.0), ("8-ounce", "count", 8.0, 8.0, 8.0),
        ("Sept. 16, 2025", "date", 16.0, 16.0, 16.0)]),
    # Not figures of the story: phone numbers, street addresses, a lone "one".
    ("Call 555-1234 or visit 12 Main Street.", []),
    ("One of them left.", []),
    ("", []),
])
def test_read(text, expected):
    assert _read(text) == expected


def test_a_period_of_months_carries_its_months_and_year():
    (period,) = [r for r in read("They were found during June, July and August 2025.") if r.unit == "period"]
    assert (period.value, period.months, period.year) == (3.0, (6, 7, 8), 2025)


def test_the_thing_counted_and_its_canonical_head():
    (figure,) = read("Inspectors found 627 violations at the port.")
    assert figure.counted == "violations" and figure.head == canonical("violations")


def test_canonical_maps_synonyms_onto_one_stem():
    assert canonical("penalties") == canonical("fines") == "fine"


@pytest.mark.parametrize("digits, expected", [("9,800", 100.0), ("1,840", 10.0), ("6.2", 0.1), ("60", 10.0)])
def test_step_is_the_unit_of_the_last_digit_written(digits, expected):
    assert step(digits) == pytest.approx(expected)


def test_offsets_are_into_the_text_given_with_start_and_end():
    text = "First sentence. Then 627 violations."
    (figure,) = read(text, 16, len(text))
    assert text[figure.start:figure.end] == "627"


def _years(text: str) -> list[tuple[str, str, float]]:
    return [(text[r.start:r.end], r.unit, r.value) for r in read(text)]


@pytest.mark.parametrize("text, expected", [
    # A span of years: both ends, two digits naming a year of the first one's century.
    ("The Fiscal Years 2025-2029 Capital Plan.", [("2025", "year", 2025.0), ("2029", "year", 2029.0)]),
    ("Grants for the 2025–26 school year.", [("2025", "year", 2025.0), ("26", "year", 2026.0)]),
    # Four digits with a separator are a number, never a year.
    ("Police rescued 1.500 migrants.", [("1.500", "count", 1500.0)]),
    ("In 1,500 cases it did.", [("1,500", "count", 1500.0)]),
])
def test_years_are_four_bare_digits_alone_or_in_a_span(text, expected):
    assert _years(text) == expected


def test_a_range_of_days_in_one_month_gives_two_dates_in_its_year():
    first, last = read("Inspectors were on site May 22–26, 2023.")
    assert (first.unit, first.day, first.months, first.year) == ("date", 22, (5,), 2023)
    assert (last.unit, last.day, last.months, last.year) == ("date", 26, (5,), 2023)


@pytest.mark.parametrize("text, value", [
    ("Ireland fined Meta €1.200 million.", 1.2e9),      # a decimal drops its trailing zeros: thousands
    ("Plants will generate 1.000 billion units.", 1e12),
    ("Meta was fined $1.375 billion.", 1.375e9),          # three decimals of a scale word stay decimals
    ("A fine of $1.2 million was set.", 1.2e6),
])
def test_a_dot_before_a_scale_word_separates_thousands_only_before_two_zeros(text, value):
    (figure,) = read(text)
    assert figure.value == pytest.approx(value)


@pytest.mark.parametrize("text, unit, value, counted", [
    ("Councils spend tens of thousands of pounds on bids.", "money", 1e4, "£"),
    ("Cities face deficits of hundreds of millions of dollars.", "money", 1e8, "$"),
    ("Hundreds of thousands of people crossed the country.", "count", 1e5, "people"),
])
def test_a_vague_magnitude_is_an_approximate_figure(text, unit, value, counted):
    (figure,) = read(text)
    assert (figure.unit, figure.value, figure.counted, figure.qualifier_kind) == (unit, value, counted, "approx")


def test_a_plain_plural_of_a_scale_word_is_no_figure():
    assert read("Thousands of children were sick, and millions of vehicles were recalled.") == []
