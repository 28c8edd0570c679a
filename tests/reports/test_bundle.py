"""reports.bundle: CSVs per measure, data dictionary, manifest; identical runs, identical bytes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass

import pytest

from reports.bundle import cell, config_hash, record_columns, write_bundle
from tests.reports_fake import ALL_MEASURES, DEV, fake_dev_analysis

CONFIG = {"settings": {"a": 1}, "options": {"blind": False, "papers": ["letter"]}}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    analysis = fake_dev_analysis()
    first = tmp_path_factory.mktemp("first") / "bundle"
    second = tmp_path_factory.mktemp("second") / "bundle"
    paths = write_bundle([analysis], first, CONFIG, ready=ALL_MEASURES)
    write_bundle([analysis], second, CONFIG, ready=ALL_MEASURES)
    return first, second, paths


def test_two_runs_give_byte_identical_files(bundle):
    first, second, paths = bundle
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert sorted(p.name for p in paths) == names


def test_the_files(bundle):
    first, _, _ = bundle
    names = {p.name for p in first.iterdir()}
    assert {"results.json", "datapackage.json", "codebook.md", "manifest.json", "documents.csv", "lines.csv",
            "sentences.csv", "quotes.csv", "figures.csv", "claims.csv", "omissions.csv", "copying.csv",
            "readability.csv", "framing.csv"} == names
    assert not [p for p in first.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_data_dictionary_describes_every_csv_column(bundle):
    first, _, _ = bundle
    package = json.loads((first / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {p.stem for p in first.glob("*.csv")}
    for name, resource in resources.items():
        with open(first / resource["path"], encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, name
        assert all(f["type"] in {"string", "integer", "number", "boolean", "array", "object"} for f in fields)
        assert all(f["description"] for f in fields)


def test_label_columns_are_constrained_to_the_codebook(bundle):
    first, _, _ = bundle
    package = json.loads((first / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    assert fields["claims"]["label"]["constraints"]["enum"] == ["supported", "added", "contradicted"]
    assert "misattributed" in fields["quotes"]["label"]["constraints"]["enum"]
    with open(first / "claims.csv", encoding="utf-8", newline="") as stream:
        labels = {row["label"] for row in csv.DictReader(stream)}
    assert labels == {"supported", "added", "contradicted"}


def test_csv_rows_stable_and_decimals_fixed(bundle):
    first, _, _ = bundle
    with open(first / "claims.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    analysis = fake_dev_analysis()
    assert len(rows) == sum(len(a.claims.claims) for a in analysis.articles)
    assert [r["file"] for r in rows] == sorted(r["file"] for r in rows)
    with open(first / "copying.csv", encoding="utf-8", newline="") as stream:
        shares = [row["article_share"] for row in csv.DictReader(stream)]
    assert shares and all(re.fullmatch(r"\d+\.\d{6}", s) for s in shares)


def test_spans_are_document_offsets(bundle):
    first, _, _ = bundle
    texts = {p.name: p.read_text(encoding="utf-8") for p in DEV.glob("*.txt")}
    with open(first / "quotes.csv", encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            start, end = int(row["span_start"]), int(row["span_end"])
            assert texts[row["file"]][start:end] == row["text"]


def test_manifest(bundle):
    first, _, _ = bundle
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["toolkit"]["name"] == "sourcedrift"
    assert {"python", "fpdf2", "matplotlib", "numpy"} <= set(manifest["dependencies"])
    assert manifest["configuration"] == CONFIG
    assert manifest["configuration_sha256"] == config_hash(CONFIG)
    outputs = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    assert set(outputs) == {p.name for p in first.iterdir()} - {"manifest.json"}
    for name, digest in outputs.items():
        assert hashlib.sha256((first / name).read_bytes()).hexdigest() == digest
    inputs = {i["path"]: i["sha256"] for i in manifest["inputs"]}
    assert "dev_harbor/story.toml" in inputs and "dev_harbor/a01.txt" in inputs
    assert inputs["dev_harbor/a01.txt"] == hashlib.sha256((DEV / "a01.txt").read_bytes()).hexdigest()


def test_no_absolute_paths_anywhere(bundle):
    first, _, _ = bundle
    for path in first.iterdir():
        text = path.read_text(encoding="utf-8")
        assert str(first) not in text and str(DEV) not in text, path.name
        assert not re.search(r"(^|[\s\"'])/(tmp|work|home|root|Users)/", text), path.name


def test_a_measure_not_available_has_no_csv(tmp_path):
    paths = write_bundle([fake_dev_analysis()], tmp_path / "b", CONFIG, ready=frozenset({"claims"}))
    names = {p.name for p in paths}
    assert "claims.csv" in names and "quotes.csv" not in names and "framing.csv" not in names
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["measures"]["quotes"] == "not available yet"
    assert manifest["measures"]["claims"] == "implemented"


@pytest.mark.parametrize("config, other, same", [
    ({"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}, True),
    ({"a": 1}, {"a": 2}, False),
    ({"options": {"blind": True}}, {"options": {"blind": False}}, False),
])
def test_config_hash_is_canonical(config, other, same):
    assert (config_hash(config) == config_hash(other)) is same
    assert re.fullmatch(r"[0-9a-f]{64}", config_hash(config))


@pytest.mark.parametrize("value, kind, expected", [
    (None, "string", ""),
    (True, "boolean", "true"),
    (0.1, "number", "0.100000"),
    (float("nan"), "number", ""),
    (3, "integer", "3"),
    ((1, 2), "array", "[1,2]"),
    ("a,b", "string", "a,b"),
])
def test_cell(value, kind, expected):
    assert cell(value, kind) == expected


@dataclass(frozen=True)
class Inner:
    score: float


@dataclass(frozen=True)
class Record:
    span: tuple[int, int]
    label: str | None
    notes: tuple[str, ...]
    inner: Inner | None


def test_record_columns_split_spans_and_flatten_records():
    rows = [Record((1, 4), "added", ("x",), Inner(0.5)), Record((5, 9), None, (), None)]
    columns = record_columns(Record, rows)
    assert [(c.name, c.type) for c in columns] == [
        ("span_start", "integer"), ("span_end", "integer"), ("label", "string"), ("notes", "array"),
        ("inner_score", "number")]
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([cell(c.get(row), c.type) for c in columns])
    assert out.getvalue().splitlines() == ['1,4,added,"[""x""]",0.500000', "5,9,,[],"]


@pytest.mark.parametrize("value, kind, expected", [
    ("=cmd|' /C calc'!A0", "string", "'=cmd|' /C calc'!A0"),
    ("+HYPERLINK(\"http://x\")", "string", "'+HYPERLINK(\"http://x\")"),
    ("-2+3", "string", "'-2+3"),
    ("@SUM(A1)", "string", "'@SUM(A1)"),
    ("\tlead", "string", "'\tlead"),
    ("\rlead", "string", "'\rlead"),
    ("plain = fine", "string", "plain = fine"),
    ("a\u202eb", "string", "a\ufffdb"),
    (-1.5, "number", "-1.500000"),
    (-3, "integer", "-3"),
    (["=x"], "array", '["=x"]'),
])
def test_cells_are_neutralised_the_way_owasp_advises(value, kind, expected):
    assert cell(value, kind) == expected


def test_a_report_bundle_carries_no_formula_and_says_why(tmp_path):
    """Article text and outlet names from a hostile story, through `report`, into the bundle's CSVs."""
    import json

    from sourcedrift.cli import main
    from reports.bundle import BIDI_CONTROLS
    from tests.conftest import PRIMARY_TEXT, make_story

    manifest = ('[story]\nname = "evil"\n[[document]]\nfile = "p.txt"\nrole = "primary"\n'
                '[[document]]\nfile = "a.txt"\nrole = "coverage"\noutlet = "=cmd|\' /C calc\'!A0"\n'
                'headline = "@SUM(1+1)"\nurl = "+HYPERLINK(\\"http://evil\\")"\n')
    article = ("-2+3 inspectors found 40 violations at 12 ports in May, the agency said.\n"
               "=HYPERLINK(\"http://evil\") Inspectors found 40 violations at 12 ports.\n"
               "@SUM(1) \u202eThe agency said it would return next year to the ports.\n")
    story = make_story(tmp_path / "evil", manifest, {"p.txt": PRIMARY_TEXT, "a.txt": article})
    assert main(["report", str(story), "-o", str(tmp_path / "out"), "--paper", "a4", "-q"]) == 0
    bundle = tmp_path / "out" / "bundle"
    package = json.loads((bundle / "datapackage.json").read_text(encoding="utf-8"))
    assert "OWASP" in package["description"]
    escaped = 0
    for resource in package["resources"]:
        types = [f["type"] for f in resource["schema"]["fields"]]
        text = (bundle / resource["path"]).read_text(encoding="utf-8")
        assert not any(ch in text for ch in BIDI_CONTROLS), resource["path"]
        for row in list(csv.reader(io.StringIO(text)))[1:]:
            for value, kind in zip(row, types):
                if kind in ("string", "array", "object"):
                    assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (resource["path"], value)
                    escaped += value.startswith("'")
        string_fields = [f for f in resource["schema"]["fields"] if f["type"] == "string"]
        assert all("leading '" in f["description"] for f in string_fields)
    assert escaped >= 5  # outlet, headline, url, and the article's lines and sentences
    documents = list(csv.DictReader(io.StringIO((bundle / "documents.csv").read_text(encoding="utf-8"))))
    assert documents[1]["outlet"] == "'=cmd|' /C calc'!A0"
    results = (bundle / "results.json").read_text(encoding="utf-8")
    assert "\u202e" not in results and "\\u202e" in results
