"""Stories (a primary source and its coverage) and how they are loaded.

Each story is a folder here: its texts, a ``story.toml`` manifest, optional
reference sheets and an optional ``gold.toml``. See ``corpus/README.md``.
"""

from pathlib import Path

from corpus.errors import InputError
from corpus.reading import read_text
from corpus.reference import ReferenceEvent, ReferenceFigure
from corpus.story import Document, Story, load_story

EMBEDDED = Path(__file__).resolve().parent
DEFAULT_STORY = EMBEDDED / "broken_heart"

__all__ = [
    "DEFAULT_STORY", "EMBEDDED", "Document", "InputError", "ReferenceEvent",
    "ReferenceFigure", "Story", "load_story", "read_text",
]
