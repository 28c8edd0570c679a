"""Coder agreement: human coders' labels, and Krippendorff's alpha per measure.

Coders' labels come from a CSV file with the columns ``coder, file, text,
measure, label`` (any order, other columns ignored): ``text`` is a
distinctive substring of the coded item that occurs exactly once in ``file``
(as in gold files), ``measure`` is ``quotes``, ``claims`` or ``numbers``, and
``label`` a codebook label of that measure. Every coded item is listed: there
are no implied labels.

Units: a claim is the body sentence its text falls in; quotations and
figures whose texts overlap are one unit. The toolkit's label for a unit is
that of its record overlapping the unit most, as ``evaluate`` matches gold.
Alpha (nominal, ``analysis.study.evaluate.coded_alpha``) ranges from -1 to 1:
1 is perfect agreement, 0 what chance gives, below 0 systematic disagreement;
None when no unit was coded by both sides.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from analysis.pipeline import MEASURES as REGISTRY, ArticleAnalysis, StoryAnalysis, measure as registered
from analysis.study.evaluate import coded_alpha
from analysis.study.gold import LABELS
from corpus import InputError, Story, read_text
from corpus.reading import normalise

COLUMNS = ("coder", "file", "text", "measure", "label")
MEASURES = tuple(entry.name for entry in REGISTRY if entry.coded)
# The singular spellings gold files use for their tables are accepted too.
_MEASURE_NAMES = {"quotes": "quotes", "quote": "quotes", "claims": "claims", "claim": "claims",
                  "numbers": "numbers", "number": "numbers"}
_LABELS = {"quotes": LABELS["quote"], "claims": LABELS["claim"], "numbers": LABELS["number"]}
# The name the toolkit codes under; no human coder may use it.
TOOLKIT = "sourcedrift"


@dataclass(frozen=True)
class Code:
    """One row of a coders' CSV, located in its document."""

    line: int                # line number in the CSV file
    coder: str
    file: str
    measure: str             # quotes, claims or numbers
    text: str
    span: tuple[int, int]    # document offsets of ``text``
    label: str


@dataclass(frozen=True)
class Unit:
    """One coded item and every label it was given (the toolkit's included)."""

    measure: str
    file: str
    span: tuple[int, int]                 # document offsets
    labels: tuple[tuple[str, str], ...]   # (coder, label), sorted by coder


@dataclass(frozen=True)
class PairAgreement:
    coders: tuple[str, str]
    alpha: float | None   # -1..1, higher = more agreement; None: no unit coded by both
    units: int            # units both coded


@dataclass(frozen=True)
class MeasureAgreement:
    measure: str
    coders_alpha: float | None             # among all human coders together
    units: int                             # units coded by at least two human coders
    coder_pairs: tuple[PairAgreement, ...]  # every pair of human coders
    with_toolkit: tuple[PairAgreement, ...]  # each human coder against the toolkit
    toolkit_measured: bool                  # False while the measure is a stub


@dataclass(frozen=True)
class Agreement:
    source: str                              # the CSV file's name
    coders: tuple[str, ...]
    measures: tuple[MeasureAgreement, ...]   # one per measure anyone coded, in MEASURES order
    units: tuple[Unit, ...]


def load_codes(path: str | Path, story: Story) -> tuple[Code, ...]:
    """Read a coders' CSV and locate every row's text in ``story``.

    Raises:
        InputError: the file is missing or not UTF-8, lacks a column, has no
            rows, or a row names an unknown file, measure or label, has an
            empty coder, or a text that does not occur exactly once.
    """
    path = Path(path)
    text = read_text(path)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise InputError(path, f"is not valid CSV ({error})") from None
    header = [name.strip().casefold() for name in rows[0]] if rows else []
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise InputError(path, f"has no {missing[0]!r} column (needs {', '.join(COLUMNS)})")
    where = {column: header.index(column) for column in COLUMNS}
    coverage = {d.file: d for d in story.coverage}
    codes = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(where.values()):
            raise InputError(path, f"line {number}: {len(row)} fields, too few for the columns {', '.join(COLUMNS)}")
        value = {column: row[index].strip() for column, index in where.items()}
        if not value["coder"]:
            raise InputError(path, f"line {number}: the coder is empty")
        if value["coder"] == TOOLKIT:
            raise InputError(path, f"line {number}: coder name {TOOLKIT!r} is reserved for the toolkit")
        document = coverage.get(value["file"])
        if document is None:
            raise InputError(path, f"line {number}: {value['file']!r} is not a coverage document of story {story.name!r}")
        measure = _MEASURE_NAMES.get(value["measure"].casefold())
        if measure is None:
            raise InputError(path, f"line {number}: measure {value['measure']!r} is not one of {', '.join(MEASURES)}")
        if value["label"] not in _LABELS[measure]:
            raise InputError(path, f"line {number}: {measure} label {value['label']!r} is not in the codebook "
                                   f"({', '.join(_LABELS[measure])})")
        wanted = normalise(row[where["text"]]).strip()
        count = document.text.count(wanted) if wanted else 0
        if count != 1:
            raise InputError(path, f"line {number}: text occurs {count} times in {document.file} "
                                   f"(must be once): {wanted[:60]!r}")
        start = document.text.index(wanted)
        codes.append(Code(number, value["coder"], document.file, measure, wanted, (start, start + len(wanted)),
                          value["label"]))
    if not codes:
        raise InputError(path, "has no coded rows")
    return tuple(codes)


