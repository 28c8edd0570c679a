"""analysis.measures.omissions: what of the primary an article did not carry."""

from __future__ import annotations

import pytest

from analysis.readers.cleaning import Paywall, clean
from analysis.records import EventCheck
from analysis.measures.figures import FigureReport
from analysis.measures.omissions import find
from corpus import ReferenceEvent, ReferenceFigure
from tests._issue3_texts import HEADLINE, PRIMARY, bodies, measured

NO_FIGURES = FigureReport((), (), "")
NO_PAYWALL = Paywall(False, (), (), (), False)
PAYWALL = Paywall(True, ("paywall message",), (3,), (), False)


def _find(text: str, *, paywall=NO_PAYWALL, event=None, primary_text=PRIMARY):
    primary, body, aligned = bodies(primary_text, text)
    _, primary_figures, figures = measured(primary, body, aligned, event)
    return find(body, primary, aligned, primary_figures, figures, paywall, event=event)


def test_a_full_copy_omits_nothing():
    result = _find(PRIMARY)
    assert result.items == () and result.carried_share == 1.0 and not result.partial


def test_uncarried_sentences_and_figures_ranked_lead_and_figures_first():
    text = (f"{HEADLINE}\n\nThe Federal Harbor Agency today announced that inspectors found 627 violations at "
            "1,186 port facilities during June, July and August 2025.\n")
    result = _find(text)
    kinds = [(item.kind, item.text[:22]) for item in result.items]
    assert ("sentence", "The agency assessed $4") in kinds
    assert ("figure", "1,840") in kinds and ("figure", "$4,250,000") in kinds
    assert ("figure", "627") not in kinds  # carried
    ranked = [item.text for item in result.items if item.kind == "sentence"]
    assert ranked.index(next(t for t in ranked if t.startswith("The agency assessed"))) < \
        ranked.index(next(t for t in ranked if t.startswith("The sweep has been held")))
    assert all(a.importance >= b.importance for a, b in zip(result.items, result.items[1:]))


def test_spans_point_into_the_primary_document():
    result = _find(f"{HEADLINE}\n\nNothing of the release is carried in this sentence at all, really.\n")
    for item in result.items:
        start, end = item.span
        if item.kind == "sentence":
            assert PRIMARY[start:end] == item.text
        elif item.kind == "figure":
            assert PRIMARY[start:end] == item.text


@pytest.mark.parametrize("article_sentence, dropped", [
    ("Police arrested 40 smugglers in the harbor sweep, the agency said on Monday.", True),
    ("Police arrested 40 suspected smugglers in the harbor sweep, the agency said on Monday.", False),
    ("Police arrested 40 alleged smugglers in the harbor sweep, the agency said on Monday.", False),
])
def test_dropped_hedges(article_sentence, dropped):
    primary_text = ("Harbor Police Arrest Smugglers in a Sweep\n\n"
                    "Police arrested 40 suspected smugglers in the harbor sweep, the agency said today.\n")
    result = _find(f"Smugglers arrested in a big harbor sweep\n\n{article_sentence}\n", primary_text=primary_text)
    hedges = [item for item in result.items if item.kind == "hedge"]
    assert bool(hedges) is dropped
    if dropped:
        assert hedges[0].text.startswith("suspected") and hedges[0].article_sentence == 1


def test_a_paywalled_article_says_it_is_partial_first():
    result = _find(f"{HEADLINE}\n\nCleanup crews removed 1,840 tons of industrial waste from the harbor.\n",
                   paywall=PAYWALL)
    assert result.partial and result.note.startswith("A paywall hid part of this article")


def test_another_event_is_checked_against_its_reference_sheet():
    reference = ReferenceEvent("r", "Sweep (2024)", "Sweep", 2024, (7,), "July 2024", "", "", (),
                               (ReferenceFigure("suspected smugglers arrested", "548", 548, "", "", ()),
                                ReferenceFigure("tons recovered", "1,510", 1510, "", "", ())), "r.toml")
    other = EventCheck(False, 1.0, (), reference)
    result = _find(f"{HEADLINE}\n\nPolice arrested 548 smugglers in July 2024, the agency said on Monday.\n",
                   event=other)
    assert result.note.startswith("This article reports a different event from the primary's (Sweep (2024))")
    assert not result.same_event
    assert [(i.kind, i.text) for i in result.items] == [
        ("hedge", "suspected (suspected smugglers arrested)"), ("figure", "1,510 (tons recovered)")]


@pytest.mark.parametrize("text", ["", "\x00", "“”"])
def test_odd_input_never_raises(text):
    result = _find(text)
    assert result.carried_share == 0.0
    empty = find(clean(text).body, clean("").body, bodies("", text)[2], NO_FIGURES, NO_FIGURES, NO_PAYWALL)
    assert empty.items == ()


@pytest.mark.parametrize("sentence, omitted", [
    ("Crews removed about 1,800 tons of industrial waste.", False),   # rounded: carried
    ("Crews removed 1,480 tons of industrial waste.", True),          # a changed figure does not carry it
    ("Crews removed waste from 1,840 sites.", True),                  # the same digits, another quantity
])
def test_a_primary_figure_is_carried_when_the_figure_report_pairs_an_article_figure_with_it(sentence, omitted):
    result = _find(f"{HEADLINE}\n\n{sentence}\n")
    assert (("figure", "1,840") in [(i.kind, i.text) for i in result.items]) is omitted
