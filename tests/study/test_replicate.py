"""analysis.study.replicate and ``sourcedrift replicate``: one configuration, one command, same bytes."""

import json
import sys
import types
from pathlib import Path

import pytest

from sourcedrift.cli import main
from analysis.study.replicate import load_config, load_study
from corpus import EMBEDDED, InputError
from tests.conftest import ARTICLE_TEXT, PRIMARY_TEXT, SIMPLE_MANIFEST, make_story

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "study.toml"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def no_bundle(monkeypatch):
    """For tests of replicate's own files; the bundle writer is tested on the example study."""
    monkeypatch.setitem(sys.modules, "reports.bundle", None)


def test_example_study_twice_gives_identical_bytes(tmp_path, capsys):
    assert main(["replicate", str(EXAMPLE), "-o", str(tmp_path / "one"), "-q"]) == 0
    assert main(["replicate", str(EXAMPLE), "-o", str(tmp_path / "two"), "-q", "--jobs", "1"]) == 0
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one == two
    assert {"stories/broken_heart/results.json", "stories/dev_harbor/agreement.json",
            "stories/dev_harbor/results.json", "study.json", "study.toml", "manifest.json"} <= set(one)
    assert one["study.toml"] == EXAMPLE.read_bytes()
    manifest = json.loads(one["manifest.json"])
    assert manifest["stories"] == ["dev_harbor", "broken_heart"]
    assert manifest["configuration"]["study"]["name"] == "corpus-demo"
    assert manifest["configuration"]["settings"]["match_min_score"] == 0.1  # effective settings, in full
    summary = json.loads(one["study.json"])
    assert [(s["name"], s["articles"]) for s in summary["stories"]] == [("dev_harbor", 6), ("broken_heart", 4)]
    assert str(tmp_path) not in "".join(v.decode("utf-8") for v in one.values())  # no machine paths
    assert "study corpus-demo: 2 stories, 10 articles" in capsys.readouterr().out


POOL_PRIMARIES = {
    "harbor.txt": PRIMARY_TEXT,
    "grants.txt": "The Department of Education awarded $12 million in literacy grants to 48 rural school "
                  "districts, Secretary Maria Lindqvist announced on Tuesday.\n",
}
POOL_ARTICLES = {
    "x1.txt": ARTICLE_TEXT,
    "x2.txt": "Rural schools win literacy money: 48 districts share $12 million in grants, Lindqvist said.\n",
    "x3.txt": "The Hornets beat the Rams 3-1 in the cup final on Saturday night.\n",
}


def study_folder(tmp_path: Path, extra: str = "", *, folder: bool = True) -> Path:
    """A config beside a story, a folder of stories and a pool, all small."""
    make_story(tmp_path / "tiny", SIMPLE_MANIFEST, {"p.txt": PRIMARY_TEXT, "a.txt": ARTICLE_TEXT})
    for name in ("s1", "s2"):
        make_story(tmp_path / "many" / name, SIMPLE_MANIFEST.replace('"tiny"', f'"{name}"'),
                   {"p.txt": PRIMARY_TEXT, "a.txt": ARTICLE_TEXT})
    for sub, files in (("releases", POOL_PRIMARIES), ("articles", POOL_ARTICLES)):
        (tmp_path / "pool" / sub).mkdir(parents=True)
        for name, text in files.items():
            (tmp_path / "pool" / sub / name).write_text(text, encoding="utf-8")
    config = tmp_path / "study.toml"
    config.write_text(
        '[study]\nname = "small"\noutput = "out"\n\n[run]\nchunk = 1\n\n'
        '[[story]]\npath = "tiny"\n\n'
        + ('[[folder]]\npath = "many"\n\n' if folder else "")
        + '[[pool]]\nname = "wires"\nprimaries = "pool/releases"\narticles = "pool/articles"\n' + extra,
        encoding="utf-8")
    return config


