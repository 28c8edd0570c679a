"""The replication bundle: a CSV per measure, results.json, a data dictionary, the codebook, a manifest.

``write_bundle(analyses, out, config)`` writes, for one story or several:

- ``documents.csv``, ``lines.csv`` (boilerplate), ``sentences.csv`` (with the
  alignment once it is measured) and one CSV per implemented measure
  (``quotes``, ``figures``, ``claims``, ``omissions``, ``copying``,
  ``readability``, ``framing``): UTF-8, a header row, rows in story, document
  and record order, floats with ``DECIMALS`` decimals, spans as
  ``*_start``/``*_end`` document offsets, lists as JSON;
- ``results.json`` (one story: exactly what ``sourcedrift analyze`` writes;
  several: ``{"stories": [...]}``);
- ``datapackage.json``: the data dictionary, a Frictionless Data Package whose
  resources carry a Table Schema (every column's type and meaning, label
  columns constrained to the codebook's values);
- ``codebook.md``;
- ``manifest.json``: toolkit, Python and dependency versions, which measures
  were implemented, the full configuration and its SHA-256, and the SHA-256
  of every input and every output. No absolute paths, no time stamps: two
  runs on the same inputs give byte-identical files.

Columns come from the records' dataclass fields, so a field a measure adds
shows up as a column without a change here; a measure that is still a
placeholder has no CSV (the manifest says so).
"""

from __future__ import annotations

import csv
import dataclasses
import enum
import hashlib
import io
import json
import math
import platform
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from analysis import __version__
from analysis.pipeline import StoryAnalysis
from reports.results_json import DECIMALS, dumps, plain, results

MANIFEST = "manifest.json"
DATA_DICTIONARY = "datapackage.json"
CODEBOOK = "codebook.md"

# What the fixed columns and the commonest record fields mean.
DESCRIPTIONS = {
    "story": "the story's name (its folder)",
    "file": "the document's file name in the story folder",
    "role": "primary (the source) or coverage (an article)",
    "index": "the record's position in its document, from 0, in the measure's order",
    "start": "start of the span: character offset into the document as loaded (codebook, 'Units')",
    "end": "end of the span (exclusive): character offset into the document as loaded",
    "text": "the words of the span",
    "label": "the codebook label",
    "kind": "the codebook kind of an added claim",
    "speaker": "who the article credits, named as in the primary; empty when nobody",
    "sentence": "index of the sentence in the document's body, from 0",
    "paragraph": "index of the paragraph in the document's body, from 0",
    "value": "the figure's numeric value",
    "score": "alignment score, 0 (nothing shared) to 1 (identical)",
    "segments": "the quoted segments' document spans, as a JSON list of [start, end]",
    "reasons": "the evidence that decided the label, most decisive first",
    "features": "the evidence a quotation's label was decided from, as a JSON list of [feature, value] "
                "(analysis/measures/quotes.py, fidelity_features)",
}
LABEL_VALUES = {
    "quotes": ("exact", "trivial", "marked", "spliced", "altered", "unsourced", "misattributed"),
    "claims": ("supported", "added", "contradicted"),
    "figures": ("match", "rounded", "mismatch", "unsourced"),
}
KIND_VALUES = ("historical", "political", "speculation", "detail", "editorial", "promotional")


# ----------------------------------------------------------------- hashing and canonical JSON


