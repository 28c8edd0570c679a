"""analysis.claims: every body sentence supported, added or contradicted, with its evidence."""

from __future__ import annotations

import pytest

from analysis import claims, event as event_check
from analysis.claims import label
from analysis.event import EventCheck
from analysis.numbers import Figure, FigureReport
from analysis.quotes import Quote, QuoteReport
from tests._issue3_texts import PRIMARY, article, bodies

SAME = EventCheck(True, 1.0, (), None)
NO_QUOTES = QuoteReport((), ())
NO_FIGURES = FigureReport((), (), "")


def _claim(text: str, needle: str, *, quotes=NO_QUOTES, figures=NO_FIGURES, event=SAME):
    primary, body, aligned = bodies(PRIMARY, text)
    report = label(body, primary, aligned, quotes, figures, event)
    found = [c for c in report.claims if needle in c.text]
    assert len(found) == 1, [c.text for c in report.claims]
    return found[0], report, body


@pytest.mark.parametrize("sentence, expected, kind", [
    ("The agency said inspectors found 627 violations at 1,186 port facilities during the summer sweep.",
     "supported", None),
    ("Cleanup crews removed 1,480 tons of industrial waste from harbor waters, the agency said.",
     "contradicted", None),
    ("The agency assessed $6 million in civil penalties and referred 37 cases to prosecutors.",
     "contradicted", None),
    ("The agency assessed more than $4 million in civil penalties and referred 37 cases to prosecutors.",
     "supported", None),
    ("More citations could follow when the agency finishes reviewing its inspection reports.",
     "added", "speculation"),
    ("The toxic villains behind this mess deserve every cent of it, and then some.", "added", "editorial"),
    ("Longtime readers know we have followed these harbor sweeps closely for years.", "added", "promotional"),
    ("The announcement comes as Congress weighs a bill from Rep. Lyle Dorrance to cap the penalties.",
     "added", "political"),
    ("It is a grim throwback to the 1970s, when factories poured their waste straight into the water.",
     "added", "historical"),
    ("Two of the cited facilities are in Marlow County, according to records reviewed by the Gazette.",
     "added", "detail"),
    ("“Our harbors are not a free disposal service for industry,” Administrator Mara Quill said in a statement.",
     "supported", None),
    ("“Most of the operators we inspected are doing the right thing, and they deserve fair neighbors,” "
     "Administrator Mara Quill said in a statement.", "contradicted", None),
    ("“Fining a family boatyard into bankruptcy is simply not environmental policy,” said Garrick Dorrance, "
     "a marina owner.", "added", "detail"),
    ("Here is the rundown of what the inspectors found.", "supported", None),
])
def test_labels_and_kinds(sentence, expected, kind):
    claim, _, _ = _claim(article(sentence), sentence[:30])
    assert (claim.label, claim.kind) == (expected, kind), (claim.lacks, claim.conflicts, claim.cues, claim.score)


def test_evidence_names_the_conflict_and_what_the_primary_lacks():
    claim, _, _ = _claim(article("Cleanup crews removed 1,480 tons of industrial waste from harbor waters."),
                         "1,480")
    assert claim.conflicts == ("figure: 1,480 (primary: 1,840)",)
    assert claim.primary and "1,840 tons" in claim.primary_text
    added, _, _ = _claim(article("Two of the cited facilities are in Marlow County, records show."), "Marlow")
    assert "name: Marlow" in added.lacks and "figure: Two" in added.lacks


def test_a_following_sentence_inherits_the_kind_of_its_paragraph():
    text = article("The announcement comes as Congress weighs a bill from Rep. Lyle Dorrance to cap penalties. "
                   "Dorrance has argued for months that regulators treat family boatyards like chemical plants.")
    claim, _, _ = _claim(text, "argued for months")
    assert (claim.label, claim.kind) == ("added", "political")


def test_spans_are_document_offsets():
    text = "Harbor News\nSection crumb\n\n" + article("More citations could follow when the agency finishes.")
    claim, report, _ = _claim(text, "could follow")
    for c in report.claims:
        assert text[c.span[0]:c.span[1]] == c.text
    assert len(report.claims) == 3


