"""Training data from gold for the line and paywall models, fitting them, and leave-one-story-out.

Every line of a gold-annotated coverage document is an example: boilerplate
when gold lists its text for that document (``[[boilerplate]]`` is
exhaustive per document), body otherwise; the primary is not annotated and
never trained on. Every such document is a paywall example with its gold
flag. The features come from ``analysis.cleaning`` (``line_features``,
``paywall_features``), the same code that cleans a new story.

A page's paywall features depend on which lines were kept (a cut-off last
sentence, a prompt with body after it), so the paywall model is fitted on
pages cleaned by a line model that never saw their story (cross-fitting):
it learns from line decisions as good as those on a new story, not from
gold-perfect ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.readers import cleaning
from analysis.learning.estimators import LinearClaimClassifier
from analysis.learning.lines import LINE_TASK, PAYWALL_TASK, BinaryDecider, CleaningDeciders
from analysis.learning.models import LoadedModel
from analysis.settings import Settings

# Fixed so that a refit gives byte-identical files (issue #15). C (the
# inverse regularisation strength) was chosen by leave-one-story-out over
# the 18 gold stories of the time (README, "Quality"); lines are not
# re-weighted by class: boilerplate F1 scores them as they come.
LINE_PARAMS = {"C": 0.3, "class_weight": None, "random_state": 0}
PAYWALL_PARAMS = {"C": 0.3, "class_weight": None, "random_state": 0}
# Weight of a gold page's article alone (line_examples) against a line of a
# page as published (1.0). Leave-one-story-out over the 22 gold stories of
# the time: boilerplate F1 0.977 at 0, 0.976 at 0.5, 0.975 at 1.0; body
# paragraphs cleaned alone and dropped as boilerplate 93, 9, 5 of 1,332.
BARE_WEIGHT = 0.5
BODY, BOILERPLATE = "body", "boilerplate"
OPEN, PAYWALL = "open", "paywall"


@dataclass(frozen=True)
class Page:
    """One gold-annotated coverage document: its text, its story's shared lines and its gold."""

    story: str
    file: str
    text: str
    declared_paywall: str
    context: cleaning.PageContext
    boilerplate: frozenset[str] | None   # gold boilerplate lines (None: the gold does not annotate lines)
    paywall: bool | None                 # gold paywall flag (None: not annotated)


@dataclass(frozen=True)
class Example:
    story: str
    features: dict
    label: str
    weight: float = 1.0


def gold_pages(story, gold) -> list[Page]:
    """The coverage documents ``gold`` annotates, with their gold lines and flags."""
    from analysis.pipeline import page_context, story_lines

    shared = story_lines(story)
    pages = []
    for entry in gold.documents:
        document = story.document(entry.file)
        lines = (frozenset(line for file, line in gold.boilerplate if file == entry.file)
                 if "boilerplate" in gold.annotated else None)
        flag = entry.paywall if "documents" in gold.annotated else None
        pages.append(Page(story.name, entry.file, document.text, document.paywall_evidence,
                          page_context(document, shared), lines, flag))
    return pages


def line_examples(pages: Sequence[Page], settings: Settings, *, bare_weight: float = BARE_WEIGHT) -> list[Example]:
    """Every line of the pages whose gold annotates lines, labelled body or boilerplate.

    With ``bare_weight`` above zero, each page also gives its article alone
    (its gold boilerplate lines taken out, every line left body) at that
    weight: a text pasted without any page furniture, whose first and last
    lines are the article's own.
    """
    examples = []
    for page in pages:
        if page.boilerplate is None:
            continue
        layout = cleaning.page_layout(page.text, settings)
        for line, features in zip(layout.lines, cleaning.line_features(layout, page.context)):
            examples.append(Example(page.story, features, BOILERPLATE if line.text in page.boilerplate else BODY))
        if bare_weight > 0:
            bare = "\n".join(raw for raw in page.text.split("\n") if raw.strip() not in page.boilerplate)
            layout = cleaning.page_layout(bare, settings)
            examples.extend(Example(page.story, features, BODY, bare_weight)
                            for features in cleaning.line_features(layout, page.context))
    return examples


def clean_page(page: Page, settings: Settings, deciders: CleaningDeciders):
    return cleaning.clean(page.text, settings, declared_paywall=page.declared_paywall, context=page.context,
                          deciders=deciders)


def paywall_example(page: Page, settings: Settings, lines: BinaryDecider | None) -> Example:
    found = clean_page(page, settings, CleaningDeciders(lines=lines))
    features = cleaning.paywall_features(found.lines, found.body, settings, page.declared_paywall)
    return Example(page.story, features, PAYWALL if page.paywall else OPEN)


