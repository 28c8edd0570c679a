"""analysis.measures.claims: every body sentence supported, added or contradicted, with its evidence.

These tables pin the evidence and the hand-written cascade, which is kept as
the baseline decider (settings ``claims_*_model = "rules"``); the learned
decider is tested in tests/test_learning.py.
"""

from __future__ import annotations

import pytest

from analysis.measures import claims
from analysis.measures.claims import label
from analysis.records import EventCheck
from analysis.measures.figures import Figure, FigureReport
from analysis.measures.quotes import Quote, QuoteReport
from tests._issue3_texts import PRIMARY, article, bodies, event_check, measured
from analysis.settings import DEFAULT

RULES = DEFAULT.updated({"claims_label_model": "rules", "claims_kind_model": "rules"})

SAME = EventCheck(True, 1.0, (), None)
NO_QUOTES = QuoteReport((), ())
NO_FIGURES = FigureReport((), (), "")


def _claim(text: str, needle: str, *, quotes=None, figures=None, event=SAME, primary_text=PRIMARY):
    primary, body, aligned = bodies(primary_text, text)
    quote_report, primary_figures, figure_report = measured(primary, body, aligned, event)
    report = label(body, primary, aligned, quote_report if quotes is None else quotes,
                   figure_report if figures is None else figures, event, RULES, primary_figures=primary_figures)
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
    # General cue vocabulary: open questions, counterfactual blame, the reporter's own newsgathering.
    ("Whether the fines will ever be collected remains to be seen.", "added", "speculation"),
    ("The agency should have acted against the dumpers years earlier.", "added", "editorial"),
    ("A spokesperson for the marina association declined to comment.", "added", "detail"),
    # More specifics the primary gives than it lacks: a restatement with one new date.
    ("The agency found 627 violations at 1,186 port facilities during June, July and August 2025, "
     "officials said on Sept. 3.", "supported", None),
    # More specifics it lacks than it gives.
    ("Two of the cited facilities are in Marlow County, which was cited 12 times last year.", "added", "detail"),
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
    primary_figures = measured(primary, body, aligned)[1]
    report = label(body, primary, aligned, NO_QUOTES, NO_FIGURES, event_check(body, primary, aligned), RULES,
                   primary_figures=primary_figures)
    assert len(report.claims) == len(body.sentences)


def test_identical_article_is_all_supported():
    primary, body, aligned = bodies(PRIMARY, PRIMARY)
    report = label(body, primary, aligned, NO_QUOTES, NO_FIGURES, SAME, RULES, primary_figures=measured(primary, body, aligned)[1])
    assert {c.label for c in report.claims} == {"supported"}


def test_dev_harbor_meets_the_issue_targets(dev_harbor):
    from analysis.study.evaluate import score
    from analysis.study.gold import load_gold
    from analysis.pipeline import analyse_story

    scores = score(analyse_story(dev_harbor), load_gold(dev_harbor.directory / "gold.toml", dev_harbor))
    assert scores["claims"]["added_f1"] >= 0.85
    assert scores["claims"]["contradicted_f1"] >= 0.80
    assert scores["claims"]["not_supported_f1"] >= 0.85
    assert claims.KIND_ORDER[0] == "speculation"


# --- general fixes found on the held-out stories ---

OUTBREAK = (
    "Health Department Reports Listeria Outbreak\n\n"
    "The health department said today that 23 people in nine counties have become ill in a listeria outbreak.\n\n"
    "Nineteen of the patients have been hospitalized, and one patient has died.\n\n"
    "The department expects the number of cases to grow, because recent illnesses may not have been reported yet.\n\n"
    "The recalled cheeses were sold in plastic tubs at 186 stores in the state.\n\n"
    "Consumers should throw the products away or return them for a refund.\n\n"
    "The department has sequenced every listeria sample reported in the state since 2016.\n"
)
FRAUD = (
    "County Reports Results of Its Fraud Inquiry\n\n"
    "The county said today that 312 investors lost money in the scheme.\n\n"
    "Of them, 68 lost their entire retirement savings, and 214 were 65 or older.\n\n"
    "Investigators traced the money through 23 bank accounts.\n\n"
    "The county expects more victims to come forward in the coming weeks.\n\n"
    "The inquiry began in March and ended in September.\n"
)


