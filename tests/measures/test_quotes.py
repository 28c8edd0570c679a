"""analysis.measures.quotes: extraction, fidelity labels, edits, primary spans and provenance."""

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.measures import quotes
from analysis.readers.cleaning import Body, clean
from analysis.text.sentences import Paragraph


def body_of(text: str) -> Body:
    """A body whose paragraphs are the lines of ``text`` (document offsets = body offsets)."""
    paragraphs, offset = [], 0
    for line in text.split("\n"):
        paragraphs.append(Paragraph(len(paragraphs), offset, offset + len(line), line, "text"))
        offset += len(line) + 1
    return Body(text, ((0, 0, len(text)),), tuple(paragraphs), ())


PRIMARY = (
    "The Harbor Agency today announced the results of its summer sweep of the nation's ports.\n"
    "Harbor Agency Director Jane Roe said the sweep was a success. “We found drums rusting on the pier,” "
    "she said, “and we acted at once. We will be back next year, and the year after that.”\n"
    "John Smith, the agency's chief inspector, said: “Most operators are doing the right thing, and they "
    "deserve neighbours who play by the same rules.”\n"
    "Since the program began in 2012, inspectors have conducted more than 21,600 inspections in coastal states."
)


def article_report(article: str, primary: str = PRIMARY) -> quotes.QuoteReport:
    _, (report,) = quotes.analyse_story(body_of(primary), [body_of(article)])
    return report


# ----------------------------------------------------------------- extraction

@pytest.mark.parametrize("text, expected", [
    ("“We will be back next year,” she said.", [["We will be back next year,"]]),
    ('"We will be back next year," she said.', [["We will be back next year,"]]),
    ("‘We will be back next year,’ she said.", [["We will be back next year,"]]),
    ("'We will be back next year,' she said.", [["We will be back next year,"]]),
    # interrupted by an attribution inside the sentence: one quotation, two segments
    ("“We found drums rusting,” she said, “and we acted at once.”",
     [["We found drums rusting,", "and we acted at once."]]),
    # an attribution that ends its sentence separates two quotations
    ("“We found drums on the pier,” she said. “We acted at once on that.”",
     [["We found drums on the pier,"], ["We acted at once on that."]]),
    # news convention: left open, reopened by the next paragraph
    ("“The first paragraph of the statement.\n“The second paragraph of the statement.”",
     [["The first paragraph of the statement.", "The second paragraph of the statement."]]),
    # left open and not reopened: ends with its paragraph
    ("“An open quotation runs to the end here.\nThe next paragraph is the reporter's own.",
     [["An open quotation runs to the end here."]]),
    # a block quotation after a lead-in: only a closing mark
    ("For the longer view, the agency said,\nSince the program began, inspectors did the work.”",
     [["Since the program began, inspectors did the work."]]),
    # marks of the other kind inside a quotation belong to it
    ("“He told me ‘never again’ and left the harbor,” Smith said.",
     [["He told me ‘never again’ and left the harbor,"]]),
    # a second opening mark before any close: the first quotation ends there
    ("“We found drums on the pier “and acted at once on them,” she said.",
     [["We found drums on the pier"], ["and acted at once on them,"]]),
    # a new clause between two quoted pieces makes two quotations
    ("She said it was “a program that honest farmers depend on,” and vowed that investigators “will follow "
     "the grain to the end.”", [["a program that honest farmers depend on,"], ["will follow the grain to the end."]]),
    ("“We found drums rusting,” she said, adding that “we acted at once on the pier.”",
     [["We found drums rusting,"], ["we acted at once on the pier."]]),
    # guillemets and low-nine marks
    ("«Nous reviendrons l'année prochaine», a-t-elle dit.", [["Nous reviendrons l'année prochaine"]]),
])
def test_extraction(text, expected):
    report = article_report(text)
    found = [[text[a:b] for a, b in q.segments] for q in report.quotes]
    assert found == expected


@pytest.mark.parametrize("text, terms", [
    ("Dubbed “Operation Broken Heart,” the sweep ended.", ["Operation Broken Heart,"]),
    ("Officials called it a ‘win’ for the harbor.", ["win"]),
    ('The "so-called" sweep and the "harbor czar" met.', ["so-called", "harbor czar"]),
])
def test_short_quoted_text_is_a_term_not_a_quotation(text, terms):
    report = article_report(text)
    assert report.quotes == ()
    assert [t.text for t in report.terms] == terms
    assert all(t.is_term and t.label is None for t in report.terms)


@pytest.mark.parametrize("text", [
    "It's the reporter’s job, in the '90s and the ’80s, to cover rock ’n’ roll.",
    "The agencies’ inspectors and the states' partners met at O’Brien's office.",
    "He is 5'10\" tall and the board's chair said nothing at all about it.",
    "'Tis the season, the harbor master's notes read, for the inspectors’ rounds.",
])
def test_apostrophes_are_never_quotation_marks(text):
    report = article_report(text)
    assert report.quotes == () and report.terms == ()


