"""results.json: every measure's records as plain, deterministic JSON."""

from __future__ import annotations

import dataclasses
import enum
import json
import math
from pathlib import Path, PurePath
from typing import Any

from analysis import __version__
from analysis.pipeline import StoryAnalysis

# Fields left out of results.json: whole texts (the inputs are hashed in the
# bundle's manifest instead) and internal offset maps.
_SKIP = {"pieces"}
DECIMALS = 6


def plain(value: Any, *, field: str = "") -> Any:
    """A JSON-ready copy of ``value``: dataclasses as dicts, floats rounded, paths relative."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            if f.name in _SKIP or (f.name == "text" and type(value).__name__ in ("Document", "Body")):
                continue
            out[f.name] = plain(getattr(value, f.name), field=f.name)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, DECIMALS)
    if isinstance(value, PurePath):
        return value.name
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    return str(value)


def results(analysis: StoryAnalysis) -> dict:
    """The results.json object for one story."""
    return {
        "toolkit": {"name": "sourcedrift", "version": __version__},
        "story": {"name": analysis.story.name, "title": analysis.story.title,
                  "references": [r.id for r in analysis.story.references]},
        "settings": analysis.settings.to_dict(),
        "primary": plain(analysis.primary),
        "articles": [plain(article) for article in analysis.articles],
    }


# Bidirectional controls stay in the data but are written escaped (\u202e), so
# no viewer of the file reorders what it shows.
_BIDI_ESCAPED = {code: f"\\u{code:04x}" for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                                       *range(0x2066, 0x206A))}


def dumps(obj: Any) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, UTF-8, final newline, bidi controls escaped."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2).translate(_BIDI_ESCAPED) + "\n"


def write_results(analysis: StoryAnalysis, directory: Path) -> Path:
    """Write ``directory/results.json`` (a folder being built: see ``reports.files.staged_output``)."""
    from reports.files import write_file

    path = Path(directory) / "results.json"
    write_file(path, dumps(results(analysis)))
    return path
