"""analysis.measures.event: same event as the primary, or another edition of it."""

from __future__ import annotations

import pytest

from analysis.measures.event import new_subjects, officials, publication_gap, published_range, subject_names
from analysis.readers.facts import primary_facts
from analysis.measures.quotes import Quote, QuoteReport
from corpus import ReferenceEvent, ReferenceFigure
from tests._issue3_texts import HEADLINE, PRIMARY, bodies
from tests._issue3_texts import event_check as check

SAME_EVENT = (
    "Inspectors found 627 violations at 1,186 port facilities in June, July and August, the agency said. "
    "The agency assessed $4,250,000 in civil penalties and referred 37 cases to prosecutors. "
    "Crews removed about 1,800 tons of waste, Administrator Mara Quill said."
)
LAST_YEAR = (
    "The agency said inspectors documented 548 violations at 1,043 port facilities during July, August and "
    "September 2024. Inspectors assessed $3.6 million in civil penalties and referred 29 cases to prosecutors. "
    "Crews hauled 1,510 tons of waste out of the harbors, said Deputy Director Ines Harrowgate."
)
REFERENCE_2024 = ReferenceEvent(
    id="sweep_2024", name="Harbor sweep (2024)", operation="Harbor sweep", year=2024, months=(7, 8, 9),
    period="July-September 2024", published="2024-10-02", source="release", officials=("Ines Harrowgate",),
    figures=tuple(ReferenceFigure(q, t, v, "", "", ()) for q, t, v in (
        ("violations", "548", 548), ("facilities", "1,043", 1043), ("penalties", "$3.6 million", 3.6e6),
        ("cases", "29", 29), ("tons", "1,510", 1510))),
    file="reference_2024.toml",
)


def _check(text: str, references=()):
    primary, body, aligned = bodies(PRIMARY, f"{HEADLINE}\n\n{text}\n")
    return check(body, primary, aligned, references)


@pytest.mark.parametrize("text, same", [
    (SAME_EVENT, True),
    (LAST_YEAR, False),
    ("Harbors are dirty and the agency is busy with many things this year, officials said on Monday.", True),
])
def test_same_event(text, same):
    assert _check(text).same_event is same


def test_evidence_comes_verdict_first_and_names_the_year_and_period():
    result = _check(LAST_YEAR)
    assert result.evidence[0] == "reports a different event from the primary's"
    assert any("2024" in reason and "2025" in reason for reason in result.evidence)
    assert any("months 7, 8, 9" in reason for reason in result.evidence)
    assert result.reference is None and result.confidence > 0.5


def test_the_article_is_matched_to_the_reference_sheet_of_its_event():
    result = _check(LAST_YEAR, [REFERENCE_2024])
    assert not result.same_event
    assert result.reference is REFERENCE_2024
    assert result.evidence[0] == "reports a different event: Harbor sweep (2024)"
    assert _check(SAME_EVENT, [REFERENCE_2024]).reference is None


def test_corpus_stories(dev_harbor, broken_heart):
    from analysis.readers.cleaning import clean
    from analysis.measures import alignment

    for story, expected in ((dev_harbor, {"a05.txt": False}), (broken_heart, None)):
        primary = clean(story.primary.text).body
        articles = [clean(d.text).body for d in story.coverage]
        model = alignment.fit(primary, articles)
        for document, body in zip(story.coverage, articles):
            result = check(body, primary, alignment.align(body, model), story.references)
            if expected is None:  # broken_heart: every article covers the 2018 operation
                assert (result.same_event, result.reference.id) == (False, "broken_heart_2018"), document.file
            else:
                assert result.same_event is expected.get(document.file, True), document.file


def _credited(*speakers: str) -> QuoteReport:
    return QuoteReport(tuple(Quote((0, 1), ((0, 1),), "words of a quotation", speaker, "unsourced")
                             for speaker in speakers), ())


@pytest.mark.parametrize("speakers, names", [
    (("Mara Quill",), ("quill",)),
    (("Jeff Sessions", "Ines Harrowgate", "Jeff Sessions"), ("harrowgate", "sessions")),
    (("Department of Justice", ""), ()),      # organisations and uncredited quotations aside
])
def test_officials(speakers, names):
    assert officials(_credited(*speakers)) == names


