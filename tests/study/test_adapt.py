"""Refitting on a coder's judgements (analysis.study.adapt): only judged units are learned, folds leave stories out."""

from __future__ import annotations

import pytest

from analysis.pipeline import analyse_story
from analysis.settings import DEFAULT
from analysis.study import adapt as adapting
from analysis.study.adapt import Judged, Judgement, Tally, adapt, plain_settings, progress_lines, tally
from analysis.study.training import load_gold_story
from corpus import load_story
from tests.conftest import DEV_HARBOR, EMBEDDED

GOLD = (EMBEDDED / "holdout_airline", EMBEDDED / "holdout_schools")


@pytest.fixture(scope="module")
def harbor():
    story = load_story(DEV_HARBOR)
    return story, analyse_story(story, plain_settings(DEFAULT))


def _unit(analysis, file: str, measure: str, index: int):
    article = analysis.article(file)
    return {"claims": article.claims.claims, "quotes": article.quotes.quotes,
            "numbers": article.figures.figures}[measure][index]


def test_only_the_judged_units_become_training_examples(harbor):
    story, analysis = harbor
    claim = _unit(analysis, "a02.txt", "claims", 2)
    figure = _unit(analysis, "a02.txt", "numbers", 0)
    judged = Judged(story, (Judgement("a02.txt", "claims", claim.span, "contradicted"),
                            Judgement("a02.txt", "numbers", figure.span, "unsourced"),
                            Judgement("a03.txt", "documents", (0, 0), "different")))
    found = adapting._judged_examples(analysis, judged, plain_settings(DEFAULT))
    assert [(e.file, e.sentence, e.label) for e in found.claims] == [("a02.txt", claim.sentence, "contradicted")]
    labelled = [(a.file, item.figure.span, label) for a in found.figures for item, label in zip(a.items, a.labels)
                if label]
    assert labelled == [("a02.txt", figure.span, "unsourced")]     # every other figure of the article: not learned
    assert [(e.file, e.label) for e in found.events] == [("a03.txt", "different")]
    assert found.quotes == []


def test_tally_counts_the_units_labelled_as_the_coder_did(harbor):
    story, analysis = harbor
    claim = _unit(analysis, "a02.txt", "claims", 2)
    same = analysis.article("a02.txt").event.same_event
    judged = Judged(story, (Judgement("a02.txt", "claims", claim.span, claim.label),
                            Judgement("a02.txt", "claims", claim.span, "contradicted" if claim.label != "contradicted"
                                      else "added"),
                            Judgement("a02.txt", "documents", (0, 0), "same" if same else "different")))
    found = tally([(analysis, judged)])
    assert found["claims"] == Tally(1, 2) and found["documents"] == Tally(1, 1) and found["quotes"] == Tally(0, 0)
    assert found["claims"].share == 0.5 and found["quotes"].share is None


def test_nothing_judged_is_refused(harbor):
    story, _ = harbor
    with pytest.raises(ValueError, match="no judged units"):
        adapt([], [Judged(story, ())], DEFAULT, current={})


def test_before_and_after_leave_each_story_out_and_the_files_are_reproducible(harbor):
    story, analysis = harbor
    gold = [load_gold_story(d) for d in GOLD]
    claims = analysis.article("a02.txt").claims.claims
    judged = [Judged(story, tuple(Judgement("a02.txt", "claims", c.span, "contradicted") for c in claims[:6]))]
    current = {story.name: analysis}
    seen, analysed = [], []

    def analyse(story, settings):
        analysed.append(settings)
        return analyse_story(story, settings)

    first = adapt(gold, judged, DEFAULT, current=current, progress=seen.append, analyse=analyse)
    second = adapt(gold, judged, DEFAULT, current=current)
    assert first.files == second.files                                   # deterministic, byte for byte
    assert set(first.files) >= {"claims_label.json", "claims_kind.json", "quotes_label.json", "figures_label.json"}
    assert first.gold_stories == ("holdout_airline", "holdout_schools") and first.judged_stories == ("dev_harbor",)
    assert first.learned == {"quotes": 0, "claims": 6, "numbers": 0, "documents": 0}
    assert "after: fitting without dev_harbor" in seen and "before: fitting without holdout_airline" in seen
    assert len(seen) == progress_lines(len(gold), len(judged))        # the refit's progress bar counts them
    # The claims models are fitted on analyses made with the event, figure and quotation models fitted in the same
    # run (analysis.study.stages), each story's first analysis (the rules deciding) made once; the cleaning is the
    # settings' (a refit does not refit the line models).
    plain = plain_settings(DEFAULT)
    assert analysed[:3] == [plain] * 3 and len(analysed) == 6
    for settings in analysed[3:]:
        assert "sourcedrift-train-" in settings.figures_label_model and "sourcedrift-train-" in settings.event_model
        assert settings.quotes_label_model == DEFAULT.quotes_label_model == "rules"   # the rules in use stay
        assert settings.claims_label_model == "rules"
        assert settings.boilerplate_model == DEFAULT.boilerplate_model
    # Before: what the models in use said (the plain analysis here); after: fitted on the gold and the other judged
    # stories only, and there are none, so the six judgements never reach their own fold.
    assert first.before.judged["claims"] == tally([(analysis, judged[0])])["claims"]
    assert first.after.judged["claims"].total == 6
    for side in (first.before, first.after):
        assert set(side.gold_pooled) == {"claims", "quotes", "numbers", "documents"}
        assert all(v is None or 0 <= v <= 1 for metrics in side.gold_pooled.values() for v in metrics.values())
