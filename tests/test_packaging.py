"""setup.cfg installs every package and data folder, listed by name, and the command."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = ("analysis", "corpus", "reports", "sourcedrift")


def _setup() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def test_every_package_and_data_folder_is_listed():
    """A folder left out would make setuptools warn that it "would be ignored" (and, one day, drop it)."""
    listed = {line.strip() for line in _setup()["options"]["packages"].splitlines() if line.strip()}
    folders = {".".join(path.relative_to(ROOT).parts) for top in TOP
               for path in [ROOT / top, *(ROOT / top).rglob("*")]
               if path.is_dir() and path.name != "__pycache__" and any(p.is_file() for p in path.iterdir())}
    assert sorted(folders - listed) == [], "add these to [options] packages in setup.cfg"
    assert sorted(listed - folders) == []


def test_the_command_is_the_applications():
    scripts = _setup()["options.entry_points"]["console_scripts"]
    assert scripts.strip() == "sourcedrift = sourcedrift.cli:main"
