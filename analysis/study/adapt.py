"""Adapting the learned decisions to a coder's judgements: leave-one-story-out before and after, and the refit files.

A coder who reviews the workbench's marks judges some units of some stories:
a quotation's label, a sentence's claim label (and kind), a figure's label,
an article's ``same_event``. Only those units are learned from. Everything
else in the coder's gold file is the toolkit's own label, and fitting on it
would teach the toolkit what it already says.

``adapt`` fits the claims (label and kind), quotation-label, figure-label
and event models as ``sourcedrift train`` fits them (``analysis.study.stages``:
the event, figure and quotation models first, then the claims models on
analyses made with them), on the gold stories plus the judged units, with
the cleaning the settings name; and it measures them leave-one-story-out: each story
(a gold story, or a story the coder judged) is decided by models fitted
without it. The same folds without the judged units give the "before"
figures, so the difference is the judgements' doing. Gold stories are scored
as ``evaluate`` scores them (pooled over their units); judged stories on
the judged units only (how many of them the models label as the coder
did). Boilerplate lines and the paywall are not refitted: the line model
changes which lines are body, and so which sentence a mark names.

For the measurement each story is analysed once with the rules deciding
claims, quotations, figures and events (their evidence does not depend on
the decider); each fold relabels figures, events, claims and quotations with its own models,
each only where the settings use a model (a setting of ``rules`` stays the
rules, as in the analyses the refitted files would make).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from analysis.learning.models import RULES
from analysis.settings import Settings
from analysis.study import event_training, figure_training, quote_training
from analysis.study.cv import _decider as claim_fold_decider
from analysis.study.cv import pooled_score, relabel
from analysis.study.evaluate import Scores
from analysis.study.gold import Gold, GoldDocument, GoldItem
from analysis.study.stages import NO_EXAMPLES, Examples, fit_in_stages, gold_examples_of, join
from analysis.study.training import gold_examples, rules_settings

JudgedMeasure = Literal["quotes", "claims", "numbers", "documents"]
MEASURES: tuple[JudgedMeasure, ...] = ("quotes", "claims", "numbers", "documents")
# The figures shown before and after, as (measure, metric) of ``evaluate``'s scores.
SHOWN = (("claims", "added_f1"), ("claims", "contradicted_f1"), ("claims", "not_supported_f1"),
         ("quotes", "label_accuracy"), ("numbers", "not_match_f1"), ("numbers", "label_accuracy"),
         ("documents", "same_event_accuracy"))


@dataclass(frozen=True)
class Judgement:
    """One unit a coder judged: a quotation, sentence or figure by its document offsets, or an article's event."""

    file: str
    measure: JudgedMeasure
    span: tuple[int, int]      # the unit's document offsets ((0, 0) for documents)
    label: str                 # a codebook label; for documents "same" or "different" (same_event)
    kind: str = ""             # an added claim's kind


@dataclass(frozen=True)
class Judged:
    """A story and the units a coder judged in it."""

    story: object              # corpus.Story
    judgements: tuple[Judgement, ...]


@dataclass(frozen=True)
class Tally:
    """Judged units a set of models labels as the coder did: ``agree`` of ``total``."""

    agree: int
    total: int

    @property
    def share(self) -> float | None:
        return self.agree / self.total if self.total else None


@dataclass(frozen=True)
class Figures:
    """One side (before or after) of the comparison."""

    gold_pooled: dict[str, dict[str, float | None]]   # SHOWN metrics, gold stories pooled (leave-one-story-out)
    judged: dict[str, Tally]                          # judged units by measure, each story left out


@dataclass(frozen=True)
class Adaptation:
    gold_stories: tuple[str, ...]
    judged_stories: tuple[str, ...]
    learned: dict[str, int]        # judged units learned from, by measure
    before: Figures                # leave-one-story-out on the gold alone (judged: the models of ``current``)
    after: Figures                 # leave-one-story-out on the gold plus the judgements
    files: dict[str, bytes]        # model files fitted on the gold plus all judgements (name -> bytes)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def plain_settings(settings: Settings) -> Settings:
    """The rules deciding claims, quotations, figures and events: the evidence of every fold."""
    return figure_training.baseline_settings(rules_settings(settings))


