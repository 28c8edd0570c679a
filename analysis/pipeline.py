"""Run every measure over a story, in dependency order.

The one place that knows which measure feeds which: cleaning -> alignment ->
quotes -> figures -> event check -> figure check -> claims, omissions,
copying -> framing and readability. Each measure module stays independent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from analysis import alignment, claims, copying, event, framing, numbers, omissions, quotes, readability
from analysis.cleaning import Cleaning, PageContext, clean, shared_lines
from analysis.learning.lines import CleaningDeciders
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


@dataclass(frozen=True)
class StoryState:
    """What a story's articles share, computed once (what ``analyse_article`` needs)."""

    primary: PrimaryAnalysis
    model: alignment.AlignmentModel
    cleanings: tuple[Cleaning, ...]         # one per coverage document, in order
    quotes: tuple[quotes.QuoteReport, ...]  # one per coverage document, in order


def clean_document(document: Document, settings: Settings = DEFAULT, shared: frozenset[str] = frozenset(),
                   deciders: CleaningDeciders | None = None) -> Cleaning:
    """Clean one document of a story (a pure function: runs anywhere).

    ``shared`` is ``story_lines(story)``: the lines two or more of the story's documents hold.
    """
    return clean(document.text, settings, declared_paywall=document.paywall_evidence,
                 context=page_context(document, shared), deciders=deciders)


def page_context(document: Document, shared: frozenset[str] = frozenset()) -> PageContext:
    """What the story says of a page besides its text, for the line model."""
    return PageContext(shared, document.headline)


def story_lines(story: Story) -> frozenset[str]:
    """The lines found in two or more documents of ``story`` (a feature of the line model)."""
    return shared_lines(d.text for d in story.documents)


def analyse_story(story: Story, settings: Settings = DEFAULT, progress: Progress = _quiet,
                  cleanings: Sequence[Cleaning] | None = None) -> StoryAnalysis:
    """Run every measure over ``story``; ``progress`` hears one line per step.

    ``cleanings``, if given, are ``clean_document`` of every ``story.documents`` in order.
    """
    state = prepare_story(story, settings, progress, cleanings)
    articles = []
    for document, cleaning, quote_report in zip(story.coverage, state.cleanings, state.quotes):
        progress(f"analysing {document.file}")
        articles.append(analyse_article(document, cleaning, state.primary, state.model, quote_report, story, settings))
    return StoryAnalysis(story, settings, state.primary, tuple(articles))


def prepare_story(
    story: Story,
    settings: Settings = DEFAULT,
    progress: Progress = _quiet,
    cleanings: Sequence[Cleaning] | None = None,
) -> StoryState:
    """The story-level steps: cleaning, the alignment model, quotations, the primary's measures.

    ``cleanings``, if given, are ``clean_document`` of every ``story.documents``
    in order (computed elsewhere, e.g. in parallel).
    """
    progress(f"cleaning {len(story.documents)} documents")
    if cleanings is None:
        shared = story_lines(story)
        cleanings = [clean_document(d, settings, shared) for d in story.documents]
    by_document = dict(zip((d.id for d in story.documents), cleanings))
    primary_cleaning = by_document[story.primary.id]
    coverage_cleanings = tuple(by_document[d.id] for d in story.coverage)
    primary_body = primary_cleaning.body
    bodies = [c.body for c in coverage_cleanings]

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
    return StoryState(primary, model, coverage_cleanings, tuple(article_quotes))


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
    found = numbers.extract(body, settings)
    event_check = event.check(body, primary_body, aligned, story.references, settings,
                              figures=found, primary_figures=primary.figures, quotes=quote_report)
    quote_report = quotes.for_event(quote_report, event_check)
    figure_report = numbers.check(body, found, primary_body, primary.figures, aligned, event_check, settings,
                                  primary_name=primary.document.file, primary_published=primary.document.published)
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