def canonical_json(value: Any) -> str:
    """Compact JSON with sorted keys: the form the configuration hash is taken of."""
    return json.dumps(plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def config_hash(config: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of a run's configuration (settings and options)."""
    return hashlib.sha256(canonical_json(config).encode("utf-8")).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ----------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    name: str
    type: str                       # Table Schema type
    description: str
    get: Callable[[Any], Any]
    values: tuple[str, ...] = ()    # allowed values (codebook labels)


def _fixed(name: str, type_: str, get: Callable[[Any], Any], description: str = "",
           values: tuple[str, ...] = ()) -> Column:
    return Column(name, type_, description or DESCRIPTIONS.get(name, name.replace("_", " ")), get, values)


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _kind_of(hint: Any) -> str:
    """The column kind of a field's type: a Table Schema type, or span / record / json."""
    hint = _strip_optional(hint)
    origin = typing.get_origin(hint)
    if hint is bool:
        return "boolean"
    if hint is int:
        return "integer"
    if hint is float:
        return "number"
    if hint is str or origin is typing.Literal or (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        return "string"
    if origin is tuple and typing.get_args(hint) == (int, int):
        return "span"
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return "record"
    if origin in (tuple, list) or hint in (tuple, list):
        return "array"
    return "object"


def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # an annotation that does not resolve: fall back to the values
        return {}


def _kind_of_values(values: Iterable[Any]) -> str:
    seen = [v for v in values if v is not None]
    if not seen:
        return "string"
    if all(isinstance(v, bool) for v in seen):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return "integer"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen):
        return "number"
    if all(isinstance(v, (str, enum.Enum)) for v in seen):
        return "string"
    if all(isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, int) for x in v) for v in seen):
        return "span"
    if all(dataclasses.is_dataclass(v) for v in seen):
        return "record"
    if all(isinstance(v, (tuple, list)) for v in seen):
        return "array"
    return "object"


def _getter(outer: Callable[[Any], Any], name: str) -> Callable[[Any], Any]:
    def get(row: Any) -> Any:
        record = outer(row)
        return None if record is None else getattr(record, name, None)
    return get


def record_columns(cls: type, records: Sequence[Any], *, get: Callable[[Any], Any] = lambda r: r,
                   prefix: str = "", depth: int = 0) -> list[Column]:
    """Columns for every field of dataclass ``cls``: spans split in two, nested records flattened once."""
    hints = _hints(cls)
    columns = []
    for field in dataclasses.fields(cls):
        name = f"{prefix}{field.name}"
        field_get = _getter(get, field.name)
        hint = hints.get(field.name)
        kind = _kind_of(hint) if hint is not None else _kind_of_values(field_get(r) for r in records)
        values: tuple[str, ...] = ()
        if hint is not None and typing.get_origin(_strip_optional(hint)) is typing.Literal:
            values = tuple(str(v) for v in typing.get_args(_strip_optional(hint)))
        described = DESCRIPTIONS.get(field.name, f"{cls.__name__}.{field.name} (see the module's docstring)")
        if kind == "span":
            columns.append(Column(f"{name}_start", "integer", f"{described}: start offset", _part(field_get, 0)))
            columns.append(Column(f"{name}_end", "integer", f"{described}: end offset (exclusive)", _part(field_get, 1)))
        elif kind == "record" and depth == 0:
            nested = _strip_optional(hint) if hint is not None else type(next(
                (field_get(r) for r in records if field_get(r) is not None), None))
            if isinstance(nested, type) and dataclasses.is_dataclass(nested):
                columns.extend(record_columns(nested, records, get=field_get, prefix=f"{name}_", depth=1))
            else:
                columns.append(Column(name, "object", described, field_get))
        elif kind == "record":
            columns.append(Column(name, "object", described, field_get))
        else:
            columns.append(Column(name, kind, described, field_get, values))
    return columns


def _part(get: Callable[[Any], Any], i: int) -> Callable[[Any], Any]:
    def part(row: Any) -> Any:
        span = get(row)
        return span[i] if isinstance(span, (tuple, list)) and len(span) == 2 else None
    return part


# OWASP's guidance on CSV injection: a cell a spreadsheet would read as a
# formula (or whose leading tab or carriage return hides one) gets a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Bidirectional controls reorder what a reader sees (the "Trojan Source"
# trick); each becomes U+FFFD, one character for one, as in the handouts.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_VISIBLE = {ord(ch): "\ufffd" for ch in BIDI_CONTROLS}
SPREADSHEET_NOTE = ("Text cells that begin with =, +, -, @, a tab or a carriage return carry a leading ' so that "
                    "a spreadsheet shows them as text instead of running them as formulas (OWASP, CSV injection); "
                    "bidirectional control characters are shown as U+FFFD. See codebook.md, 'Data dictionary'.")


TEXT_CELL_NOTE = " (a leading ' marks a cell that began with = + - @ tab or CR: see the data dictionary)"


