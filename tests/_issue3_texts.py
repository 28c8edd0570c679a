"""Small texts shared by the alignment, claims, event, omissions and copying tests (issue #3)."""

from __future__ import annotations

from analysis.measures import alignment
from analysis.readers.cleaning import clean

PRIMARY = (
    "Agency Announces Results of Its Summer Harbor Sweep\n\n"
    "The Federal Harbor Agency today announced that inspectors found 627 violations at 1,186 port facilities "
    "during June, July and August 2025.\n\n"
    "The agency assessed $4,250,000 in civil penalties and referred 37 cases to federal prosecutors for "
    "possible criminal prosecution.\n\n"
    "Cleanup crews removed 1,840 tons of industrial waste from harbor waters and shorelines.\n\n"
    "Agency Administrator Mara Quill said: “Our harbors are not a free disposal service for industry, and "
    "the penalties will fund cleanup in the communities at risk.”\n\n"
    "Director Tobias Fenn said: “Most of the operators we inspected are doing the right thing, and they "
    "deserve fair neighbors.”\n\n"
    "The sweep has been held every year since the program was founded in 2012.\n"
)
HEADLINE = "Harbor sweep finds hundreds of dumping violations across the country"
LEAD = "Inspectors found 627 violations at 1,186 port facilities over the summer, the agency said."


def article(*lines: str) -> str:
    """An article: a headline, a supported lead, then ``lines`` as paragraphs."""
    return "\n\n".join((HEADLINE, LEAD, *lines)) + "\n"


def bodies(primary_text: str, article_text: str):
    """(primary body, article body, alignment) for two texts."""
    primary = clean(primary_text).body
    body = clean(article_text).body
    model = alignment.fit(primary, [body])
    return primary, body, alignment.align(body, model)


def measured(primary, body, aligned, event=None):
    """(quote report, primary's figures, article's checked figures) as the pipeline hands them to the measures.

    ``event`` None takes the article to report the primary's event.
    """
    from analysis.measures import figures, quotes
    from analysis.records import EventCheck

    quote_report = quotes.analyse_story(primary, [body])[1][0]
    primary_figures = figures.extract(primary)
    checked = figures.check(body, figures.extract(body), primary, primary_figures, aligned,
                            event if event is not None else EventCheck.assumed())
    return quote_report, primary_figures, checked


def event_check(body, primary, aligned, references=(), *, quotes=None):
    """The event check of ``body`` as the pipeline runs it (``quotes`` None: the body's own quotations)."""
    from analysis.measures import figures
    from analysis.measures import quotes as quote_measure
    from analysis.pipeline import check_event

    if quotes is None:
        quotes = quote_measure.analyse_story(primary, [body])[1][0]
    return check_event(body, primary, aligned, references, found=figures.extract(body),
                       primary_figures=figures.extract(primary), quote_report=quotes)