def _judged_examples(analysis, judged: Judged, plain: Settings) -> Examples:
    """Training examples of the judged units only (the gold builders, given a gold of just those units)."""
    story = analysis.story
    by = {m: [j for j in judged.judgements if j.measure == m] for m in MEASURES}

    def gold(measure: str, items: Sequence[Judgement]) -> Gold:
        files = sorted({j.file for j in items})
        located = tuple(GoldItem(j.file, "", j.span, j.label, kind=j.kind) for j in items)
        return Gold(story.name, story.primary.file, (measure,), tuple(GoldDocument(f, True, False) for f in files),
                    frozenset(), located if measure == "quotes" else (), located if measure == "claims" else (),
                    located if measure == "numbers" else ())

    claims = []
    if by["claims"]:
        sentences = {(j.file, c.sentence) for j in by["claims"] for c in analysis.article(j.file).claims.claims
                     if _overlap(c.span, j.span)}
        claims = [e for e in gold_examples(analysis, gold("claims", by["claims"]), plain)
                  if (e.file, e.sentence) in sentences]
    quotes = quote_training.quote_examples(analysis, gold("quotes", by["quotes"])) if by["quotes"] else []
    figures = []
    for found in (figure_training.figure_examples(analysis, gold("numbers", by["numbers"]), plain)
                  if by["numbers"] else []):
        spans = [j.span for j in by["numbers"] if j.file == found.file]
        labels = tuple(label if any(_overlap(item.figure.span, s) for s in spans) else None
                       for item, label in zip(found.items, found.labels))
        figures.append(replace(found, labels=labels))
    events = [event_training.EventExample(story.name, j.file, dict(analysis.article(j.file).event.features), j.label)
              for j in by["documents"]]
    return Examples(claims, quotes, figures, events)


def _judged_examples_of(judged: Judged):
    def examples(analysis, settings: Settings) -> Examples:
        return _judged_examples(analysis, judged, settings)

    return examples


def _decide(analysis, own: Examples, train: Examples, settings: Settings, plain: Settings):
    """``analysis`` decided by the models fitted on ``train``, where the settings use a model."""
    if settings.figures_label_model != RULES and train.figures:
        analysis = figure_training.relabel_figures(analysis, own.figures, figure_training.fold_decider(train.figures))
    if settings.event_model != RULES and len({e.label for e in train.events}) == 2:
        analysis = event_training.relabel_events(analysis, event_training.fold_decider(train.events))
    if settings.claims_label_model != RULES:
        analysis = relabel(analysis, claim_fold_decider(train.claims), plain)
    if settings.quotes_label_model != RULES:
        analysis = quote_training.relabel_quotes(analysis, quote_training.fold_decider(train.quotes))
    return analysis


def _unit_label(analysis, judgement: Judgement) -> str | None:
    """The label ``analysis`` gives the judged unit (None: it no longer finds it)."""
    article = analysis.article(judgement.file)
    if article is None:
        return None
    if judgement.measure == "documents":
        return "same" if article.event.same_event else "different"
    records = {"quotes": article.quotes.quotes, "claims": article.claims.claims,
               "numbers": article.figures.figures}[judgement.measure]
    best = max(records, key=lambda r: _overlap(r.span, judgement.span), default=None)
    if best is None or not _overlap(best.span, judgement.span):
        return None
    return best.label or ("match" if judgement.measure == "numbers" else None)


def tally(pairs: Sequence[tuple[object, Judged]]) -> dict[str, Tally]:
    """For each measure, the judged units that the analyses label as the coder did."""
    agree = dict.fromkeys(MEASURES, 0)
    total = dict.fromkeys(MEASURES, 0)
    for analysis, judged in pairs:
        for judgement in judged.judgements:
            total[judgement.measure] += 1
            agree[judgement.measure] += _unit_label(analysis, judgement) == judgement.label
    return {m: Tally(agree[m], total[m]) for m in MEASURES}


def _shown(scores: Scores) -> dict[str, dict[str, float | None]]:
    return {measure: {metric: scores[measure][metric] for m, metric in SHOWN if m == measure}
            for measure in dict.fromkeys(m for m, _ in SHOWN)}


