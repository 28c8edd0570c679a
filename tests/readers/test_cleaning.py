"""analysis.readers.cleaning: line classification, paywall, repeated teasers, inline links, offset map."""

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.readers.cleaning import chrome_category, clean
from analysis.pipeline import clean_document, story_lines
from analysis.settings import DEFAULT
from corpus import InputError
from corpus.reading import decode
from tests.conftest import BROKEN_HEART, DEV_HARBOR


# The hand-written rules, kept as the baseline behind the learned line and
# paywall models (tests/test_line_model.py tests the models).
RULES = DEFAULT.updated({"boilerplate_model": "rules", "paywall_model": "rules"})


def _gold_lines(story_dir, file):
    gold = tomllib.loads((story_dir / "gold.toml").read_text(encoding="utf-8"))
    return {g["line"].strip() for g in gold.get("boilerplate", []) if g["file"] == file}


@pytest.mark.parametrize("chosen", [DEFAULT, RULES], ids=["model", "rules"])
@pytest.mark.parametrize("story_dir", [BROKEN_HEART, DEV_HARBOR], ids=["broken_heart", "dev_harbor"])
def test_no_gold_body_line_is_called_boilerplate(story_dir, chosen, request):
    story = request.getfixturevalue(story_dir.name)
    for document in story.coverage:
        wanted = _gold_lines(story_dir, document.file)
        for line in clean_document(document, chosen, story_lines(story)).lines:
            assert (line.label == "boilerplate") == (line.text in wanted), (document.file, line.text)


@pytest.mark.parametrize("line, category", [
    ("Font Size:", "widget"),
    ("By BRAM KETTLEWORTH, Chief Reporter", "byline"),
    ("Share this article", "widget"),
    ("Comments (48)", "comments"),
    ("You've reached your free article limit.", "paywall"),
    ("Subscribe to keep reading", "paywall"),
    ("Get unlimited digital access for just $1.99 a week. Cancel anytime.", "subscription"),
    ("Photo: Jane Doe/Reuters", "image_credit"),
    ("Daily Planet logo", "logo"),
    ("(RELATED: Another story about ports)", "related_link"),
    ("Read more: How inspectors trace illegal waste", "related_link"),
    ("All content created by the Example Wire is available without charge. All rights reserved.", "licence"),
    ("Jane Doe is a staff journalist in Ohio. She has covered courts for ten years.", "bio"),
    ("NEWS › WORLD", "crumb"),
    ("Inspectors documented 627 violations and cited 214 facilities.", ""),
    ("Key facts", ""),
    ("Published Oct. 14, 2025 5:02 p.m. ET | Updated Oct. 15, 2025 9:15 a.m. ET", "byline"),
    ("View 31 comments", "comments"),
    ("Have thoughts on this story? Join the discussion below.", "comments"),
    ("You’ve read all of your free stories this month. Subscribe for unlimited access.", "paywall"),
    ("Already have an account? Sign in", "subscription"),
    ("MORE: A widow’s nightmare", "related_link"),
    ("About the author: Jo Roe is a planner at a firm in Ohio.", "bio"),
    ("Listen to this article", "widget"),
    ("Reporting by Jane Doe; Editing by Tom Roe", "byline"),
    ("The Associated Press contributed to this report.", "byline"),
    ("Get the Morning Brief delivered to your inbox", "subscription"),
    ("(555) 123-4567", "byline"),
    ("Trending down, ridership fell 4 percent last year.", ""),
    ("Updated guidance was published in May after 12 people fell ill.", ""),
    ("The agency will contribute $4 million to the fund.", ""),
    ("Sign up for Morning Star, our free daily newsletter on the courts.", "subscription"),
    ("Enter your email address", "widget"),
    ("The Valley Herald · Serving the upper valley since 1911", "crumb"),
    ("Enjoy the Tally? Chip in to keep us independent.", "subscription"),
    ("Tell us what you think. Comments are open to subscribers.", "comments"),
    ("Officials said the 12 · 14 split was a typo in the report.", ""),
    ("Aug. 27, 2025 at 4:15 p.m.", "byline"),
    ("27 August 2025", "byline"),
    ("This story is available exclusively to Herald subscribers. Start your subscription today.", "paywall"),
    ("Support the station: become a sustaining member today.", "subscription"),
    ("Jo Roe is Planeview’s senior safety editor. She covered courts for the Ledger.", "bio"),
    ("Like this? Premium subscribers get it first. Join for $5 a month.", "subscription"),
    ("The fee rises to $5 a month in May, the board said.", ""),
    ("May 12 was the deadline the board set for the audit.", ""),
    ("The Daily Blare has been exposing harbor polluters for years, and we will keep naming them.", ""),
    ("Download the WXYZ Action News app for breaking news alerts", "widget"),
    ("TRAFFIC ALERT: Lane closures on Route 9 until 6 PM", "widget"),
    ("Continue reading with a Herald Digital subscription, just $1 for your first month.", "paywall"),
    ("Questions? Call Herald Customer Care at 555-0100.", "subscription"),
    ("Author: Jo Roe (WXYZ)", "byline"),
    ("Smoke over the ridge on Tuesday evening, seen from the highway. (Credit: Jo Roe/WXYZ)", "image_credit"),
    ("Republishing: our articles may be republished free of charge with credit.", "licence"),
    # the same words in a reporter's sentence
    ("Airline customer service complaints doubled last year, the agency said.", ""),
    ("The author of the report said the findings would continue reading as a warning.", ""),
])
def test_chrome_wording(line, category):
    assert chrome_category(line) == category