@pytest.mark.parametrize("text", [
    "", "“", "”", '""""', "“”", "‘’’", "\x00\x01“\x02”", "“\n”\n“", "[[[“]]]…", "\u00a0“ \u00a0 ”",
])
def test_odd_input_gives_no_quotation_and_no_exception(text):
    report = article_report(text)
    assert report.quotes == ()


def test_unbalanced_marks_are_reported_in_diagnostics():
    report = article_report("“An open quotation runs to the end here without closing.\nNext paragraph.")
    assert any("not closed" in d for d in report.diagnostics)
    report = article_report("Since the program began, inspectors did the work in harbors.”")
    assert any("no opening mark" in d for d in report.diagnostics)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("ab .,:\n\"'“”‘’[]…—") + ["said", "Roe", " she ", "the agency"]), max_size=60)
       .map("".join))
def test_any_text_is_read_without_exception(text):
    report = article_report(text)
    for quote in report.quotes + report.terms:
        assert 0 <= quote.span[0] <= quote.span[1] <= len(text)
        assert all(a <= b for a, b in quote.segments)


def test_spans_are_document_offsets():
    document = (
        "Harbor sweep finds drums on the pier in every port\n"
        "By Jo Bloggs, Staff Reporter\n"
        "Inspectors found drums rusting on the piers of harbors in twelve states, the agency said.\n"
        "“We found drums rusting on the pier,” Agency Director Jane Roe said in a statement on Tuesday.\n"
        "Share this article\n"
    )
    body = clean(document).body
    _, (report,) = quotes.analyse_story(body_of(PRIMARY), [body])
    (quote,) = report.quotes
    assert document[quote.span[0]:quote.span[1]] == "We found drums rusting on the pier,"
    assert quote.label == "exact"
    assert PRIMARY[quote.primary_span[0]:quote.primary_span[1]] == "We found drums rusting on the pier"


# ------------------------------------------------------------------- labels

@pytest.mark.parametrize("article, label", [
    ("“We found drums rusting on the pier,” Roe said.", "exact"),
    # the primary's quotation joined across its own "she said" is still exact
    ("Roe said: “We found drums rusting on the pier, and we acted at once.”", "exact"),
    ("“Most operators are doing the right thing,” Smith said.", "exact"),
    # quote marks, whitespace, dashes and apostrophes are normalised
    ("'We found drums  rusting on the pier,' Roe said.", "exact"),
    # case and punctuation
    ("“we found drums rusting on the pier.” Roe said.", "trivial"),
    # spelling variant
    ("“Most operators are doing the right thing, and they deserve neighbors who play by the same rules,” "
     "Smith said.", "trivial"),
    # a cut marked by an ellipsis; an insertion in square brackets
    ("“We found drums rusting on the pier ... We will be back next year,” Roe said.", "marked"),
    ("“We found drums rusting on the [harbor] pier,” Roe said.", "marked"),
    # two sentences joined with the one between cut and no ellipsis
    ("“We found drums rusting on the pier. We will be back next year, and the year after that,” Roe said.",
     "spliced"),
    # unmarked substitution, insertion, deletion
    ("“We found barrels rusting on the pier,” Roe said.", "altered"),
    ("“We found many toxic drums rusting on the pier,” Roe said.", "altered"),
    ("“We will be back, and the year after that,” Roe said.", "altered"),
    # not in the primary
    ("“Nobody wants sludge in the water, but fines are not policy,” Pendleford said.", "unsourced"),
    # the primary's words credited to another speaker
    ("“Most operators are doing the right thing,” Roe said.", "misattributed"),
    ("“We will be back next year, and the year after that,” Smith said.", "misattributed"),
    # the release's own words credited to the agency that issued it
    ("The agency said: “Since the program began in 2012, inspectors have conducted more than 21,600 "
     "inspections in coastal states.”", "exact"),
    # ... or to a person the release quotes; not to a person it never names
    ("Jane Roe said inspectors had conducted “more than 21,600 inspections in coastal states.”", "exact"),
    ("Bob Jones said inspectors had conducted “more than 21,600 inspections in coastal states.”", "misattributed"),
])
def test_labels(article, label):
    (quote,) = article_report(article).quotes
    assert quote.label == label


@pytest.mark.parametrize("dash", ["—", "–", "--", " - "])
def test_dash_variants_are_exact(dash):
    primary = "Jane Roe spoke on Tuesday. “We acted — and we will act again and again,” Roe said."
    article = f"“We acted {dash.strip()} and we will act again and again,” Roe said."
    (quote,) = article_report(article, primary).quotes
    assert quote.label == "exact"