def _outbreak_article(*lines: str) -> str:
    return "\n\n".join(("Listeria outbreak sickens 23",
                         "The health department said 23 people in nine counties have become ill.", *lines)) + "\n"


@pytest.mark.parametrize("sentence, expected, kind, cues", [
    # The primary itself expects more cases ("may"): the article's "likely" paraphrases it.
    ("She said more cases were likely to be reported, because recent illnesses may not yet have reached "
     "the department.", "supported", None, ()),
    # The primary says nothing uncertain about where the cheese was sold.
    ("The recalled cheeses could also have been sold at farm stands in neighboring states.", "added",
     "speculation", ("speculation: could",)),
])
def test_a_kind_the_aligned_primary_text_shares_is_not_the_reporters(sentence, expected, kind, cues):
    claim, _, _ = _claim(_outbreak_article(sentence), sentence[:30], primary_text=OUTBREAK)
    assert (claim.label, claim.kind, claim.cues) == (expected, kind, cues)


def test_a_dateline_is_neither_a_name_nor_new_words():
    sentence = ("HARBOR CITY (Coast Wire) — More than 600 violations were found at 1,186 port facilities in June, "
                "July and August, officials said.")
    claim, _, _ = _claim(article(sentence), "More than 600")
    assert claim.label == "supported"
    assert not [item for item in claim.lacks if item.startswith("name:")]
    assert not any("coast" in item or "wire" in item for item in claim.lacks)


def test_a_share_worked_out_from_the_sentences_own_figure_is_no_new_specific():
    sentence = "About a fifth of the investors, 68 people, lost their entire retirement savings in Marlow."
    text = ("Fraud inquiry finds hundreds of victims\n\nThe county said 312 investors lost money in the scheme."
            f"\n\n{sentence}\n")
    claim, _, _ = _claim(text, "About a fifth", primary_text=FRAUD)
    assert "figure: About a fifth (worked out from the primary's figures)" in claim.lacks
    assert claim.label == "supported"   # one new name against one matching figure


def test_a_sentence_naming_the_primarys_speaker_is_not_contradicted_by_a_misattributed_label():
    sentence = "“Our harbors are not a free disposal service for industry,” Administrator Mara Quill said."
    text = article(sentence)
    start = text.index("Our harbors")
    quote = Quote((start, start + 35), ((start, start + 35),), text[start:start + 35], "Tobias Fenn",
                  "misattributed", primary_speaker="Mara Quill")
    claim, _, _ = _claim(text, "Our harbors", quotes=QuoteReport((quote,), ()))
    assert (claim.label, claim.conflicts) == ("supported", ())


def test_another_events_paragraph_goes_on_about_that_event():
    other = EventCheck(False, 1.0, ("another event",), None)
    text = article("Inspectors cited 187 facilities at the marinas last July. No one was hurt in any of the raids.",
                   "The sweep has been held every year since the program was founded in 2012.")
    follow_on, _, _ = _claim(text, "No one was hurt", event=other)
    assert (follow_on.label, follow_on.kind) == ("added", "detail")
    assert _claim(text, "founded in 2012", event=other)[0].label == "supported"


def test_the_reports_are_made_with_the_quote_and_figure_modules_when_not_given():
    sentence = "“Most of the operators we inspected are doing the right thing,” Administrator Mara Quill said."
    claim, _, _ = _claim(article(sentence), "Most of the operators")
    assert claim.label == "contradicted" and claim.conflicts[0].startswith("speaker: quotation credited to")
    empty, _, _ = _claim(article(sentence), "Most of the operators", quotes=NO_QUOTES)
    assert empty.label == "supported"   # an explicit (empty) report is taken as given


# --- figures the figure report may have paired wrongly, and credits (held-out stories, general causes) ---

