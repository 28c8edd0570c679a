"""analysis.event: same event as the primary, or another edition of it."""

from __future__ import annotations

import pytest

from analysis.event import check, speakers
from analysis.mentions import consistent
from corpus import ReferenceEvent, ReferenceFigure
from tests._issue3_texts import HEADLINE, PRIMARY, bodies

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
    from analysis.cleaning import clean
    from analysis import alignment

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


@pytest.mark.parametrize("text, names", [
    ("“Go,” Administrator Mara Quill said.", ("quill",)),
    ("“Go,” said Attorney General Jeff Sessions.", ("sessions",)),
    ("Anselm Whitcombe, director of the office, said: “Go.”", ("whitcombe",)),
    ("The agency said it would go. He said no.", ()),
])
def test_speakers(text, names):
    from analysis.cleaning import clean

    assert speakers(clean(f"{HEADLINE}\n\n{text} More words here to make a long line.\n").body) == names


@pytest.mark.parametrize("value, qualifier, reference, expected", [
    (1840, "", 1840, "match"),
    (4e6, "more than", 4.25e6, "rounded"),
    (1200, "nearly", 1186, "rounded"),
    (1800, "about", 1840, "rounded"),
    (2000, "over", 2300, "rounded"),
    (2200, "", 2300, None),            # same precision, another value
    (1480, "", 1840, None),
    (83000, "more than", 95500, None),  # within 15 % but not a rounding of it
    (2500, "more than", 2300, None),    # "more than" a larger value
])
def test_figure_consistency(value, qualifier, reference, expected):
    assert consistent(value, qualifier, reference, tolerance=0.15) == expected


@pytest.mark.parametrize("text", ["", "\x00", "“", "2024 2024 2024"])
def test_odd_input_never_raises(text):
    primary, body, aligned = bodies(PRIMARY, text)
    assert check(body, primary, aligned, [REFERENCE_2024]).confidence >= 0.5