def test_uncredited_quotation_is_never_misattributed():
    (quote,) = article_report("“most operators are doing the right thing.”").quotes
    assert quote.speaker == ""
    assert quote.label == "trivial"


def test_primary_quotations_carry_no_label():
    primary, _ = quotes.analyse_story(body_of(PRIMARY), [])
    assert [(q.speaker, q.label) for q in primary.quotes] == [("Jane Roe", None), ("John Smith", None)]
    assert len(primary.quotes[0].segments) == 2


def test_every_primary_quotation_quoted_verbatim_is_exact():
    primary, _ = quotes.analyse_story(body_of(PRIMARY), [])
    for quote in primary.quotes:
        article = f"“{quote.text}” {quote.speaker} said."
        (found,) = article_report(article).quotes
        assert found.label in ("exact", "trivial"), article
        assert not [e for e in found.diff if e.kind not in ("case", "punctuation")]


def test_diff_names_the_words_changed():
    (quote,) = article_report("“We found barrels rusting on the pier,” Roe said.").quotes
    assert [(e.kind, e.article, e.primary, e.marked) for e in quote.diff] == [("substitute", "barrels", "drums", False)]
    assert quote.primary_speaker == "Jane Roe"
    assert quote.match == pytest.approx(6 / 7, abs=1e-3)


def test_words_added_at_the_end_are_insertions_not_substitutions():
    (quote,) = article_report("“We will be back next year, and the year after that, without fail,” Roe said.").quotes
    assert quote.label == "altered"
    assert [(e.kind, e.article, e.primary) for e in quote.diff if e.kind != "punctuation"] == [
        ("insert", "without fail", "")]


def test_cut_is_reported_with_the_words_left_out():
    (quote,) = article_report(
        "“We found drums rusting on the pier ... We will be back next year,” Roe said.").quotes
    (cut,) = [e for e in quote.diff if e.kind == "cut"]
    assert cut.marked and cut.primary == "and we acted at once"
    assert len(quote.primary_segments) == 2


def test_primary_span_covers_the_matched_words():
    (quote,) = article_report("“Most operators are doing the right thing,” Smith said.").quotes
    a, b = quote.primary_span
    assert PRIMARY[a:b] == "Most operators are doing the right thing"


# --------------------------------------------------------------- provenance

def test_provenance_names_other_articles_quoting_the_same_words():
    articles = [
        "“Nobody wants sludge in the water, but fines are not policy,” Rep. Gary Pendleford said.",
        "The harbor was quiet.\n“Nobody wants sludge in the water, but fines are not policy at all, "
        "and never were,” Pendleford said.",
        "“We found drums rusting on the pier,” Roe said.",
    ]
    _, reports = quotes.analyse_story(body_of(PRIMARY), [body_of(a) for a in articles])
    (first,) = reports[0].quotes
    assert first.label == "unsourced"
    assert first.provenance.articles == (1,)
    assert first.provenance.speakers == ("Gary Pendleford",)
    assert first.provenance.longest_article == 1
    assert first.provenance.longest_text.endswith("and never were,")
    assert first.provenance.summary.startswith("not in the primary; 1 other article quotes the same words from Gary Pendleford")
    assert reports[2].quotes[0].provenance is None


def test_unsourced_quotation_nobody_else_has():
    (quote,) = article_report("“Nobody wants sludge in the water, but fines are not policy,” she said.").quotes
    assert quote.provenance.articles == ()
    assert quote.provenance.summary == "not in the primary; no other article quotes the same words"


def test_the_same_input_gives_the_same_records():
    article = body_of("“We found drums rusting on the pier,” Roe said. “We acted at once,” she said, “and will be back.”")
    assert quotes.analyse_story(body_of(PRIMARY), [article]) == quotes.analyse_story(body_of(PRIMARY), [article])


# ------------------------------------------- the carrying sentence's punctuation

@pytest.mark.parametrize("article, label", [
    # a sentence's period becomes a comma before the attribution, and a quotation
    # cut inside a sentence may close with a period: neither is an edit
    ("“We will be back next year, and the year after that,” Roe said.", "exact"),
    ("“Most operators are doing the right thing.” Smith said so on Tuesday.", "exact"),
    ("“We found drums rusting on the pier;” Roe said.", "exact"),
    # ... also where an attribution splits the quotation
    ("“We found drums rusting on the pier.” Roe said, “And we acted at once.”", "trivial"),
    ("“We found drums rusting on the pier,” Roe said, “and we acted at once,” she added.", "exact"),
    # a question or exclamation mark is the quotation's own
    ("“We will be back next year, and the year after that?” Roe said.", "trivial"),
    ("“We will be back next year, and the year after that!” Roe said.", "trivial"),
    # inside the quotation every mark counts
    ("“We will be back next year and the year after that,” Roe said.", "trivial"),
])
def test_closing_punctuation_belongs_to_the_article(article, label):
    (quote,) = article_report(article).quotes
    assert quote.label == label


