"""analysis.study.agreement: coders' CSV import and Krippendorff's alpha per measure."""

import dataclasses

import pytest

from analysis.measures import claims as claims_module
from analysis.study.agreement import TOOLKIT, agreement, load_codes
from analysis.measures.claims import Claim, ClaimReport
from analysis.study.evaluate import alpha, coded_alpha
from analysis.pipeline import analyse_story
from corpus import InputError, load_story

HEADER = "coder,file,text,measure,label\n"


def write(tmp_path, rows: str, header: str = HEADER):
    path = tmp_path / "codes.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


@pytest.mark.parametrize("triples, expected", [
    ([], None),
    ([("a", "1", "x")], None),                                   # nobody to compare with
    ([("a", "1", "x"), ("b", "1", "x"), ("a", "2", "y"), ("b", "2", "y")], 1.0),
    ([("a", "1", "x"), ("b", "1", "x")], 1.0),                   # one label throughout
    ([("a", "1", "x"), ("b", "1", "x"), ("a", "2", "y"), ("b", "2", "y"), ("a", "3", "x"), ("b", "3", "y")],
     pytest.approx(4 / 9)),                                      # worked by hand: 1 - (2/6) / (18/30)
    ([("a", "1", "x"), ("b", "1", "y"), ("a", "2", "y"), ("b", "2", "x")], pytest.approx(-0.5)),
    ([("a", "1", "x"), ("b", "1", "x"), ("a", "2", "y"), ("b", "2", "y"), ("c", "3", "x")], 1.0),  # unit 3 unpaired
])
def test_coded_alpha(triples, expected):
    assert coded_alpha(triples) == expected


def test_two_coder_alpha_is_unchanged():
    assert alpha([("x", "x"), ("y", "y"), ("x", "y")]) == pytest.approx(4 / 9)
    assert alpha([]) is None


@pytest.mark.parametrize("rows, header, message", [
    ("", "coder,file,text,label\n", "no 'measure' column"),
    ("", HEADER, "has no coded rows"),
    ("ann,zz.txt,violations,numbers,match\n", HEADER, "'zz.txt' is not a coverage document"),
    ("ann,primary.txt,violations,numbers,match\n", HEADER, "is not a coverage document"),
    ("ann,a01.txt,627 violations,figures,match\n", HEADER, "measure 'figures' is not one of"),
    ("ann,a01.txt,627 violations,numbers,wrong\n", HEADER, "numbers label 'wrong' is not in the codebook"),
    ("ann,a01.txt,no such words here,claims,added\n", HEADER, "line 2: text occurs 0 times in a01.txt"),
    ("ann,a01.txt,the,claims,added\n", HEADER, "text occurs"),
    (",a01.txt,627 violations,numbers,match\n", HEADER, "line 2: the coder is empty"),
    (f"{TOOLKIT},a01.txt,627 violations,numbers,match\n", HEADER, "reserved for the toolkit"),
    ("ann,a01.txt\n", HEADER, "line 2: 2 fields"),
])
def test_bad_csv_gives_one_clear_line(tmp_path, dev_harbor, rows, header, message):
    path = write(tmp_path, rows, header)
    with pytest.raises(InputError) as caught:
        load_codes(path, dev_harbor)
    assert message in str(caught.value) and str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_rows_are_located_and_singular_measures_accepted(tmp_path, dev_harbor):
    path = write(tmp_path, "ann,a01.txt,627 violations,number,match\n\n"
                           "ben, a01.txt ,627 violations, Numbers ,rounded\n",
                 header="Coder,file,text,measure,label,note\n")
    codes = load_codes(path, dev_harbor)
    assert [(c.coder, c.measure, c.label, c.line) for c in codes] == [
        ("ann", "numbers", "match", 2), ("ben", "numbers", "rounded", 4)]
    text = dev_harbor.document("a01.txt").text
    assert text[codes[0].span[0]:codes[0].span[1]] == "627 violations"


@pytest.fixture(scope="module")
def harbor_analysis(dev_harbor):
    return analyse_story(dev_harbor)