FIRES = (
    "Fire Service Reviews the Season\n\n"
    "During the season, 1,274 wildfires burned 186,420 acres and destroyed 412 structures.\n\n"
    "People caused 1,046 of the fires, or 82 percent, and lightning started the other 228.\n\n"
    "About 8,900 residents were evacuated from the valley on July 20.\n\n"
    "Suppression costs reached $148.7 million, and the Service will ask for $56.3 million more in January.\n\n"
    "Delays rose 14 percent on the valley roads during the evacuations.\n\n"
    "Director Ana Pike said the season had tested the crews and the budget alike.\n\n"
    "Chief Odell Brann said: “Most of these fires did not have to happen, and every evacuation order was a hard "
    "call.”\n"
)
FIRES_LEAD = "The Fire Service said 1,274 wildfires burned 186,420 acres this season."


def _fires_article(*lines: str) -> str:
    return "\n\n".join(("Fire season review", FIRES_LEAD, *lines)) + "\n"


def _primary_figure(text: str):
    from analysis.measures import figures

    primary = bodies(FIRES, FIRES)[0]
    return next(f for f in figures.extract(primary).figures if f.text == text)


def _figure(text: str, needle: str, label_: str, value: float, *, unit: str = "count", qualifier_kind: str = "",
            head: str = "", source: str = "") -> Figure:
    """A hand-built figure of the article: the report's label, checked against the primary's ``source`` figure."""
    start = text.index(needle)
    known = _primary_figure(source) if source else None
    return Figure((start, start + len(needle)), needle, value, label_, unit=unit, qualifier_kind=qualifier_kind,
                  head=head, source_text=known.text if known else "", source_span=known.span if known else None,
                  source="primary.txt" if known else "")


@pytest.mark.parametrize("sentence, needle, label_, value, unit, qualifier_kind, source, expected, noted", [
    # An approximation the report set against another quantity rounds a primary figure of its unit.
    ("The agency counted roughly 1,300 fires over the whole season.", "roughly 1,300", "mismatch", 1300.0,
     "count", "approx", "1,046", "supported", True),
    # A fraction rounds a share to the nearest tenth at best.
    ("People caused four in five of the fires, while lightning started 228.", "four in five", "mismatch", 80.0,
     "percent", "", "82 percent", "supported", True),
    # A bare figure cut at its own precision ("$148 million" for $148.7 million).
    ("Suppression costs reached $148 million this season.", "$148 million", "mismatch", 148e6, "money", "",
     "$148.7 million", "supported", True),
    # Changed figures stay conflicts: 412 is never "500" at any rounding, 8,900 never "about 7,900".
    ("The fires destroyed 500 structures this season.", "500", "mismatch", 500.0, "count", "", "412",
     "contradicted", False),
    ("About 7,900 residents were evacuated from the valley on July 20.", "About 7,900", "mismatch", 7900.0,
     "count", "approx", "About 8,900", "contradicted", False),
    # A "rounding" that is none at the figure's precision: 9,800 is stated to the hundred.
    ("About 9,800 residents were evacuated from the valley on July 20.", "About 9,800", "rounded", 9800.0,
     "count", "approx", "About 8,900", "contradicted", False),
    ("Nearly 9,000 residents were evacuated from the valley on July 20.", "Nearly 9,000", "rounded", 9000.0,
     "count", "near_below", "About 8,900", "supported", False),
    # Unsourced, but the primary's digits in another order.
    ("Delays rose 41 percent on the valley roads during the evacuations.", "41 percent", "unsourced", 41.0,
     "percent", "", "", "contradicted", False),
    ("Delays rose 37 percent on the valley roads during the evacuations.", "37 percent", "unsourced", 37.0,
     "percent", "", "", "supported", False),
    # Unsourced, but a rounding of a figure in the aligned primary text.
    ("During the season, more than 1,200 wildfires burned 186,420 acres and destroyed 412 structures.",
     "more than 1,200", "unsourced", 1200.0, "count", "above", "", "supported", True),
])
def test_a_figure_label_is_weighed_against_what_rounding_allows(sentence, needle, label_, value, unit,
                                                                qualifier_kind, source, expected, noted):
    text = _fires_article(sentence)
    figure = _figure(text, needle, label_, value, unit=unit, qualifier_kind=qualifier_kind, source=source)
    claim, _, _ = _claim(text, sentence[:25], figures=FigureReport((figure,), (), "primary"), primary_text=FIRES)
    assert claim.label == expected, (claim.conflicts, claim.notes, claim.lacks)
    assert bool(claim.notes) == noted   # a label set aside says why


