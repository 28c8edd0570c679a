"""analysis.numbers: figures read with their qualifier and unit, labelled against the source."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from analysis.alignment import Alignment, SentenceMatch
from analysis.cleaning import clean
from analysis.event import EventCheck
from analysis.figure_reading import read, word_value
from analysis.numbers import Figure, FigureReport, check, compare, extract
from corpus import ReferenceEvent, ReferenceFigure

SAME_EVENT = EventCheck(True, 1.0, (), None)
OTHER_EVENT = EventCheck(False, 1.0, (), None)
NO_ALIGNMENT = Alignment(())


def _only(text: str):
    found = read(text)
    assert len(found) == 1, [text[r.start:r.end] for r in found]
    return found[0]


# --- reading ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, unit, value, qualifier, counted", [
    ("Inspectors documented 627 violations.", "627", "count", 627, "", "violations"),
    ("They cited 2,300 suspects.", "2,300", "count", 2300, "", "suspects"),
    ("2300 Arrested in Child Pornography Bust", "2300", "count", 2300, "", ""),
    ("It assessed more than $4 million in fines.", "more than $4 million", "money", 4e6, "more than", "fines"),
    ("It assessed $4,250,000 in civil penalties.", "$4,250,000", "money", 4.25e6, "", "penalties"),
    ("Feds slap polluters with $6 MILLION in fines", "$6 MILLION", "money", 6e6, "", "fines"),
    ("Access costs $0.50 today.", "$0.50", "money", 0.5, "", "$"),
    ("That is 18 percent of the sites inspected.", "18 percent", "percent", 18, "", "sites"),
    ("That is 44% of all violations.", "44%", "percent", 44, "", "violations"),
    ("Nearly a third of the sites failed.", "Nearly a third", "percent", 33.3333, "nearly", "sites"),
    ("They reached nearly fifty thousand people.", "nearly fifty thousand", "count", 50000, "nearly", "people"),
    ("Thirty-seven cases were referred.", "Thirty-seven", "count", 37, "", "cases"),
    ("It targeted four categories of conduct.", "four", "count", 4, "", "categories"),
    ("It ran for three months.", "three months", "duration", 3, "", "month"),
    ("It was a two-month operation.", "two-month", "duration", 2, "", "month"),
    ("It went on over three months.", "three months", "duration", 3, "", "month"),
    ("It went on for more than three months.", "more than three months", "duration", 3, "more than", "month"),
    ("Over the past 20 years, it grew.", "20 years", "duration", 20, "", "year"),
    ("It was the Office's fourteenth annual sweep.", "fourteenth", "ordinal", 14, "", "sweep"),
    ("It was the agency's 14th annual sweep.", "14th", "ordinal", 14, "", "sweep"),
    ("It was the fifth annual sweep.", "fifth", "ordinal", 5, "", "sweep"),
    ("It was the twenty-third annual sweep.", "twenty-third", "ordinal", 23, "", "sweep"),
    ("The program was founded in 2012.", "2012", "year", 2012, "", "year"),
    ("It is a throwback to the 1970s.", "1970s", "decade", 1970, "", "years"),
    ("Trafficking peaked in the late 1990s.", "late 1990s", "decade", 1990, "", "years"),
    ("Sweeps ran in June, July and August 2025.", "June, July and August 2025", "period", 3, "", "months"),
    ("From March to May 2018, they searched.", "From March to May 2018", "period", 3, "", "months"),
    ("It ran during the months of April and May.", "April and May", "period", 2, "", "months"),
    ("Arrests were made between March and May.", "between March and May", "period", 3, "", "months"),
    ("The agency announced Sept. 16 that it had finished.", "Sept. 16", "date", 16, "", "date"),
    ("The agency said Oct. 2, 2024, that it was done.", "Oct. 2, 2024", "date", 2, "", "date"),
    ("Two of the cited facilities are local.", "Two", "count", 2, "", "facilities"),
    ("They arrested up to 1,000 people.", "up to 1,000", "count", 1000, "up to", "people"),
    ("They reached just under 400,000 people.", "just under 400,000", "count", 400000, "just under", "people"),
    ("One in five children was at risk.", "One in five", "percent", 20, "", "children"),
])
def test_reading(text, figure, unit, value, qualifier, counted):
    reading = _only(text)
    assert text[reading.start:reading.end] == figure
    assert reading.unit == unit
    assert math.isclose(reading.value, value, rel_tol=1e-4)
    assert reading.qualifier == qualifier
    assert reading.counted == counted


@pytest.mark.parametrize("text", [
    "Call 555-123-4567 for details.",
    "The meeting starts at 10 a.m. sharp.",
    "It covers (1) dumping and (2) storage.",
    "Section 230 shields websites.",
    "The COVID-19 rules ended.",
    "The office still runs Windows 10 on its old computers.",
    "Police were called to 12 Main Street on Friday night.",
    "Get unlimited digital access for just $1.99 a week.",
    "It happened this spring and will happen again next year.",
    "It is shocking that in this one operation they did it.",
    "May the best team win, and march on.",
    "Email tips@example.org or visit www.example.org/2024.",
    "",
    '""""',
    "\x00\x01\x02 \u200b",
])
def test_not_figures(text):
    assert read(text) == []