def test_headline_zone_and_footer():
    text = ("World\n\nPort Sweep Finds 40 Violations Nationwide\nStaff Photo Desk\nJane Roe\n"
            "Inspectors found 40 violations at 12 ports in May, the agency said on Monday.\n"
            "Key facts\n• Forty violations were found in total this year.\n"
            "That is the story of the sweep, and it ends here with a full stop.\n"
            "REAL NEWS.\nTRY 14 DAYS FREE\n")
    labels = {l.text: (l.label, l.category) for l in clean(text, RULES).lines}
    assert labels["World"] == ("boilerplate", "crumb")
    assert labels["Port Sweep Finds 40 Violations Nationwide"] == ("body", "headline")
    assert labels["Staff Photo Desk"][0] == "boilerplate"
    assert labels["Jane Roe"][0] == "boilerplate"
    assert labels["Key facts"] == ("body", "heading")
    assert labels["• Forty violations were found in total this year."] == ("body", "bullet")
    assert labels["REAL NEWS."][0] == "boilerplate"
    assert labels["TRY 14 DAYS FREE"][0] == "boilerplate"


def test_paywall_detected_with_evidence_and_teaser_dropped(dev_harbor):
    cleaning = clean(dev_harbor.document("a04.txt").text)
    assert cleaning.paywall.detected
    assert any("paywall prompt" in e for e in cleaning.paywall.evidence)
    assert any("repeated" in e for e in cleaning.paywall.evidence)
    teaser = "A summer-long federal sweep against illegal dumping"
    assert cleaning.body.text.count(teaser) == 1
    assert len(cleaning.paywall.repeated_lines) == 2


@pytest.mark.parametrize("file, paywall", [("a01.txt", False), ("a03.txt", False), ("a04.txt", True)])
def test_paywall_flag(dev_harbor, file, paywall):
    assert clean(dev_harbor.document(file).text).paywall.detected is paywall


def test_truncated_text_is_a_paywall():
    text = "Headline Of The Story Goes Here\nThe agency said that inspectors found forty violations and that the next"
    paywall = clean(text, RULES).paywall
    assert paywall.detected and paywall.truncated


def test_declared_paywall_from_page_markup():
    paywall = clean("A full sentence of article text that ends properly here.", declared_paywall="schema.org").paywall
    assert paywall.detected and paywall.evidence == ("page markup: schema.org",)


def test_inline_related_link_is_cut_and_offsets_map_back(broken_heart):
    document = broken_heart.document("003_06b5e57457d8abd4.txt")
    cleaning = clean(document.text)
    assert "RELATED" not in cleaning.body.text
    assert len(cleaning.cuts) == 2
    for start, end in cleaning.cuts:
        assert document.text[start:end].strip().startswith("(RELATED:")
    # A highlight computed on the body lands on the same words in the document.
    target = "Operation Broken Heart"
    start = cleaning.body.text.index(target)
    doc_start, doc_end = cleaning.body.to_document(start, start + len(target))
    assert document.text[doc_start:doc_end] == target
    for sentence in cleaning.body.sentences:
        assert cleaning.body.text[sentence.start:sentence.end] == sentence.text
        if "(RELATED" not in document.text[sentence.doc_start:sentence.doc_end]:
            assert document.text[sentence.doc_start:sentence.doc_end] == sentence.text