def test_stories_folders_and_pools(tmp_path, no_bundle):
    config = study_folder(tmp_path)
    assert main(["replicate", str(config), "-q", "--jobs", "2"]) == 0
    files = tree(tmp_path / "out")
    assert sorted(files) == [
        "pools/wires/matching.json", "stories/s1/results.json", "stories/s2/results.json",
        "stories/tiny/results.json", "stories/wires-grants/results.json", "stories/wires-harbor/results.json",
        "study.json", "study.toml"]
    summary = json.loads(files["study.json"])
    assert [(s["name"], s["source"], s["articles"]) for s in summary["stories"]] == [
        ("tiny", "story", 1), ("s1", "folder", 1), ("s2", "folder", 1),
        ("wires-grants", "pool wires", 1), ("wires-harbor", "pool wires", 1)]
    (pool,) = summary["pools"]
    assert {k: v for k, v in pool.items() if k != "inputs"} == {
        "articles": 3, "matching": "pools/wires/matching.json", "name": "wires", "primaries": 2, "unmatched": 1}
    assert [entry["path"] for entry in pool["inputs"]] == [
        "primaries/grants.txt", "primaries/harbor.txt", "articles/x1.txt", "articles/x2.txt", "articles/x3.txt"]
    matching = json.loads(files["pools/wires/matching.json"])
    assert [(m["article"], m["primary"]) for m in matching["matches"]] == [
        ("x1.txt", "harbor.txt"), ("x2.txt", "grants.txt"), ("x3.txt", None)]
    # A second run, serial this time, over the first: the same bytes.
    assert main(["replicate", str(config), "-q", "--jobs", "1"]) == 0
    assert tree(tmp_path / "out") == files


def test_the_bundle_writer_is_called_when_present(tmp_path, monkeypatch):
    calls = []

    def write_bundle(analyses, out, config):
        calls.append(([a.story.name for a in analyses], config["study"]["name"]))
        (out / "MANIFEST.txt").write_text("bundle\n", encoding="utf-8")
        return [out / "MANIFEST.txt"]

    monkeypatch.setitem(sys.modules, "reports.bundle", types.SimpleNamespace(write_bundle=write_bundle))
    config = study_folder(tmp_path, folder=False)
    assert main(["replicate", str(config), "-q", "--jobs", "1"]) == 0
    assert calls == [(["tiny", "wires-grants", "wires-harbor"], "small")]
    assert (tmp_path / "out" / "MANIFEST.txt").is_file()
    assert json.loads((tmp_path / "out" / "study.json").read_text())["bundle"] is True


def test_bundle_false_skips_the_writer(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "reports.bundle",
                        types.SimpleNamespace(write_bundle=lambda *a: pytest.fail("bundle written")))
    config = study_folder(tmp_path, folder=False)
    config.write_text(config.read_text().replace('output = "out"', 'output = "out"\nbundle = false'))
    assert main(["replicate", str(config), "-q", "--jobs", "1"]) == 0