@pytest.mark.parametrize("text, value", [
    ("thirty-seven", 37), ("a hundred and five", 105), ("two dozen", 24),
    ("fifty thousand", 50000), ("one million", 1e6), ("seven", 7), ("walrus", None),
])
def test_word_value(text, value):
    assert word_value(text) == value


@pytest.mark.parametrize("text, low, high", [
    ("more than 3,400 inspections", 3400, math.inf),
    ("nearly 1,200 facilities", 1080, 1200),
    ("about 1,800 tons", 1620, 1980),
    ("1,800 tons", 1750, 1850),          # rounded to its last non-zero digit
    ("1,840 tons", 1835, 1845),
    ("37 cases", 37, 37),                # small counts are exact
    ("fewer than 50 employees", 0, 50),
    ("$4 million in fines", 3.5e6, 4.5e6),
    ("$4.25 million in fines", 4.245e6, 4.255e6),
])
def test_interval(text, low, high):
    reading = _only(text)
    assert (reading.low, reading.high) == pytest.approx((low, high))


def test_running_total_and_partitive_are_marked():
    (total,) = read("Since 2012, inspectors have conducted more than 21,600 inspections.")[1:]
    assert total.cumulative
    (part,) = read("Two of the cited facilities are in the county.")
    assert part.partitive and not part.cumulative


# --- labelling ----------------------------------------------------------------------------

PRIMARY = (
    "Harbor Sweep Finds 627 Violations\n"
    "WASHINGTON, Sept. 16, 2025 — The agency today announced the results of its annual sweep. "
    "During June, July and August 2025, inspectors conducted 3,412 inspections at 1,186 port facilities.\n"
    "Inspectors documented 627 violations and cited 214 facilities, or 18 percent of the sites inspected. "
    "The Office assessed $4,250,000 in civil penalties and referred 37 cases to prosecutors.\n"
    "Crews removed 1,840 tons of industrial waste. The sweep targeted four categories of conduct.\n"
    "It is the Office's fourteenth annual harbor sweep. Since the program was founded in 2012, inspectors have "
    "conducted more than 21,600 inspections and assessed more than $38.6 million in civil penalties.\n"
)


def _label(article_text: str, figure: str, event: EventCheck = SAME_EVENT,
           alignment: Alignment = NO_ALIGNMENT, primary_text: str = PRIMARY) -> Figure:
    primary = clean(primary_text).body
    article = clean(article_text).body
    report = check(article, extract(article), primary, extract(primary), alignment, event)
    hits = [f for f in report.figures if f.text == figure]
    assert len(hits) == 1, [f.text for f in report.figures]
    return hits[0]


# A headline and a lead paragraph of prose, so that a short sentence after them
# is article text, not page chrome; and a closing paragraph likewise.
ARTICLE_HEAD = ("Harbor sweep finds hundreds of violations\n"
                "The agency published the results of its summer harbor sweep on its website.\n")
ARTICLE_TAIL = "The agency described the results in a statement released to reporters on its website.\n"


@pytest.mark.parametrize("sentence, figure, label", [
    ("Inspectors documented 627 violations.", "627", "match"),
    ("The agency assessed more than $4 million in civil penalties.", "more than $4 million", "rounded"),
    ("The agency assessed $4.25 million in fines.", "$4.25 million", "match"),
    ("The agency hit polluters with $6 million in fines.", "$6 million", "mismatch"),
    ("Inspectors conducted more than 3,400 inspections.", "more than 3,400", "rounded"),
    ("Inspectors visited nearly 1,200 port facilities.", "nearly 1,200", "rounded"),
    ("Crews removed about 1,800 tons of waste.", "about 1,800", "rounded"),
    ("Crews removed 1,480 tons of industrial waste.", "1,480", "mismatch"),
    ("Thirty-seven cases went to prosecutors.", "Thirty-seven", "match"),
    ("The sweep went after four kinds of dirty tricks.", "four", "match"),
    ("That means 18 percent of the sites inspected were cited.", "18 percent", "match"),
    ("It was the agency's 14th annual harbor sweep.", "14th", "match"),
    ("The sweep lasted three months.", "three months", "match"),
    ("Inspectors conducted 3,412 inspections in a two-month sweep.", "two-month", "mismatch"),
    ("Inspectors worked between June and August.", "between June and August", "match"),
    ("During April and May 2025, inspectors conducted 3,412 inspections.", "April and May 2025", "mismatch"),
    ("The President signed a bill in April.", "April", "unsourced"),
    ("The agency announced Sept. 16 that the sweep was over.", "Sept. 16", "match"),
    ("The program began in 2012.", "2012", "match"),
    ("Since 2012 its inspectors have conducted more than 21,000 inspections.", "more than 21,000", "rounded"),
    ("It is a grim throwback to the 1970s, when factories dumped waste.", "1970s", "unsourced"),
    ("The harbor was listed as contaminated in 1994.", "1994", "unsourced"),
    ("The bill would cap penalties for boatyards with fewer than 50 employees.", "fewer than 50", "unsourced"),
    ("Two of the cited facilities are in the county.", "Two", "unsourced"),
    ("The penalties come to about 11 percent of everything assessed since 2012.", "about 11 percent", "unsourced"),
])
def test_labels_against_the_primary(sentence, figure, label):
    assert _label(ARTICLE_HEAD + sentence + "\n" + ARTICLE_TAIL, figure).label == label