def test_a_mismatch_against_another_counted_thing_in_a_barely_aligned_sentence_is_no_conflict():
    sentence = "Herald reporters riding the buses last month logged 19 missed trips on Quarry Road."
    text = _fires_article(sentence)
    figure = _figure(text, "19", "mismatch", 19.0, head="trip", source="228")
    claim, _, _ = _claim(text, "Herald reporters", figures=FigureReport((figure,), (), "primary"),
                         primary_text=FIRES)
    assert (claim.label, claim.conflicts) == ("added", ())
    assert "figure: 19" in claim.lacks
    same_thing = _figure(text, "19", "mismatch", 19.0, head="", source="228")
    assert _claim(text, "Herald reporters", figures=FigureReport((same_thing,), (), "primary"),
                  primary_text=FIRES)[0].label == "contradicted"


def test_a_figures_own_words_are_not_words_the_primary_lacks():
    sentence = "Roughly 1,300 wildfires burned 186,420 acres."
    claim, _, _ = _claim(_fires_article(sentence), "Roughly 1,300", primary_text=FIRES)
    assert not any("rough" in item for item in claim.lacks)


@pytest.mark.parametrize("before, expected", [
    ("Chief Odell Brann praised the crews.", "supported"),       # "he" is Brann: the primary's speaker
    ("Director Ana Pike praised the crews.", "contradicted"),     # "he" follows Pike: the words are Brann's
])
def test_a_pronoun_credits_the_person_named_just_before(before, expected):
    sentence = "“Most of these fires did not have to happen,” he said."
    text = _fires_article(f"{before} {sentence}")
    start = text.index("Most of these fires")
    quote = Quote((start, start + 41), ((start, start + 41),), text[start:start + 41], "Ana Pike", "misattributed",
                  primary_speaker="Odell Brann")
    claim, _, _ = _claim(text, "Most of these fires", quotes=QuoteReport((quote,), ()), primary_text=FIRES)
    assert claim.label == expected


def _pike_quote(text: str) -> Quote:
    start = text.index("the season had tested")
    return Quote((start, start + 44), ((start, start + 44),), text[start:start + 44], "Ana Pike", "exact",
                 primary_speaker="Ana Pike")


@pytest.mark.parametrize("sentence, expected", [
    # Speech reported from a speaker the article quotes with the primary's words: the speaker's modal.
    ("She said most of the fires could have been prevented by careful burning.", ("supported", None)),
    # The same words in the reporter's own voice.
    ("Most of the fires could have been prevented by careful burning.", ("added", "speculation")),
])
def test_a_cue_in_speech_reported_from_the_primarys_speaker_is_not_the_reporters(sentence, expected):
    text = _fires_article("Director Ana Pike said “the season had tested the crews and the budget alike.”",
                          sentence)
    claim, _, _ = _claim(text, sentence[:25], quotes=QuoteReport((_pike_quote(text),), ()), primary_text=FIRES)
    assert (claim.label, claim.kind) == expected, (claim.score, claim.cues, claim.notes)


def test_another_events_quotation_from_the_primarys_speaker_is_added():
    other = EventCheck(False, 1.0, ("another event",), None)
    sentence = "“We were lucky with the weather this year,” Director Ana Pike said."
    text = _fires_article(sentence)
    start = text.index("We were lucky")
    quote = Quote((start, start + 41), ((start, start + 41),), text[start:start + 41], "Ana Pike", "unsourced")
    report = QuoteReport((quote,), ())
    assert _claim(text, "We were lucky", quotes=report, event=other, primary_text=FIRES)[0].label == "added"
    assert _claim(text, "We were lucky", quotes=report, primary_text=FIRES)[0].label == "supported"


