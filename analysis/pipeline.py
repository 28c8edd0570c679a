"""The one orchestrator: the registry of measures, and the only caller of measures.

``MEASURES`` declares every measure once: its name (as reports, bundles, gold
files and coders' CSVs write it), its module, the records it needs, the
record it produces and the metrics ``evaluate`` scores it by. The reports,
the evaluator and coders' agreement read this registry; none keeps its own
list.

:func:`analyse_story` runs the measures in dependency order: cleaning ->
alignment -> quotes -> figures read -> event check (given the figures
labelled under each event the article might report) -> figure check ->
claims, omissions, copying -> framing and readability. Measures never call
each other: each is handed the records it needs here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from analysis.learning.lines import CleaningDeciders
from analysis.learning.deciders import FigureDecider
from analysis.measures import alignment, claims, copying, event, figures, framing, omissions, quotes, readability
from analysis.measures.alignment import Alignment
from analysis.readers.cleaning import Body, Cleaning, PageContext, clean, shared_lines
from analysis.records import EventCheck
from analysis.settings import DEFAULT, SettingError, Settings
from corpus import Document, InputError, ReferenceEvent, Story

Progress = Callable[[str], None]


def configured(path, overrides: object = None, *, models: bool = True) -> Settings:
    """DEFAULT with a TOML ``[settings]`` table (``overrides``, read from ``path``) applied.

    With ``models``, every model file the settings name is loaded and checked
    here, before any work: one that is missing, corrupt or made for other
    features raises ``ModelError`` (an ``InputError`` naming the file).
    """
    settings = DEFAULT
    if overrides is not None:
        if not isinstance(overrides, dict):
            raise InputError(path, "[settings] must be a table")
        try:
            settings = DEFAULT.updated(overrides)
        except SettingError as error:
            raise InputError(path, f"[settings] {error}") from None
    if models:
        from analysis.learning.deciders import event_decider, figure_decider
        from analysis.learning.models import claim_decider
        from analysis.learning.quote_labels import quote_decider
        from analysis.readers.cleaning import deciders_of

        claim_decider(settings, claims.FEATURE_SET)
        deciders_of(settings)
        quote_decider(settings, quotes.FEATURE_SET)
        figure_decider(settings, figures.FEATURE_SET)
        event_decider(settings, event.FEATURE_SET)
    return settings


@dataclass(frozen=True)
class PrimaryAnalysis:
    document: Document
    cleaning: Cleaning
    quotes: quotes.QuoteReport
    figures: figures.FigureReport
    readability: readability.Readability


@dataclass(frozen=True)
class ArticleAnalysis:
    document: Document
    cleaning: Cleaning
    alignment: alignment.Alignment
    event: event.EventCheck
    quotes: quotes.QuoteReport
    figures: figures.FigureReport
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


@dataclass(frozen=True)
class Measure:
    """One measure as the pipeline, the evaluator, coders' agreement and the reports know it."""

    name: str                      # in reports, bundles, gold files and coders' CSVs
    module: ModuleType
    needs: tuple[str, ...]         # the records it reads: fields of ArticleAnalysis, "primary", "story"
    produces: str                  # the field of ArticleAnalysis holding its record
    metrics: tuple[str, ...] = ()  # what ``evaluate`` scores it by (codebook, "Scoring"); () if not scored alone
    coded: bool = False            # human coders label it (``agreement``)

    @property
    def implemented(self) -> bool:
        """False while the measure's module is still the placeholder of its issue."""
        return getattr(self.module, "STATUS", "ready") != "stub"


# Every measure, once, in the order evaluate reports their scores.
MEASURES: tuple[Measure, ...] = (
    Measure("alignment", alignment, ("cleaning", "primary"), "alignment"),
    Measure("event", event, ("primary", "story", "quotes", "figures"), "event"),
    Measure("quotes", quotes, ("cleaning", "primary", "event"), "quotes",
            metrics=("precision", "recall", "f1", "label_accuracy", "label_macro_f1", "speaker_accuracy"),
            coded=True),
    Measure("claims", claims, ("cleaning", "primary", "alignment", "quotes", "figures", "event"), "claims",
            metrics=("added_precision", "added_recall", "added_f1", "contradicted_precision",
                     "contradicted_recall", "contradicted_f1", "not_supported_f1"),
            coded=True),
    Measure("numbers", figures, ("cleaning", "primary", "alignment", "event"), "figures",
            metrics=("not_match_precision", "not_match_recall", "not_match_f1", "label_accuracy"),
            coded=True),
    Measure("omissions", omissions, ("cleaning", "primary", "alignment", "figures", "event"), "omissions"),
    Measure("copying", copying, ("cleaning", "primary", "quotes"), "copying"),
    Measure("readability", readability, ("cleaning", "primary"), "readability"),
    Measure("framing", framing, ("cleaning", "primary"), "framing"),
)