def test_label_carries_its_evidence():
    figure = _label(ARTICLE_HEAD + "Crews removed 1,480 tons of industrial waste.\n" + ARTICLE_TAIL, "1,480")
    assert figure.source_text == "1,840"
    start, end = figure.source_span
    assert PRIMARY[start:end] == "1,840"
    assert figure.unit == "count" and figure.counted == "tons"
    assert "1,840" in figure.reason


def test_headline_figures_count():
    figure = _label("Feds slap polluters with $6 MILLION in fines after summer sweep\n"
                    "Inspectors documented 627 violations.\n", "$6 MILLION")
    assert figure.label == "mismatch" and figure.source_text == "$4,250,000"


def test_running_totals_are_kept_apart():
    # Without the running-total penalty "more than $5 million" would be read as
    # consistent with the program's "more than $38.6 million".
    figure = _label(ARTICLE_HEAD + "This summer the agency assessed more than $5 million in penalties.\n",
                    "more than $5 million")
    assert figure.label == "mismatch" and figure.source_text == "$4,250,000"


def test_a_total_is_told_apart_only_from_a_source_that_has_both():
    # The primary has one count of inspections: "since the sweep began" is no
    # reason to doubt that the article counts the same thing.
    primary = ("Sweep results\nInspectors conducted 3,412 inspections at port facilities this summer, "
               "the agency said in its annual report on harbor pollution.\n")
    article = ARTICLE_HEAD + "Since the sweep began in June, inspectors conducted 3,400 inspections.\n" + ARTICLE_TAIL
    assert _label(article, "3,400", primary_text=primary).label == "rounded"


def test_alignment_picks_the_aligned_sentence():
    primary_text = ("Two sweeps\nCrews removed 500 tons of waste from harbors. "
                    "Later, crews removed 900 tons of waste from rivers.\n")
    article_text = "A story about the rivers of the region\nCrews hauled 600 tons of waste out of the rivers this year.\n"
    primary, article = clean(primary_text).body, clean(article_text).body
    river = next(s.index for s in primary.sentences if "rivers" in s.text)
    aligned = Alignment(tuple(SentenceMatch(s.index, (river,) if "600" in s.text else (), 0.9, ())
                              for s in article.sentences))
    report = check(article, extract(article), primary, extract(primary), aligned, SAME_EVENT)
    (figure,) = report.figures
    assert (figure.label, figure.source_text) == ("mismatch", "900")
    unaligned = check(article, extract(article), primary, extract(primary), NO_ALIGNMENT, SAME_EVENT)
    assert unaligned.figures[0].source_text == "500"  # the closer value, with nothing else to go on


@pytest.mark.parametrize("sentence, figure, label", [
    ("Inspectors documented 548 violations.", "548", "unsourced"),
    ("The agency said Oct. 2, 2024, that the sweep was over.", "Oct. 2, 2024", "unsourced"),
    ("The 2024 sweep was the program's 13th.", "13th", "unsourced"),
    ("The program was founded in 2012.", "2012", "match"),
])
def test_another_event_without_a_sheet(sentence, figure, label):
    assert _label(ARTICLE_HEAD + sentence + "\n" + ARTICLE_TAIL, figure, event=OTHER_EVENT).label == label


SHEET = ReferenceEvent(
    id="sweep_2024", name="Harbor Sweep (2024)", operation="Harbor Sweep", year=2024, months=(7, 8, 9),
    period="July, August and September 2024", published="2024-10-02", source="agency release",
    officials=(), file="reference_2024.toml",
    figures=(
        ReferenceFigure("violations documented", "548", 548, "", "violations", ("violations", "documented")),
        ReferenceFigure("penalties assessed", "$3.6 million", 3.6e6, "", "dollars", ("penalties", "fines")),
        ReferenceFigure("suspects arrested", "more than 2,300", 2300, "more than", "arrests",
                        ("arrest", "arrested", "offenders", "suspects")),
    ),
)


