"""``sourcedrift new``: build a story folder from files a user has.

Plain-text files are copied under their own names (gold files name documents
by file). Saved HTML pages are turned into text with trafilatura, after the
page's own paywall evidence (schema.org ``isAccessibleForFree: false`` and
similar markup, which extraction throws away) has been read and recorded in
the manifest.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import zip_longest
from pathlib import Path

from corpus.errors import InputError
from corpus.reading import decode
from corpus.story import MANIFEST, load_story

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
# Paywall markup that publishers add for search engines (schema.org) and
# that common paywall scripts leave in the page.
_PAYWALL_MARKUP = (
    (re.compile(r""""isAccessibleForFree"\s*:\s*(?:false|"false"|"False")"""), 'schema.org "isAccessibleForFree": false'),
    (re.compile(r"""itemprop=["']isAccessibleForFree["'][^>]*content=["']false""", re.IGNORECASE),
     "schema.org isAccessibleForFree=false (microdata)"),
    (re.compile(r"""<meta[^>]+(?:name|property)=["'](?:article:content_tier|content_tier)["'][^>]+content=["'](?:locked|metered|premium)""", re.IGNORECASE),
     "article:content_tier is locked/metered"),
    (re.compile(r"""class=["'][^"']*\b(?:paywall|piano-offer|tp-modal|meteredContent|subscriber-only)\b""", re.IGNORECASE),
     "paywall element in the page"),
)


@dataclass(frozen=True)
class Converted:
    """One input file as it will stand in the story."""

    file: str
    text: str
    outlet: str = ""
    headline: str = ""
    published: str = ""
    url: str = ""
    paywall_evidence: str = ""


def _decode_html(data: bytes, path: Path) -> str:
    declared = _CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii", "replace") if declared else "utf-8"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(path, f"cannot be decoded as {encoding} or UTF-8") from None


def paywall_markup(html: str) -> str:
    """The paywall evidence in an HTML page's markup, or ''."""
    found = [label for pattern, label in _PAYWALL_MARKUP if pattern.search(html)]
    return "; ".join(found)


def convert(path: Path) -> Converted:
    """Read one input file: plain text as it is, HTML through trafilatura."""
    if not path.is_file():
        raise InputError(path, "no such file")
    data = path.read_bytes()
    if path.suffix.lower() not in HTML_SUFFIXES:
        text = decode(data, path)
        first = text.strip().split("\n", 1)[0].strip()
        # A short first line with no full stop is the page's headline.
        headline = first if len(first.split()) <= 20 and not first.endswith(".") else ""
        return Converted(file=path.name, text=text, headline=headline)
    import trafilatura

    html = _decode_html(data, path)
    evidence = paywall_markup(html)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(path, "no article text could be extracted from this HTML page")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "") if meta else ""
    # Keep the headline in the text, as a page shows it, so cleaning finds it.
    body = text if not title or text.lstrip().startswith(title) else f"{title}\n\n{text}"
    return Converted(
        file=f"{path.stem}.txt",
        text=decode(body.encode("utf-8"), path),
        outlet=(meta.sitename or meta.hostname or "") if meta else "",
        headline=title,
        published=(meta.date or "") if meta else "",
        url=(meta.url or "") if meta else "",
        paywall_evidence=evidence,
    )


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def manifest_text(name: str, title: str, primary: Converted, articles: list[Converted]) -> str:
    """The story.toml for the converted documents."""
    out = ["# Written by `sourcedrift new`; edit outlets, dates and URLs as needed.", "",
           "[story]", f"name = {_toml_string(name)}", f"title = {_toml_string(title)}"]
    for role, doc in [("primary", primary)] + [("coverage", a) for a in articles]:
        out += ["", "[[document]]", f"file = {_toml_string(doc.file)}", f'role = "{role}"',
                f"outlet = {_toml_string(doc.outlet)}", f"headline = {_toml_string(doc.headline)}",
                f"published = {_toml_string(doc.published)}", f"url = {_toml_string(doc.url)}"]
        if doc.paywall_evidence:
            out.append(f"paywall_evidence = {_toml_string(doc.paywall_evidence)}")
    return "\n".join(out) + "\n"


def build_story(story_dir: str | Path, primary: str | Path, articles: list[str | Path], *, title: str = "",
                outlets: Sequence[str] = ()) -> Path:
    """Create ``story_dir`` holding the texts and a story.toml; returns the folder.

    ``outlets``, if given, names the outlet of the primary and of each article
    in order ("" keeps what the page's metadata says).

    Raises:
        InputError: the folder exists and is not empty, an input is missing,
            unreadable or empty, or two inputs would get the same file name.
            Nothing is left behind on error.
    """
    story_dir = Path(story_dir)
    if story_dir.exists() and (not story_dir.is_dir() or any(story_dir.iterdir())):
        raise InputError(story_dir, "already exists and is not an empty folder; choose a new one")
    converted = [convert(Path(primary))] + [convert(Path(a)) for a in articles]
    converted = [replace(doc, outlet=outlet.strip()) if outlet.strip() else doc
                 for doc, outlet in zip_longest(converted, outlets[:len(converted)], fillvalue="")]
    names: dict[str, str] = {}
    for source, doc in zip([primary, *articles], converted):
        if doc.file in names or doc.file == MANIFEST:
            raise InputError(source, f"would be stored as {doc.file!r}, which {names.get(doc.file, 'the manifest')} already uses")
        names[doc.file] = str(source)
    parent = story_dir.resolve().parent
    if not parent.is_dir():
        raise InputError(story_dir, "its parent folder does not exist")
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{story_dir.name}."))
    try:
        for doc in converted:
            (staging / doc.file).write_text(doc.text, encoding="utf-8")
        (staging / MANIFEST).write_text(
            manifest_text(story_dir.name, title, converted[0], converted[1:]), encoding="utf-8")
        load_story(staging)  # the story must load before it is put in place
        if story_dir.exists():
            story_dir.rmdir()
        staging.rename(story_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return story_dir