def neutralise(text: str) -> str:
    """A text cell made safe to open in a spreadsheet: formula starts escaped, bidi controls visible."""
    text = text.translate(_BIDI_VISIBLE)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any, kind: str) -> str:
    """One CSV cell: fixed decimals, true/false, JSON for lists and records, empty for None; text neutralised."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    if kind == "boolean" or isinstance(value, bool):
        return "true" if value else "false"
    if kind == "number" or isinstance(value, float):
        if not isinstance(value, (int, float)):
            return neutralise(str(value))
        number = float(value)
        return "" if math.isnan(number) or math.isinf(number) else f"{number:.{DECIMALS}f}"
    if kind == "integer" and isinstance(value, int):
        return str(value)
    if kind in ("array", "object") or isinstance(value, (tuple, list, dict)) or dataclasses.is_dataclass(value):
        return neutralise(json.dumps(plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return neutralise(str(value))


# ----------------------------------------------------------------- tables


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[Any, ...]           # each row is whatever the columns' getters read
    key: tuple[str, ...]

    def csv(self) -> str:
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([c.name for c in self.columns])
        for row in self.rows:
            writer.writerow([cell(c.get(row), c.type) for c in self.columns])
        return stream.getvalue()

    def schema(self) -> dict:
        fields = []
        for c in self.columns:
            described = c.description + (TEXT_CELL_NOTE if c.type in ("string", "array", "object") else "")
            entry = {"name": c.name, "type": c.type, "description": described}
            if c.type in ("array", "object"):
                entry["format"] = "default"
            if c.values:
                entry["constraints"] = {"enum": list(c.values)}
            fields.append(entry)
        schema = {"fields": fields, "missingValues": [""]}
        if self.key:
            schema["primaryKey"] = list(self.key)
        return schema


@dataclass(frozen=True)
class _Row:
    story: str
    file: str
    role: str
    index: int
    record: Any


def _key_columns() -> list[Column]:
    return [_fixed("story", "string", lambda r: r.story), _fixed("file", "string", lambda r: r.file)]


def _documents(analyses: Sequence[StoryAnalysis]) -> Iterator[tuple[StoryAnalysis, Any, str]]:
    for analysis in analyses:
        yield analysis, analysis.primary, "primary"
        for article in analysis.articles:
            yield analysis, article, "coverage"


def _records_table(name: str, description: str, analyses: Sequence[StoryAnalysis], ready: frozenset[str],
                   records: Callable[[Any], Sequence[Any]], *, primary: bool, label_values: tuple[str, ...] = ()
                   ) -> Table:
    rows = []
    for analysis, part, role in _documents(analyses):
        if role == "primary" and not primary:
            continue
        for i, record in enumerate(records(part) or ()):
            rows.append(_Row(analysis.story.name, part.document.file, role, i, record))
    records_ = [r.record for r in rows]
    cls = next((type(r) for r in records_ if dataclasses.is_dataclass(r)), None)
    columns = _key_columns() + [_fixed("role", "string", lambda r: r.role, values=("primary", "coverage")),
                                _fixed("index", "integer", lambda r: r.index)]
    if cls is not None:
        fields = record_columns(cls, records_, get=lambda r: r.record)
        for f in fields:
            if f.name == "label" and label_values:
                f = dataclasses.replace(f, values=label_values)
            if f.name == "kind" and name == "claims":
                f = dataclasses.replace(f, values=KIND_VALUES)
            columns.append(f)
    elif records_:
        columns.append(_fixed("text", "string", lambda r: str(r.record)))
    return Table(name, description, tuple(columns), tuple(rows), ("story", "file", "index"))


def _single_table(name: str, description: str, analyses: Sequence[StoryAnalysis], ready: frozenset[str],
                  record: Callable[[Any], Any], *, primary: bool) -> Table:
    rows = [_Row(a.story.name, part.document.file, role, 0, record(part))
            for a, part, role in _documents(analyses) if primary or role != "primary"]
    records_ = [r.record for r in rows]
    cls = next((type(r) for r in records_ if dataclasses.is_dataclass(r)), None)
    columns = _key_columns() + [_fixed("role", "string", lambda r: r.role, values=("primary", "coverage"))]
    if cls is not None:
        columns += record_columns(cls, records_, get=lambda r: r.record)
    return Table(name, description, tuple(columns), tuple(rows), ("story", "file"))


def tables(analyses: Sequence[StoryAnalysis], ready: frozenset[str]) -> list[Table]:
    """One table per measure (and the documents, lines and sentences), in a fixed order."""
    found: list[Table] = []

    # documents: manifest fields, cleaning summary and, once measured, the event check
    doc_rows = [_Row(a.story.name, part.document.file, role, 0, part) for a, part, role in _documents(analyses)]
    columns = _key_columns() + [
        _fixed("role", "string", lambda r: r.role, values=("primary", "coverage")),
        _fixed("outlet", "string", lambda r: r.record.document.outlet, "outlet as given in story.toml"),
        _fixed("published", "string", lambda r: r.record.document.published, "publication date as given in story.toml"),
        _fixed("url", "string", lambda r: r.record.document.url, "URL as given in story.toml"),
        _fixed("headline", "string", lambda r: r.record.cleaning.headline, "the headline line found by cleaning"),
        _fixed("characters", "integer", lambda r: len(r.record.document.text), "length of the document as loaded"),
        _fixed("body_paragraphs", "integer", lambda r: len(r.record.cleaning.body.paragraphs), "paragraphs in the body"),
        _fixed("body_sentences", "integer", lambda r: len(r.record.cleaning.body.sentences), "sentences in the body"),
        _fixed("boilerplate_lines", "integer",
               lambda r: sum(1 for line in r.record.cleaning.lines if line.label == "boilerplate"),
               "lines classified as boilerplate"),
        _fixed("paywall", "boolean", lambda r: r.record.cleaning.paywall.detected,
               "codebook 'paywall': the text is cut or interrupted by a paywall"),
        _fixed("paywall_evidence", "array", lambda r: r.record.cleaning.paywall.evidence,
               "why the paywall was detected (JSON list)"),
    ]
    if "event" in ready:
        columns += [
            _fixed("same_event", "boolean", lambda r: getattr(getattr(r.record, "event", None), "same_event", None),
                   "codebook 'same_event': the article reports the primary's event (empty for the primary)"),
            _fixed("event_confidence", "number", lambda r: getattr(getattr(r.record, "event", None), "confidence", None),
                   "confidence of the event check, 0 to 1"),
            _fixed("event_reference", "string",
                   lambda r: getattr(getattr(getattr(r.record, "event", None), "reference", None), "id", None),
                   "id of the reference sheet the article's figures were checked against, if any"),
            _fixed("event_evidence", "array", lambda r: getattr(getattr(r.record, "event", None), "evidence", None),
                   "reasons for the event check, most telling first (JSON list)"),
        ]
    found.append(Table("documents", "One row per document: its manifest entry, cleaning summary and event check.",
                       tuple(columns), tuple(doc_rows), ("story", "file")))

    # lines: every non-blank line and what cleaning made of it
    line_rows = [_Row(a.story.name, part.document.file, role, line.index, line)
                 for a, part, role in _documents(analyses) for line in part.cleaning.lines]
    from analysis.readers.cleaning import LineLabel

    columns = _key_columns() + [_fixed("role", "string", lambda r: r.role, values=("primary", "coverage"))]
    columns += record_columns(LineLabel, [r.record for r in line_rows], get=lambda r: r.record)
    found.append(Table("lines", "One row per non-blank line: body or boilerplate (codebook 'Boilerplate').",
                       tuple(columns), tuple(line_rows), ("story", "file", "index")))

    # sentences: the body's sentences, with the alignment once it is measured
    sentence_rows = []
    for a, part, role in _documents(analyses):
        matches = {}
        if role == "coverage" and "alignment" in ready:
            matches = {m.sentence: m for m in part.alignment.matches}
        for s in part.cleaning.body.sentences:
            sentence_rows.append(_Row(a.story.name, part.document.file, role, s.index, (s, matches.get(s.index))))
    columns = _key_columns() + [
        _fixed("role", "string", lambda r: r.role, values=("primary", "coverage")),
        _fixed("sentence", "integer", lambda r: r.record[0].index),
        _fixed("paragraph", "integer", lambda r: r.record[0].paragraph),
        _fixed("start", "integer", lambda r: r.record[0].doc_start),
        _fixed("end", "integer", lambda r: r.record[0].doc_end),
        _fixed("kind", "string", lambda r: r.record[0].kind, "the paragraph's kind: headline, heading, bullet or text"),
        _fixed("text", "string", lambda r: r.record[0].text),
    ]
    if "alignment" in ready:
        columns += [
            _fixed("aligned_primary", "array", lambda r: r.record[1].primary if r.record[1] else None,
                   "indices of the primary's sentences that best support it (JSON list; coverage only)"),
            _fixed("alignment_score", "number", lambda r: r.record[1].score if r.record[1] else None,
                   "alignment score, 0 (nothing shared) to 1 (identical)"),
            _fixed("alignment_shared", "array", lambda r: r.record[1].shared if r.record[1] else None,
                   "wording shared with the primary (JSON list)"),
        ]
    found.append(Table("sentences", "One row per body sentence, with its alignment to the primary.",
                       tuple(columns), tuple(sentence_rows), ("story", "file", "sentence")))

    if "quotes" in ready:
        found.append(_records_table("quotes", "One row per quotation (codebook 'Quotes'); the primary's are unlabelled.",
                                    analyses, ready, lambda p: p.quotes.quotes, primary=True,
                                    label_values=LABEL_VALUES["quotes"]))
    if "numbers" in ready:
        found.append(_records_table("figures", "One row per figure (codebook 'Numbers'); the primary's are unlabelled.",
                                    analyses, ready, lambda p: p.figures.figures, primary=True,
                                    label_values=LABEL_VALUES["figures"]))
    if "claims" in ready:
        found.append(_records_table("claims", "One row per coverage sentence and its claim label (codebook 'Claims').",
                                    analyses, ready, lambda p: p.claims.claims, primary=False,
                                    label_values=LABEL_VALUES["claims"]))
    if "omissions" in ready:
        found.append(_records_table("omissions", "One row per item of the primary an article left out.",
                                    analyses, ready, lambda p: getattr(p.omissions, "items", ()), primary=False))
    if "copying" in ready:
        found.append(_single_table("copying", "One row per article: how much it copies from the primary.",
                                   analyses, ready, lambda p: p.copying, primary=False))
    if "readability" in ready:
        found.append(_single_table("readability", "One row per document: readability (textstat).",
                                   analyses, ready, lambda p: p.readability, primary=True))
    if "framing" in ready:
        found.append(_single_table("framing", "One row per article: hedges, loaded words, tone, attribution.",
                                   analyses, ready, lambda p: p.framing, primary=False))
    return found


# ----------------------------------------------------------------- the bundle


def dependency_versions() -> dict[str, str]:
    """Python and every runtime dependency of sourcedrift, with the installed version."""
    versions = {"python": platform.python_version()}
    try:
        requirements = metadata.requires("sourcedrift") or []
    except metadata.PackageNotFoundError:
        requirements = []
    import re

    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        name = re.match(r"[A-Za-z0-9_.\-]+", requirement)
        if not name:
            continue
        try:
            versions[name.group()] = metadata.version(name.group())
        except metadata.PackageNotFoundError:
            versions[name.group()] = "not installed"
    return dict(sorted(versions.items()))


def story_inputs(analysis: StoryAnalysis) -> list[dict]:
    """Every file the story's analysis read, hashed: the manifest, the texts, the reference sheets."""
    story = analysis.story
    names = ["story.toml"] + [d.file for d in story.documents] + [r.file for r in story.references]
    found = []
    for name in dict.fromkeys(names):
        path = Path(story.directory) / name
        if path.is_file():
            found.append({"story": story.name, "path": f"{story.name}/{name}", "sha256": sha256(path.read_bytes())})
    return found


