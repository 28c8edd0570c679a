"""corpus.story: manifests are validated on load, with one clear line per problem."""

import pytest

from corpus import InputError, load_story
from tests.conftest import ARTICLE_TEXT, PRIMARY_TEXT, make_story

FILES = {"p.txt": PRIMARY_TEXT, "a.txt": ARTICLE_TEXT}


def test_embedded_stories_load(broken_heart, dev_harbor):
    assert broken_heart.primary.file == "000_b6eabe6e1681abfa.txt"
    assert [d.file for d in broken_heart.coverage] == [
        "001_9a08f04c2a9c1510.txt", "002_084aca6c5880089b.txt",
        "003_06b5e57457d8abd4.txt", "004_58a94a88732c0ce4.txt"]
    assert [d.outlet for d in broken_heart.documents] == [
        "U.S. Department of Justice", "Government Executive", "unknown",
        "Daily Caller News Foundation", "SOFREP"]
    assert dev_harbor.primary.file == "primary.txt" and len(dev_harbor.coverage) == 6


def test_reference_sheet_is_structured(broken_heart):
    (reference,) = broken_heart.references
    assert reference.year == 2018 and reference.months == (3, 4, 5)
    assert reference.officials == ("Jeff Sessions",)
    arrests = next(f for f in reference.figures if f.counted == "arrests")
    assert (arrests.value, arrests.qualifier) == (2300, "more than")


def test_seed_texts_are_unchanged(broken_heart):
    # The seeds are kept byte for byte; loading only normalises line ends and NFC.
    for document in broken_heart.documents:
        raw = (broken_heart.directory / document.file).read_bytes().decode("utf-8")
        assert document.text == raw


@pytest.mark.parametrize("manifest, message", [
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[document]]\nfile = "p.txt"\nrole = "coverage"\n',
     "document id 'p.txt' is listed twice"),
    ('[[document]]\nfile = "a.txt"\nrole = "coverage"\n', "needs exactly one primary document (found none)"),
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[document]]\nfile = "a.txt"\nrole = "primary"\n',
     "needs exactly one primary document (found p.txt, a.txt)"),
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[document]]\nfile = "a.txt"\nrole = "opinion"\n',
     "role 'opinion' is not one of"),
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[document]]\nfile = "gone.txt"\nrole = "coverage"\n',
     "names 'gone.txt', which is not in"),
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\nauthor = "x"\n', "unknown field 'author'"),
    ('[story\nname = 1', "is not valid TOML"),
    ('[story]\nname = "x"\n', "lists no [[document]]"),
    ('[[document]]\nfile = "../p.txt"\nrole = "primary"\n', "must be a plain file name"),
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[reference]]\nfile = "ref.toml"\n',
     "names reference 'ref.toml'"),
])
def test_bad_manifests(tmp_path, manifest, message):
    story = make_story(tmp_path / "s", manifest, FILES)
    with pytest.raises(InputError) as caught:
        load_story(story)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(story / "story.toml"))


def test_missing_folder_and_manifest(tmp_path):
    with pytest.raises(InputError, match="no such story folder"):
        load_story(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no manifest"):
        load_story(tmp_path / "empty")


def test_bad_text_named_by_file(tmp_path):
    files = dict(FILES, **{"a.txt": b"\xff\xfe latin"})
    story = make_story(tmp_path / "s", '[[document]]\nfile = "p.txt"\nrole = "primary"\n'
                       '[[document]]\nfile = "a.txt"\nrole = "coverage"\n', files)
    with pytest.raises(InputError, match=r"a\.txt: is not UTF-8"):
        load_story(story)


def test_bad_reference_sheet(tmp_path):
    files = dict(FILES, **{"ref.toml": '[event]\nid = "x"\nname = "x"\nyear = 2018\n[[figure]]\nquantity = "q"\ntext = "t"\nvalue = "many"\n'})
    story = make_story(tmp_path / "s", '[[document]]\nfile = "p.txt"\nrole = "primary"\n[[reference]]\nfile = "ref.toml"\n', files)
    with pytest.raises(InputError, match=r"ref\.toml: figure\[0\]\.value must be a number"):
        load_story(story)
