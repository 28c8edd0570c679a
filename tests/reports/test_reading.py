"""Reading the handouts as a teacher would: classroom language, the grid and "left out" made right.

Every text a person reads (the three handouts, the index, the comparative
report) is checked against a short list of classroom-language rules, on the
embedded story (another event) and on dev_harbor (same event, every kind of
finding), both analysed for real.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from analysis.pipeline import analyse_story
from reports.charts import charts, comparative_html
from reports.handout import prepare, render_html
from reports.view import to_body

# (what is wrong, pattern): none may match anything a person reads.
RULES = (
    ("a confidence score", re.compile(r"\bconfidence\b", re.I)),
    ("a file name", re.compile(r"\.(toml|txt|csv|json)\b")),
    ("a field name", re.compile(r"\b(same_event|source_span|primary_span|source_text|article_sentence)\b")),
    ("the codebook's label for a missing source (handouts say it in words)", re.compile(r"\bunsourced\b")),
    ("a toolkit list of months", re.compile(r"\bmonths \d")),
    ("a toolkit list of words", re.compile(r"\bwords: ")),
    ("a surname in lower case where a person is named",
     re.compile(r"\bcredits [a-z]+, whom|\bofficials (?!who\b|of\b)[a-z]+\b")),
    ("the toolkit's reference sheet", re.compile(r"reference sheet")),
)


@pytest.fixture(scope="module", params=["broken_heart", "dev_harbor"])
def analysed(request, broken_heart, dev_harbor):
    return analyse_story(broken_heart if request.param == "broken_heart" else dev_harbor)


def _text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    html = re.sub(r"<(title|meta)[^>]*>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _readings(analysis) -> dict[str, str]:
    handout = prepare(analysis, footer="sourcedrift · configuration 0123456789ab")
    found = {copy: _text(render_html(handout, copy=copy)) for copy in ("student", "teacher", "annotated")}
    drawn, left_out = charts(analysis)
    found["comparative"] = _text(comparative_html(analysis, drawn, left_out, findings=handout.findings))
    return found


def test_classroom_language_everywhere_a_person_reads(analysed):
    for name, text in _readings(analysed).items():
        for what, pattern in RULES:
            if name == "comparative" and "codebook" in what:
                continue  # the researchers' report names the codebook's labels, as the bundle does
            found = pattern.search(text)
            assert found is None, f"{name}: {what}: …{text[max(0, found.start() - 60):found.end() + 60]}…"


def test_words_the_primary_lacks_are_the_articles_words_not_stems(analysed):
    handout = prepare(analysed)
    listed = 0
    for article in handout.view.articles:
        for _, note in article.claim_notes:
            for part in note.split("; "):
                if part.startswith("words the primary source does not use: "):
                    # The list ends where a learned label's "— decided by: ..." begins.
                    for word in part.split(": ", 1)[1].split(" — ")[0].split(", "):
                        listed += 1
                        assert re.search(rf"\b{re.escape(word)}\b", article.text), (article.key, word)
    assert listed or all(a.other_event for a in handout.view.articles)


def test_speakers_are_written_as_people_write_them(analysed):
    handout = prepare(analysed)
    for article in handout.view.articles:
        for quote in article.quotes:
            if quote.speaker:
                assert quote.speaker[0].isupper(), quote.speaker


def test_left_out_lists_each_item_once_and_none_the_article_gives(analysed):
    handout = prepare(analysed)
    for article, analysed_article in zip(handout.view.articles, analysed.articles):
        items = [i for i in article.left_out or () if not i.startswith("…")]
        assert len(items) == len(set(items)), article.key
        figures = [f for f in analysed_article.figures.figures if f.source_text]
        for item in items:
            for figure in figures:  # given, even changed, it is not "left out"
                assert f"“{figure.source_text}”" not in item, (article.key, item)
        if article.other_event:
            # only the other event's own items: its published figures (R) and words of caution
            assert all(i.startswith("R") or i.startswith("the word of caution") for i in items), items


def test_grid_credits_a_quotation_only_to_a_quotation_of_the_same_words(analysed):
    handout = prepare(analysed)
    view = handout.view
    body = analysed.primary.cleaning.body
    for row in view.grid or ():
        if row.item.kind != "quotation":
            continue
        for cell, article in zip(row.cells, analysed.articles):
            if cell not in ("quoted", "contradicted"):
                continue
            spans = [to_body(body, *q.primary_span) for q in article.quotes.quotes if q.primary_span]
            assert any(s and s[0] < row.item.end and row.item.start < s[1] for s in spans), (row.item.ref, cell)


def test_an_article_on_another_event_is_set_apart(analysed):
    handout = prepare(analysed)
    for article, row_cells in zip(handout.view.articles, zip(*(r.cells for r in handout.view.grid or ()))):
        assert (set(row_cells) == {"other_event"}) is bool(article.other_event)
        if article.other_event:
            assert not article.marks and not [d for d in article.decorations if d.layer == "sentence"]