def measure_status(ready: frozenset[str]) -> dict[str, str]:
    from reports.view import MEASURES

    return {name: ("implemented" if name in ready else "not available yet") for name in sorted(MEASURES)}


def bundle_files(analyses: Sequence[StoryAnalysis], config: dict, *, ready: frozenset[str] | None = None
                 ) -> dict[str, bytes]:
    """Every file of the bundle but the manifest, by name."""
    from reports.view import ready_measures

    ready = ready_measures() if ready is None else ready
    files: dict[str, bytes] = {}
    resources_ = []
    for table in tables(analyses, ready):
        path = f"{table.name}.csv"
        files[path] = table.csv().encode("utf-8")
        resources_.append({
            "name": table.name,
            "path": path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": table.description,
            "schema": table.schema(),
        })
    if len(analyses) == 1:
        files["results.json"] = dumps(results(analyses[0])).encode("utf-8")
    else:
        files["results.json"] = dumps({"stories": [results(a) for a in analyses]}).encode("utf-8")
    package = {
        "profile": "tabular-data-package",
        "name": "sourcedrift-" + "-".join(a.story.name.lower().replace("_", "-") for a in analyses)[:80],
        "title": "sourcedrift results: " + ", ".join(a.story.title or a.story.name for a in analyses),
        "description": "How each article drifts from its primary source, measure by measure. "
                       "Labels are defined in codebook.md; offsets are into the documents as loaded. "
                       + SPREADSHEET_NOTE,
        "version": __version__,
        "resources": resources_,
    }
    files[DATA_DICTIONARY] = dumps(package).encode("utf-8")
    files[CODEBOOK] = resources.files("analysis").joinpath("data/codebook.md").read_bytes()
    return files


