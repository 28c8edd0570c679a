"""Run every measure over a story, in dependency order.

The one place that knows which measure feeds which: cleaning -> alignment ->
quotes -> figures -> event check -> figure check -> claims, omissions,
copying -> framing and readability. Each measure module stays independent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analysis import alignment, claims, copying, event, framing, numbers, omissions, quotes, readability
from analysis.cleaning import Cleaning, clean
from analysis.settings import DEFAULT, Settings
from corpus import Document, Story

Progress = Callable[[str], None]


@dataclass(frozen=True)
class PrimaryAnalysis:
    document: Document
    cleaning: Cleaning
    quotes: quotes.QuoteReport
    figures: numbers.FigureReport
    readability: readability.Readability


@dataclass(frozen=True)
class ArticleAnalysis:
    document: Document
    cleaning: Cleaning
    alignment: alignment.Alignment
    event: event.EventCheck
    quotes: quotes.QuoteReport
    figures: numbers.FigureReport
    claims: claims.ClaimReport
    omissions: omissions.Omissions
    copying: copying.Copying
    framing: framing.Framing
    readability: readability.Readability


@dataclass(frozen=True)
class StoryAnalysis:
    story: Story
    settings: Settings
    primary: PrimaryAnalysis
    articles: tuple[ArticleAnalysis, ...]

    def article(self, file: str) -> ArticleAnalysis | None:
        return next((a for a in self.articles if a.document.file == file), None)


def _quiet(_: str) -> None:
    pass


def analyse_story(story: Story, settings: Settings = DEFAULT, progress: Progress = _quiet) -> StoryAnalysis:
    """Run every measure over ``story``; ``progress`` hears one line per step."""
    progress(f"cleaning {len(story.documents)} documents")
    primary_cleaning = clean(story.primary.text, settings)
    cleanings = [clean(document.text, settings) for document in story.coverage]
    primary_body = primary_cleaning.body
    bodies = [c.body for c in cleanings]

    progress("fitting the story's alignment model")
    model = alignment.fit(primary_body, bodies, settings)
    progress("extracting quotations")
    primary_quotes, article_quotes = quotes.analyse_story(primary_body, bodies, settings)
    primary_figures = numbers.extract(primary_body, settings)

    primary = PrimaryAnalysis(
        document=story.primary,
        cleaning=primary_cleaning,
        quotes=primary_quotes,
        figures=primary_figures,
        readability=readability.measure(primary_body),
    )
    articles = []
    for document, cleaning, quote_report in zip(story.coverage, cleanings, article_quotes):
        progress(f"analysing {document.file}")
        articles.append(analyse_article(document, cleaning, primary, model, quote_report, story, settings))
    return StoryAnalysis(story, settings, primary, tuple(articles))


def analyse_article(
    document: Document,
    cleaning: Cleaning,
    primary: PrimaryAnalysis,
    model: alignment.AlignmentModel,
    quote_report: quotes.QuoteReport,
    story: Story,
    settings: Settings = DEFAULT,
) -> ArticleAnalysis:
    """Every per-article measure, given what was computed once for the story."""
    body = cleaning.body
    primary_body = primary.cleaning.body
    aligned = alignment.align(body, model, settings)
    event_check = event.check(body, primary_body, aligned, story.references, settings)
    found = numbers.extract(body, settings)
    figure_report = numbers.check(body, found, primary_body, primary.figures, aligned, event_check, settings)
    return ArticleAnalysis(
        document=document,
        cleaning=cleaning,
        alignment=aligned,
        event=event_check,
        quotes=quote_report,
        figures=figure_report,
        claims=claims.label(body, primary_body, aligned, quote_report, figure_report, event_check, settings),
        omissions=omissions.find(body, primary_body, aligned, primary.figures, figure_report, cleaning.paywall, settings,
                                 event=event_check),
        copying=copying.measure(body, primary_body, quote_report, settings),
        framing=framing.analyse(body, primary_body, settings),
        readability=readability.measure(body, primary=primary.readability),
    )
