"""Small texts shared by the alignment, claims, event, omissions and copying tests (issue #3)."""

from __future__ import annotations

from analysis import alignment
from analysis.cleaning import clean
from analysis.settings import DEFAULT

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


# Hand-made texts test the measures, not the fitted line model: their few
# lines of page chrome are cleaned by the rules baseline (tests of the line
# model: tests/test_line_model.py).
RULES_CLEANING = DEFAULT.updated({"boilerplate_model": "rules", "paywall_model": "rules"})


def bodies(primary_text: str, article_text: str):
    """(primary body, article body, alignment) for two texts."""
    primary = clean(primary_text, RULES_CLEANING).body
    body = clean(article_text, RULES_CLEANING).body
    model = alignment.fit(primary, [body])
    return primary, body, alignment.align(body, model)