def test_quotations_credited_to_people_the_primary_never_names_vote_for_another_event():
    text = f"{HEADLINE}\n\nThe agency said it had finished its work on the harbors this year.\n"
    primary, body, aligned = bodies(PRIMARY, text)
    new = check(body, primary, aligned, (), quotes=_credited("Ines Harrowgate"))
    named = check(body, primary, aligned, (), quotes=_credited("Mara Quill"))
    assert new.votes - named.votes == 1.0
    assert any("harrowgate, whom the primary does not name" in reason for reason in new.evidence)


@pytest.mark.parametrize("text", ["", "\x00", "“", "2024 2024 2024"])
def test_odd_input_never_raises(text):
    primary, body, aligned = bodies(PRIMARY, text)
    assert check(body, primary, aligned, [REFERENCE_2024]).confidence >= 0.5


# --- figures, dates and years read by analysis.measures.figures ---

OUTBREAK = (
    "Listeria Outbreak Sickens 23 in Nine Counties\n\n"
    "RIVERTON, Oct. 14, 2025 — The health department said today that 23 people in nine counties have become ill "
    "in a listeria outbreak linked to fresh cheeses.\n\n"
    "Nineteen of the patients have been hospitalized, and one has died.\n\n"
    "The company recalled approximately 41,600 pounds of cheese sold at 186 stores.\n\n"
    "Symptoms can appear as late as 70 days after a person eats contaminated food.\n"
)
SCHEME = (
    "Investment Manager Indicted in $12.7 Million Scheme\n\n"
    "A grand jury indicted the founder of an investment firm on Nov. 17, 2025, on 27 counts for defrauding 312 "
    "investors of $12.7 million.\n\n"
    "From January 2018 through March 2024 he promised investors returns of 11 to 14 percent.\n\n"
    "The scheme collapsed in March 2024, when the firm stopped making payments.\n\n"
    "He faces sentencing in March 2026.\n"
)


def _check_against(primary_text: str, text: str):
    primary, body, aligned = bodies(primary_text, text)
    return check(body, primary, aligned, ())


def test_calendar_reads_years_dated_span_and_months():
    from analysis.measures import figures
    from analysis.records import calendar

    primary = bodies(SCHEME, "")[0]
    dates = calendar(figures.extract(primary))
    assert dates.span == (2018, 2026)
    assert dates.months == frozenset({1, 3})
    assert set(dates.years) == {2018, 2024, 2025, 2026}


@pytest.mark.parametrize("text, same", [
    # A year inside the primary's dated span (2018-2026) is not another edition of the event.
    ("Investment manager charged in fraud\n\nThe founder of the firm was indicted this week. A bill to protect "
     "older investors has been stuck in committee since 2023.\n", True),
    # Outside it and near it, never named by the primary: another edition.
    ("Investment manager charged in fraud\n\nThe founder was indicted on seven counts in 2016 for a scheme that "
     "ran through 2016 and 2016.\n", False),
])
def test_a_year_is_weighed_against_the_span_of_the_primarys_dated_events(text, same):
    assert _check_against(SCHEME, text).same_event is same


@pytest.mark.parametrize("text, same", [
    # Every figure of the lead counts the primary's quantities with other values: another outbreak.
    ("Dairy recalls ricotta after listeria illnesses\n\nSix people in four counties became ill with listeriosis, "
     "the health department said. Five of the patients were hospitalized. The company recalled about 9,800 "
     "pounds of ricotta sold at 74 stores. Symptoms can appear as late as 70 days after eating contaminated "
     "food.\n", False),
    # One changed figure among agreeing ones is an error, not another event.
    ("Listeria outbreak sickens 32\n\nThe health department said 23 people in nine counties have become ill. "
     "Nineteen of the patients have been hospitalized. The company recalled 52,000 pounds of cheese sold at 186 "
     "stores.\n", True),
])
def test_most_figures_conflicting_with_the_primarys_for_the_same_quantities_name_another_event(text, same):
    result = _check_against(OUTBREAK, text)
    assert result.same_event is same, result.evidence
    assert any("figures" in reason and ("conflict" if not same else "agree") in reason
               for reason in result.evidence)


COHORT = (
    "Graduation rate rises\n\n"
    "FORT ELLERY, Aug. 27, 2025 — The department said today that the Class of 2024 graduated at a rate of "
    "88.4 percent, up from 87.1 percent.\n\n"
    "Districts may apply for tutoring grants until Sept. 30.\n"
)