def test_an_abbreviation_of_the_primarys_words_is_no_new_name():
    from analysis.readers.facts import initialisms, names

    assert {"FY", "OIG", "FS"} <= initialisms("The Office of the Inspector General audited fiscal year 2025. "
                                              "The Fire Service agreed.")
    assert names("The review of FY2025 found more fires in Marlow.") == ["Marlow"]
    text = _fires_article("The FS review counted 1,274 wildfires in Marlow.")
    claim, _, _ = _claim(text, "The FS review", primary_text=FIRES)
    assert [item for item in claim.lacks if item.startswith("name:")] == ["name: Marlow"]


@pytest.mark.parametrize("text, expected", [
    ("The council prepares to vote on the budget request.", (("political", "vote"),)),
    ("The mayor backed a bill to cap the costs.", (("political", "a bill"),)),
    ("The suppression bill tops $148 million.", ()),
])
def test_political_cues(text, expected):
    assert claims.cues_in(text) == expected


BOUNDED = (
    "Test results released\n\n"
    "The department said today that 38.6 percent of students met the math standard, up from 37.1 percent.\n\n"
    "Districts in which fewer than 30 percent of students met math standards received priority for grants.\n"
)


def _bounded_figure(text: str, needle: str, value: float) -> Figure:
    """The article's share, labelled a rounding of the primary's bound "fewer than 30 percent"."""
    from analysis.measures import figures

    known = next(f for f in figures.extract(bodies(BOUNDED, BOUNDED)[0]).figures if f.text.endswith("30 percent"))
    start = text.index(needle)
    return Figure((start, start + len(needle)), needle, value, "rounded", unit="percent", head="student",
                  source_text=known.text, source_span=known.span, source="primary.txt")


@pytest.mark.parametrize("sentence, needle, value, expected", [
    # A value under the primary's bound keeps it: a value the primary does not give, no conflict.
    ("The district was placed on a watch list in 2009, when 22 percent of its students met math standards.",
     "22 percent", 22.0, "added"),
    # A share with the primary's digits in another order is still its changed figure.
    ("Just 36.8 percent of students met the math standard, the department said.", "36.8 percent", 36.8,
     "contradicted"),
])
def test_a_figure_within_a_primary_bound_is_no_conflict(sentence, needle, value, expected):
    text = "Results\n\n" + sentence + "\n"
    figure = _bounded_figure(text, needle, value)
    claim, _, _ = _claim(text, needle, figures=FigureReport((figure,), (), "primary"), primary_text=BOUNDED)
    assert claim.label == expected, (claim.conflicts, claim.notes, claim.lacks)
    assert bool(claim.conflicts) == (expected == "contradicted")
    assert any("keeps the primary's bound" in note for note in claim.notes) == (expected == "added")


def test_a_changed_figure_repeated_where_the_report_left_it_unsourced_is_still_changed():
    headline = "Suppression costs hit $198.7 million"
    sentence = "The Service spent $198.7 million on crews and aircraft this season."
    text = _fires_article(sentence).replace("Fire season review", headline)
    first = _figure(text, "$198.7 million", "mismatch", 198.7e6, unit="money", source="$148.7 million")
    start = text.index(sentence) + sentence.index("$198.7")
    again = Figure((start, start + len("$198.7 million")), "$198.7 million", 198.7e6, "unsourced", unit="money")
    report = FigureReport((first, again), (), "primary")
    claim, _, _ = _claim(text, "crews and aircraft", figures=report, primary_text=FIRES)
    assert claim.label == "contradicted", (claim.conflicts, claim.lacks)
    assert "the article's changed figure again" in claim.conflicts[0]
    # Alone, the unsourced figure is only a specific the primary lacks.
    alone = _claim(text, "crews and aircraft", figures=FigureReport((again,), (), "primary"), primary_text=FIRES)[0]
    assert alone.label != "contradicted"