def test_an_error_while_running_leaves_nothing_behind(tmp_path, capsys, no_bundle):
    config = study_folder(tmp_path, folder=False)
    (tmp_path / "codes.csv").write_text(
        "coder,file,text,measure,label\n"
        "ann,a.txt,Inspectors found,claims,added\n"
        "ann,a.txt,at 12 ports,claims,supported\n", encoding="utf-8")   # one sentence, two labels
    config.write_text(config.read_text().replace('path = "tiny"\n', 'path = "tiny"\ncoders = "codes.csv"\n'))
    assert main(["replicate", str(config), "-q", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "codes.csv: lines 2 and 3: coder 'ann' gives one claims unit two labels" in err
    assert tree(tmp_path / "out") == {}


CONFIG_ERRORS = [
    ('[study]\nname = "x"\n[[story]]\npath = "tiny"\n[extra]\n', "unknown table [extra]"),
    ('[[story]]\npath = "tiny"\n', "has no [study] table"),
    ('[study]\noutput = "o"\n[[story]]\npath = "tiny"\n', "[study]: name is required"),
    ('[study]\nname = 3\n[[story]]\npath = "tiny"\n', "[study]: name must be a string, not 3"),
    ('[study]\nname = "x"\nbundle = "yes"\n[[story]]\npath = "tiny"\n', "bundle must be true or false"),
    ('[study]\nname = "x"\n', "lists no [[story]], [[folder]] or [[pool]]"),
    ('[study]\nname = "x"\n[[story]]\npath = "nowhere"\n', "[[story]] 1: 'nowhere' is not a folder"),
    ('[study]\nname = "x"\n[[story]]\npath = "tiny"\ncoders = "none.csv"\n', "coders file 'none.csv' does not exist"),
    ('[study]\nname = "x"\n[[story]]\npath = "tiny"\ncolour = 1\n', "[story] has unknown key 'colour'"),
    ('[study]\nname = "x"\n[story]\npath = "tiny"\n', "[story] must be written [[story]]"),
    ('[study]\nname = "x"\n[run]\njobs = 0\n[[story]]\npath = "tiny"\n', "jobs must not be 0"),
    ('[study]\nname = "x"\n[run]\njobs = true\n[[story]]\npath = "tiny"\n', "jobs must be an integer"),
    ('[study]\nname = "x"\n[run]\nchunk = 0\n[[story]]\npath = "tiny"\n', "chunk must be at least 1"),
    ('[study]\nname = "x"\n[settings]\nnope = 1\n[[story]]\npath = "tiny"\n', "unknown setting 'nope'"),
    ('[study]\nname = "x"\n[settings]\nmatch_min_score = "high"\n[[story]]\npath = "tiny"\n',
     "[settings] setting match_min_score must be a number from 0 to 1, not 'high'"),
    ('[study]\nname = "../up"\n[[story]]\npath = "tiny"\n', "[study]: name '../up' cannot name a folder"),
    ('[study]\nname = "x"\n[[pool]]\nname = "a/b"\nprimaries = "tiny"\narticles = "tiny"\n', "cannot name a folder"),
    ('[study]\nname = "x"\noutput = "o"\n[[story]]\npath = "tiny"\n[[story]]\npath = "tiny"\n', "two stories are named 'tiny'"),
    ('[study]\nname = "x"\noutput = "o"\n[[folder]]\npath = "tiny"\n', "holds no story folder"),
    ('[study]\nname = "x"\n[[story]]\npath = "tiny"\n', "names no output folder"),
    ('[study\n', "is not valid TOML"),
]


@pytest.mark.parametrize("text, message", CONFIG_ERRORS)
def test_bad_configuration_gives_one_line_naming_the_file(tmp_path, capsys, text, message):
    make_story(tmp_path / "tiny", SIMPLE_MANIFEST, {"p.txt": PRIMARY_TEXT, "a.txt": ARTICLE_TEXT})
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    assert main(["replicate", str(config), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sourcedrift: {config}: ") and message in err
    assert err.count("\n") == 1


def test_config_paths_are_relative_to_the_file(tmp_path, monkeypatch):
    config = study_folder(tmp_path)
    monkeypatch.chdir(EMBEDDED)  # anywhere else
    loaded = load_config(config)
    assert loaded.output == tmp_path / "out" and loaded.chunk == 1 and loaded.jobs is None
    study = load_study(loaded)
    assert [s.story.name for s in study.stories] == ["tiny", "s1", "s2", "wires-grants", "wires-harbor"]


def test_settings_from_the_configuration_reach_the_analysis(tmp_path):
    config = study_folder(tmp_path, '\n[settings]\nmatch_min_score = 1\n', folder=False)
    loaded = load_config(config)
    assert loaded.settings.match_min_score == 1.0 and isinstance(loaded.settings.match_min_score, float)
    assert [s.story.name for s in load_study(loaded).stories] == ["tiny"]  # nothing in the pool matches


def test_unreachable_dask_scheduler_is_one_line(tmp_path, capsys):
    pytest.importorskip("distributed")
    config = study_folder(tmp_path, folder=False)
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert main(["replicate", str(config), "-q", "--dask", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sourcedrift: tcp://127.0.0.1:9: no Dask scheduler answers there")
    assert not (tmp_path / "out").exists() or tree(tmp_path / "out") == {}


def test_missing_config_file(tmp_path, capsys):
    assert main(["replicate", str(tmp_path / "none.toml")]) == 2
    assert "none.toml: no such file" in capsys.readouterr().err


def test_load_config_raises_input_error(tmp_path):
    with pytest.raises(InputError):
        load_config(tmp_path / "none.toml")


def test_a_pool_text_that_leads_out_of_its_folder_is_refused(tmp_path, capsys):
    (tmp_path / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    for folder, text in (("primaries", PRIMARY_TEXT), ("articles", ARTICLE_TEXT)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "articles" / "two.txt").symlink_to(tmp_path / "secret.txt")
    assert main(["match", str(tmp_path / "primaries"), str(tmp_path / "articles")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'two.txt' leads through a symbolic link to" in err[0]
