"""``sourcedrift new``: build a story folder from files a user has.

Plain-text files are copied under their own names (gold files name documents
by file). Saved HTML pages are turned into text with trafilatura, after the
page's own paywall evidence (schema.org ``isAccessibleForFree: false`` and
similar markup, which extraction throws away) has been read and recorded in
the manifest.
"""

from __future__ import annotations

import errno
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


# Where a plain-text page names its outlet, from the most telling place to the
# least: the site's name above its navigation bar ("THE DUNMORE LEDGER" over
# "Home | News | Sports"), a copyright footer ("© 2025 The Dunmore Ledger.
# All rights reserved."), a wire dateline's credit ("WASHINGTON (Tidewire) —
# ..."). A footer naming a company (LLC, Ltd, Group ...) names the publisher,
# and one naming the byline's author a person: neither is taken. Anything
# less plain is left for the user to fill in.
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<name>[^\W\d_][^,;|·•©]*?)\s*(?:\d{4}\s*)?(?:\.\s|\.$|[,;|·•]|\ball rights reserved|$)", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s+"
                       r"\((?P<name>[^()]{2,40})\)\s+[—–-]")
_COMPANY = re.compile(r"\b(?:LLC|L\.L\.C|Ltd|Limited|Inc|Incorporated|Corp|Corporation|Co|GmbH|AG|plc|S\.A|"
                      r"Group|Holdings|Media|Broadcasting|Publishing|Publications|Company)\.?$", re.IGNORECASE)
_NAVIGATION = {"menu", "sections", "home", "subscribe", "search", "sign in", "log in", "listen live",
               "watch live", "donate", "navigation", "skip to content"}
_NAV_SEPARATOR = re.compile(r"\s*(?:\||›|»|·|•| > | / )\s*")
# A US broadcaster's call letters opening its name (KGUL 11 NEWS, WMDX-TV) stay in capitals.
_CALL_SIGN = re.compile(r"^[KW][A-Z]{3}(?:-(?:TV|FM|AM|DT))?$")
_SMALL_WORDS = {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"}
_FOOTER_LINES = 8
_OUTLET_MAX_WORDS = 6
_SECTION_MAX_WORDS = 3


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _name(candidate: str) -> str:
    """A candidate outlet name, or '' when it does not look like one (too long, no capital, a sentence)."""
    candidate = candidate.strip(" -–—:")
    words = candidate.split()
    if not words or len(words) > _OUTLET_MAX_WORDS or not candidate[0].isupper():
        return ""
    if any(mark in candidate for mark in ".!?:;\"“”") or candidate.casefold().startswith("all rights"):
        return ""
    return candidate


def _unshout(name: str) -> str:
    """A logo in capitals as a name: "THE DUNMORE LEDGER" -> "The Dunmore Ledger"; call letters stay."""
    if name != name.upper():
        return name
    words = []
    for index, word in enumerate(name.split()):
        lowered = word.lower()
        if (index == 0 and _CALL_SIGN.match(word)) or not any(v in lowered for v in "aeiouy") or not word.replace("-", "").isalpha():
            words.append(word)            # KGUL, KSVN, 6, A&E
        elif index and lowered in _SMALL_WORDS:
            words.append(lowered)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))   # LEDGER-STAR
    return " ".join(words)


def _is_navigation(line: str) -> bool:
    """A site's menu or section bar: "Menu", "Home | News | Sports", "Business › Regulation"."""
    if line.casefold() in _NAVIGATION:
        return True
    parts = [part for part in _NAV_SEPARATOR.split(line) if part]
    return len(parts) >= 2 and all(
        len(part.split()) <= _SECTION_MAX_WORDS and not part.casefold().startswith("by ")
        and not any(ch.isdigit() for ch in part) and not part.endswith(".") for part in parts)


def outlet_from_text(text: str) -> str:
    """The outlet a plain-text page names in an obvious place, or '' (see the patterns above)."""
    lines = _lines(text)
    if len(lines) >= 2 and (_is_navigation(lines[1]) or lines[1].casefold() in _NAVIGATION):
        logo = _name(_NAV_SEPARATOR.split(lines[0])[0])
        if logo:
            return _unshout(logo)
    for line in reversed(lines[-_FOOTER_LINES:]):
        found = _COPYRIGHT.match(line)
        owner = _name(found.group("name")) if found else ""
        author = owner and re.search(rf"\bby {re.escape(owner)}\b", text, re.IGNORECASE)
        if owner and not _COMPANY.search(owner) and not author:
            return owner
    for line in lines[:4]:
        found = _DATELINE.match(line)
        # An acronym credit ("(AP)", "(MW)") is left out: it rarely is the outlet's name as written.
        if found and _name(found.group("name")) and any(ch.islower() for ch in found.group("name")):
            return _name(found.group("name"))
    return ""


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
        outlet = outlet_from_text(text)
        # A short first line with no full stop is the page's headline, unless it is the site's logo.
        logo = outlet and _unshout(first).casefold().startswith(outlet.casefold())
        headline = first if len(first.split()) <= 20 and not first.endswith(".") and not logo else ""
        return Converted(file=path.name, text=text, headline=headline, outlet=outlet)
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
    try:
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{story_dir.name}."))
    except OSError as error:
        raise InputError(story_dir, f"cannot be created here ({(error.strerror or str(error)).lower()})") from None
    try:
        for doc in converted:
            (staging / doc.file).write_text(doc.text, encoding="utf-8")
        (staging / MANIFEST).write_text(
            manifest_text(story_dir.name, title, converted[0], converted[1:]), encoding="utf-8")
        load_story(staging)  # the story must load before it is put in place
        if story_dir.exists():
            story_dir.rmdir()
        staging.rename(story_dir)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        reason = "no space left on the device" if error.errno == errno.ENOSPC else (error.strerror or str(error)).lower()
        raise InputError(story_dir, f"could not be written: {reason}; nothing was created") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return story_dir