def model_files(analyses: Sequence[StoryAnalysis]) -> list[dict[str, str]]:
    """The learned model files that decided claims, quotations, lines, paywalls, figures and events (task, file name, SHA-256); none for the rules."""
    from analysis.measures import event, figures as numbers
    from analysis.measures.claims import FEATURE_SET
    from analysis.readers.cleaning import deciders_of
    from analysis.learning.deciders import event_decider, figure_decider
    from analysis.learning.models import claim_decider
    from analysis.learning.quote_labels import quote_decider
    from analysis.measures.quotes import FEATURE_SET as QUOTE_FEATURES

    settings = {a.settings for a in analyses}
    return [entry for s in sorted(settings, key=repr)
            for entry in (*claim_decider(s, FEATURE_SET).files(), *quote_decider(s, QUOTE_FEATURES).files(),
                          *deciders_of(s).files(), *figure_decider(s, numbers.FEATURE_SET).files(),
                          *event_decider(s, event.FEATURE_SET).files())]


def manifest(analyses: Sequence[StoryAnalysis], config: dict, outputs: dict[str, bytes], *,
             ready: frozenset[str], report_outputs: dict[str, bytes] | None = None) -> dict:
    """The manifest: versions, configuration, and the SHA-256 of every input and output."""
    found = {
        "toolkit": {"name": "sourcedrift", "version": __version__},
        "dependencies": dependency_versions(),
        "measures": measure_status(ready),
        "configuration": plain(config),
        "configuration_sha256": config_hash(config),
        "models": model_files(analyses),
        "stories": [a.story.name for a in analyses],
        "inputs": [entry for a in analyses for entry in story_inputs(a)],
        "outputs": [{"path": name, "sha256": sha256(data)} for name, data in sorted(outputs.items())],
    }
    if report_outputs:
        found["report_outputs"] = [{"path": name, "sha256": sha256(data)} for name, data in sorted(report_outputs.items())]
    return found


