"""A coder's label corrections, kept as a gold file in the story folder, and their agreement with the toolkit.

Each coder has one file, ``gold-<coder>.toml`` in the story folder, in the
codebook's gold format: every document's ``same_event`` and ``paywall``, and,
for each measure the coder reviewed at least one mark of, every quotation,
every claim that is not supported or every figure that is not a match,
labelled as the toolkit labels them except where the coder reviewed the
mark. ``meta.annotated`` lists only the measures the coder reviewed
(``documents`` once they judged an event check or a paywall notice). A
reviewed item (changed, or kept with the same label: confirmed) carries
``coder``, ``toolkit_label`` and an optional ``note`` besides the codebook's
fields; a reviewed ``[[document]]`` carries ``coder`` and
``toolkit_same_event`` / ``toolkit_paywall`` (with ``same_event_note`` /
``paywall_note``) for the check the coder judged. So ``sourcedrift evaluate
--gold`` reads the file as it reads hand-made gold, and the workbench's
refit (``refit.py``) learns from the reviewed items only.

Every ``text`` is the record's own words, widened by as little context as
makes it occur exactly once in its document. The file is checked with the
project's gold loader before it replaces the previous one (temporary file,
then rename): a crash or a bad file never loses what was written before.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.study.agreement import TOOLKIT, Agreement, Code, agreement
from analysis.study.gold import KINDS, LABELS, load_gold
from analysis.pipeline import ArticleAnalysis, StoryAnalysis
from corpus import InputError
from reports.view import strip_span
from sourcedrift.web.marks import record_of

CODER = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
GOLD_PREFIX = "gold-"
# The document-level checks a coder can judge: mark id -> the [[document]] field (labels "true" / "false").
EVENT_MARK, PAYWALL_MARK = "event", "paywall"
DOCUMENT_FIELDS = {EVENT_MARK: "same_event", PAYWALL_MARK: "paywall"}
BOOLEAN = ("true", "false")
_AGREE_MEASURE = {"quote": "quotes", "claim": "claims", "number": "numbers"}
MEASURE_OF = {"q": "quotes", "c": "claims", "f": "numbers"}


def coder_slug(name: str) -> str:
    """The file-name form of a coder's name ("Ms. Rivera" -> "ms-rivera").

    Raises:
        ValueError: nothing usable is left of the name.
    """
    found = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40].strip("-")
    if not found or not CODER.fullmatch(found) or found == TOOLKIT:
        raise ValueError(f"coder name {name!r} is not usable: give letters or digits (not {TOOLKIT!r})")
    return found


def gold_path(story_dir: Path, coder: str) -> Path:
    return story_dir / f"{GOLD_PREFIX}{coder_slug(coder)}.toml"


@dataclass(frozen=True)
class Review:
    """One mark a coder reviewed."""

    file: str
    mark: str            # mark id ("q3", "c12", "f5"), or "event" / "paywall" for the article's checks
    label: str
    kind: str = ""       # an added claim's kind
    note: str = ""
    coder: str = ""      # as the coder wrote their name


def read_reviews(path: Path) -> dict[tuple[str, str], Review]:
    """The reviews stored in a coder's gold file, by (file, mark id); {} when there is none yet."""
    if not path.is_file():
        return {}
    with path.open("rb") as stream:
        data = tomllib.load(stream)
    found = {}
    for item in data.get("document", []):
        for mark, field in DOCUMENT_FIELDS.items():
            if f"toolkit_{field}" in item:
                review = Review(item["file"], mark, "true" if item.get(field) else "false", "",
                                item.get(f"{field}_note", ""), item.get("coder", ""))
                found[(review.file, review.mark)] = review
    for table in ("quote", "claim", "number"):
        for item in data.get(table, []):
            if "toolkit_label" in item and "mark" in item:
                review = Review(item["file"], item["mark"], item.get("label", ""), item.get("kind", ""),
                                item.get("note", ""), item.get("coder", ""))
                found[(review.file, review.mark)] = review
    return found


def distinctive(text: str, start: int, end: int) -> str:
    """``text[start:end]``, widened by whole words on either side until it occurs once in ``text``."""
    a, b = strip_span(text, max(0, start), min(len(text), end))
    while text.count(text[a:b]) != 1 and (a > 0 or b < len(text)):
        while b < len(text) and text[b].isspace():
            b += 1
        while b < len(text) and not text[b].isspace():
            b += 1
        while a > 0 and text[a - 1].isspace():
            a -= 1
        while a > 0 and not text[a - 1].isspace():
            a -= 1
    return text[a:b]


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def toolkit_checks(article: ArticleAnalysis) -> dict[str, bool]:
    """The toolkit's ``same_event`` and ``paywall`` for ``article``."""
    return {"same_event": article.event.same_event, "paywall": article.cleaning.paywall.detected}


