"""analysis.parallel: the same analyses, in the same order, whatever runs them."""

import pickle

import pytest

from analysis.parallel import DaskRunner, LocalRunner, SerialRunner, analyse_stories, runner
from analysis.pipeline import analyse_story
from reports.results_json import dumps, results


def _json(analyses):
    return [dumps(results(analysis)) for analysis in analyses]


@pytest.fixture(scope="module")
def stories(dev_harbor, broken_heart):
    return [dev_harbor, broken_heart]


@pytest.fixture(scope="module")
def expected(stories):
    return _json(analyse_story(story) for story in stories)


@pytest.mark.parametrize("chunk", [1, 4, 100])  # 1 and 4 split both stories into article chunks
def test_serial_runs_match_analyse_story(stories, expected, chunk):
    assert _json(analyse_stories(stories, run=SerialRunner(), chunk=chunk)) == expected


@pytest.mark.parametrize("chunk", [2, 100])
def test_worker_processes_give_identical_results(stories, expected, chunk):
    assert _json(analyse_stories(stories, run=LocalRunner(jobs=2), chunk=chunk)) == expected


def test_joblib_processes_where_the_system_cannot_fork(stories, expected, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert _json(analyse_stories(stories, run=LocalRunner(jobs=2), chunk=2)) == expected


def test_dask_cluster_gives_identical_results(stories, expected):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with runner(dask=cluster.scheduler_address) as run:
            assert isinstance(run, DaskRunner)
            assert _json(analyse_stories(stories, run=run, chunk=3)) == expected
            assert _json(analyse_stories(stories[::-1], run=run)) == expected[::-1]


def test_analyses_pickle_to_equal_objects(stories):
    analysis = analyse_story(stories[0])
    again = pickle.loads(pickle.dumps(analysis))
    assert dumps(results(again)) == dumps(results(analysis))


def test_results_stream_in_input_order(stories, dev_harbor):
    names = [a.story.name for a in analyse_stories([dev_harbor, *stories], chunk=2)]
    assert names == ["dev_harbor", "dev_harbor", "broken_heart"]


def test_progress_hears_every_story(stories):
    heard = []
    list(analyse_stories(stories, chunk=5, progress=heard.append))
    assert any("dev_harbor: 6 articles in chunks of 5" in line for line in heard)
    assert any("broken_heart: 4 articles done" in line for line in heard)


@pytest.mark.parametrize("jobs, kind", [(1, SerialRunner), (2, LocalRunner), (-1, LocalRunner), (None, LocalRunner)])
def test_runner_for_jobs(jobs, kind):
    with runner(jobs) as run:
        assert type(run) is kind


def test_no_stories_and_bad_chunk():
    assert list(analyse_stories([])) == []
    with pytest.raises(ValueError, match="chunk"):
        list(analyse_stories([], chunk=0))


def _threshold(_shared, _item):
    import gc

    return gc.get_threshold()[0]


def test_the_pool_restores_garbage_collection_when_it_ends():
    import gc

    before = gc.get_threshold()
    in_workers = list(LocalRunner(2).map(_threshold, None, [0, 1]))
    assert all(t > before[0] for t in in_workers)  # the workers collect less often while the pool runs
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def _loaded(_shared, _item):
    from analysis.measures import readability
    from analysis.text import embedding

    return embedding._model.cache_info().currsize, readability._english.cache_info().currsize


def test_forked_workers_inherit_what_analyses_load_on_first_use():
    import multiprocessing

    from analysis import pipeline
    from analysis.measures import readability
    from analysis.text import embedding

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("workers are forked only where the system can fork")
    for cache in (pipeline.warm_up, embedding._model, readability._english):
        cache.cache_clear()
    assert list(LocalRunner(2).map(_loaded, None, [0, 1])) == [(1, 1), (1, 1)]  # loaded before the fork