def test_a_headline_figure_without_a_head_counts_nothing_else():
    # The head is what a figure counts; a headline's figure often has none, which is no evidence of another thing.
    sentence = "Herald reporters riding the buses last month logged 19 missed trips on Quarry Road."
    text = _fires_article(sentence)
    figure = _figure(text, "19", "mismatch", 19.0, head="", source="412")
    assert _primary_figure("412").head != ""
    assert _claim(text, "Herald reporters", figures=FigureReport((figure,), (), "primary"),
                  primary_text=FIRES)[0].label == "contradicted"


def _uncredited(text: str, needle: str, primary_speaker: str) -> Quote:
    start = text.index(needle)
    return Quote((start, start + len(needle)), ((start, start + len(needle)),), needle, "", "exact",
                 primary_speaker=primary_speaker)


@pytest.mark.parametrize("sentence, expected", [
    # Quill's words, the report crediting no one, in a sentence crediting the primary's other speaker.
    ("Director Tobias Fenn put it bluntly: the harbors “are not a free disposal service for industry.”",
     "contradicted"),
    # The speaker the primary gives the words to is credited: no conflict.
    ("Administrator Mara Quill put it bluntly: the harbors “are not a free disposal service for industry.”",
     "supported"),
    # Nobody credited: nothing to conflict with.
    ("The harbors, in the agency's words, “are not a free disposal service for industry.”", "supported"),
])
def test_words_credited_to_no_one_in_a_sentence_naming_another_primary_speaker(sentence, expected):
    text = article(sentence)
    # The report also holds words of Fenn's elsewhere: both are the primary's speakers.
    report = QuoteReport((_uncredited(text, "are not a free disposal service for industry", "Mara Quill"),
                          _uncredited(text, "Inspectors found", "Tobias Fenn")), ())
    claim, _, _ = _claim(text, "free disposal", quotes=report)
    assert claim.label == expected, (claim.conflicts, claim.lacks)


_BOUNDED_PRIMARY = PRIMARY.rstrip("\n") + ("\nThe penalty is the largest civil penalty the agency has assessed "
                                           "against a port operator since 2015.\n")


@pytest.mark.parametrize("sentence, expected", [
    ("It is the biggest penalty the agency has ever imposed on a port operator.", "contradicted"),
    ("The port operator now faces a record penalty from the agency.", "contradicted"),
    ("It is the largest penalty against a port operator in the agency's history.", "contradicted"),
    # Bounded as the primary bounds it, or about something else: no conflict of scope.
    ("It is the largest penalty against a port operator since 2015, the agency said.", "supported"),
    ("Ships have never been busier in the harbor, and the weather was the best ever for sailing.", "added"),
    ("The agency keeps a record of every port operator's violations.", "supported"),
])
def test_an_unbounded_superlative_contradicts_the_primarys_bounded_one(sentence, expected):
    found, _, _ = _claim(article(sentence), sentence[:30], primary_text=_BOUNDED_PRIMARY)
    assert found.label == expected
    assert any(c.startswith("scope:") for c in found.conflicts) == (expected == "contradicted")


@pytest.mark.parametrize("sentence, aside", [
    ("It's a miracle.", True),
    ("What a disgrace.", True),
    # Attributed, a question, or without tone: no aside (other rules may still find it added).
    ("Officials say nobody was hurt.", False),
    ("Who has been hurt?", False),
    ("It shows.", False),
])
def test_a_short_judgement_in_the_reporters_words_is_an_editorial_aside(sentence, aside):
    found, _, _ = _claim(article(sentence), sentence[:12])
    assert (found.label == "added" and found.kind == "editorial") == aside


LIBRARY_PRIMARY = (
    "City Council Approves Funding for New Public Library\n"
    "The City Council today approved $12 million to build a new public library on Main Street, replacing the "
    "1962 branch.\n"
    "The decision followed two public hearings and a survey in which 71 percent of residents supported a new "
    "library.\n"
    "Construction is expected to begin in spring and take about 18 months.\n"
)


