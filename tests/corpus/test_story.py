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
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\nauthor = "x"\n', "document 1: unknown key 'author' (known: "),
    ('[story\nname = 1', "is not valid TOML"),
    ('[story]\nname = "x"\n', "lists no [[document]]"),
    ('[[document]]\nfile = "../p.txt"\nrole = "primary"\n', "document 1: '../p.txt' climbs out of the folder"),
    ('[[document]]\nfile = "/etc/passwd"\nrole = "primary"\n', "document 1: '/etc/passwd' is an absolute path"),
    ('[[document]]\nfile = "sub/p.txt"\nrole = "primary"\n', "must be a plain file name"),
    ('title = "x"\n[[document]]\nfile = "p.txt"\nrole = "primary"\n',
     "the manifest: unknown key 'title' (known: document, reference, story)"),
    ('[story]\nname = "x"\nauthor = "y"\n[[document]]\nfile = "p.txt"\nrole = "primary"\n',
     "[story]: unknown key 'author' (known: name, title)"),
    ('reference = "abc"\n[[document]]\nfile = "p.txt"\nrole = "primary"\n',
     "reference must be written [[reference]] with a table per entry, not str 'abc'"),
    ('reference = ["abc"]\n[[document]]\nfile = "p.txt"\nrole = "primary"\n',
     "reference 1 must be a table ([[reference]] with file = ...), not 'abc'"),
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[reference]]\nfile = "../ref.toml"\n',
     "reference 1: '../ref.toml' climbs out of the folder"),
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[reference]]\nfile = "/etc/ref.toml"\n',
     "reference 1: '/etc/ref.toml' is an absolute path"),
    ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[document]]\nid = "again"\nfile = "p.txt"\n'
     'role = "coverage"\n', "document 2: 'p.txt' is the file document 1 already lists (list each text once)"),
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


def test_symlinks_out_of_the_story_are_refused(tmp_path):
    """A shared story folder must never copy a local file (here a stand-in for /etc/passwd) into a handout."""
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "ref.toml").write_text('[event]\nid = "x"\nname = "x"\nyear = 2018\n', encoding="utf-8")
    manifests = {
        "article": ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[document]]\nfile = "a.txt"\n'
                    'role = "coverage"\n', "document 2: 'a.txt' leads through a symbolic link to"),
        "reference": ('[[document]]\nfile = "p.txt"\nrole = "primary"\n[[reference]]\nfile = "linked/ref.toml"\n',
                      "reference 1: 'linked/ref.toml' leads through a symbolic link to"),
    }
    for name, (manifest, message) in manifests.items():
        story = make_story(tmp_path / name, manifest, FILES)
        (story / "a.txt").unlink(missing_ok=True)
        (story / "a.txt").symlink_to(secret)
        (story / "linked").symlink_to(outside, target_is_directory=True)
        with pytest.raises(InputError) as caught:
            load_story(story)
        assert message in str(caught.value) and "outside the folder" in str(caught.value)
        assert "\n" not in str(caught.value)


def test_a_symlinked_manifest_leading_out_is_refused(tmp_path):
    story = make_story(tmp_path / "s", "", FILES)
    elsewhere = tmp_path / "other.toml"
    elsewhere.write_text('[[document]]\nfile = "p.txt"\nrole = "primary"\n', encoding="utf-8")
    (story / "story.toml").unlink()
    (story / "story.toml").symlink_to(elsewhere)
    with pytest.raises(InputError, match="the manifest: 'story.toml' leads through a symbolic link"):
        load_story(story)


def test_a_link_inside_the_folder_and_a_linked_story_folder_are_fine(tmp_path):
    story = make_story(tmp_path / "s", '[[document]]\nfile = "p.txt"\nrole = "primary"\n[[document]]\n'
                       'file = "copy.txt"\nrole = "coverage"\n', dict(FILES))
    (story / "copy.txt").symlink_to(story / "a.txt")
    (tmp_path / "link").symlink_to(story, target_is_directory=True)
    assert [d.file for d in load_story(tmp_path / "link").documents] == ["p.txt", "copy.txt"]
