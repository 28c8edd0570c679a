"""analysis.pipeline: the registry of measures, read by everyone, and the one caller of the measures."""

from __future__ import annotations

from dataclasses import fields

import pytest

from analysis import pipeline
from analysis.measures import figures
from analysis.pipeline import MEASURES, ArticleAnalysis, analyse_story, measure
from analysis.records import EventCheck
from analysis.study import agreement, evaluate
from reports import view

PRODUCED_ELSEWHERE = {"document", "cleaning"}  # the story's documents and the readers' cleaning


def test_every_record_of_an_article_is_produced_by_one_registered_measure():
    produced = [entry.produces for entry in MEASURES]
    assert len(produced) == len(set(produced))
    assert set(produced) | PRODUCED_ELSEWHERE == {f.name for f in fields(ArticleAnalysis)}


def test_a_measure_needs_only_records_that_exist_before_it_runs():
    known = {f.name for f in fields(ArticleAnalysis)} | {"primary", "story"}
    for entry in MEASURES:
        assert set(entry.needs) <= known, entry.name
        assert entry.produces not in entry.needs, entry.name


def test_the_registry_is_the_list_reports_evaluate_and_agreement_read():
    assert view.MEASURES == tuple(entry.name for entry in MEASURES)
    assert view.ready_measures() == frozenset(entry.name for entry in MEASURES)  # all implemented
    for entry in MEASURES:
        if entry.metrics:
            assert evaluate.METRICS[entry.name] == entry.metrics
    assert agreement.MEASURES == ("quotes", "claims", "numbers")
    assert evaluate.METRICS["agreement"] == ("quotes_alpha", "claims_alpha", "numbers_alpha")


def test_measure_by_name():
    assert measure("numbers").module is figures and measure("numbers").produces == "figures"
    with pytest.raises(KeyError):
        measure("no such measure")


def test_the_event_check_is_handed_a_figure_check_per_event_and_never_runs_one(broken_heart, monkeypatch):
    calls: list[EventCheck] = []
    check = figures.check

    def counted(*args, **kwargs):
        calls.append(args[5])
        return check(*args, **kwargs)

    monkeypatch.setattr(figures, "check", counted)
    story = broken_heart
    analysis = analyse_story(story)
    per_article = 1 + len(story.references) + 1  # each hypothesis, then the verdict's
    assert len(calls) == per_article * len(story.coverage)
    assumed = calls[:1 + len(story.references)]
    assert assumed == [EventCheck.assumed(), *(EventCheck.assumed(r) for r in story.references)]
    assert [a.event.same_event for a in analysis.articles] == [False] * len(story.coverage)


def test_check_event_is_the_pipelines_event_check(dev_harbor):
    analysis = analyse_story(dev_harbor)
    primary = analysis.primary
    article = analysis.articles[4]  # a05.txt reports another edition of the sweep
    from analysis.measures import alignment, quotes

    bodies = [a.cleaning.body for a in analysis.articles]
    model = alignment.fit(primary.cleaning.body, bodies)
    quote_report = quotes.analyse_story(primary.cleaning.body, bodies)[1][4]
    again = pipeline.check_event(article.cleaning.body, primary.cleaning.body, alignment.align(article.cleaning.body, model),
                                 dev_harbor.references, found=figures.extract(article.cleaning.body),
                                 primary_figures=primary.figures, quote_report=quote_report,
                                 published=(article.document.published, primary.document.published))
    assert again == article.event and again.same_event is False