def _evidence(analysis, plain: Settings) -> Examples:
    """A story's figure evidence for every article (what a fold relabels), no labels."""
    story = analysis.story
    every = Gold(story.name, story.primary.file, ("numbers",),
                 tuple(GoldDocument(d.file, True, False) for d in story.coverage), frozenset(), (), (), ())
    return Examples([], [], figure_training.figure_examples(analysis, every, plain), [])


def progress_lines(gold: int, judged: int) -> int:
    """How many progress lines ``adapt`` gives for ``gold`` gold stories and ``judged`` judged ones."""
    folds = 3 * gold + 2 * judged + 1      # analysing each story, then each fold, before and after
    stages = 2 * (gold + judged) + 2       # the two stages of the files (``fit_in_stages``)
    return folds + stages


def adapt(gold: Sequence[tuple[object, Gold]], judged: Sequence[Judged], settings: Settings, *,
          current: dict[str, object], analyse=None, progress: Callable[[str], None] = lambda _: None) -> Adaptation:
    """Leave-one-story-out before and after adding ``judged`` to ``gold``, and the files fitted on both.

    ``current`` maps each judged story's name to its analysis by the models in
    use now: the "before" of the judged units (what the coder saw). A story
    left out takes out everything made from it: its gold and its judgements.

    Raises:
        ValueError: nothing judged, or the gold and judgements give too few labels to fit a model.
    """
    from analysis.pipeline import analyse_story

    judged = [j for j in judged if j.judgements]
    if not judged:
        raise ValueError("no judged units: review some marks first")
    if not gold:
        raise ValueError("no gold stories to add the judgements to")
    analyse = analyse or analyse_story
    plain = plain_settings(settings)
    from_gold: dict[str, Examples] = {}
    from_judged: dict[str, Examples] = {}
    gold_analyses, judged_analyses = [], []   # (analysis, its figure evidence)
    for story, found in gold:
        progress(f"analysing {story.name}")
        analysis = analyse(story, plain)
        gold_analyses.append((analysis, _evidence(analysis, plain)))
        from_gold[story.name] = gold_examples_of(found)(analysis, plain)
    for item in judged:
        progress(f"analysing {item.story.name}")
        analysis = analyse(item.story, plain)
        judged_analyses.append((analysis, _evidence(analysis, plain)))
        from_judged[item.story.name] = join([from_judged.get(item.story.name, NO_EXAMPLES),
                                              _judged_examples(analysis, item, plain)])

    def train_without(name: str, sources: Sequence[dict[str, Examples]]) -> Examples:
        return join([found for source in sources for key, found in sorted(source.items()) if key != name])

    def side(sources: Sequence[dict[str, Examples]], label: str) -> list:
        scored = []
        for (story, found), (analysis, evidence) in zip(gold, gold_analyses):
            progress(f"{label}: fitting without {story.name}")
            train = train_without(story.name, sources)
            scored.append((_decide(analysis, evidence, train, settings, plain), found))
        return scored

    before_gold = side([from_gold], "before")
    after_gold = side([from_gold, from_judged], "after")
    after_judged = []
    for item, (analysis, evidence) in zip(judged, judged_analyses):
        progress(f"after: fitting without {item.story.name}")
        train = train_without(item.story.name, [from_gold, from_judged])
        after_judged.append((_decide(analysis, evidence, train, settings, plain), item))
    before = Figures(_shown(pooled_score(before_gold)), tally([(current[j.story.name], j) for j in judged]))
    after = Figures(_shown(pooled_score(after_gold)), tally(after_judged))

    progress("fitting the models on all the gold and all your judgements")
    plain_analyses = {(analysis.story.name, id(analysis.story)): analysis
                      for analysis, _ in (*gold_analyses, *judged_analyses)}

    def analysed(story, staged: Settings):
        """The stages' analyses: the first (the rules deciding) is the one made above."""
        known = plain_analyses.get((story.name, id(story)))
        return known if known is not None and staged == plain else analyse(story, staged)

    sources = [(story, gold_examples_of(found)) for story, found in gold]
    sources += [(item.story, _judged_examples_of(item)) for item in judged]
    files = fit_in_stages(sources, settings, rules_from=settings, analyse=analysed, progress=progress).files
    learned = {m: sum(1 for j in judged for u in j.judgements if u.measure == m) for m in MEASURES}
    return Adaptation(tuple(s.name for s, _ in gold), tuple(j.story.name for j in judged), learned,
                      before, after, files)