def _document(article: ArticleAnalysis, reviews: dict[tuple[str, str], Review]) -> list[str]:
    """The ``[[document]]`` table of ``article``: the toolkit's checks, or the coder's where they judged one."""
    file = article.document.file
    toolkit = toolkit_checks(article)
    lines, extra = ["", "[[document]]", f"file = {_toml(file)}"], []
    judged = [(m, f) for m, f in DOCUMENT_FIELDS.items() if (file, m) in reviews]
    for mark, field in DOCUMENT_FIELDS.items():
        review = reviews.get((file, mark))
        value = review.label == "true" if review else toolkit[field]
        lines.append(f"{field} = {'true' if value else 'false'}")
        if review:
            extra.append(f"toolkit_{field} = {'true' if toolkit[field] else 'false'}")
            if review.note:
                extra.append(f"{field}_note = {_toml(review.note)}")
    if judged:
        lines.append(f"coder = {_toml(reviews[(file, judged[0][0])].coder)}")
    return lines + extra


def reviewed_measures(reviews: dict[tuple[str, str], Review]) -> list[str]:
    """The codebook measures (``meta.annotated``) of which ``reviews`` judge at least one unit, in codebook order."""
    seen = {"documents" if mark in DOCUMENT_FIELDS else MEASURE_OF[mark[0]] for _, mark in reviews}
    return [m for m in ("documents", "quotes", "claims", "numbers") if m in seen]


def _items(analysis: StoryAnalysis, reviews: dict[tuple[str, str], Review]) -> Iterator[tuple[str, dict]]:
    """(table, fields) of every gold item of the measures the coder reviewed, in document order per article."""
    wanted = set(reviewed_measures(reviews))
    for article in analysis.articles:
        file = article.document.file
        text = article.document.text
        for measure, prefix, records in (("quote", "q", article.quotes.quotes), ("claim", "c", article.claims.claims),
                                         ("number", "f", article.figures.figures)):
            if _AGREE_MEASURE[measure] not in wanted:
                continue
            for index, record in enumerate(records):
                if measure == "quote" and getattr(record, "is_term", False):
                    continue
                mark = f"{prefix}{index}"
                toolkit_label = record.label or ("match" if measure == "number" else None)
                review = reviews.get((file, mark))
                label = review.label if review else toolkit_label
                kind = (review.kind if review else (record.kind or "")) if measure == "claim" else ""
                if review is None and ((measure == "claim" and label == "supported")
                                       or (measure == "number" and label == "match")):
                    continue  # unlisted claims are supported and unlisted figures match (codebook)
                fields = {"file": file, "text": distinctive(text, *record.span)}
                if measure == "quote":
                    fields["speaker"] = record.speaker or ""
                if label is not None:
                    fields["label"] = label
                if kind and label == "added":
                    fields["kind"] = kind
                if review is not None:
                    fields["mark"] = mark
                    fields["toolkit_label"] = toolkit_label or ""
                    fields["coder"] = review.coder
                    if review.note:
                        fields["note"] = review.note
                yield measure, fields


def gold_text(analysis: StoryAnalysis, reviews: dict[tuple[str, str], Review], coder: str) -> str:
    """The whole gold file of ``coder``: the toolkit's labels with the coder's reviews applied."""
    story = analysis.story
    out = [f"# Gold annotations of {story.name} by {coder}, written by `sourcedrift serve`.",
           "# Labels are the toolkit's except the items with a `coder` field, which the coder reviewed",
           "# (`toolkit_label` is what the toolkit said). Format: the codebook's gold file format.",
           "", "[meta]", f"story = {_toml(story.name)}", f"primary = {_toml(story.primary.file)}",
           f"annotated = [{', '.join(_toml(m) for m in reviewed_measures(reviews))}]"]
    for article in analysis.articles:
        out += _document(article, reviews)
    for table, fields in _items(analysis, reviews):  # gold tables are named as the measures here
        out += ["", f"[[{table}]]"] + [f"{key} = {_toml(value)}" for key, value in fields.items()]
    return "\n".join(out) + "\n"


