"""corpus.build (``sourcedrift new``): the outlet a plain-text page names, read conservatively."""

from __future__ import annotations

import pytest

from sourcedrift.cli import main
from corpus.build import outlet_from_text

BODY = "Inspectors found 40 violations at 12 ports in May, the agency said on Monday.\n"


@pytest.mark.parametrize("text, outlet", [
    # a copyright footer
    (f"Port sweep finds 40 violations\n{BODY}\n© 2025 Harbor Gazette. All rights reserved.\n", "Harbor Gazette"),
    (f"Headline\n{BODY}Copyright 2020 Sable Valley Public Radio\n", "Sable Valley Public Radio"),
    (f"Headline\n{BODY}© 2025 The Dunmore Ledger, a Greywater Media publication. All rights reserved.\n",
     "The Dunmore Ledger"),
    (f"Headline\n{BODY}Copyright © 2019-2025 Tidewire Ltd. All rights reserved.\n", ""),  # the publisher
    (f"Headline\n{BODY}© Harbor Gazette 2021\n", "Harbor Gazette"),
    (f"The Safe Nursery Letter\nIssue #118 · by Corinne Padgett\n{BODY}© 2021 Corinne Padgett · Unsubscribe\n",
     ""),  # the author's own copyright: a person, not an outlet
    (f"CLUB & FITNESS BUSINESS REPORT\nEquipment | Regulation | Connected Fitness\n{BODY}© 2021 CFBR Media LLC\n",
     "Club & Fitness Business Report"),
    (f"WRDU 5 News | Raleigh-Durham\nLocal News › Wake County\n{BODY}Copyright 2022 WRDU.\n", "WRDU 5 News"),
    (f"Port sweep finds 40 violations\nBy Jo Bloggs | Staff Reporter\n{BODY}", ""),
    (f"Port sweep finds 40 violations\nMarch 3, 2025 | 4 min read\n{BODY}", ""),
    # the site's name above its navigation, in capitals or not; call letters stay capitals
    (f"THE DUNMORE LEDGER\nHome | News | Sports | Opinion\nHeadline\n{BODY}", "The Dunmore Ledger"),
    (f"The Dunmore County Clarion\nSections\nHeadline\n{BODY}", "The Dunmore County Clarion"),
    (f"KSVN NEWS 6\nMenu\nWatch Live\n{BODY}Copyright 2025 KSVN. All rights reserved.\n", "KSVN News 6"),
    (f"KGUL 11 NEWS\nWATCH LIVE\n{BODY}", "KGUL 11 News"),
    (f"THE DELTA LEDGER-STAR\nLocal › Tornado Recovery\n{BODY}", "The Delta Ledger-Star"),
    (f"Headline\n{BODY}© Costa Sol Courier S.L. Todos los derechos reservados.\n", ""),  # the company
    (f"Headline\n{BODY}Copyright 2023 WMDX-TV. All rights reserved. This may not be published.\n", "WMDX-TV"),
    # a wire dateline's credit, unless it is an acronym
    (f"Headline\n\nWASHINGTON (Tidewire) — {BODY}", "Tidewire"),
    (f"Headline\nASHFORD, Vestland (Statewire) - {BODY}", "Statewire"),
    (f"Headline\nWASHINGTON (AP) — {BODY}", ""),
    # nothing plain enough: left for the user
    (f"Port sweep finds 40 violations\n{BODY}", ""),
    (f"ENERGY & ENVIRONMENT\nRegulators hit chemical maker with record settlement\n{BODY}", ""),
    (f"Headline\n{BODY}Copyright law changed in 2019, the agency said.\n", ""),
    (f"Headline\n{BODY}© 2025\n", ""),
    (f"Headline\n{BODY}© 2025 all rights reserved by the many people who wrote this long line here.\n", ""),
    (f"Headline\n{BODY}" + "More body text follows here.\n" * 12 + "© 2025 Far Away Gazette.\n" + BODY * 9, ""),
])
def test_outlet_from_text(text, outlet):
    assert outlet_from_text(text) == outlet


def test_new_fills_the_outlet_and_names_report_as_the_next_step(tmp_path, capsys):
    primary = tmp_path / "release.txt"
    primary.write_text("Agency Finds 40 Violations\nInspectors found 40 violations at 12 ports in May.\n",
                       encoding="utf-8")
    article = tmp_path / "gazette.txt"
    article.write_text(f"HARBOR GAZETTE\nHome | News | Business\nPort sweep finds 40 violations\n{BODY}"
                       "\n© 2025 Harbor Gazette. All rights reserved.\n", encoding="utf-8")
    story = tmp_path / "mine"
    assert main(["new", str(story), "--primary", str(primary), str(article)]) == 0
    manifest = (story / "story.toml").read_text(encoding="utf-8")
    assert 'outlet = "Harbor Gazette"' in manifest
    assert 'headline = "HARBOR GAZETTE"' not in manifest  # the logo is not the headline
    printed = capsys.readouterr().out
    assert f"next: sourcedrift report {story}" in printed and "analyze" not in printed


def test_new_on_a_full_disk_is_one_line_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    import errno
    from pathlib import Path

    primary = tmp_path / "release.txt"
    primary.write_text("Agency Finds 40 Violations\nInspectors found 40 violations at 12 ports in May.\n",
                       encoding="utf-8")

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    article = tmp_path / "article.txt"
    article.write_text(f"Port sweep finds 40 violations\n{BODY}", encoding="utf-8")
    monkeypatch.setattr(Path, "write_text", full)
    assert main(["new", str(tmp_path / "mine"), "--primary", str(primary), str(article)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"sourcedrift: {tmp_path / 'mine'}: could not be written: no space left on the device; "
                   "nothing was created"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "release.txt"]


def test_outlets_given_name_the_documents_in_order(tmp_path):
    """The workbench names outlets on its form; an empty name keeps what the file itself gives."""
    from corpus import load_story
    from corpus.build import build_story

    texts = {"release.txt": "Agency Finds 40 Violations\n\nThe agency found 40 violations in May.\n",
             "one.txt": "Port sweep finds 40 violations\n\nInspectors found 40 violations in May.\n",
             "two.txt": "Forty violations found\n\nThe agency said inspectors found 40 violations.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    story = build_story(tmp_path / "story", tmp_path / "release.txt", [tmp_path / "one.txt", tmp_path / "two.txt"],
                        outlets=["Agency", "", "  Wire  "])
    outlets = [d.outlet for d in load_story(story).documents]
    assert outlets[0] == "Agency" and outlets[2] == "Wire"
    assert outlets[1] == load_story(build_story(tmp_path / "plain", tmp_path / "release.txt",
                                                [tmp_path / "one.txt"])).documents[1].outlet