def fit(examples: Sequence[Example], params: dict) -> LinearClaimClassifier:
    return LinearClaimClassifier(**params).fit([e.features for e in examples], [e.label for e in examples],
                                               sample_weight=[e.weight for e in examples])


def decider(estimator: LinearClaimClassifier, task: str) -> BinaryDecider:
    return BinaryDecider.of(LoadedModel("(fold)", "", task, estimator))


def line_decider(examples: Sequence[Example], without: Sequence[str] = ()) -> BinaryDecider:
    """The line model fitted on the examples of every story but ``without``."""
    return decider(fit([e for e in examples if e.story not in without], LINE_PARAMS), LINE_TASK)


@dataclass(frozen=True)
class CrossFit:
    """Line models each fitted without one story, and every page's paywall example cleaned by its own.

    ``lines[story]`` never saw ``story``; ``pages`` holds each annotated page's
    paywall example, its features from the page cleaned by the line model
    fitted without its story. Leave-one-story-out takes the held-out story's
    line model from here, and fits its paywall model on the other stories'
    examples (whose line models saw the held-out story's lines, but never its
    pages' flags: a second-order leak, accepted to fit 22 models, not 462).
    """

    lines: dict[str, BinaryDecider | None]   # None: the rules
    pages: tuple[Example, ...]
    learn_paywall: bool = True

    def deciders(self, story: str) -> CleaningDeciders:
        """The line and paywall deciders fitted without ``story``."""
        others = [e for e in self.pages if e.story != story]
        if not self.learn_paywall:
            return CleaningDeciders(self.lines[story])
        return CleaningDeciders(self.lines[story], decider(fit(others, PAYWALL_PARAMS), PAYWALL_TASK))


def cross_fit(pages: Sequence[Page], settings: Settings, *, learn_lines: bool = True,
              learn_paywall: bool = True) -> CrossFit:
    """One line model per story, fitted without it, and the paywall examples they give (see CrossFit).

    With ``learn_lines`` False the rules decide lines; with ``learn_paywall``
    False they decide the paywall (the baselines).
    """
    stories = sorted({p.story for p in pages})
    if learn_lines:
        lines = line_examples(pages, settings)
        _check_lines(lines)
        models = {story: line_decider(lines, (story,)) for story in stories}
    else:
        models = {story: None for story in stories}
    examples = tuple(paywall_example(p, settings, models[p.story]) for p in pages if p.paywall is not None)
    if learn_paywall:
        for story in stories:  # every fold's paywall model needs both flags among the other stories
            _check_pages([e for e in examples if e.story != story])
    return CrossFit(models, examples, learn_paywall)


def _check_lines(lines: Sequence[Example]) -> None:
    if len({e.label for e in lines}) < 2:
        raise ValueError("the gold lists no boilerplate lines (or only boilerplate): a line model needs both")


def _check_pages(pages: Sequence[Example]) -> None:
    if len({e.label for e in pages}) < 2:
        raise ValueError("the gold's paywall flags are all the same (for all stories, or all but one): "
                         "a paywall model needs both")


def model_files(pages: Sequence[Page], settings: Settings) -> dict[str, bytes]:
    """The line and paywall model files (name -> bytes) fitted on all ``pages``."""
    lines = line_examples(pages, settings)
    _check_lines(lines)
    pages_seen = cross_fit(pages, settings, learn_paywall=False).pages  # its paywall examples only
    _check_pages(pages_seen)
    stories = sorted({p.story for p in pages})
    line_meta = {"stories": stories, "lines": len(lines), "boilerplate_lines": sum(e.label == BOILERPLATE for e in lines)}
    page_meta = {"stories": stories, "pages": len(pages_seen), "paywalled": sum(e.label == PAYWALL for e in pages_seen)}
    return {
        "boilerplate_lines.json": fit(lines, LINE_PARAMS).to_json(
            task=LINE_TASK, feature_set=cleaning.LINE_FEATURE_SET, meta=line_meta),
        "paywall.json": fit(pages_seen, PAYWALL_PARAMS).to_json(
            task=PAYWALL_TASK, feature_set=cleaning.PAYWALL_FEATURE_SET, meta=page_meta),
    }


def clean_story(story, settings: Settings, deciders: CleaningDeciders):
    """``clean_document`` of every document of ``story`` (primary included) with ``deciders``."""
    from analysis.pipeline import clean_document, story_lines

    shared = story_lines(story)
    return [clean_document(d, settings, shared, deciders) for d in story.documents]


def analyser(deciders_of):
    """An ``analyse(story, settings)`` for ``analysis.study.cv``: each story cleaned by ``deciders_of(name)``."""
    from analysis.pipeline import analyse_story

    def analyse(story, settings: Settings):
        return analyse_story(story, settings, cleanings=clean_story(story, settings, deciders_of(story.name)))

    return analyse
