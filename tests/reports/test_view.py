"""reports.view: the findings read off an analysis, offsets mapped back to the body."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from analysis.readers.cleaning import clean
from reports.view import (
    SECTIONS, edit_text, letters, story_view, strip_span, to_body, word_difference,
)
from tests.reports_fake import ALL_MEASURES, fake_dev_analysis


@pytest.fixture(scope="module")
def view():
    return story_view(fake_dev_analysis(), ready=ALL_MEASURES)


@pytest.mark.parametrize("count, expected", [
    (0, []),
    (3, ["A", "B", "C"]),
    (28, [chr(65 + i) for i in range(26)] + ["AA", "AB"]),
])
def test_letters(count, expected):
    assert letters(count) == expected


# A page whose body skips a boilerplate line: document offsets map around it.
PAGE = "Share this article\nHeadline of the story runs here today\nFirst sentence of prose is here. Second one too.\n"


@pytest.mark.parametrize("word, expected", [
    ("Headline", "Headline"),
    ("First sentence", "First sentence"),
    ("Second one too.", "Second one too."),
])
def test_to_body_lands_on_the_same_words(word, expected):
    body = clean(PAGE).body
    start = PAGE.index(word)
    mapped = to_body(body, start, start + len(word))
    assert mapped is not None
    assert body.text[mapped[0]:mapped[1]] == expected


def test_to_body_of_boilerplate_is_none():
    body = clean(PAGE).body
    assert to_body(body, 0, len("Share this article")) is None


@pytest.mark.parametrize("span", [(5, 5), (10, 3), (10_000, 10_010)])
def test_to_body_of_empty_or_outside_span_is_none(span):
    assert to_body(clean(PAGE).body, *span) is None


def test_to_body_of_empty_body_is_none():
    assert to_body(clean("").body, 0, 4) is None


def test_strip_span():
    assert strip_span("  ab c  ", 0, 8) == (2, 6)


@pytest.mark.parametrize("source, quoted, expected", [
    ("we acted fast", "we acted fast", ""),
    ("we acted fast", "we acted very fast", "added “very”"),
    ("we acted fast", "we acted", "cut “fast”"),
    ("our harbors are clean", "our waters are clean", "“harbors” became “waters”"),
])
def test_word_difference(source, quoted, expected):
    assert word_difference(source, quoted) == expected


@dataclass(frozen=True)
class Edit:
    kind: str
    article: str
    primary: str
    marked: bool


@pytest.mark.parametrize("edit, expected", [
    (Edit("substitute", "harbor", "water", False), "“water” became “harbor”"),
    (Edit("cut", "", "and then some", True), "cut “and then some” (marked)"),
    (Edit("insert", "free", "", False), "added “free”"),
    (Edit("case", "Our", "our", False), "“our” became “Our” (case)"),
])
def test_edit_text(edit, expected):
    assert edit_text(edit) == expected


def test_marks_follow_the_claim_labels(view):
    b = view.article("B")
    by_mark = {m.mark for m in b.marks}
    assert {"added", "contradicted", "paraphrased"} <= by_mark
    headline = next(m for m in b.marks if m.sentence == 0)
    assert headline.mark == "contradicted"  # "$6 MILLION" in the headline


def test_a_sentence_mostly_quoted_from_the_primary_is_marked_equal(view):
    b = view.article("B")
    quoted = [m for m in b.marks if m.mark == "quoted"]
    assert quoted and all("acted" in b.text[m.offset:m.end] or "back" in b.text[m.offset:m.end] for m in quoted)


def test_quotes_figures_and_event(view):
    b = view.article("B")
    assert [(q.ref, q.label) for q in b.quotes] == [("Q1", "altered"), ("Q2", "spliced")]
    assert [(f.label, f.text) for f in b.figures] == [("mismatch", "$6 MILLION"), ("unsourced", "1970s")]
    e = view.article("E")
    assert e.other_event and e.event_note and "another event" in e.event_note[0]
    assert not e.marks  # not compared sentence by sentence with the wrong primary
    assert not view.article("A").event_note
    assert view.article("D").paywall_note


def test_decorations_land_on_the_records_words(view):
    b = view.article("B")
    figure = next(d for d in b.decorations if d.layer == "figure" and d.variant == "mismatch")
    assert b.text[figure.start:figure.end] == "$6 MILLION"


def test_key_items_and_grid(view):
    kinds = {item.kind for item in view.key_items}
    assert kinds == {"fact", "quotation"}
    assert [item.ref for item in view.key_items] == [f"C{i}" for i in range(1, len(view.key_items) + 1)]
    assert view.grid is not None and len(view.grid) == len(view.key_items)
    for row in view.grid:
        assert len(row.cells) == len(view.articles)
        assert set(row.cells) <= {"quoted", "paraphrased", "contradicted", "left_out", "other_event"}
        assert row.cells[[a.key for a in view.articles].index("E")] == "other_event"


def test_blind_hides_outlets_urls_and_names_in_the_text():
    view = story_view(fake_dev_analysis(), ready=ALL_MEASURES, blind=True)
    b = view.article("B")
    assert b.outlet == "" and b.url == "" and b.title == "Article B"
    assert "Daily Blare" not in b.text
    assert "█" in b.text
    assert len(b.text) == len(b.body.text)  # offsets still hold
    assert dict(view.outlets)["B"] == "The Daily Blare"  # the teacher's key


def test_measures_not_available_leave_their_place_out():
    view = story_view(fake_dev_analysis(), ready=frozenset())
    assert view.grid is None
    for article in view.articles:
        assert article.marks == () and article.quotes == () and article.figures == ()
        assert article.left_out is None and article.event_note == ()
    assert any("comparison grid" in item for item in view.left_out)
    assert all(any(what in item for item in view.left_out) for _, what in SECTIONS)


def test_a_learned_labels_reasons_are_shown_beside_the_claims_evidence():
    # the learned decisions (#15) give each claim the features that decided it, in plain words
    from dataclasses import dataclass, replace

    from tests.reports_fake import Claim, ClaimReport

    @dataclass(frozen=True)
    class ReasonedClaim(Claim):
        reasons: tuple = ()

    analysis = fake_dev_analysis()
    b = analysis.articles[1]
    claims = tuple(ReasonedClaim(c.sentence, c.span, c.text, c.label, c.kind,
                                 ("few of its words are in the release",) if c.label != "supported" else ())
                   for c in b.claims.claims)
    changed = replace(analysis, articles=(analysis.articles[0], replace(b, claims=ClaimReport(claims)))
                      + analysis.articles[2:])
    view = story_view(changed, ready=ALL_MEASURES)
    notes = [text for _, text in view.article("B").claim_notes]
    assert notes and all("few of its words are in the release" in text for text in notes)
