"""analysis.study.gold: gold files are validated against the story they annotate."""

import pytest

from analysis.study.gold import load_gold
from corpus import InputError
from tests.conftest import BROKEN_HEART, DEV_HARBOR


def test_embedded_gold_loads(broken_heart, dev_harbor):
    gold = load_gold(BROKEN_HEART / "gold.toml", broken_heart)
    assert gold.annotated == ("documents", "boilerplate", "quotes")
    assert len(gold.documents) == 4 and all(not d.same_event for d in gold.documents)
    harbor = load_gold(DEV_HARBOR / "gold.toml", dev_harbor)
    assert {"claims", "numbers"} <= set(harbor.annotated)
    for item in harbor.quotes + harbor.claims + harbor.numbers:
        text = dev_harbor.document(item.file).text
        assert text[item.span[0]:item.span[1]] == item.text


HEADER = '[meta]\nstory = "dev_harbor"\nprimary = "primary.txt"\nannotated = ["documents", "quotes", "numbers"]\n'
DOC = '[[document]]\nfile = "a01.txt"\nsame_event = true\npaywall = false\n'


@pytest.mark.parametrize("body, message", [
    (HEADER + '[[document]]\nfile = "zz.txt"\nsame_event = true\npaywall = false\n', "names 'zz.txt', which is not a document"),
    (HEADER + DOC + '[[quote]]\nfile = "a01.txt"\ntext = "not in the article at all"\n', "occurs 0 times"),
    (HEADER.replace('"dev_harbor"', '"holdout_spill"') + DOC,
     "meta.story is 'holdout_spill' but this is story 'dev_harbor'; use the gold file of this story"),
    (HEADER + DOC + '[[quote]]\nfile = "a01.txt"\ntext = "the"\n', "occurs"),
    (HEADER + DOC + '[[number]]\nfile = "a01.txt"\ntext = "627 violations over"\nlabel = "wrong"\n', "is not in the codebook"),
    (HEADER + DOC + '[[number]]\nfile = "a01.txt"\ntext = "627 violations over"\n', "without a label"),
    (HEADER + '[[document]]\nfile = "a01.txt"\nsame_event = "yes"\npaywall = false\n', "must be true or false"),
    (HEADER.replace("primary.txt", "a02.txt") + DOC, "meta.primary is 'a02.txt'"),
    (HEADER.replace('"numbers"', '"speed"') + DOC, "meta.annotated must list"),
    ("[meta\n", "is not valid TOML"),
])
def test_bad_gold(tmp_path, dev_harbor, body, message):
    path = tmp_path / "gold.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_gold(path, dev_harbor)
    assert message in str(caught.value) and str(caught.value).startswith(str(path))


def test_evaluate_refuses_a_gold_file_that_leads_out_of_the_story(tmp_path, capsys):
    from sourcedrift.cli import main
    from tests.conftest import make_story

    story = make_story(tmp_path / "s", (DEV_HARBOR / "story.toml").read_text(encoding="utf-8"),
                       {p.name: p.read_bytes() for p in DEV_HARBOR.glob("*.txt")})
    (story / "gold.toml").symlink_to(DEV_HARBOR / "gold.toml")
    assert main(["evaluate", str(story)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "gold: 'gold.toml' leads through a symbolic link to" in err[0]
