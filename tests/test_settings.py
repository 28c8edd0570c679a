"""analysis.settings: every threshold in one place; overrides are checked; word lists load from data."""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import pytest

from analysis import settings
from analysis.settings import DEFAULT, Settings, word_list

SOURCE = Path(settings.__file__).read_text(encoding="utf-8")


def test_updated_applies_overrides_and_leaves_the_default_alone():
    changed = DEFAULT.updated({"quote_min_words": 5})
    assert changed.quote_min_words == 5 and DEFAULT.quote_min_words == 4
    assert changed.to_dict() == {**DEFAULT.to_dict(), "quote_min_words": 5}


def test_an_unknown_setting_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown setting 'quote_min_word'"):
        DEFAULT.updated({"quote_min_word": 5})


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        DEFAULT.quote_min_words = 3  # type: ignore[misc]


def _commented(names: set[str], tree: ast.Module) -> dict[str, bool]:
    """Whether each assignment to one of ``names`` in ``tree`` has a comment line right above it (or above
    a run of assignments it belongs to)."""
    lines = SOURCE.splitlines()
    found = {}
    for node in ast.walk(tree):
        target = getattr(node, "target", None) or (node.targets[0] if isinstance(node, ast.Assign) else None)
        name = getattr(target, "id", None)
        if name in names:
            k = node.lineno - 2
            while k >= 0 and (lines[k].strip().startswith(("TITLE_", "OMISSION_")) or
                              lines[k].strip().split(":")[0].strip() in names):
                k -= 1  # a run of related thresholds shares one comment
            found[name] = k >= 0 and lines[k].strip().startswith("#")
    return found


def test_every_threshold_says_where_it_came_from():
    tree = ast.parse(SOURCE)
    tunable = {f.name for f in fields(Settings)}
    fixed = {name for name in vars(settings) if name.isupper() and isinstance(getattr(settings, name), (int, float))}
    assert fixed >= {"TITLE_CASE_SHARE", "DASH_ATTRIBUTION_MAX_WORDS", "MAX_INITIALS", "SHORT_PATTERN_WORDS"}
    commented = _commented(tunable | fixed, tree)
    assert set(commented) == tunable | fixed
    assert [name for name, ok in commented.items() if not ok] == []


def test_omission_weights_sum_to_one():
    assert settings.OMISSION_LEAD_WEIGHT + settings.OMISSION_FIGURES_WEIGHT + settings.OMISSION_QUOTE_WEIGHT == \
        pytest.approx(1.0)


def test_word_lists_load_from_the_data_folder_without_comments():
    verbs = word_list("said_verbs")
    assert "said" in verbs and not any(entry.startswith("#") or not entry.strip() for entry in verbs)
    with pytest.raises(FileNotFoundError):
        word_list("no_such_list")