@pytest.mark.parametrize("sentence, figure, label", [
    ("Inspectors documented 548 violations.", "548", "match"),
    ("Inspectors documented 584 violations.", "584", "mismatch"),
    ("The agency assessed $3.6 million in fines.", "$3.6 million", "match"),
    ("Police arrested over 2,000 child sex offenders.", "over 2,000", "rounded"),
    ("2200 Arrested in Bust", "2200", "mismatch"),
    ("From July to September 2024, inspectors worked.", "From July to September 2024", "match"),
    ("The program was founded in 2012.", "2012", "match"),  # the primary's, verbatim
    ("Crews hauled 1,510 tons out of the water.", "1,510", "unsourced"),
])
def test_another_event_with_a_sheet(sentence, figure, label):
    event = EventCheck(False, 1.0, (), SHEET)
    assert _label(ARTICLE_HEAD + sentence + "\n" + ARTICLE_TAIL, figure, event=event).label == label


def test_report_names_its_reference():
    primary, article = clean(PRIMARY).body, clean(ARTICLE_HEAD + "It found 548 violations.\n" + ARTICLE_TAIL).body
    args = (article, extract(article), primary, extract(primary), NO_ALIGNMENT)
    assert check(*args, SAME_EVENT, primary_name="primary.txt").reference == "primary primary.txt"
    sheet = check(*args, EventCheck(False, 1.0, (), SHEET), primary_name="primary.txt").reference
    assert sheet == "reference sheet reference_2024.toml (Harbor Sweep (2024))"


@pytest.mark.parametrize("a, b, label", [
    ("more than 2,300 arrests", "2,300 arrests", "match"),
    ("2,300 arrests", "more than 2,300 arrests", "match"),
    ("fewer than 2,300 arrests", "more than 2,300 arrests", "mismatch"),
    ("over 2,000 arrests", "more than 2,300 arrests", "rounded"),
    ("nearly 400,000 people", "390,000 people", "rounded"),
    ("2,200 arrests", "2,300 arrests", "mismatch"),
    ("more than 5,000 arrests", "2,300 arrests", "mismatch"),
    ("the late 1990s", "in 1998", "rounded"),
])
def test_interval_logic(a, b, label):
    body_a, body_b = clean(a + " were reported today.\n").body, clean(b + " were reported today.\n").body
    assert compare(extract(body_a).figures[0], extract(body_b).figures[0])[0] == label


# --- inside one article ---------------------------------------------------------------------

def test_two_values_for_one_quantity_are_flagged():
    text = ("2200 Arrested in Child Pornography Bust\n"
            "The Department of Justice announced the arrest of more than 2,300 suspected child sex offenders.\n")
    body = clean(text).body
    (inconsistency,) = extract(body).inconsistencies
    assert {inconsistency.first_text, inconsistency.second_text} == {"2200", "more than 2,300"}
    start, end = inconsistency.first
    assert text[start:end] == inconsistency.first_text


def test_different_quantities_are_not_flagged():
    body = clean("Sweep finds violations\nInspectors documented 627 violations.\n"
                 "Inspectors cited 214 facilities.\nThey visited 23 coastal states.\n").body
    assert extract(body).inconsistencies == ()


# --- offsets and odd input --------------------------------------------------------------------

def test_spans_are_document_offsets():
    text = "NEWS › HARBORS\nSweep finds 627 violations, agency says\nBy Jo Bloggs\n\nCrews removed 1,840 tons of waste from the harbor, the agency said on Tuesday.\n"
    body = clean(text).body
    for figure in extract(body).figures:
        assert text[figure.span[0]:figure.span[1]] == figure.text


@pytest.mark.parametrize("text", ["", "\n\n", '"', "“”", "\x00\x07\x1b", "$", "%", "1st", "May", "- 1 -"])
def test_odd_input_never_raises(text):
    body = clean(text).body
    report = check(body, extract(body), body, extract(body), NO_ALIGNMENT, SAME_EVENT)
    assert isinstance(report, FigureReport)


@hsettings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789$%,.- abcMayJune\n\"“”thousandmore than")), max_size=80))
def test_reading_never_raises_and_spans_hold(text):
    for reading in read(text):
        assert 0 <= reading.start < reading.end <= len(text)
        assert reading.low <= reading.high


def test_identical_texts_match_throughout():
    body = clean(PRIMARY).body
    report = check(body, extract(body), body, extract(body), NO_ALIGNMENT, SAME_EVENT)
    assert report.figures and {f.label for f in report.figures} == {"match"}


def test_deterministic():
    body = clean(PRIMARY).body
    assert extract(body) == extract(body)