# ------------------------------------------------------------ written forms

VARIANTS_PRIMARY = (
    "Director Jane Roe said: “We found 18% of the sites in violation. We inspected nine harbors & 41 marinas "
    "between Oct. 1 and November 30, and we will be back.”"
)


@pytest.mark.parametrize("article, label", [
    ("“We found 18 percent of the sites in violation,” Roe said.", "trivial"),
    ("“We found 18 per cent of the sites in violation,” Roe said.", "trivial"),
    ("“We inspected 9 harbors and 41 marinas,” Roe said.", "trivial"),
    ("“We inspected nine harbors & 41 marinas between October 1 and Nov. 30,” Roe said.", "trivial"),
    # another figure is still another word
    ("“We found 28 percent of the sites in violation,” Roe said.", "altered"),
    ("“We inspected ten harbors and 41 marinas,” Roe said.", "altered"),
])
def test_written_forms_of_one_word_are_spelling_variants(article, label):
    (quote,) = article_report(article, VARIANTS_PRIMARY).quotes
    assert quote.label == label


def test_a_changed_first_word_is_set_against_its_own_sentence_only():
    primary = "Jane Roe said: “We acted at once. It’s a long-term problem that won’t go away on its own.”"
    (quote,) = article_report("“It is a long-term problem that won’t go away on its own,” Roe said.", primary).quotes
    assert quote.label == "altered"
    assert [(e.kind, e.article, e.primary) for e in quote.diff] == [("substitute", "It is", "It’s")]


BUDGET_PRIMARY = ("The service spent $12.5 million on overtime, 30 percent more than it budgeted. "
                  "The inspector found the gap in March.")


@pytest.mark.parametrize("article, label", [
    # an editor's words in brackets are no anchor in the primary, even where the next
    # sentence holds the same word ("the"): the quotation stays marked
    ("“The service spent $12.5 million on overtime, 30 percent more than [the service] budgeted,” "
     "the report said.", "marked"),
    ("“[The service] spent $12.5 million on overtime, 30 percent more than it budgeted,” the report said.",
     "marked"),
    # a letter in brackets inside a word is still that word
    ("“[t]he service spent $12.5 million on overtime,” the report said.", "marked"),
    # the same words without brackets are the writer's own, unmarked
    ("“The service spent $12.5 million on overtime, 30 percent more than the service budgeted,” "
     "the report said.", "altered"),
])
def test_bracketed_words_are_marked_insertions_never_anchors(article, label):
    (quote,) = article_report(article, BUDGET_PRIMARY).quotes
    assert quote.label == label


def test_bracketed_insertion_is_reported_as_a_marked_edit():
    article = "“The service spent $12.5 million on overtime, 30 percent more than [the service] budgeted.”"
    (quote,) = article_report(article, BUDGET_PRIMARY).quotes
    assert [(e.kind, e.article, e.primary, e.marked) for e in quote.diff] == [
        ("substitute", "the service", "it", True)]
    assert quote.primary_text.endswith("than it budgeted")


# ------------------------------------------------------------------- events

SAME_EVENT = SimpleNamespace(same_event=True)    # stand-ins for event.EventCheck: only same_event is read
OTHER_EVENT = SimpleNamespace(same_event=False)


@pytest.mark.parametrize("article, label, noted", [
    # wording both releases share keeps its label
    ("“We found drums rusting on the pier,” Roe said.", "exact", False),
    ("“we found drums rusting on the pier.” Roe said.", "trivial", False),
    # differences from the primary are the other event's wording, not edits
    ("“We found 200 drums rusting on the pier,” Roe said.", "unsourced", True),
    ("“We found drums rusting on the pier. We will be back next year,” Roe said.", "unsourced", True),
    ("“We found drums rusting on the [harbor] pier,” Roe said.", "unsourced", True),
    # that event had its own speakers: the primary's words are not misattributed
    ("“Most operators are doing the right thing,” Roe said.", "exact", True),
    # not in the primary at all: unsourced as before
    ("“Nobody wants sludge in the water, but fines are not policy,” Pendleford said.", "unsourced", False),
])
def test_a_different_event_keeps_only_shared_wording(article, label, noted):
    report = article_report(article)
    (quote,) = quotes.for_event(report, OTHER_EVENT).quotes
    assert quote.label == label
    assert ("different event" in quote.note) is noted
    assert quote.speaker == report.quotes[0].speaker and quote.primary_text == report.quotes[0].primary_text


def test_a_same_event_report_is_unchanged():
    report = article_report("“We found 200 drums rusting on the pier,” Roe said.")
    assert quotes.for_event(report, SAME_EVENT) is report
    assert quotes.for_event(quotes.QuoteReport((), ()), OTHER_EVENT) == quotes.QuoteReport((), ())