def bundle_with_manifest(analyses: Sequence[StoryAnalysis], config: dict, *,
                         report_outputs: dict[str, bytes] | None = None,
                         ready: frozenset[str] | None = None) -> dict[str, bytes]:
    """Every file of the bundle, the manifest included, by name."""
    from reports.view import ready_measures

    ready = ready_measures() if ready is None else frozenset(ready)
    files = bundle_files(analyses, config, ready=ready)
    files[MANIFEST] = dumps(manifest(analyses, config, dict(files), ready=ready,
                                     report_outputs=report_outputs)).encode("utf-8")
    return files


def write_bundle(analyses: Sequence[StoryAnalysis], out: Path, config: dict, *,
                 report_outputs: dict[str, bytes] | None = None, ready: frozenset[str] | None = None) -> list[Path]:
    """Write the replication bundle of ``analyses`` into folder ``out``; return the files written.

    Args:
        config: the run's full configuration (settings and options), JSON-ready;
            recorded in the manifest with its SHA-256.
        report_outputs: the other outputs of a ``sourcedrift report`` run (path
            relative to the report folder -> bytes), listed in the manifest
            with their hash under ``report_outputs``.
        ready: the measures to include (default: those implemented).

    ``out`` is a folder being built: callers that replace an output write the
    bundle into their staging folder (``reports.files.staged_output``).
    """
    from reports.files import write_tree

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files = bundle_with_manifest(analyses, config, report_outputs=report_outputs, ready=ready)
    write_tree(out, files)
    return [out / name for name in sorted(files)]
