"""Gold annotations (codebook, "Gold file format"): loaded, validated and located.

Every ``text`` of a gold item is found in its document (after the codebook's
normalisation) and turned into a character span, so scoring is by span overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus import InputError, Story
from corpus.reading import normalise, read_toml

MEASURES = ("documents", "boilerplate", "quotes", "claims", "numbers")
LABELS = {
    "quote": ("exact", "trivial", "marked", "spliced", "altered", "unsourced", "misattributed"),
    "claim": ("supported", "added", "contradicted"),
    "number": ("match", "rounded", "mismatch", "unsourced"),
}
KINDS = ("historical", "political", "speculation", "detail", "editorial", "promotional")


@dataclass(frozen=True)
class GoldDocument:
    file: str
    same_event: bool
    paywall: bool


@dataclass(frozen=True)
class GoldItem:
    """A gold quote, claim or number located in its document."""

    file: str
    text: str
    span: tuple[int, int]
    label: str | None
    speaker: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Gold:
    story: str
    primary: str
    annotated: tuple[str, ...]
    documents: tuple[GoldDocument, ...]
    boilerplate: frozenset[tuple[str, str]]   # (file, stripped line text)
    quotes: tuple[GoldItem, ...]
    claims: tuple[GoldItem, ...]
    numbers: tuple[GoldItem, ...]


def load_gold(path: str | Path, story: Story) -> Gold:
    """Load ``path`` and check it against ``story``.

    Raises:
        InputError: the file is missing or not TOML, belongs to another
            story (``meta.story``), names a file the story does not have, uses a label outside the codebook, or has a text
            that does not occur exactly once in its document.
    """
    path = Path(path)
    data = read_toml(path)
    meta = data.get("meta")
    if not isinstance(meta, dict):
        raise InputError(path, "has no [meta] table")
    annotated = meta.get("annotated")
    if not isinstance(annotated, list) or not set(annotated) <= set(MEASURES):
        raise InputError(path, f"meta.annotated must list measures out of {list(MEASURES)}")
    if "story" in meta and meta["story"] != story.name:
        raise InputError(path, f"meta.story is {meta['story']!r} but this is story {story.name!r}; "
                               "use the gold file of this story")
    if meta.get("primary") != story.primary.file:
        raise InputError(path, f"meta.primary is {meta.get('primary')!r} but the story's primary is {story.primary.file!r}")

    def document_text(file: object, where: str) -> str:
        if not isinstance(file, str) or story.document(file) is None:
            raise InputError(path, f"{where} names {file!r}, which is not a document of story {story.name!r}")
        return story.document(file).text

    documents = []
    for entry in data.get("document", []):
        document_text(entry.get("file"), "[[document]]")
        for key in ("same_event", "paywall"):
            if not isinstance(entry.get(key), bool):
                raise InputError(path, f"{entry['file']}: document.{key} must be true or false")
        documents.append(GoldDocument(entry["file"], entry["same_event"], entry["paywall"]))
    listed = {d.file for d in documents}

    boilerplate = set()
    for entry in data.get("boilerplate", []):
        text = document_text(entry.get("file"), "[[boilerplate]]")
        line = normalise(str(entry.get("line", ""))).strip()
        if line not in {raw.strip() for raw in text.split("\n")}:
            raise InputError(path, f"{entry['file']}: boilerplate line not found whole: {line[:60]!r}")
        boilerplate.add((entry["file"], line))

    def items(kind: str) -> tuple[GoldItem, ...]:
        found = []
        for entry in data.get(kind, []):
            file = entry.get("file")
            text = document_text(file, f"[[{kind}]]")
            if file not in listed:
                raise InputError(path, f"{file}: [[{kind}]] names a file with no [[document]] entry")
            wanted = normalise(str(entry.get("text", "")))
            count = text.count(wanted) if wanted else 0
            if count != 1:
                raise InputError(path, f"{file}: {kind} text occurs {count} times (must be once): {wanted[:60]!r}")
            label = entry.get("label")
            if label is None and kind != "quote":
                raise InputError(path, f"{file}: {kind} without a label: {wanted[:60]!r}")
            if label is not None and label not in LABELS[kind]:
                raise InputError(path, f"{file}: {kind} label {label!r} is not in the codebook ({', '.join(LABELS[kind])})")
            if kind == "claim" and entry.get("kind", "") not in ("",) + KINDS:
                raise InputError(path, f"{file}: claim kind {entry['kind']!r} is not in the codebook")
            start = text.index(wanted)
            found.append(GoldItem(file, wanted, (start, start + len(wanted)), label,
                                  entry.get("speaker", ""), entry.get("kind", "")))
        return tuple(found)

    return Gold(
        story=str(meta.get("story", story.name)),
        primary=story.primary.file,
        annotated=tuple(annotated),
        documents=tuple(documents),
        boilerplate=frozenset(boilerplate),
        quotes=items("quote"),
        claims=items("claim"),
        numbers=items("number"),
    )
