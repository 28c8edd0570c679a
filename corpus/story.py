"""Stories: a folder of texts and the ``story.toml`` manifest that lists them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corpus.errors import InputError
from corpus.reading import inside, read_text, read_toml
from corpus.reference import ReferenceEvent, load_reference

MANIFEST = "story.toml"
ROLES = ("primary", "coverage")
Role = Literal["primary", "coverage"]
_DOCUMENT_KEYS = {"id", "file", "role", "outlet", "headline", "published", "url", "paywall_evidence"}
_MANIFEST_KEYS = {"story", "document", "reference"}
_STORY_KEYS = {"name", "title"}
_REFERENCE_KEYS = {"file"}


@dataclass(frozen=True)
class Document:
    """One text of a story, as loaded (normalised; see corpus.reading)."""

    id: str
    file: str
    role: Role
    outlet: str
    headline: str
    published: str
    url: str
    text: str
    paywall_evidence: str = ""  # paywall markup seen in the saved page (``sourcedrift new``)


@dataclass(frozen=True)
class Story:
    """A primary source, the coverage of it, and any reference sheets."""

    name: str
    title: str
    directory: Path
    documents: tuple[Document, ...]
    references: tuple[ReferenceEvent, ...]

    @property
    def primary(self) -> Document:
        return next(d for d in self.documents if d.role == "primary")

    @property
    def coverage(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if d.role == "coverage")

    def document(self, file: str) -> Document | None:
        """The document whose file name is ``file``, or None."""
        return next((d for d in self.documents if d.file == file), None)


def _string(entry: dict, key: str, manifest: Path, where: str, required: bool = False) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise InputError(manifest, f"{where}: {key} must be a string, not {type(value).__name__}")
    if required and not value.strip():
        raise InputError(manifest, f"{where}: {key} is required")
    return value


def read_manifest(directory: Path) -> dict:
    """Parse ``directory/story.toml`` into a dict, checking only that it is TOML inside the folder."""
    manifest = directory / MANIFEST
    if not directory.exists():
        raise InputError(directory, "no such story folder")
    if not directory.is_dir():
        raise InputError(directory, "is not a folder")
    if not manifest.is_file():
        raise InputError(manifest, "no manifest (make one with `sourcedrift new`)")
    inside(directory, MANIFEST, manifest, "the manifest")
    return read_toml(manifest)


def _known(table: dict, known: set[str], manifest: Path, where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise InputError(manifest, f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")


def _tables(data: dict, key: str, manifest: Path) -> list[dict]:
    """The entries of an array of tables (``[[key]]``), each checked to be a table."""
    entries = data.get(key, [])
    if not isinstance(entries, list):
        raise InputError(manifest, f"{key} must be written [[{key}]] with a table per entry, "
                                   f"not {type(entries).__name__} {entries!r}")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise InputError(manifest, f"{key} {index + 1} must be a table ([[{key}]] with file = ...), not {entry!r}")
    return entries


def load_story(directory: str | Path) -> Story:
    """Load a story folder, validating its manifest and every text it names.

    Raises:
        InputError: a missing or malformed manifest, a document named twice,
            an absent or unreadable file, no primary or more than one, an
            unknown role, or a bad reference sheet.
    """
    directory = Path(directory)
    manifest = directory / MANIFEST
    data = read_manifest(directory)
    _known(data, _MANIFEST_KEYS, manifest, "the manifest")
    meta = data.get("story", {})
    if not isinstance(meta, dict):
        raise InputError(manifest, "[story] must be a table")
    _known(meta, _STORY_KEYS, manifest, "[story]")
    entries = _tables(data, "document", manifest)
    if not entries:
        raise InputError(manifest, "lists no [[document]]")
    documents: list[Document] = []
    seen: set[str] = set()
    files: dict[str, str] = {}
    for index, entry in enumerate(entries):
        where = f"document {index + 1}"
        _known(entry, _DOCUMENT_KEYS, manifest, where)
        file = _string(entry, "file", manifest, where, required=True)
        path = inside(directory, file, manifest, where)
        if Path(file).name != file:
            raise InputError(manifest, f"{where}: file {file!r} must be a plain file name inside the story folder")
        doc_id = _string(entry, "id", manifest, where) or file
        if doc_id in seen:
            raise InputError(manifest, f"document id {doc_id!r} is listed twice")
        seen.add(doc_id)
        real = str(path.resolve())
        if real in files:
            raise InputError(manifest, f"{where}: {file!r} is the file {files[real]} already lists (list each text once)")
        files[real] = where
        role = entry.get("role")
        if role not in ROLES:
            raise InputError(manifest, f"{where} ({file}): role {role!r} is not one of {list(ROLES)}")
        if not path.is_file():
            raise InputError(manifest, f"names {file!r}, which is not in {directory}")
        documents.append(Document(
            id=doc_id,
            file=file,
            role=role,
            outlet=_string(entry, "outlet", manifest, where),
            headline=_string(entry, "headline", manifest, where),
            published=_string(entry, "published", manifest, where),
            url=_string(entry, "url", manifest, where),
            text=read_text(path),
            paywall_evidence=_string(entry, "paywall_evidence", manifest, where),
        ))
    primaries = [d.file for d in documents if d.role == "primary"]
    if len(primaries) != 1:
        found = ", ".join(primaries) if primaries else "none"
        raise InputError(manifest, f"needs exactly one primary document (found {found})")
    references = []
    for index, entry in enumerate(_tables(data, "reference", manifest)):
        where = f"reference {index + 1}"
        _known(entry, _REFERENCE_KEYS, manifest, where)
        file = _string(entry, "file", manifest, where, required=True)
        path = inside(directory, file, manifest, where)
        if not path.is_file():
            raise InputError(manifest, f"names reference {file!r}, which is not in {directory}")
        references.append(load_reference(path))
    return Story(
        name=_string(meta, "name", manifest, "[story]") or directory.name,
        title=_string(meta, "title", manifest, "[story]"),
        directory=directory,
        documents=tuple(documents),
        references=tuple(references),
    )