def test_headline_and_bullets_are_sentences_of_their_own(broken_heart):
    body = clean_document(broken_heart.document("002_084aca6c5880089b.txt"), DEFAULT, story_lines(broken_heart)).body
    kinds = [s.kind for s in body.sentences]
    assert kinds[0] == "headline" and body.sentences[0].text == "2300 Arrested in Child Pornography Bust"
    bullets = [s for s in body.sentences if s.kind == "bullet"]
    assert bullets[0].text.startswith("Arrests showed involvement")  # no bullet sign in the body
    assert {p.kind for p in body.paragraphs} >= {"headline", "heading", "bullet", "text"}


def _check_body_is_faithful(text):
    cleaning = clean(text)
    body = cleaning.body
    for body_start, doc_start, length in body.pieces:
        assert body.text[body_start:body_start + length] == text[doc_start:doc_start + length]
    cut = set()
    for start, end in cleaning.cuts:
        cut.update(range(start, end))
    kept = set()
    for _, doc_start, length in body.pieces:
        kept.update(range(doc_start, doc_start + length))
    # Never lose body text: every non-space character of a kept body line is in the body.
    for line in cleaning.lines:
        if line.label == "body" and not line.repeated:
            for offset in range(line.start, line.end):
                if not text[offset].isspace() and offset not in cut and offset not in kept:
                    # only a bullet sign may be left out
                    assert offset < line.start + 3, (line.text, offset)
    for sentence in body.sentences:
        assert body.text[sentence.start:sentence.end] == sentence.text
        assert 0 <= sentence.doc_start <= sentence.doc_end <= len(text)


line_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_text, max_size=12))
def test_cleaning_never_raises_and_never_loses_body_text(parts):
    text = "\n".join(parts)
    try:
        text = decode(text.encode("utf-8"), "x.txt")
    except InputError:
        return  # empty or binary-looking input is refused at loading, with a message
    _check_body_is_faithful(text)


@pytest.mark.parametrize("text", [
    "\"\"\"\"\"\"",
    "“”“”‘’'''\"",
    "x" * 200_000,
    "word " * 50_000,
    "\x07\x1b control \x0b characters \x0c in a line of text.",
    "(RELATED: only a link)",
    "• \n1. \n- ",
])
def test_odd_texts(text):
    _check_body_is_faithful(text)


def test_links_under_a_related_heading_are_boilerplate():
    text = ("Port Sweep Finds 40 Violations Nationwide\n"
            "Inspectors found 40 violations at 12 ports in May, the agency said on Monday.\n\n"
            "MORE FROM THE LEDGER:\nWhy the harbor keeps flooding every spring\nCounty weighs its own ferry\n\n"
            "The agency said it would return next year to inspect the same ports again.\n")
    labels = {l.text: (l.label, l.category) for l in clean(text, RULES).lines}
    assert labels["Why the harbor keeps flooding every spring"] == ("boilerplate", "related_link")
    assert labels["County weighs its own ferry"] == ("boilerplate", "related_link")
    assert labels["The agency said it would return next year to inspect the same ports again."][0] == "body"


def test_a_short_closing_sentence_is_not_swept_into_the_footer():
    text = ("Port Sweep Finds 40 Violations Nationwide\n"
            "Inspectors found 40 violations at 12 ports in May, the agency said on Monday.\n"
            "We will be following every dollar.\n"
            "REAL NEWS.\nShare this article\n")
    labels = {l.text: l.label for l in clean(text, RULES).lines}
    assert labels["We will be following every dollar."] == "body"
    assert labels["REAL NEWS."] == "boilerplate"


TABLE_PAGE = (
    "Fund round two: the winners\n\n"
    "The department today confirmed the second round of the fund, with awards in every region of the country.\n\n"
    "Funding by region:\n\n"
    "North West: £354,027,146\n"
    "South East: £210,467,526\n"
    "Wales: £208,175,566\n\n"
    "Councils that were not successful will be offered feedback before the next round opens.\n\n"
    "Start your subscription today: $4 for 4 months.\n"
)


@pytest.mark.parametrize("chosen", [DEFAULT, DEFAULT.updated({"boilerplate_model": "rules"})], ids=["model", "rules"])
def test_a_table_of_labelled_figures_is_text_however_short_its_lines(chosen):
    labels = {line.text: line for line in clean(TABLE_PAGE, chosen).lines}
    for row in ("North West: £354,027,146", "South East: £210,467,526", "Wales: £208,175,566"):
        assert (labels[row].label, labels[row].category) == ("body", "table")
    # One such line alone is no table: what it is stays for the line decision to say.
    assert labels["Start your subscription today: $4 for 4 months."].category != "table"