def test_one_claim_per_body_sentence_headline_included():
    _, report, body = _claim(article("More citations could follow when the agency finishes."), "could follow")
    assert [c.sentence for c in report.claims] == [s.index for s in body.sentences]
    assert report.claims[0].label == "supported"  # the headline


# --- integration with the quote and figure reports (hand-built records) ---

def _quote(text: str, needle: str, label_: str, speaker: str) -> Quote:
    start = text.index(needle)
    return Quote((start, start + len(needle)), ((start, start + len(needle)),), needle, speaker, label_)


def test_a_misattributed_quote_from_the_report_contradicts_its_sentence():
    sentence = "“Our harbors are not a free disposal service for industry,” Director Tobias Fenn said."
    text = article(sentence)
    report = QuoteReport((_quote(text, "Our harbors are not a free disposal", "misattributed", "Tobias Fenn"),), ())
    claim, _, _ = _claim(text, "Our harbors", quotes=report)
    assert claim.label == "contradicted"
    assert claim.conflicts == ("speaker: quotation credited to Tobias Fenn",)


def test_an_unsourced_quote_from_someone_the_primary_does_not_name_is_added():
    sentence = "“We will fight this rule in every court in the land,” said Hollis Brand, a marina owner."
    text = article(sentence)
    report = QuoteReport((_quote(text, "We will fight this rule in every court", "unsourced", "Hollis Brand"),), ())
    claim, _, _ = _claim(text, "fight this rule", quotes=report)
    assert claim.label == "added"


def test_the_figure_reports_mismatch_wins_over_our_own_reading():
    sentence = "Cleanup crews removed 1,840 tons of industrial waste from harbor waters and shorelines."
    text = article(sentence)
    start = text.index("1,840 tons")
    figures = FigureReport((Figure((start, start + 5), "1,840", 1840.0, "mismatch"),), (), "primary")
    assert _claim(text, "Cleanup crews")[0].label == "supported"
    assert _claim(text, "Cleanup crews", figures=figures)[0].label == "contradicted"


def test_another_events_sentences_are_added_detail_and_program_sentences_stay_supported():
    other = EventCheck(False, 1.0, ("names 2024",), None)
    text = article("Inspectors cited 187 facilities and assessed $3.6 million in civil penalties in 2024.",
                   "The sweep has been held every year since the program was founded in 2012.")
    claim, report, _ = _claim(text, "187 facilities", event=other)
    assert (claim.label, claim.kind) == ("added", "detail")
    assert _claim(text, "founded in 2012", event=other)[0].label == "supported"
    assert not report.same_event and report.note.startswith("This article reports a different event")


@pytest.mark.parametrize("text", ["", "\n\n", "“”\"\"", "\x00\x07 control \x1b", "“ unbalanced quote"])
def test_odd_input_never_raises(text):
    primary, body, aligned = bodies(PRIMARY, text)
    report = label(body, primary, aligned, NO_QUOTES, NO_FIGURES, event_check.check(body, primary, aligned, ()))
    assert len(report.claims) == len(body.sentences)


def test_identical_article_is_all_supported():
    primary, body, aligned = bodies(PRIMARY, PRIMARY)
    report = label(body, primary, aligned, NO_QUOTES, NO_FIGURES, SAME)
    assert {c.label for c in report.claims} == {"supported"}


def test_dev_harbor_meets_the_issue_targets(dev_harbor):
    from analysis.evaluate import score
    from analysis.gold import load_gold
    from analysis.pipeline import analyse_story

    scores = score(analyse_story(dev_harbor), load_gold(dev_harbor.directory / "gold.toml", dev_harbor))
    assert scores["claims"]["added_f1"] >= 0.85
    assert scores["claims"]["contradicted_f1"] >= 0.80
    assert scores["claims"]["not_supported_f1"] >= 0.85
    assert claims.KIND_ORDER[0] == "speculation"