def test_units_are_sentences_for_claims_and_overlaps_for_the_rest(tmp_path, dev_harbor, harbor_analysis):
    path = write(tmp_path,
                 "ann,a02.txt,The toxic villains behind this mess,claims,added\n"
                 "ben,a02.txt,deserve every cent of it,claims,added\n"        # same sentence: one unit
                 "ann,a02.txt,$6 MILLION,numbers,mismatch\n"
                 "ben,a02.txt,$6 MILLION in fines,numbers,rounded\n"           # overlaps: one unit
                 "ann,a02.txt,1970s,numbers,unsourced\n")                      # ann alone: not compared
    found = agreement(load_codes(path, dev_harbor), harbor_analysis)
    claims, numbers = found.measures
    assert (claims.measure, claims.units, claims.coders_alpha) == ("claims", 1, 1.0)
    assert (numbers.measure, numbers.units) == ("numbers", 1)
    assert numbers.coders_alpha == pytest.approx(0.0)  # x/y on the only unit: alpha 0 (no variation to chance)
    humans = [tuple(pair for pair in u.labels if pair[0] != TOOLKIT) for u in found.units if u.measure == "numbers"]
    assert humans == [
        (("ann", "mismatch"), ("ben", "rounded")), (("ann", "unsourced"),)]
    assert found.coders == ("ann", "ben") and [p.coders for p in claims.coder_pairs] == [("ann", "ben")]


def test_one_coder_two_labels_for_one_unit_is_an_error(tmp_path, dev_harbor, harbor_analysis):
    path = write(tmp_path, "ann,a02.txt,The toxic villains,claims,added\n"
                           "ann,a02.txt,deserve every cent of it,claims,supported\n")
    with pytest.raises(ValueError, match="lines 2 and 3: coder 'ann' gives one claims unit two labels"):
        agreement(load_codes(path, dev_harbor), harbor_analysis)


def test_each_coder_against_the_toolkit(tmp_path, dev_harbor, harbor_analysis, monkeypatch):
    # The toolkit's claims are set by hand, so the test does not depend on the claims measure.
    monkeypatch.delattr(claims_module, "STATUS", raising=False)
    article = harbor_analysis.article("a02.txt")
    labelled = tuple(Claim(s.index, (s.doc_start, s.doc_end), s.text,
                           "added" if "villains" in s.text or "1970s" in s.text else "supported", None)
                     for s in article.cleaning.body.sentences)
    articles = tuple(dataclasses.replace(a, claims=ClaimReport(labelled)) if a is article else a
                     for a in harbor_analysis.articles)
    analysis = dataclasses.replace(harbor_analysis, articles=articles)
    path = write(tmp_path,
                 "ann,a02.txt,The toxic villains,claims,added\n"
                 "ann,a02.txt,It is a grim throwback to the 1970s,claims,added\n"
                 "ann,a02.txt,there are signs that the dumpers,claims,supported\n"
                 "ben,a02.txt,The toxic villains,claims,added\n"
                 "ben,a02.txt,It is a grim throwback to the 1970s,claims,supported\n"
                 "ben,a02.txt,there are signs that the dumpers,claims,added\n")
    (claims,) = agreement(load_codes(path, dev_harbor), analysis).measures
    assert claims.toolkit_measured
    ann, ben = claims.with_toolkit
    assert ann.coders == ("ann", TOOLKIT) and ann.alpha == 1.0 and ann.units == 3
    assert ben.coders == ("ben", TOOLKIT) and ben.alpha == pytest.approx(-0.25) and ben.units == 3  # 1 - (4/6) / (16/30)


def test_a_stub_measure_is_not_compared(tmp_path, dev_harbor, harbor_analysis, monkeypatch):
    monkeypatch.setattr(claims_module, "STATUS", "stub", raising=False)
    path = write(tmp_path, "ann,a02.txt,The toxic villains,claims,added\n")
    (claims,) = agreement(load_codes(path, dev_harbor), harbor_analysis).measures
    assert not claims.toolkit_measured and claims.with_toolkit == ()
    assert claims.coders_alpha is None and claims.units == 0


def test_the_example_coders_file_loads():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    story = load_story(root / "corpus" / "dev_harbor")
    codes = load_codes(root / "examples" / "dev_harbor_coders.csv", story)
    assert {c.coder for c in codes} == {"coder_a", "coder_b"} and len(codes) == 24


def test_agree_command(tmp_path, capsys):
    from sourcedrift.cli import main
    from corpus import EMBEDDED

    path = write(tmp_path, "ann,a02.txt,$6 MILLION,numbers,mismatch\nben,a02.txt,$6 MILLION,numbers,mismatch\n")
    out = tmp_path / "agreement.json"
    assert main(["agree", str(EMBEDDED / "dev_harbor"), str(path), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "agreement on dev_harbor: coders ann, ben" in printed
    assert "numbers  coders 1.000 on 1 units" in printed and "ann / ben: 1.000 (1 units)" in printed
    assert '"coders_alpha": 1.0' in out.read_text()
    path.write_text(HEADER + "ann,a02.txt,$6 MILLION,numbers,nope\n", encoding="utf-8")
    assert main(["agree", str(EMBEDDED / "dev_harbor"), str(path)]) == 2
    assert "line 2: numbers label 'nope'" in capsys.readouterr().err