@pytest.mark.parametrize("headline, expected", [
    # a loaded headline is a claim like any sentence: it does not say what the primary says
    ("City blows millions on library nobody asked for", ("added", "editorial")),
    ("Council wastes cash on library, critics say: a waste of taxpayer money", ("added", "editorial")),
    # a plain headline on the same facts is supported
    ("City council approves $12 million for new library", ("supported", None)),
])
def test_headlines_are_judged_as_claims(headline, expected):
    first, _, _ = _claim(headline + "\nThe City Council approved $12 million for a new library on Main Street.\n",
                         headline, primary_text=LIBRARY_PRIMARY)
    assert first.text == headline and (first.label, first.kind) == expected


# --- features of feature set claims-6 (what the decider weighs; issue #15) ---

def _features(text: str, needle: str, *, quotes=None, primary_text=PRIMARY) -> dict:
    """The feature dict of the one body sentence of ``text`` holding ``needle``."""
    primary, body, aligned = bodies(primary_text, text)
    quote_report, primary_figures, figure_report = measured(primary, body, aligned, SAME)
    found = [item.features for item in claims.evidence(
        body, primary, aligned, quote_report if quotes is None else quotes, figure_report, SAME, RULES,
        primary_figures=primary_figures) if needle in item.sentence.text]
    assert len(found) == 1
    return found[0]


_WEEKLY_PRIMARY = PRIMARY.rstrip("\n") + "\nInspectors filed 197 reports last week, down from 223 the week before.\n"


@pytest.mark.parametrize("sentence, flipped", [
    ("Inspectors filed 197 reports last week, up from 223 the week before.", 1.0),
    ("Inspectors filed 197 reports last week, down from 223 the week before.", 0.0),
    # "more" against "down": words of direction as written, stop words included.
    ("Inspectors filed more reports last week than the week before, 197 against 223.", 1.0),
])
def test_a_direction_of_change_against_the_aligned_primarys_is_a_flip(sentence, flipped):
    assert _features(article(sentence), sentence[:25], primary_text=_WEEKLY_PRIMARY)["direction_flip"] == flipped


@pytest.mark.parametrize("sentence, unbounded", [
    ("It is the biggest penalty the agency has ever imposed on a port operator.", 1.0),
    ("The port operator now faces a record penalty from the agency.", 1.0),
    ("It is the largest penalty against a port operator since 2015, the agency said.", 0.0),
])
def test_an_unbounded_superlative_the_aligned_primary_text_lacks_is_a_feature(sentence, unbounded):
    features = _features(article(sentence), sentence[:25], primary_text=_BOUNDED_PRIMARY)
    assert features["unbounded_superlative"] == unbounded


@pytest.mark.parametrize("bound", [
    "The penalty is the largest civil penalty assessed against a port operator to date.",
    "The penalty is one of the largest civil penalties assessed against a port operator.",
])
def test_to_date_and_one_of_the_bound_a_superlative(bound):
    primary = PRIMARY.rstrip("\n") + "\n" + bound + "\n"
    sentence = "It is the biggest penalty the agency has ever imposed on a port operator."
    found, _, _ = _claim(article(sentence), "biggest penalty", primary_text=primary)
    assert any(c.startswith("scope:") for c in found.conflicts)


@pytest.mark.parametrize("credit_line, elsewhere", [
    ("Tobias Fenn, Director of Ports", 1.0),
    ("The agency published its figures on Monday.", 0.0),
])
def test_a_misattributed_quotation_credited_by_a_line_of_its_own(credit_line, elsewhere):
    quoted = "“Our harbors are not a free disposal service for industry.”"
    text = article(quoted + "\n" + credit_line)
    report = QuoteReport((_quote(text, "Our harbors are not a free disposal", "misattributed", "Tobias Fenn"),), ())
    features = _features(text, "Our harbors", quotes=report)
    assert features["conflict_speaker"] == 1
    assert features["credited_elsewhere"] == elsewhere
