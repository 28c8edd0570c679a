"""analysis.measures.matching: each article assigned to the primary it is based on, or to none."""

import pytest

from analysis.measures.matching import match_sources
from analysis.settings import DEFAULT
from corpus import Document


def doc(id: str, text: str, role: str = "coverage") -> Document:
    return Document(id=id, file=id, role=role, outlet="", headline="", published="", url="", text=text)


PRIMARIES = [
    doc("harbor.txt", "The Federal Waterways Agency found 627 dumping violations at 214 harbor facilities "
                      "and recovered 1,840 tons of industrial waste, Administrator Delphine Okonjo-Marsh said.",
        "primary"),
    doc("grants.txt", "The Department of Education awarded $12 million in literacy grants to 48 rural school "
                      "districts, Secretary Maria Lindqvist announced on Tuesday.", "primary"),
    doc("vaccine.txt", "The state health department opened 30 new vaccination clinics in county libraries "
                       "to reach residents before the flu season, officials said.", "primary"),
]
ARTICLES = [
    ("a_grants.txt", "Rural schools win literacy money: 48 districts share $12 million in grants, "
                     "Education Secretary Maria Lindqvist said.", "grants.txt"),
    ("a_harbor.txt", "Harbor polluters hit: inspectors logged 627 violations and pulled 1,840 tons of "
                     "industrial waste from the water.", "harbor.txt"),
    ("a_vaccine.txt", "Flu shots at the library: the health department is opening 30 vaccination clinics.",
     "vaccine.txt"),
    ("a_football.txt", "The Hornets beat the Rams 3-1 in the cup final on Saturday night.", None),
]


@pytest.mark.parametrize("index, expected", [(i, a[2]) for i, a in enumerate(ARTICLES)])
def test_each_article_goes_to_its_primary_or_none(index, expected):
    matching = match_sources(PRIMARIES, [doc(i, t) for i, t, _ in ARTICLES])
    found = matching.matches[index]
    assert found.article == ARTICLES[index][0]
    assert found.primary == expected


@pytest.mark.parametrize("article", [
    "001_9a08f04c2a9c1510.txt", "002_084aca6c5880089b.txt", "003_06b5e57457d8abd4.txt",
    "004_58a94a88732c0ce4.txt", "a01.txt", "a02.txt", "a03.txt", "a04.txt", "a05.txt", "a06.txt"])
def test_corpus_articles_find_their_story(dev_harbor, broken_heart, article):
    stories = [dev_harbor, broken_heart]
    matching = match_sources([s.primary for s in stories], [d for s in stories for d in s.coverage])
    expected = next(s.primary.id for s in stories if s.document(article))
    found = next(m for m in matching.matches if m.article == article)
    assert found.primary == expected
    assert found.score >= DEFAULT.match_min_score and found.margin > 0.1


def test_scores_candidates_and_evidence():
    matching = match_sources(PRIMARIES, [doc("copy.txt", PRIMARIES[1].text), doc(*ARTICLES[1][:2])])
    same, harbor = matching.matches
    assert same.score == pytest.approx(1.0) and same.margin > 0.5
    assert [c.primary for c in same.candidates][0] == "grants.txt" and len(same.candidates) == 3
    assert all(0.0 <= c.score <= 1.0 for c in same.candidates)
    assert [c.score for c in same.candidates] == sorted((c.score for c in same.candidates), reverse=True)
    assert "627" in harbor.shared and "1,840" in harbor.shared  # figures stay whole
    assert matching.articles_of("harbor.txt") == ("a_harbor.txt",)
    assert matching.unmatched == ()


def test_order_of_primaries_does_not_change_the_result():
    articles = [doc(i, t) for i, t, _ in ARTICLES]
    forward = match_sources(PRIMARIES, articles)
    backward = match_sources(PRIMARIES[::-1], articles)
    assert [(m.primary, m.candidates) for m in forward.matches] == [(m.primary, m.candidates) for m in backward.matches]


def test_a_tie_goes_to_the_first_id():
    twins = [doc("b.txt", PRIMARIES[0].text, "primary"), doc("a.txt", PRIMARIES[0].text, "primary")]
    found = match_sources(twins, [doc(*ARTICLES[1][:2])]).matches[0]
    assert found.primary == "a.txt" and found.margin == pytest.approx(0.0)


def test_threshold_comes_from_settings():
    strict = DEFAULT.updated({"match_min_score": 0.99})
    matching = match_sources(PRIMARIES, [doc(*ARTICLES[0][:2])], strict)
    assert matching.matches[0].primary is None
    assert matching.matches[0].candidates[0].primary == "grants.txt"  # still shown as the nearest


@pytest.mark.parametrize("primaries, articles", [
    ([], [doc("a.txt", "Some text about harbors.")]),
    (PRIMARIES, []),
    ([doc("p.txt", "the and of", "primary")], [doc("a.txt", "of the and")]),  # stop words only
    (PRIMARIES, [doc("a.txt", "\u201c\u201d \u2014 ...")]),                  # only marks
])
def test_odd_input_never_raises(primaries, articles):
    matching = match_sources(primaries, articles)
    assert len(matching.matches) == len(articles)
    assert all(m.primary is None and m.score == 0.0 for m in matching.matches)


def test_ids_must_be_unique():
    with pytest.raises(ValueError, match="given twice"):
        match_sources(PRIMARIES + PRIMARIES[:1], [])


def test_match_command(tmp_path, capsys):
    from sourcedrift.cli import main

    for folder, documents in (("releases", PRIMARIES), ("articles", [doc(i, t) for i, t, _ in ARTICLES])):
        (tmp_path / folder).mkdir()
        for d in documents:
            (tmp_path / folder / d.file).write_text(d.text, encoding="utf-8")
    out = tmp_path / "matches.json"
    assert main(["match", str(tmp_path / "releases"), str(tmp_path / "articles"), "--json", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("a_football.txt\tnone (nearest ")
    assert lines[1].startswith("a_grants.txt\tgrants.txt\tscore ")
    assert lines[-1] == "3 of 4 articles matched to 3 primaries (score >= 0.1)"
    assert '"primary": "harbor.txt"' in out.read_text()
    assert main(["match", str(tmp_path / "releases"), str(tmp_path / "nowhere")]) == 2
    assert "nowhere: is not a folder" in capsys.readouterr().err
