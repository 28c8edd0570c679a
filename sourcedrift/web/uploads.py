"""The new-story form: pasted texts and uploaded files, checked, then built as ``sourcedrift new`` builds them.

Each text (the primary, then each article) is one slot of the form: a file
(``.txt`` or a saved ``.html`` page, at most MAX_FILE_BYTES) or pasted text,
and an outlet name. Every problem is reported in one line naming the slot and
the file; nothing is written unless every slot is good. Files are saved in a
staging folder inside the workspace under a cleaned name, handed to
``corpus.build.build_story`` and the staging folder is removed.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from corpus import InputError
from corpus.build import HTML_SUFFIXES, build_story
from corpus.reading import decode

SUFFIXES = (".txt",) + HTML_SUFFIXES
MAX_FILE_BYTES = 2 * 1024 * 1024            # one text; a long saved page with inline scripts is under 1 MB
MAX_REQUEST_BYTES = 32 * 1024 * 1024        # the whole form (Flask's MAX_CONTENT_LENGTH)
MAX_ARTICLES = 40
_ARTICLE_FIELD = re.compile(r"article_(?:file|text|outlet)_(\d{1,3})")


@dataclass(frozen=True)
class Slot:
    """One text of the form as the user gave it."""

    role: str                  # "primary" or "article N"
    upload: FileStorage | None
    pasted: str
    outlet: str

    @property
    def given(self) -> bool:
        return bool(self.upload is not None and self.upload.filename) or bool(self.pasted.strip())


@dataclass(frozen=True)
class NewStory:
    title: str
    slots: tuple[Slot, ...]    # the primary first


def read_form(form: Mapping[str, str], files: Mapping[str, FileStorage]) -> NewStory:
    """The slots of a submitted new-story form (articles in the order of their numbers)."""
    numbers = sorted({int(m.group(1)) for name in list(form) + list(files)
                      if (m := _ARTICLE_FIELD.fullmatch(name))})
    slots = [Slot("primary", files.get("primary_file"), form.get("primary_text", ""), form.get("primary_outlet", ""))]
    for number in numbers[:MAX_ARTICLES]:
        slots.append(Slot(f"article {len(slots)}", files.get(f"article_file_{number}"),
                          form.get(f"article_text_{number}", ""), form.get(f"article_outlet_{number}", "")))
    return NewStory(form.get("title", "").strip(), tuple(slots))


def problems(new: NewStory) -> list[str]:
    """Every problem of the form, one line each naming the slot and file ([] when it can be built)."""
    found = []
    primary, articles = new.slots[0], [s for s in new.slots[1:] if s.given]
    if not primary.given:
        found.append("The primary: choose a file or paste its text.")
    if not articles:
        found.append("Articles: give at least one article (a file or pasted text).")
    for slot in [primary] + articles:
        if slot.upload is not None and slot.upload.filename and slot.pasted.strip():
            found.append(f"{slot.role.capitalize()}: give a file or pasted text, not both "
                         f"(file “{slot.upload.filename}”).")
            continue
        if slot.upload is None or not slot.upload.filename:
            continue
        name = slot.upload.filename
        if Path(name).suffix.lower() not in SUFFIXES:
            found.append(f"{slot.role.capitalize()}: “{name}” is not a .txt file or a saved .html page.")
            continue
        data = slot.upload.stream.read(MAX_FILE_BYTES + 1)
        slot.upload.stream.seek(0)
        if len(data) > MAX_FILE_BYTES:
            found.append(f"{slot.role.capitalize()}: “{name}” is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
            continue
        if Path(name).suffix.lower() == ".txt":
            try:
                decode(data, name)
            except InputError as error:
                found.append(f"{slot.role.capitalize()}: “{name}” {error.reason}.")
        elif b"\x00" in data:
            found.append(f"{slot.role.capitalize()}: “{name}” is a binary file, not a saved web page.")
    return found


def build(new: NewStory, folder: Path, staging_parent: Path) -> Path:
    """Write the story folder ``folder`` from a form that has no problems.

    Raises:
        InputError: ``build_story`` refused an input; its path is the name the user gave.
    """
    staging = Path(tempfile.mkdtemp(dir=staging_parent, prefix=".upload-"))
    given: dict[str, str] = {}
    try:
        paths, outlets = [], []
        for number, slot in enumerate(s for s in new.slots if s.given):
            place = staging / f"slot{number}"
            place.mkdir()
            if slot.upload is not None and slot.upload.filename:
                name = secure_filename(slot.upload.filename) or f"text{number}{Path(slot.upload.filename).suffix}"
                path = place / name
                slot.upload.save(path)
                given[str(path)] = f"“{slot.upload.filename}” ({slot.role})"
            else:
                name = "primary.txt" if number == 0 else f"article-{number}.txt"
                path = place / name
                path.write_text(slot.pasted, encoding="utf-8")
                given[str(path)] = f"the pasted text of {slot.role}"
            paths.append(path)
            outlets.append(slot.outlet)
        try:
            return build_story(folder, paths[0], paths[1:], title=new.title, outlets=outlets)
        except InputError as error:
            raise InputError(given.get(error.path, Path(error.path).name), error.reason) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