def save_review(analysis: StoryAnalysis, story_dir: Path, review: Review) -> Path:
    """Add ``review`` to its coder's gold file (replacing an earlier review of the same mark).

    Raises:
        ValueError: the file, mark, label or kind is not one the story and the codebook have.
        InputError: the file written would not load as gold (nothing is replaced then).
    """
    article = analysis.article(review.file)
    if article is None:
        raise ValueError(f"{review.file!r} is not an article of this story")
    if review.mark in DOCUMENT_FIELDS:
        measure, labels = DOCUMENT_FIELDS[review.mark], BOOLEAN
    else:
        found = record_of(article, review.mark)
        if found is None:
            raise ValueError(f"{review.mark!r} is not a mark of {review.file}")
        measure, labels = found[0], LABELS[found[0]]
    if review.label not in labels:
        raise ValueError(f"{review.label!r} is not a {measure} label of the codebook ({', '.join(labels)})")
    if review.kind and (measure != "claim" or review.kind not in KINDS):
        raise ValueError(f"{review.kind!r} is not a kind of added claim ({', '.join(KINDS)})")
    path = gold_path(story_dir, review.coder)
    reviews = read_reviews(path)
    reviews[(review.file, review.mark)] = review
    write_gold(analysis, path, reviews, review.coder)
    return path


def write_gold(analysis: StoryAnalysis, path: Path, reviews: dict[tuple[str, str], Review], coder: str) -> None:
    """Write the gold file through a temporary file checked by the gold loader, then a rename."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(gold_text(analysis, reviews, coder).encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        load_gold(temporary, analysis.story)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ----------------------------------------------------------------- agreement


def coders(story_dir: Path) -> list[tuple[str, Path]]:
    """(coder slug, gold file) of every coder who saved a correction in ``story_dir``."""
    out = []
    for path in sorted(story_dir.glob(f"{GOLD_PREFIX}*.toml")):
        name = path.stem[len(GOLD_PREFIX):]
        if CODER.fullmatch(name):
            out.append((name, path))
    return out


def _codes(analysis: StoryAnalysis, coder: str,
           reviews: dict[tuple[str, str], Review]) -> tuple[list[Code], int, int]:
    """The coder's label of every mark they reviewed, as coded units ``agree`` reads; how many marks and
    checks they reviewed, and how many of those they changed."""
    codes, changed, checks = [], 0, 0
    for (file, mark), review in sorted(reviews.items()):
        article: ArticleAnalysis | None = analysis.article(file)
        if article is not None and mark in DOCUMENT_FIELDS:  # a check, not a unit ``agree`` codes
            field = DOCUMENT_FIELDS[mark]
            changed += (review.label == "true") != toolkit_checks(article)[field]
            checks += 1
            continue
        found = record_of(article, mark) if article is not None else None
        if found is None:
            continue
        measure, record = found
        span = tuple(record.span)
        codes.append(Code(len(codes) + 1, coder, file, _AGREE_MEASURE[measure],
                          article.document.text[span[0]:span[1]], span, review.label))
        changed += review.label != (record.label or ("match" if measure == "number" else None))
    return codes, len(codes) + checks, changed


@dataclass(frozen=True)
class CoderAgreement:
    coder: str
    path: Path
    reviewed: int           # marks and article checks reviewed
    changed: int            # of which the label was changed
    agreement: Agreement | None   # None: nothing reviewed


def story_agreement(analysis: StoryAnalysis, story_dir: Path) -> tuple[list[CoderAgreement], Agreement | None]:
    """Each coder against the toolkit on the marks they reviewed, and all coders together (as ``agree``)."""
    per_coder, every_code = [], []
    for name, path in coders(story_dir):
        try:
            reviews = read_reviews(path)
        except (OSError, tomllib.TOMLDecodeError):
            continue
        codes, reviewed, changed = _codes(analysis, name, reviews)
        per_coder.append(CoderAgreement(name, path, reviewed, changed,
                                        agreement(codes, analysis, source=path.name) if codes else None))
        every_code.extend(codes)
    together = agreement(every_code, analysis, source="all coders") if len({c.coder for c in every_code}) > 1 else None
    return per_coder, together


__all__ = ["CoderAgreement", "DOCUMENT_FIELDS", "EVENT_MARK", "InputError", "PAYWALL_MARK", "Review", "coder_slug",
           "coders", "gold_path", "gold_text", "read_reviews", "reviewed_measures", "save_review", "story_agreement",
           "toolkit_checks"]