@pytest.mark.parametrize("text, same", [
    # The primary names 2024 only as a cohort; a date in 2024 times another announcement.
    ("Grants announced\n\nFORT ELLERY - The department said Aug. 21, 2024, that districts may apply for "
     "tutoring grants.\n", False),
    # Naming the cohort's year, undated, is the primary's own year.
    ("Graduation rate rises\n\nThe department said the Class of 2024 graduated at a higher rate.\n", True),
])
def test_a_date_in_a_year_the_primary_only_names_undated_is_another_events(text, same):
    result = _check_against(COHORT, text)
    assert result.same_event is same, result.evidence


@pytest.mark.parametrize("published, first, last", [
    ("2019", "2019-01-01", "2019-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2018-06-12", "2018-06-12", "2018-06-12"),
])
def test_published_range_reads_as_much_of_a_date_as_is_known(published, first, last):
    assert tuple(d.isoformat() for d in published_range(published)) == (first, last)


@pytest.mark.parametrize("published", ["", "June 2019", "2019-13-01", "2019-02-30", "19-06-12"])
def test_published_range_of_an_unknown_or_unreadable_date_is_none(published):
    assert published_range(published) is None


@pytest.mark.parametrize("article, primary, gap", [
    ("2025-09-16", "2025-09-16", 0), ("2025-09-17", "2025-09-16", 1), ("2024-10", "2025-09-16", -320),
    ("2025", "2025-09-16", 0), ("2026-03-01", "2025", 60), ("", "2025-09-16", None), ("2025-09-16", "", None),
])
def test_publication_gap_counts_days_from_the_primary_to_the_article(article, primary, gap):
    assert publication_gap(article, primary) == gap


def _published(text: str, article_published: str, primary_published: str = "2025-09-16"):
    from analysis.measures import figures, quotes as quote_measure
    from analysis.pipeline import check_event

    primary, body, aligned = bodies(PRIMARY, f"{HEADLINE}\n\n{text}\n")
    return check_event(body, primary, aligned, (), found=figures.extract(body),
                       primary_figures=figures.extract(primary),
                       quote_report=quote_measure.analyse_story(primary, [body])[1][0],
                       published=(article_published, primary_published))


@pytest.mark.parametrize("published, same", [("2025-09-16", True), ("2025-09-12", True), ("", True),
                                             ("2025-06-02", False), ("2024", False)])
def test_an_article_published_well_before_its_primary_reports_another_event(published, same):
    result = _published(SAME_EVENT, published)
    assert result.same_event is same, result.evidence
    assert any("before the primary" in reason for reason in result.evidence) is not same


def test_an_article_published_months_after_its_primary_gets_a_vote_for_another_event():
    near, late = _published(SAME_EVENT, "2025-09-18"), _published(SAME_EVENT, "2026-03-01")
    assert dict(late.features)["published_after"] == 1.0 and dict(near.features)["published_after"] == 0.0
    assert late.votes == near.votes + 1
    assert any("days after the primary" in reason for reason in late.evidence)


OTHER_COMPANY = (
    "Quillfin Seafoods to plead guilty in price-fixing case\n\n"
    "Quillfin Seafoods has agreed to plead guilty to fixing prices, prosecutors said. "
    "The charge says Quillfin and rivals agreed on prices for years. "
    "A lawyer for Quillfin declined to comment, and Mara Quill of the agency said the case was closed.\n"
)


def test_subject_names_are_the_names_an_article_repeats_one_of_them_in_its_lead():
    _, body, _ = bodies(PRIMARY, OTHER_COMPANY)
    assert subject_names(body) == ("Quillfin",)
    assert subject_names(body, min_mentions=5) == () and subject_names(body, lead_sentences=0) == ()


def test_new_subjects_are_the_subject_names_the_primary_never_writes():
    primary, body, _ = bodies(PRIMARY, OTHER_COMPANY)
    assert new_subjects(body, primary_facts(primary)) == ("Quillfin",)
    faithful, same, _ = bodies(PRIMARY, f"{HEADLINE}\n\n{SAME_EVENT}\n")
    assert new_subjects(same, primary_facts(faithful)) == ()
    assert dict(_published(OTHER_COMPANY, "").features)["subjects_new"] == 1.0