def measure(name: str) -> Measure:
    """The registered measure called ``name`` (KeyError if none is)."""
    for entry in MEASURES:
        if entry.name == name:
            return entry
    raise KeyError(name)


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


# A made-up story analysed once in a process about to fork its workers (``warm_up``).
_SAMPLE_PRIMARY = """Council Approves Harbor Wall Repairs

SPRINGFIELD, March 3, 2025 - The city council voted 7-2 on Tuesday to approve a $4.5 million plan to repair the harbor wall, Mayor Ana Ruiz said.

"This plan protects 1,200 homes from the next storm," Ruiz said. Work will begin in May and take about 18 months, and rents will not rise by more than 3 percent.

Media contact: press office, 555-0100
"""
_SAMPLE_ARTICLE = """Harbor wall to get $5 million fix

Share this article

The council approved a plan on Tuesday to repair the crumbling harbor wall. "This plan protects homes," Mayor Ana Ruiz told reporters, adding that 1,500 homes were at risk.

Critics called the vote a waste of money. The work will reportedly start in May.

Subscribe to our newsletter for the latest updates
"""


@lru_cache(maxsize=1)
def warm_up(settings: Settings = DEFAULT) -> None:
    """Analyse a small made-up story, so what every analysis loads on first use is loaded now.

    Word lists, lexicons, pronunciations, the embedding and the model files
    are loaded lazily, once per process: a process that forks workers calls
    this first, so they inherit them instead of each loading its own (about
    a second of processor time per worker). Nothing of the sample is kept
    but the loaders' caches, which give every later analysis the same results.
    """
    sample = (Document("sample_primary.txt", "sample_primary.txt", "primary", "", "", "", "", _SAMPLE_PRIMARY),
              Document("sample_article.txt", "sample_article.txt", "coverage", "Sample", "", "", "", _SAMPLE_ARTICLE))
    analyse_story(Story("sample", "", Path("."), sample, ()), settings)


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
    primary_figures = figures.extract(primary_body, settings)

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
    found = figures.extract(body, settings)
    event_check = check_event(body, primary_body, aligned, story.references, settings,
                              found=found, primary_figures=primary.figures, quote_report=quote_report,
                              published=(document.published, primary.document.published))
    quote_report = quotes.for_event(quote_report, event_check)
    figure_report = figures.check(body, found, primary_body, primary.figures, aligned, event_check, settings,
                                  primary_name=primary.document.file, primary_published=primary.document.published)
    return ArticleAnalysis(
        document=document,
        cleaning=cleaning,
        alignment=aligned,
        event=event_check,
        quotes=quote_report,
        figures=figure_report,
        claims=claims.label(body, primary_body, aligned, quote_report, figure_report, event_check, settings,
                            primary_figures=primary.figures),
        omissions=omissions.find(body, primary_body, aligned, primary.figures, figure_report, cleaning.paywall, settings,
                                 event=event_check),
        copying=copying.measure(body, primary_body, quote_report, settings),
        framing=framing.analyse(body, primary_body, settings),
        readability=readability.measure(body, primary=primary.readability),
    )


def check_event(
    article: Body,
    primary: Body,
    aligned: Alignment,
    references: Sequence[ReferenceEvent],
    settings: Settings = DEFAULT,
    *,
    found: figures.FigureReport,
    primary_figures: figures.FigureReport,
    quote_report: quotes.QuoteReport,
    published: tuple[str, str] = ("", ""),
) -> EventCheck:
    """The event check of ``article``, with the figure checks it weighs made here.

    The figure check labels the article's figures (``found``) once as if it
    reported the primary's event and once per reference sheet; the event
    check counts how well each fits. ``published`` holds the manifests' dates
    of publication of the article and of the primary ("" if unknown).
    """
    # By the hand-set figure rules whatever decides figures: the event evidence must not move with a figure model.
    rules = FigureDecider(None)
    labelled = [figures.check(article, found, primary, primary_figures, aligned, EventCheck.assumed(reference),
                              settings, decider=rules)
                for reference in (None, *references)]
    return event.check(primary, references, settings, figures=found, primary_figures=primary_figures,
                       quotes=quote_report, labelled=labelled[0], labelled_by_reference=labelled[1:],
                       article=article, article_published=published[0], primary_published=published[1])
