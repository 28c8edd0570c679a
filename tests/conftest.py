"""Shared fixtures: the embedded stories and small story folders made on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import EMBEDDED, load_story

BROKEN_HEART = EMBEDDED / "broken_heart"
DEV_HARBOR = EMBEDDED / "dev_harbor"


@pytest.fixture(scope="session")
def broken_heart():
    return load_story(BROKEN_HEART)


@pytest.fixture(scope="session")
def dev_harbor():
    return load_story(DEV_HARBOR)


def make_story(directory: Path, manifest: str, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` and a story.toml holding ``manifest`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = directory / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (directory / "story.toml").write_text(manifest, encoding="utf-8")
    return directory


PRIMARY_TEXT = (
    "Agency Finds 40 Violations in Port Sweep\n"
    "The agency today announced that inspectors found 40 violations at 12 ports in May 2025.\n"
    "\"We will be back next year, and the year after that,\" Director Ann Smith said.\n"
)
ARTICLE_TEXT = (
    "Port sweep finds 40 violations\n"
    "By Jo Bloggs, Staff Reporter\n"
    "Inspectors found 40 violations at 12 ports in May, the agency said.\n"
    "\"We will be back next year,\" Smith said.\n"
    "Share this article\n"
)
SIMPLE_MANIFEST = """
[story]
name = "tiny"
[[document]]
file = "p.txt"
role = "primary"
[[document]]
file = "a.txt"
role = "coverage"
"""


@pytest.fixture
def tiny_story(tmp_path) -> Path:
    return make_story(tmp_path / "tiny", SIMPLE_MANIFEST, {"p.txt": PRIMARY_TEXT, "a.txt": ARTICLE_TEXT})
