"""Property tests of the whole ``sourcedrift report``: random article texts and outlet names.

Outlet names draw on the characters that broke outputs before: ``$`` (math
text in the charts), braces, spreadsheet formula starts, HTML specials and
bidirectional controls. Whatever the input, a run ends in exit 0 with every
output safe, or in exit 2 with one line; never a traceback. Few examples:
each runs the full report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sourcedrift.cli import main
from reports.bundle import BIDI_CONTROLS, FORMULA_STARTS
from tests.conftest import PRIMARY_TEXT, make_story

# Pieces that broke outputs before, one of which every outlet name holds.
TRICKY = ("$", "$5", "$\\alpha$", "{", "}", "{x}", "\u202eevil", "\u2066x\u2069", "\u200f", "=cmd|' /C calc'!A0",
          "+1", "-1", "@SUM(1)", "<b>&amp;", "\t", '"')
# Any character but surrogates (TOML cannot hold them) and DEL.
CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f")
outlets = st.builds(lambda word, tricky, rest: f"{word}{tricky}{rest}",
                    st.text(st.characters(whitelist_categories=("Lu", "Ll")), max_size=8),
                    st.sampled_from(TRICKY), st.text(CHARACTERS, max_size=8))
# Articles: the fixture's own sentences (so there is something to compare), tricky pieces and random text.
SENTENCES = ("Inspectors found 40 violations at 12 ports in May, the agency said.",
             '"We will be back next year," Smith said.', "Port sweep finds 40 violations", "By Jo Bloggs")
texts = st.lists(st.one_of(st.sampled_from(SENTENCES + TRICKY), st.text(CHARACTERS, max_size=60)),
                 max_size=8).map("\n".join)


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(ch if ch >= " " or ch == "\t" else f"\\u{ord(ch):04x}" for ch in escaped) + '"'


def _manifest(outlet: str) -> str:
    return ('[story]\nname = "prop"\n[[document]]\nfile = "p.txt"\nrole = "primary"\n'
            f'[[document]]\nfile = "a.txt"\nrole = "coverage"\noutlet = {_toml_string(outlet)}\n'
            f'[[document]]\nfile = "b.txt"\nrole = "coverage"\noutlet = {_toml_string(outlet[::-1])}\n')


def _check_outputs(out: Path) -> None:
    manifest = json.loads((out / "bundle" / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"]: o["sha256"] for o in manifest["report_outputs"]}
    listed.update({f"bundle/{o['path']}": o["sha256"] for o in manifest["outputs"]})
    on_disk = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert set(on_disk) == set(listed) | {"bundle/manifest.json"}
    assert all(hashlib.sha256(on_disk[name]).hexdigest() == sha for name, sha in listed.items())
    for name, data in on_disk.items():
        if name.endswith((".html", ".csv", ".json", ".svg", ".md")):
            text = data.decode("utf-8")
            assert not any(ch in text for ch in BIDI_CONTROLS), name
        elif name.endswith(".pdf"):
            assert data.startswith(b"%PDF"), name
    package = json.loads(on_disk["bundle/datapackage.json"])
    for resource in package["resources"]:
        types = [f["type"] for f in resource["schema"]["fields"]]
        rows = list(csv.reader(io.StringIO(on_disk[f"bundle/{resource['path']}"].decode("utf-8"))))
        for row in rows[1:]:
            assert len(row) == len(types)
            for value, kind in zip(row, types):
                if kind in ("string", "array", "object"):
                    assert not value.startswith(FORMULA_STARTS), (resource["path"], value)


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(outlet=outlets, article=texts)
@example(outlet="Evil\u202eswen $5 {x}", article="Port sweep finds 40 violations\n\u2066=1+1\u2069 Inspectors found "
         "40 violations at 12 ports in May, the agency said.\n\u200f@SUM(1)")
@example(outlet="$\\alpha$ Times", article="Inspectors found 40 violations at 12 ports in May, $x$ said {Smith}.")
def test_report_on_random_texts_and_outlets_is_safe_or_one_line(outlet, article, capsys):
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        story = make_story(root / "story", _manifest(outlet), {
            "p.txt": PRIMARY_TEXT, "a.txt": article,
            "b.txt": f"{outlet} reports\n\nInspectors found 40 violations, {outlet} said.\n{article}\n"})
        out = root / "out"
        status = main(["report", str(story), "-o", str(out), "--paper", "letter", "-q"])
        err = capsys.readouterr().err
        if status == 2:
            assert err.count("\n") == 1 and err.startswith("sourcedrift: ") and not out.exists()
            assert "is empty" in err or "binary" in err, err
        else:
            assert status == 0 and err == ""
            _check_outputs(out)