def agreement(codes: Sequence[Code], analysis: StoryAnalysis, *, source: str = "") -> Agreement:
    """Alpha per measure among the coders, between each pair, and each coder with the toolkit.

    Raises:
        ValueError: a coder gives one unit two different labels (naming the CSV lines).
    """
    coders = tuple(sorted({code.coder for code in codes}))
    all_units: list[Unit] = []
    measures = []
    for measure in MEASURES:
        coded = [code for code in codes if code.measure == measure]
        if not coded:
            continue
        measured = registered(measure).implemented
        units = []
        for file in sorted({code.file for code in coded}):
            article = analysis.article(file)
            in_file = [code for code in coded if code.file == file]
            for span, labels in _units(measure, in_file, article):
                if measured and article is not None:
                    toolkit = _toolkit_label(measure, span, article)
                    if toolkit is not None:
                        labels = tuple(sorted(labels + ((TOOLKIT, toolkit),)))
                units.append(Unit(measure, file, span, labels))
        all_units.extend(units)
        measures.append(_measure_agreement(measure, units, coders, measured))
    return Agreement(source, coders, tuple(measures), tuple(all_units))


def _units(measure: str, codes: Sequence[Code], article: ArticleAnalysis | None):
    """(span, ((coder, label), ...)) for each unit of one file, in document order."""
    spans = [(_claim_sentence(code.span, article) if measure == "claims" else code.span) for code in codes]
    order = sorted(range(len(codes)), key=lambda i: (spans[i], codes[i].line))
    groups: list[list[int]] = []
    end = -1
    for i in order:
        start, stop = spans[i]
        if groups and start < end:
            groups[-1].append(i)
            end = max(end, stop)
        else:
            groups.append([i])
            end = stop
    for group in groups:
        labels: dict[str, Code] = {}
        for i in group:
            code = codes[i]
            other = labels.setdefault(code.coder, code)
            if other.label != code.label:
                raise ValueError(f"lines {other.line} and {code.line}: coder {code.coder!r} gives one "
                                 f"{measure} unit two labels ({other.label}, {code.label})")
        span = (min(spans[i][0] for i in group), max(spans[i][1] for i in group))
        yield span, tuple(sorted((coder, code.label) for coder, code in labels.items()))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _claim_sentence(span: tuple[int, int], article: ArticleAnalysis | None) -> tuple[int, int]:
    """The document span of the body sentence ``span`` falls in most; ``span`` itself outside the body."""
    if article is None:
        return span
    sentences = [(s.doc_start, s.doc_end) for s in article.cleaning.body.sentences]
    best = max(sentences, key=lambda s: _overlap(s, span), default=None)
    return best if best is not None and _overlap(best, span) else span


def _toolkit_label(measure: str, span: tuple[int, int], article: ArticleAnalysis) -> str | None:
    records: Iterable = {"quotes": article.quotes.quotes, "claims": article.claims.claims,
                         "numbers": article.figures.figures}[measure]
    best = max(records, key=lambda record: _overlap(record.span, span), default=None)
    if best is None or not _overlap(best.span, span):
        return None
    if best.label is None:  # an unlabelled figure is a match, as in evaluate
        return "match" if measure == "numbers" else None
    return best.label


def _alpha_of(units: Sequence[Unit], coders: Iterable[str]) -> tuple[float | None, int]:
    """Alpha among ``coders`` on ``units``, and how many units two or more of them coded."""
    chosen = set(coders)
    triples = [(coder, str(index), label) for index, unit in enumerate(units)
               for coder, label in unit.labels if coder in chosen]
    per_unit: dict[str, int] = {}
    for _, unit, _ in triples:
        per_unit[unit] = per_unit.get(unit, 0) + 1
    return coded_alpha(triples), sum(1 for count in per_unit.values() if count > 1)


def _measure_agreement(measure: str, units: Sequence[Unit], coders: tuple[str, ...], measured: bool) -> MeasureAgreement:
    together, compared = _alpha_of(units, coders)
    pairs = tuple(PairAgreement((a, b), *_alpha_of(units, (a, b))) for a, b in combinations(coders, 2))
    with_toolkit = tuple(PairAgreement((coder, TOOLKIT), *_alpha_of(units, (coder, TOOLKIT)))
                         for coder in coders) if measured else ()
    return MeasureAgreement(measure, together, compared, pairs, with_toolkit, measured)
